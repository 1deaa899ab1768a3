"""The ``medlint`` command line: check, explain, rules, config, report, stats, server. Only this
module prints (and the language server, which speaks its protocol on standard output).

Exit codes: 0 nothing at or above the failing severity; 1 findings; 2 usage, configuration or
input error (the other files are still checked and reported).
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import replace

import click

from medlint import __version__
from medlint.engine import changes, files, fixer, registry, runner
from medlint.engine.cache import CACHE_DIR
from medlint.engine.config import config_for
from medlint.engine.results import Exit, Findings, RunResult
from medlint.model.diagnostics import Severity
from medlint.model.document import Document
from medlint.model.errors import MedlintError, OutputError
from medlint.outputs import rulesinfo
from medlint.outputs.formatters import FORMATTERS, READS_SOURCES
from medlint.outputs.formatters.display import displayable


def _read_stdin() -> bytes:
    """All of standard input; exit 2 with a message when it is closed or cannot be read."""
    try:
        if sys.stdin is None:
            raise OSError("standard input is closed")
        return sys.stdin.buffer.read()
    except (OSError, ValueError) as exc:
        click.echo(f"-: input error: cannot read standard input: {getattr(exc, 'strerror', None) or exc}", err=True)
        sys.exit(Exit.ERROR)


def _write(path: str, data: bytes) -> OutputError | None:
    """Write ``data`` to ``path`` atomically (regular files only); the error, if any."""
    try:
        files.write_atomic(path, data)
    except OSError as exc:
        return OutputError(path, f"cannot write file: {exc.strerror or exc}")
    return None


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """A content-quality linter for mental-health articles."""
    # Loading builds hundreds of thousands of long-lived objects (word lists, lexicons, compiled
    # patterns) and few cycles: collections at the default thresholds re-scan them over and over.
    gc.set_threshold(*GC_THRESHOLDS)


#: Cyclic garbage collection thresholds for the command line (Python's default: 700, 10, 10).
GC_THRESHOLDS = (20_000, 20, 20)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Only these rules (codes, families, names, globs; comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, families, names, globs; comma-separated).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix or --diff).")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--quiet", "-q", is_flag=True, help="One line per finding; no source lines.")
@click.option("--statistics", is_flag=True, help="Also count findings per rule.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of discovery.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count", help="Worker processes.")
@click.option("--no-cache", is_flag=True, help=f"Do not read or write {CACHE_DIR}/.")
@click.option("--diff-base", metavar="REF", help="Report only findings on lines changed since this git revision.")
@click.option("--stdin-filename", metavar="PATH", help="Read the article from standard input and check it as PATH (its config, format and name).")
@click.option("--severity", "min_severity", type=click.Choice(["error", "warning", "info"]), default="info", show_default=True, help="Report only findings at or above this severity.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
def check(paths, fmt, select, ignore, fix, unsafe_fixes, diff, exit_zero, quiet, statistics, config_path, jobs, no_cache, diff_base, stdin_filename, min_severity, color):
    """Check Markdown and text articles (files or folders; '-' reads standard input)."""
    if stdin_filename and set(paths) - {"-"}:
        raise click.UsageError("--stdin-filename reads standard input: give no other paths")
    paths = ("-",) if stdin_filename else paths or (".",)
    stdin_name = stdin_filename or "-"
    select_list, ignore_list = _split(select) or None, _split(ignore)
    stdin_text = _read_stdin() if "-" in paths else None
    try:
        registry.load()
        gc.freeze()  # what loading built lives to the end: later collections skip it
        keep = changes.keeper(changes.changed_lines(diff_base)) if diff_base else None
    except MedlintError as exc:  # nothing was checked; a machine format still says why (valid SARIF)
        if fmt == "text":
            click.echo(str(exc), err=True)
            sys.exit(Exit.ERROR)
        _finish(RunResult([], [], [exc]), fmt, {}, quiet, statistics, color, exit_zero)
    cache_root = None if no_cache else CACHE_DIR
    progress = _Progress() if sys.stderr.isatty() and not os.environ.get("CI") else None

    def run():
        return runner.lint_paths(paths, config_path, select_list, ignore_list, stdin_text, jobs, cache_root, progress, keep, stdin_filename)

    try:  # a broken --config or a selector that names no rule: one message, exit 2
        result = run()
        if fix or diff:
            changed, failed = _apply_fixes(result, unsafe_fixes, diff, stdin_text, stdin_name, quiet)
            if diff:
                for e in result.errors:
                    click.echo(str(e), err=True)
                _print_notices(result)
                sys.exit(result.exit_code(exit_zero, failing=changed))
            if "-" not in paths:
                result = run()
            result = replace(result, errors=[*result.errors, *failed])
    except MedlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.ERROR)
    threshold = Severity(min_severity)
    if any(d.severity.rank < threshold.rank for d in result.diagnostics):
        result = replace(result, diagnostics=Findings(d for d in result.diagnostics if d.severity.rank >= threshold.rank))
    sources: _Sources | dict = {}
    if fmt in READS_SOURCES and not (quiet and fmt == "text"):  # text shows the line; sarif and gitlab fingerprint the flagged text
        sources = _Sources(stdin_text, stdin_name)
    _finish(result, fmt, sources, quiet, statistics, color, exit_zero, echo=not (fix and "-" in paths))


class _Sources:
    """The checked files' text by path, read when a formatter asks (``get``), the last one
    kept: formatters go through findings file by file, so a site's text is never held whole."""

    def __init__(self, stdin_text: bytes | None, stdin_name: str) -> None:
        self._stdin = (stdin_text, stdin_name)
        self._last: tuple[str, str | None] | None = None

    def get(self, path: str, default=None) -> str | None:
        if self._last is None or self._last[0] != path:
            self._last = (path, _read_text(path, *self._stdin))
        text = self._last[1]
        return default if text is None else text


def _finish(result, fmt, sources, quiet, statistics, color, exit_zero, echo=True):
    """Print the result in ``fmt``, errors and notices on standard error, and exit: 2 on any
    input or configuration error (even with --exit-zero, which only forgives findings)."""
    render = FORMATTERS[fmt]
    result, sources = displayable(result, sources)
    painted = fmt == "text" and _use_color(color)
    if fmt == "text":
        out = render(result, sources, quiet=quiet, statistics=statistics, color=painted)
    else:
        out = render(result, sources)
    if echo:  # a formatter gives its output in pieces, as the findings stream past
        for piece in [out] if isinstance(out, str) else out:
            click.echo(piece, nl=False, color=painted)  # click strips colour off a pipe unless told
    for e in result.errors:
        if fmt != "text" or not echo:  # text output holds the errors, unless standard output holds the fixed text
            click.echo(str(e), err=True)
    _print_notices(result)
    sys.exit(result.exit_code(exit_zero))


def _use_color(choice: str) -> bool:
    """--color always/never; auto: standard output is a terminal and NO_COLOR is unset or empty."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _print_notices(result) -> None:
    """Each run notice worth reading (e.g. grammar selected but no server) once, on standard error."""
    for line in result.notices:
        click.echo(f"medlint: {line}", err=True)


class _Progress:
    """A one-line progress bar on a terminal's stderr, for runs of many files."""

    MIN_FILES = 50

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_FILES:
            return
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        click.echo(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} files{end}", err=True, nl=False)


def _read_text(path: str, stdin_text: bytes | None, stdin_name: str = "-") -> str | None:
    try:
        if path == stdin_name:
            data = stdin_text or b""
        else:
            with open(path, "rb") as fh:
                data = fh.read()
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _apply_fixes(result, unsafe, diff_only, stdin_text, stdin_name="-", quiet=False) -> tuple[bool, list]:
    """Fix every file that checked cleanly, under the settings it was checked with; print a diff
    instead when ``diff_only``. Standard input (``stdin_name``) is fixed onto standard output,
    and always written there, fixed or not (a filter must never swallow its input). What each
    fix changed in a file is listed on standard error, file by file (``quiet``: nothing), so a
    writer sees every edit made unread. Returns whether anything changed, and the errors of
    files that could not be written (each its own error; the other files are still fixed)."""
    any_change = False
    failed: list[OutputError] = []
    for r in result.files:
        if r.error is not None:
            if r.path == stdin_name and not diff_only:
                sys.stdout.buffer.write(stdin_text or b"")  # unreadable as an article: passed through
                sys.stdout.flush()
            continue
        try:
            settings = result.settings_of(r.path)
            data = (stdin_text or b"") if r.path == stdin_name else files.read_bytes(r.path)
            doc = Document.from_bytes(data, r.path, format="markdown" if r.path == "-" else None, ignores=settings.ignores)
            outcome = fixer.fix_document(doc, settings, unsafe=unsafe)
        except MedlintError as exc:
            click.echo(str(exc), err=True)
            if r.path == stdin_name and not diff_only:
                sys.stdout.buffer.write(stdin_text or b"")
                sys.stdout.flush()
            continue
        if not outcome.changed:
            if r.path == stdin_name and not diff_only:
                click.echo(outcome.original, nl=False)  # a filter passes unchanged text through
            continue
        any_change = True
        if diff_only:
            import difflib  # only --diff shows a diff: not imported at every start

            click.echo(
                "".join(
                    difflib.unified_diff(
                        outcome.original.splitlines(keepends=True),
                        outcome.text.splitlines(keepends=True),
                        fromfile=f"a/{r.path}",
                        tofile=f"b/{r.path}",
                    )
                ),
                nl=False,
            )
        elif r.path == stdin_name:
            click.echo(outcome.text, nl=False)
        else:
            error = _write(r.path, fixer.encode(outcome.text, doc.bom))
            if error is not None:
                failed.append(error)
                continue
            if not quiet:
                click.echo(f"fixed {outcome.applied} finding{'s' if outcome.applied != 1 else ''} in {r.path}:", err=True)
                for change in outcome.changes:
                    click.echo(f"  {r.path}:{change.line}: {change.code} {change.title}", err=True)
    return any_change, failed


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="medlint-report.html", show_default=True, help="Where to write the page.")
@click.option("--select", multiple=True, help="Only these rules.")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of discovery.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count")
@click.option("--no-cache", is_flag=True, help=f"Do not read or write {CACHE_DIR}/.")
def report(paths, output, select, ignore, config_path, jobs, no_cache):
    """Write a self-contained HTML report of a site for editors."""
    from medlint.outputs import report as site_report

    try:
        registry.load()
        result = runner.lint_paths(paths or (".",), config_path, _split(select) or None, _split(ignore), None, jobs, None if no_cache else CACHE_DIR)
    except MedlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.ERROR)
    for e in result.errors:
        click.echo(str(e), err=True)
    error = _write(output, site_report.render(result).encode("utf-8"))
    if error is not None:
        click.echo(str(error), err=True)
        sys.exit(Exit.ERROR)
    click.echo(f"wrote {output}: {len(result.files)} articles, {len(result.diagnostics)} findings", err=True)
    sys.exit(Exit.ERROR if result.errors else Exit.CLEAN)


_CONFIG_OPTION = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of discovery (its packs join the rules)."
)


def _load_config(config_path: str | None, path: str = "."):
    """The configuration for ``path`` (registering its user packs), or exit 2 on an error."""
    try:
        registry.load()
        return config_for(path, config_path)
    except MedlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.ERROR)


@main.command()
@click.argument("code")
@_CONFIG_OPTION
def explain(code, config_path):
    """Print a rule's documentation and options (by code or name; user packs included)."""
    _load_config(config_path)
    rule = registry.find_rule(code)
    if rule is None:
        click.echo(f"medlint: no rule '{code}' (see `medlint rules`)", err=True)
        sys.exit(Exit.ERROR)
    click.echo(rulesinfo.explain(rule), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_CONFIG_OPTION
def rules(fmt, config_path):
    """List every rule (user packs of the configuration included)."""
    import json

    _load_config(config_path)
    all_rules = registry.all_rules()
    if fmt == "json":
        click.echo(json.dumps([rulesinfo.rule_data(r) for r in all_rules], indent=2, ensure_ascii=False))
        return
    for r in all_rules:
        flags = ("fix" if r.fixable else "   ") + ("" if r.default_enabled else " off")
        click.echo(f"{r.code:<8} {r.name:<40} {r.severity.value:<8} {flags}  {r.summary}")


@main.command("config")
@click.argument("path", required=False, default=".", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_CONFIG_OPTION
def show_config(path, fmt, config_path):
    """Print the settings that apply to a file: config file, rules, severities, options."""
    config = _load_config(config_path, path)
    try:
        click.echo(rulesinfo.RESOLVED[fmt](config, path), nl=False)
    except MedlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.ERROR)


@main.command()
def server():
    """Run the language server on standard input and output (for editors)."""
    from medlint.outputs import server as lsp

    lsp.main()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of discovery.")
def stats(paths, fmt, config_path):
    """Readability scores per file (SMOG, Flesch–Kincaid, reading ease, Dale–Chall, fog) and,
    for several files, their distribution."""
    from medlint.outputs import stats as stats_module

    paths = paths or (".",)
    stdin_text = _read_stdin() if "-" in paths else None
    result = stats_module.collect(paths, config_path, stdin_text)
    click.echo(stats_module.RENDERERS[fmt](result), nl=False)
    for e in result.errors:
        click.echo(str(e), err=True)
    sys.exit(Exit.ERROR if result.errors else Exit.CLEAN)


if __name__ == "__main__":  # pragma: no cover
    main()
