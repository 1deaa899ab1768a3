"""A result cache keyed by file content, settings and medlint itself (``.medlint_cache/``).

A second run over an unchanged site reads each file's result instead of linting it again. The
key is a hash of: the file's bytes and path, the settings' fingerprint (enabled rules,
severities, options, and each check's ``environment``: a user pack's content, a LanguageTool
server, today's date), and medlint's version plus the content of its code and rule data — so
editing a rule pack or upgrading medlint invalidates everything.

The cache is data only and cannot be aimed. A cache directory may be committed to a content
repository or restored in CI, so its content is untrusted:

- entries are JSON, never pickle (no code runs on read);
- nothing is read or written through a symlink (``O_NOFOLLOW``; folders are checked with
  ``lstat``), only regular files are read (a FIFO or device is a miss, never a hang), and an
  entry over ``MAX_ENTRY`` bytes is not read;
- every entry is checked against the shape medlint writes (``_valid``): types, known severities
  and applicabilities, offsets inside the file, lines no further than the file has, summaries
  only of site-wide checks and in the shape each check accepts (``Check.valid_summary``). A bad
  entry is a miss and is recomputed, never an error;
- ``CACHEDIR.TAG`` and ``.gitignore`` are created exclusively (an existing file or link is left
  alone, never written through).

Writes are a temporary file and an atomic rename, without fsync: a cache entry lost in a power
cut is recomputed, so durability is not worth one disk flush per file.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import medlint
from medlint import __version__
from medlint.engine import registry
from medlint.knowledge.resources import read_limited, rules_dir
from medlint.model.diagnostics import Applicability, Diagnostic, Severity
from medlint.engine.results import FileResult
from medlint.model.notices import Notice
from medlint.engine.suppressions import Directive

CACHE_DIR = ".medlint_cache"
#: Entries larger than this are not read (a result for a 5 MB article stays well under it).
MAX_ENTRY = 32 * 1024 * 1024
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by medlint.\n"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_VERBS = {"disable", "enable", "disable-next-line", "disable-file"}


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Hash of medlint's version, code and shipped rule data."""
    h = hashlib.sha256(__version__.encode())
    package = Path(medlint.__file__).parent
    files = {p for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    files |= set(rules_dir().glob("*.yaml"))
    for item in sorted(files):
        h.update(item.name.encode())
        h.update(item.read_bytes())
    return h.hexdigest()[:20]


def _is_dir(path: Path) -> bool:
    """``path`` is a real folder (not a link to one)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _make_dir(path: Path) -> None:
    """Create ``path`` if missing; OSError when it is (or became) anything but a real folder."""
    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    if not _is_dir(path):
        raise OSError(f"{path}: not a folder")


def _create_once(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` unless something (a file, a link) is already there."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


class Cache:
    """Reads and writes per-file results under ``root``."""

    def __init__(self, root: str | Path = CACHE_DIR):
        self.base = Path(root)
        self.root = self.base / tool_fingerprint()

    def key(self, path: str, data: bytes, settings_fingerprint: str) -> str:
        h = hashlib.sha256()
        for part in (os.path.abspath(path).encode(), b"\0", settings_fingerprint.encode(), b"\0", data):
            h.update(part)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, path: str, size: int | None = None) -> FileResult | None:
        """The cached result for ``key``, with its paths as this run names the file ("../a.md"
        and "/abs/a.md" share an entry: the key holds the absolute path). ``size`` is the
        file's length in bytes (when known, offsets and lines beyond it make the entry bad).
        None for a missing, unreadable or bad entry."""
        if not (_is_dir(self.base) and _is_dir(self.root) and _is_dir(self.root / key[:2])):
            return None
        try:
            raw = json.loads(read_limited(self._file(key), MAX_ENTRY, follow=False).decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not _valid(raw, size):
            return None
        return FileResult(
            path=path,
            diagnostics=[Diagnostic.from_dict({**d, "path": path}) for d in raw["diagnostics"]],
            directives=[Directive.from_dict(d) for d in raw["directives"]],
            summaries=raw["summaries"],
            words=raw["words"],
            notices=tuple(Notice(**{**n, "families": tuple(n["families"])}) for n in raw["notices"]),
        )

    def put(self, key: str, result: FileResult) -> None:
        if result.error is not None:
            return
        entry = {
            "path": result.path,
            "diagnostics": [d.to_dict() for d in result.diagnostics],
            "directives": [d.to_dict() for d in result.directives],
            "summaries": result.summaries,
            "words": result.words,
            "notices": [asdict(n) for n in result.notices],
        }
        try:
            for folder in (self.base, self.root, self.root / key[:2]):
                _make_dir(folder)
            _create_once(self.base / "CACHEDIR.TAG", _TAG)
            _create_once(self.base / ".gitignore", "*\n")
            target = self._file(key)
            import tempfile  # only writing an entry needs it (a --no-cache run never does)

            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(json.dumps(entry, ensure_ascii=False).encode("utf-8"))
                os.replace(tmp, target)  # a rename replaces a link at ``target``; it never follows it
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only checkout still lints; it just is not cached


# -- the shape of an entry ----------------------------------------------------------------------


def _int(value, low: int = 0, high: int | None = None) -> bool:
    return type(value) is int and value >= low and (high is None or value <= high)


def _str(value) -> bool:
    return type(value) is str


def _strs(value) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def _record(value, keys: set, optional: frozenset | set = frozenset()) -> bool:
    return type(value) is dict and keys <= value.keys() <= keys | optional


def _valid(raw, size: int | None) -> bool:
    """``raw`` has the shape ``Cache.put`` writes, with offsets and lines that fit a file of
    ``size`` bytes (a character is at least one byte; a line at least one character)."""
    limit = size  # an offset or column is at most the file's length (plus one for a column)
    lines = size + 1 if size is not None else None

    def span(d, a, b):
        return _int(d[a], 0, limit) and _int(d[b], 0, limit) and d[a] <= d[b]

    def place(d, line, column):
        return _int(d[line], 1, lines) and _int(d[column], 1, lines)

    if not _record(raw, {"path", "diagnostics", "directives", "summaries", "words", "notices"}):
        return False
    if not (_int(raw["words"], 0, limit) and type(raw["diagnostics"]) is list and type(raw["directives"]) is list):
        return False
    if type(raw["notices"]) is not list or type(raw["summaries"]) is not dict:
        return False
    for d in raw["diagnostics"]:
        fields = {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "start", "end", "fix"}
        if not (_record(d, fields, {"related"}) and all(_str(d[k]) for k in ("path", "code", "name", "message"))):
            return False
        if d["severity"] not in {s.value for s in Severity} or registry.find_rule(d["code"]) is None:
            return False
        if not (span(d, "start", "end") and place(d, "line", "column") and place(d, "end_line", "end_column")):
            return False
        fix = d["fix"]
        if fix is not None:
            if not (_record(fix, {"title", "applicability", "edits"}) and _str(fix["title"]) and type(fix["edits"]) is list and fix["edits"]):
                return False
            if fix["applicability"] not in {a.value for a in Applicability}:
                return False
            if not all(_record(e, {"start", "end", "replacement"}) and span(e, "start", "end") and _str(e["replacement"]) for e in fix["edits"]):
                return False
        for r in d.get("related", ()):
            if not (_record(r, {"path", "line", "column", "message", "end_line", "end_column"}) and _str(r["path"]) and _str(r["message"])):
                return False
            if not all(_int(r[k], 1) for k in ("line", "column", "end_line", "end_column")):
                return False
    for d in raw["directives"]:
        if not (_record(d, {"verb", "targets", "span", "first_line", "last_line"}) and d["verb"] in _VERBS and _strs(d["targets"])):
            return False
        where = d["span"]
        if not (_record(where, {"start", "end", "line", "column", "end_line", "end_column"}) and span(where, "start", "end")):
            return False
        if not (place(where, "line", "column") and place(where, "end_line", "end_column") and _int(d["first_line"], 1, lines) and _int(d["last_line"], 1, lines)):
            return False
    for n in raw["notices"]:
        if not (_record(n, {"key", "line", "transient", "families"}) and _str(n["key"]) and _str(n["line"])):
            return False
        if type(n["transient"]) is not bool or not _strs(n["families"]):
            return False
    site = {c.name: c for c in registry.checks() if c.site_wide}
    return all(name in site and site[name].valid_summary(value, size) for name, value in raw["summaries"].items())
