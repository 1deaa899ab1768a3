"""Runs checks over documents: one file, or many files with a site-wide pass after them.

Per file: read and decode, build the Document, run every check with an enabled rule, keep the
diagnostics of enabled rules at their configured severity (without a fix that would edit markup:
``Document.edit_touches_markup``), and keep each site-wide check's summary. Then site-wide
checks see the summaries of every file of the run. Last, suppression comments are applied, file
by file, into the run's ``Findings``.

Memory stays bounded on a large site: each file's findings and directives are put aside as the
file finishes (``_Stash``: in memory while few, then spooled to a temporary file), and only its summaries stay in memory until
the site-wide pass; the final findings are spooled again, file by file, for the formatters to
stream (``results.Findings``). A file that cannot be read, or whose discovered configuration is broken, gives a
MedlintError for that file (a broken configuration is reported once however many files it
covers); the others are still checked. A broken ``--config`` or command-line selector stops the
run with one ConfigError. Each configuration is loaded once per run (``config.Configs``).
"""

from __future__ import annotations

import gc
import json
import os
import traceback
from dataclasses import replace
from typing import Any
from collections.abc import Callable, Iterable

from medlint import analysis
from medlint.analysis import places
from medlint.engine import registry, suppressions
from medlint.engine.cache import Cache
from medlint.engine.config import Config, Configs, Settings
from medlint.engine.files import iter_files, read_bytes
from medlint.engine.results import FileResult, Findings, RunResult, Spool
from medlint.model import collector, notices
from medlint.model.diagnostics import Diagnostic
from medlint.model.document import Document
from medlint.model.errors import InputError, MedlintError
from medlint.model.rule import Context, family_of


@collector.paused()  # an article of up to 5 MiB: see model.collector
def run_checks(doc: Document, settings: Settings) -> tuple[list[Diagnostic], dict[str, Any]]:
    """Run every check with an enabled rule on one document."""
    diagnostics: list[Diagnostic] = []
    summaries: dict[str, Any] = {}
    enabled = settings.enabled_codes
    analysis.prepare(doc)
    for check in registry.checks():
        if not any(r.code in enabled for r in check.rules):
            continue
        ctx = Context(doc, settings, check)
        try:
            for diag in check.check(doc, ctx):
                if diag.code in enabled and (check.sees_non_prose or not doc.in_non_prose(diag.start, diag.end)):
                    diag = places.enforce(
                        doc, diag, furniture=check.removes_markup_lines, rewords=not check.restores_typing
                    )
                    diagnostics.append(_with_severity(diag, settings))
            if check.site_wide:
                summaries[check.name] = plain_data(check.collect(doc, ctx))
        except MedlintError:
            raise
        except Exception as exc:  # a bug in one check must not lose the other files
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            raise InputError(doc.path, f"internal error in check '{check.name}': {detail} (please report this)") from exc
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics, summaries


def plain_data(value: Any) -> Any:
    """``value`` as JSON data (tuples and sets become lists), as it will be after the cache or
    a worker process: site-wide checks always see the same shapes."""
    return json.loads(json.dumps(value, default=_jsonable)) if value is not None else None


def _jsonable(value):
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"site summaries must be plain data, not {type(value).__name__}")


def _with_severity(diag: Diagnostic, settings: Settings) -> Diagnostic:
    override = settings.severity_of(diag.code)
    return diag.with_severity(override) if override and override != diag.severity else diag


def lint_document(doc: Document, settings: Settings) -> FileResult:
    notices.drain()
    diagnostics, summaries = run_checks(doc, settings)
    return FileResult(doc.path, diagnostics, suppressions.parse(doc.text), summaries, None, doc.word_count, notices.drain())


def check_file(path: str, config: Config, stdin_text: bytes | None = None, cache=None) -> FileResult:
    """Check one file through the cache if given. ``stdin_text`` is the file's content when it
    does not come from disk: standard input (``path`` is ``-``, or the name given by
    ``--stdin-filename``), or an editor's unsaved buffer."""
    try:
        settings = config.settings_for(path)
        data = (stdin_text or b"") if stdin_text is not None or path == "-" else read_bytes(path)
        key = cache.key(path, data, settings.fingerprint()) if cache is not None and path != "-" else None
        if key is not None:
            hit = cache.get(key, path, len(data))
            if hit is not None:
                return hit
        doc = Document.from_bytes(data, path, format="markdown" if path == "-" else None, ignores=settings.ignores)
        result = lint_document(doc, settings)
        if key is not None and not any(n.transient for n in result.notices):  # retry a server next run
            cache.put(key, result)
        return result
    except MedlintError as exc:
        return FileResult(path, error=exc)


def cached_result(path: str, config: Config, cache) -> FileResult | None:
    """The cached result for ``path`` under its settings, or None (unreadable files included:
    they are reported by ``check_file``)."""
    try:
        data = read_bytes(path)
        return cache.get(cache.key(path, data, config.settings_for(path).fingerprint()), path, len(data))
    except MedlintError:
        return None


#: The run's configurations, handed to worker processes when they start (fork: not pickled).
_WORKER_CONFIGS: Configs | None = None


def _start_worker(configs: Configs) -> None:
    global _WORKER_CONFIGS
    _WORKER_CONFIGS = configs


def _worker(task: tuple) -> FileResult:
    """Check one file in a worker process, under the run's configurations."""
    path, cache_root = task
    assert _WORKER_CONFIGS is not None  # set by the pool's initializer
    try:
        config = _WORKER_CONFIGS.for_path(path)
    except MedlintError as exc:
        return FileResult(path, error=exc)
    return check_file(path, config, None, Cache(cache_root) if cache_root else None)


class SiteFindings:
    """Site-wide findings by path, spooled in chunks as they come (a replicated site gives
    hundreds of thousands of DUP003 findings), read back per path in the order they came."""

    CHUNK = 5000

    def __init__(self) -> None:
        self._spool = Spool()
        self._handles: dict[str, list[tuple[int, int]]] = {}
        self._pending: dict[str, list[Diagnostic]] = {}
        self._count = 0

    def add(self, diag: Diagnostic) -> None:
        self._pending.setdefault(diag.path, []).append(diag)
        self._count += 1
        if self._count >= self.CHUNK:
            for path, diags in self._pending.items():
                self._handles.setdefault(path, []).append(self._spool.put(diags))
            self._pending, self._count = {}, 0

    def get(self, path: str, default: list[Diagnostic] | None = None) -> list[Diagnostic]:
        found = [d for h in self._handles.get(path, ()) for d in self._spool.get(h)] + self._pending.get(path, [])
        return found or (default if default is not None else [])

    def pop(self, path: str, default: list[Diagnostic] | None = None) -> list[Diagnostic]:
        found = self.get(path, default)
        self._handles.pop(path, None)
        self._pending.pop(path, None)
        return found


def site_pass(results: list[FileResult], configs: dict[str, Config]) -> SiteFindings:
    """Run site-wide checks over the summaries of all files; findings by path."""
    out = SiteFindings()
    good = [r for r in results if r.error is None]
    for check in registry.checks():
        if not check.site_wide:
            continue
        summaries = {r.path: r.summaries[check.name] for r in good if r.summaries.get(check.name) is not None}
        if len(summaries) < 2:
            continue
        for diag in check.check_site(summaries, None):
            settings = configs[diag.path].settings_for(diag.path)
            if diag.code in settings.enabled_codes:
                out.add(_with_severity(diag, settings))
    return out


class _Stash:
    """Each file's findings and suppression directives, put aside as the file finishes: until
    the site-wide pass, a run holds only its files' summaries (and names, notices, counts).
    They stay in memory while they are fewer than ``Findings.BATCH`` (a one-file run, a
    pre-commit hook's few files: no spool file, no pickling), and are spooled from there on."""

    def __init__(self) -> None:
        self._spool = Spool()
        self._handles: dict[str, tuple[int, int]] = {}
        self._held: dict[str, tuple[list[Diagnostic], list]] = {}
        self._count = 0  # findings and directives held in memory

    def keep(self, result: FileResult) -> FileResult:
        """``result`` without its findings and directives, which are stashed."""
        if result.error is not None:
            return result
        self._held[result.path] = (result.diagnostics, result.directives)
        self._count += len(result.diagnostics) + len(result.directives)
        if self._count >= Findings.BATCH:
            for path, value in self._held.items():
                self._handles[path] = self._spool.put(value)
            self._held.clear()
            self._count = 0
        return replace(result, diagnostics=[], directives=[])

    def take(self, result: FileResult) -> tuple[list[Diagnostic], list]:
        """The findings and directives stashed for ``result`` (its own when none were)."""
        held = self._held.pop(result.path, None)
        if held is not None:
            return held
        handle = self._handles.pop(result.path, None)
        return self._spool.get(handle) if handle is not None else (result.diagnostics, result.directives)


def finish(
    results: list[FileResult],
    site: SiteFindings | dict[str, list[Diagnostic]],
    settings_of: Callable[[str], Settings],
    keep: Callable[[Diagnostic], bool] | None = None,
    stash: _Stash | None = None,
) -> RunResult:
    """Apply suppressions (reporting unused ones where ``settings_of(path)`` enables their
    rule, at its configured severity), keep what ``keep(diagnostic)`` accepts (all if None),
    and order. Findings and directives come from ``stash`` where it holds them; the run's
    files are given back without findings, directives or summaries."""
    diagnostics = Findings()
    errors: dict[tuple, MedlintError] = {}  # one report of a config error shared by many files
    files = []
    for r in results:
        if r.error is not None:
            errors.setdefault((type(r.error), r.error.path, r.error.line, r.error.message), r.error)
            files.append(r)
            continue
        found, stashed_directives = stash.take(r) if stash is not None else (r.diagnostics, r.directives)
        files.append(replace(r, diagnostics=[], directives=[], summaries={}))
        diags = sorted(found + site.pop(r.path, []), key=Diagnostic.sort_key)
        not_checked = {f for n in r.notices for f in n.families}
        settings = settings_of(r.path)
        directives = [_fresh(d) for d in stashed_directives]
        kept = suppressions.apply(diags, directives, r.path, settings.enabled_codes, registry.find_rule, not_checked)
        kept = [_with_severity(d, settings) for d in kept]
        if keep is not None:
            kept = [d for d in kept if keep(d)]
        diagnostics.extend(sorted(kept, key=Diagnostic.sort_key))
    return RunResult(files, diagnostics, list(errors.values()), shown_notices(files, settings_of), settings_of)


def shown_notices(results: list[FileResult], settings_of: Callable[[str], Settings]) -> list[str]:
    """One line per notice key, in file order, for notices the user should read: a configured
    service that failed (``transient``), or a family the user selected by name that could not
    run. Grammar checks are on by default but need a LanguageTool server; a site that never
    asked for them is not told on every run that they were skipped."""
    lines: dict[str, str] = {}
    for r in results:
        if r.error is not None or not r.notices:
            continue
        named = {family_of(code) for code in settings_of(r.path).explicit_codes}
        for n in r.notices:
            if n.transient or named & set(n.families):
                lines.setdefault(n.key, n.line)
    return list(lines.values())


def _fresh(directive):
    """A copy of a directive with its usage cleared (results may be reused from the cache)."""
    return replace(directive, used=False, used_targets=set())


def _size(path: str) -> int:
    """The file's size in bytes (0 when it cannot be read: ``check_file`` reports that)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


#: Below this many files a run stays in one process: starting workers costs more than it saves.
PARALLEL_THRESHOLD = 16


def lint_paths(
    paths: Iterable[str],
    config_path: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    stdin_text: bytes | None = None,
    jobs: int = 1,
    cache_root: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: Callable[[Diagnostic], bool] | None = None,
    stdin_filename: str | None = None,
) -> RunResult:
    """Check files and folders: per file (in ``jobs`` processes, through the cache under
    ``cache_root``), then site-wide checks, then suppressions. Output order does not depend on
    ``jobs``. ``progress(done, total)`` is called as files finish; ``keep`` filters the final findings
    (``--diff-base``) after site-wide checks have seen every file. Standard input (``-``) is
    checked as ``stdin_filename`` when given: that file's configuration, format and name, but
    the text read from ``stdin_text`` (an editor's buffer); a name the configuration excludes
    gives no result. A broken ``config_path`` or a selector that names no rule raises ConfigError
    before any file is read."""
    registry.load()
    run_configs = Configs(config_path, select, ignore)
    cache = Cache(cache_root) if cache_root else None
    stash = _Stash()
    slots: list[FileResult | None] = []
    tasks: list[tuple[int, str]] = []
    configs: dict[str, Config] = {}
    stdin_slot = None
    for path, error in iter_files(paths, run_configs):
        if path == "-" and stdin_filename:
            path = stdin_filename
            try:
                if run_configs.for_path(path).is_excluded(path):
                    continue
            except MedlintError as exc:
                error = exc
        if error is None:
            try:
                configs[path] = run_configs.for_path(path)
            except MedlintError as exc:  # standard input, under a broken discovered config
                error = exc
        slots.append(FileResult(path, error=error) if error is not None else None)
        if error is None:
            tasks.append((len(slots) - 1, path))
            if path in ("-", stdin_filename):
                stdin_slot = len(slots) - 1
    total = len(tasks)
    done = 0
    if cache is not None:  # cache hits are read here; only misses go to the workers
        misses = []
        for slot, path in tasks:
            hit = cached_result(path, configs[path], cache) if slot != stdin_slot else None
            if hit is None:
                misses.append((slot, path))
            else:
                slots[slot] = stash.keep(hit)
                done += 1
                if progress:
                    progress(done, total)
        tasks = misses
    if jobs > 1 and len(tasks) >= PARALLEL_THRESHOLD and stdin_slot is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        enabled = set().union(*(configs[path].settings_for(path).enabled_codes for _, path in tasks))
        for check in registry.checks():  # load heavy data once, before the fork shares it (only for checks that run)
            if any(rule.code in enabled for rule in check.rules):
                check.preload()
        # The first file is checked here: that warms what checks build lazily on first use
        # (lexicons, compiled patterns) once, in pages the workers share, instead of once per worker.
        first_slot, first_path = tasks[0]
        slots[first_slot] = stash.keep(check_file(first_path, configs[first_path], None, cache))
        done += 1
        if progress:
            progress(done, total)
        # Largest files first, in small chunks: the last chunks are of the smallest files, so
        # the workers finish close together, where 16 chunks in name order left one worker
        # checking a whole chunk alone at the end. Results land in their slots: order holds.
        tasks = sorted(tasks[1:], key=lambda task: -_size(task[1]))
        gc.freeze()  # the collector in a worker then never touches (and so copies) the shared pages
        work = [(path, cache_root) for _, path in tasks]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(run_configs,)) as pool:
            results = pool.map(_worker, work, chunksize=max(1, len(work) // (jobs * 32)))
            for (slot, _), result in zip(tasks, results):
                slots[slot] = stash.keep(result)
                done += 1
                if progress:
                    progress(done, total)
    else:
        for slot, path in tasks:
            slots[slot] = stash.keep(check_file(path, configs[path], stdin_text if slot == stdin_slot else None, cache))
            done += 1
            if progress:
                progress(done, total)
    checked = [r for r in slots if r is not None]
    del slots
    site = site_pass(checked, configs)
    checked = [replace(r, summaries={}) if r.summaries else r for r in checked]  # the site pass was their last use
    return finish(checked, site, lambda p: configs[p].settings_for(p), keep, stash)


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> list[Diagnostic]:
    """Library API: the diagnostics for ``text`` (Markdown, or the format ``path``'s suffix names)."""
    registry.load()
    name = path or "-"
    config = config or Config()
    settings = config.settings_for(name)
    doc = Document(text, name, format=None if path else "markdown", ignores=settings.ignores)
    result = lint_document(doc, settings)
    return list(finish([result], {}, lambda _: settings).diagnostics)
