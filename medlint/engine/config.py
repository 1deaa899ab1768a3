"""Configuration: where it is found, what it may say, and the settings it gives each file.

Found from a file's folder upward: ``.medlint.yaml`` / ``.medlint.yml``, or ``[tool.medlint]``
in ``pyproject.toml`` (the nearest wins); ``--config PATH`` overrides discovery. Every key is
validated, and a broken config is a ConfigError naming the file and line.

Keys (``-`` and ``_`` are interchangeable)::

    select: [SAF, LNG001, committed-suicide, "CLM*"]   # default: every default-enabled rule
    extend-select: [...]                                # add to the default set
    ignore: [...]
    severity: {CLM001: error}
    fail-on: warning                                    # lowest severity that makes exit 1
    exclude: ["drafts/**", "vendor/*.md"]
    packs: [house-style.yaml]                           # extra YAML packs, paths relative to config
    ignore-patterns: ['[$][^$]+[$]']                    # regexes of inline markup to leave unread
    ignore-blocks: ['(?s)<Quiz>.*?</Quiz>']             # regexes of markup that may span lines
    options: {readability: {target-grade: 7}}           # by check name, rule code or rule name
    overrides:                                          # per-path changes, applied in order
      - files: ["clinicians/**"]
        ignore: [RDB]
        severity: {...}
        options: {...}
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from medlint.checks.packs import load_pack_file
from medlint.knowledge.resources import read_limited
from medlint.engine import registry
from medlint.model import yamlio
from medlint.model.diagnostics import Severity
from medlint.model.errors import ConfigError, PackError
from medlint.model.markup import NO_IGNORES, Ignores
from medlint.model.rule import Check

CONFIG_NAMES = (".medlint.yaml", ".medlint.yml", "pyproject.toml")
_LIST_KEYS = ("select", "extend_select", "ignore", "exclude", "packs", "ignore_patterns", "ignore_blocks")
_TOP_KEYS = set(_LIST_KEYS) | {"severity", "fail_on", "options", "overrides"}
_OVERRIDE_KEYS = {"files", "select", "extend_select", "ignore", "severity", "options"}


def _norm(key: Any) -> str:
    return str(key).replace("-", "_")


def spelled(key: Any) -> str:
    """A key or option name as users read and write it: kebab-case (``target-grade``)."""
    return str(key).replace("_", "-")


def glob_to_regex(pattern: str) -> re.Pattern:
    """A gitignore-like glob: ``**`` crosses folders; a pattern without ``/`` matches a name."""
    pattern = pattern.strip("/")
    if "/" not in pattern:
        pattern = "**/" + pattern
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?$")


def resolve_selectors(selectors: list[str], where: str = "", line: int | None = None) -> set[str]:
    """Codes named by selectors: ALL, a family (SAF), a code, a rule name, or a glob (CLM*).

    The rules are indexed once per call (code, family and name to codes) and each distinct
    selector is looked up once, so a list of 400,000 selectors costs a dictionary lookup each,
    not a pass over every rule each."""
    rules = registry.all_rules()
    index: dict[str, set[str]] = {}
    for r in rules:
        for key in (r.code, r.family, r.name.lower()):
            index.setdefault(key, set()).add(r.code)
    out: set[str] = set()
    for sel in dict.fromkeys(str(sel).strip() for sel in selectors):
        if sel.upper() == "ALL":
            out.update(r.code for r in rules)
            continue
        matched = index.get(sel.upper(), set()) | index.get(sel.lower(), set())
        if any(c in sel for c in "*?["):
            matched = matched | {r.code for r in rules if fnmatch.fnmatchcase(r.code, sel.upper()) or fnmatch.fnmatchcase(r.name, sel.lower())}
        if not matched:
            raise ConfigError(where or "command line", f"'{sel}' names no rule, family or code (see `medlint rules`)", line)
        out |= matched
    return out


@dataclass
class Settings:
    """What applies to one file: enabled rules, severities, options, failing severity."""

    enabled_codes: frozenset
    severities: dict
    options: dict
    fail_on: Severity
    config_path: str | None = None
    #: Codes the user named in a select or extend-select (config, override or command line),
    #: as opposed to those enabled by default: a check that cannot run says so only for these.
    explicit_codes: frozenset = frozenset()
    ignores: Ignores = NO_IGNORES  # markup the configuration says to leave unread

    def options_for(self, check: Check) -> dict:
        """The check's options: defaults, overlaid by config given for the check or its rules."""
        values = {_norm(k): opt.default for k, opt in check.options.items()}
        for key in [check.name] + [r.code for r in check.rules] + [r.name for r in check.rules]:
            values.update(self.options.get(key, {}))
        return values

    def severity_of(self, code: str) -> Severity | None:
        return self.severities.get(code)

    def fingerprint(self) -> str:
        """A stable hash of these settings and of what checks depend on outside them (a
        LanguageTool server named in the environment, today's date): part of the cache key.
        Computed afresh each time, since that environment can change within a process."""
        data = {
            "enabled": sorted(self.enabled_codes),
            "severities": {k: v.value for k, v in sorted(self.severities.items())},
            "options": self.options,
            "fail_on": self.fail_on.value,
            "ignores": [p.pattern for p in self.ignores.patterns + self.ignores.blocks],
            "environment": {c.name: c.environment(self.options_for(c)) for c in registry.checks()},
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass
class Config:
    """A parsed configuration file (or the defaults), able to give Settings for any path."""

    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list | None = None
    extend_select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    exclude: list = field(default_factory=list)
    packs: list = field(default_factory=list)
    ignore_patterns: list = field(default_factory=list)
    ignore_blocks: list = field(default_factory=list)
    options: dict = field(default_factory=dict)
    overrides: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)
    cli_select: list | None = None
    cli_ignore: list = field(default_factory=list)
    #: The user packs loaded for ``packs``, by the name the config gives (for ``medlint config``).
    loaded_packs: dict = field(default_factory=dict, repr=False)
    _cache: dict = field(default_factory=dict, repr=False, init=False)

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the config's folder (posix), for glob matching."""
        p = Path(os.path.realpath(path))
        try:
            return p.relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return p.as_posix()

    def _globs(self, globs: list) -> list[re.Pattern]:
        """``globs`` compiled once per configuration, each distinct glob once: a long
        ``exclude`` list is not compiled again for every file (nor thrown out of ``re``'s cache)."""
        key = ("globs", id(globs))
        if key not in self._cache:
            self._cache[key] = [glob_to_regex(g) for g in dict.fromkeys(globs)]
        return self._cache[key]

    def is_excluded(self, path: str | Path) -> bool:
        rel = self.relative(path)
        return any(p.match(rel) for p in self._globs(self.exclude))

    def settings_for(self, path: str | Path = "-") -> Settings:
        applicable = tuple(
            i for i, o in enumerate(self.overrides) if path != "-" and any(p.match(self.relative(path)) for p in self._globs(o["files"]))
        )
        if applicable not in self._cache:
            self._cache[applicable] = self._build(applicable)
        return self._cache[applicable]

    def _build(self, applicable: tuple) -> Settings:
        where = self.path or "configuration"
        rules = registry.all_rules()
        explicit = resolve_selectors(self.select, where, self.lines.get("select")) if self.select is not None else set()
        enabled = set(explicit) if self.select is not None else {r.code for r in rules if r.default_enabled}
        explicit |= resolve_selectors(self.extend_select, where, self.lines.get("extend_select"))
        enabled |= explicit
        enabled -= resolve_selectors(self.ignore, where, self.lines.get("ignore"))
        severities = self._severities(self.severity, self.lines.get("severity"))
        options = {k: dict(v) for k, v in self.options.items()}
        for i in applicable:
            o = self.overrides[i]
            if "select" in o:
                enabled = resolve_selectors(o["select"], where, o.get("_line"))
                explicit |= enabled
            named = resolve_selectors(o.get("extend_select", []), where, o.get("_line"))
            enabled |= named
            explicit |= named
            enabled -= resolve_selectors(o.get("ignore", []), where, o.get("_line"))
            severities.update(self._severities(o.get("severity", {}), o.get("_line")))
            for k, v in o.get("options", {}).items():
                options.setdefault(k, {}).update(v)
        if self.cli_select is not None:
            enabled = resolve_selectors(self.cli_select)
            explicit |= enabled
        enabled -= resolve_selectors(self.cli_ignore)
        return Settings(
            frozenset(enabled), severities, options, self.fail_on, self.path, frozenset(explicit & enabled), self.ignores
        )

    @property
    def ignores(self) -> Ignores:
        """``ignore-patterns`` and ``ignore-blocks``, compiled (checked when the config loads)."""
        if "ignores" not in self._cache:
            self._cache["ignores"] = Ignores.compile(self.ignore_patterns, self.ignore_blocks)
        return self._cache["ignores"]

    def _severities(self, mapping: dict, line: int | None) -> dict:
        out = {}
        for sel, value in mapping.items():
            try:
                sev = Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(self.path or "configuration", str(exc), line) from None
            for code in resolve_selectors([sel], self.path or "configuration", line):
                out[code] = sev
        return out


def _expect(value, kind, path, key, line):
    if kind is list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise ConfigError(path, f"'{key}' must be a list of strings", line)
        return [str(v) for v in value]
    if not isinstance(value, kind):
        raise ConfigError(path, f"'{key}' must be a {kind.__name__}", line)
    return value


def _check_patterns(patterns: list[str], path: str, key: str, line: int | None) -> None:
    """Each pattern must compile and must not match the empty string (it would hide nothing, or
    everything, silently)."""
    for p in patterns:
        try:
            compiled = re.compile(p)
        except re.error as exc:
            raise ConfigError(path, f"'{key}': {p!r} is not a valid regular expression: {exc}", line) from None
        if compiled.fullmatch(""):
            raise ConfigError(path, f"'{key}': {p!r} matches empty text; it must match some markup", line)


def _validate_options(raw: dict, path: str, line_of) -> dict:
    """Check option keys and values against what each check declares."""
    checks = {c.name: c for c in registry.checks()}
    for c in registry.checks():
        for r in c.rules:
            checks.setdefault(r.code, c)
            checks.setdefault(r.name, c)
    out: dict = {}
    for target, values in raw.items():
        line = line_of(target)
        check = checks.get(str(target)) or checks.get(str(target).upper())
        if check is None:
            raise ConfigError(path, f"options for unknown check or rule '{target}'", line)
        if not isinstance(values, dict):
            raise ConfigError(path, f"options for '{target}' must be a mapping", line)
        declared = {_norm(k): v for k, v in check.options.items()}
        bucket = out.setdefault(check.name, {})
        for key, value in values.items():
            k_line = values.lines.get(key, line) if isinstance(values, yamlio.LineDict) else line
            opt = declared.get(_norm(key))
            if opt is None:
                known = ", ".join(sorted(spelled(k) for k in declared)) or "none"
                raise ConfigError(path, f"unknown option '{key}' for '{target}' (known: {known})", k_line)
            try:
                bucket[_norm(key)] = opt.validate(value)
            except ValueError as exc:
                raise ConfigError(path, f"option '{key}' for '{target}': {exc}", k_line) from None
    return out


def parse_config(data: Any, path: str, line_of=None) -> Config:
    """Validate a config mapping (from YAML or TOML) into a Config."""
    line_of = line_of or (lambda key: data.lines.get(key) if isinstance(data, yamlio.LineDict) else None)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, "configuration must be a mapping of keys to values", 1)
    cfg = Config(path=path, root=Path(os.path.realpath(path)).parent)
    for key, value in data.items():
        k = _norm(key)
        line = line_of(key)
        if k not in _TOP_KEYS:
            raise ConfigError(path, f"unknown key '{key}' (known: {', '.join(sorted(map(spelled, _TOP_KEYS)))})", line)
        cfg.lines[k] = line
        if k in _LIST_KEYS:
            setattr(cfg, k, _expect(value, list, path, key, line))
            if k in ("ignore_patterns", "ignore_blocks"):
                _check_patterns(getattr(cfg, k), path, key, line)
        elif k == "severity":
            cfg.severity = _expect(value, dict, path, key, line)
        elif k == "fail_on":
            try:
                cfg.fail_on = Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(path, str(exc), line) from None
        elif k == "options":
            cfg.options = _validate_options(_expect(value, dict, path, key, line), path, lambda t, value=value, line=line: (value.lines.get(t) if isinstance(value, yamlio.LineDict) else line))
        elif k == "overrides":
            if not isinstance(value, list):
                raise ConfigError(path, "'overrides' must be a list of mappings", line)
            for item in value:
                o_line = getattr(item, "line", line)
                if not isinstance(item, dict):
                    raise ConfigError(path, "each override must be a mapping with 'files'", o_line)
                o = {}
                for ok, ov in item.items():
                    nk = _norm(ok)
                    if nk not in _OVERRIDE_KEYS:
                        raise ConfigError(path, f"unknown key '{ok}' in override (known: {', '.join(sorted(map(spelled, _OVERRIDE_KEYS)))})", getattr(item, "lines", {}).get(ok, o_line))
                    if nk in ("severity",):
                        o[nk] = _expect(ov, dict, path, ok, o_line)
                    elif nk == "options":
                        o[nk] = _validate_options(_expect(ov, dict, path, ok, o_line), path, lambda t, o_line=o_line: o_line)
                    else:
                        o[nk] = _expect(ov, list, path, ok, o_line)
                if "files" not in o:
                    raise ConfigError(path, "override lacks 'files'", o_line)
                o["_line"] = o_line
                cfg.overrides.append(o)
    for pack in cfg.packs:
        if not isinstance(pack, str) or not pack.strip():
            raise ConfigError(path, f"'packs' lists pack files by name, not {pack!r}", cfg.lines.get("packs"))
        try:
            check = load_pack_file(cfg.root / pack)
        except PackError as exc:
            if exc.line is not None:
                raise
            # The pack cannot be read at all (missing, a folder, a device): the config named it.
            raise ConfigError(path, f"pack {pack}: {exc.message}", cfg.lines.get("packs")) from None
        cfg.loaded_packs[pack] = check
        if check.name in {c.name for c in registry.checks()}:
            continue  # the same pack, named by another config of this run
        try:
            registry.register(check, str(cfg.root / pack))
        except ValueError as exc:
            raise ConfigError(path, f"pack {pack}: {exc}", cfg.lines.get("packs")) from None
    # Validate selectors now, so a typo fails at load time with its line.
    cfg.settings_for("-")
    return cfg


def _toml_line(text: str, key: str) -> int | None:
    m = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_config_file(path: str | Path) -> Config | None:
    """Load a config file; ``None`` when it is a pyproject.toml without ``[tool.medlint]``."""
    path = Path(path)
    try:
        text = read_limited(path).decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read configuration: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"cannot read configuration: {exc}") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise ConfigError(str(path), f"invalid TOML: {exc}", int(m.group(1)) if m else None) from None
        except RecursionError:
            raise ConfigError(str(path), "invalid TOML: nested too deeply") from None
        section = data.get("tool", {}).get("medlint")
        if section is None:
            return None
        return parse_config(section, str(path), lambda key: _toml_line(text, str(key)))
    data = yamlio.load(text, str(path), ConfigError)
    return parse_config(data, str(path))


class Configs:
    """The configurations of one run, each loaded once.

    ``--config`` (``explicit``) is parsed when the run starts, so a broken one is one
    ConfigError for the whole run. Discovered files are parsed once per folder; a broken one is
    remembered and raised for each file under it (the run reports it once). The command line's
    ``--select``/``--ignore`` are checked now and laid over each configuration once. A Configs
    lives as long as its run (in the language server: until a configuration file is saved), so
    an edited configuration file applies from the next run on.
    """

    def __init__(self, explicit: str | Path | None = None, select: list[str] | None = None, ignore: list[str] | None = None):
        self.select = list(select) if select else None
        self.ignore = list(ignore or [])
        self._folders: dict[Path, Config | ConfigError] = {}
        self._explicit: Config | None = None
        if explicit is not None:
            cfg = load_config_file(explicit)
            if cfg is None:
                raise ConfigError(str(explicit), "no [tool.medlint] section in this file")
            self._explicit = self._with_cli(cfg)
        if self.select or self.ignore:  # checked now, once; the config found here may add rules (packs)
            if explicit is None:
                self._discover(Path.cwd())
            resolve_selectors(self.select or [])
            resolve_selectors(self.ignore)

    def _with_cli(self, config: Config) -> Config:
        if not self.select and not self.ignore:
            return config
        return replace(config, cli_select=self.select, cli_ignore=self.ignore)

    def for_path(self, path: str | Path) -> Config:
        """The config that applies to ``path`` (ConfigError when that config is broken)."""
        if self._explicit is not None:
            return self._explicit
        p = Path(os.path.realpath(path)) if str(path) != "-" else Path.cwd()
        found = self._discover(p if p.is_dir() else p.parent)
        if isinstance(found, ConfigError):
            raise ConfigError(found.path, found.message, found.line)
        return found

    def settings_for(self, path: str | Path) -> Settings:
        return self.for_path(path).settings_for(path)

    def _discover(self, folder: Path) -> Config | ConfigError:
        """The nearest config at or above ``folder`` (or the defaults), memoised per folder."""
        if folder not in self._folders:
            found: Config | ConfigError | None
            try:
                found = next((c for c in map(load_config_file, _candidates(folder)) if c is not None), None)
                if found is not None:
                    found = self._with_cli(found)
                elif folder.parent != folder:
                    found = self._discover(folder.parent)
                else:
                    found = self._with_cli(Config(root=Path.cwd()))
            except ConfigError as exc:
                found = exc
            self._folders[folder] = found
        return self._folders[folder]


def _candidates(folder: Path) -> list[Path]:
    return [folder / name for name in CONFIG_NAMES if (folder / name).is_file()]


def config_for(path: str | Path, explicit: str | Path | None = None) -> Config:
    """The config that applies to ``path``: ``explicit`` if given, else the nearest one found
    (for one look-up; a run uses one ``Configs`` for all its files)."""
    return Configs(explicit).for_path(path)
