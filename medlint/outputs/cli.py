"""The ``medlint`` command line: check, explain, rules. Only this module prints.

Exit codes: 0 nothing at or above the failing severity; 1 findings; 2 usage, configuration or
input error (the other files are still checked and reported).
"""

from __future__ import annotations

import difflib
import enum
import os
import sys

import click

from medlint import __version__
from medlint.engine import changes, files, fixer, registry, runner
from medlint.model import notices
from medlint.engine.cache import CACHE_DIR
from medlint.engine.config import config_for
from medlint.model.document import Document
from medlint.model.errors import MedlintError
from medlint.outputs.formatters import FORMATTERS


class Exit(enum.IntEnum):
    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """A content-quality linter for mental-health articles."""


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
def check(paths, fmt, select, ignore, fix, unsafe_fixes, diff, exit_zero, quiet, statistics, config_path, jobs, no_cache, diff_base):
    """Check Markdown and text articles (files or folders; '-' reads standard input)."""
    paths = paths or (".",)
    select_list, ignore_list = _split(select) or None, _split(ignore)
    stdin_text = sys.stdin.buffer.read() if "-" in paths else None
    try:
        registry.load()
        if config_path:
            config_for(".", config_path)  # fail early, once, on a broken --config
        if select_list or ignore_list:
            runner.with_cli(config_for(".", config_path), select_list, ignore_list).settings_for("-")
        keep = changes.keeper(changes.changed_lines(diff_base)) if diff_base else None
    except MedlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.ERROR)
    cache_root = None if no_cache else CACHE_DIR
    progress = _Progress() if sys.stderr.isatty() and not os.environ.get("CI") else None

    def run():
        return runner.lint_paths(paths, config_path, select_list, ignore_list, stdin_text, jobs, cache_root, progress, keep)

    result = run()
    if fix or diff:
        changed = _apply_fixes(result, config_path, select_list, ignore_list, unsafe_fixes, diff, stdin_text)
        if diff:
            _print_notices(result)
            sys.exit(Exit.FINDINGS if changed and not exit_zero else Exit.ERROR if result.errors else Exit.CLEAN)
        if "-" not in paths:
            result = run()
    sources = {}
    if fmt == "text" and not quiet:
        for d in result.diagnostics:
            if d.path not in sources:
                sources[d.path] = _read_text(d.path, stdin_text)
    render = FORMATTERS[fmt]
    out = render(result, sources, quiet=quiet, statistics=statistics) if fmt == "text" else render(result, sources)
    if not (fix and "-" in paths):
        click.echo(out, nl=False)
    for e in result.errors:
        if fmt != "text":
            click.echo(str(e), err=True)
    _print_notices(result)
    code = result.exit_code(lambda path: config_for(path, config_path).fail_on)
    if exit_zero and code == Exit.FINDINGS:
        code = Exit.CLEAN
    sys.exit(code)


def _print_notices(result) -> None:
    """Each run notice (e.g. grammar checks skipped, and why) once, on standard error."""
    for line in notices.of_run(result.files):
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


def _read_text(path: str, stdin_text: bytes | None) -> str | None:
    try:
        if path == "-":
            data = stdin_text or b""
        else:
            with open(path, "rb") as fh:
                data = fh.read()
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _apply_fixes(result, config_path, select, ignore, unsafe, diff_only, stdin_text) -> bool:
    """Fix every file that checked cleanly; print a diff instead when ``diff_only``."""
    any_change = False
    for r in result.files:
        if r.error is not None:
            continue
        try:
            config = runner.with_cli(config_for(r.path, config_path), select, ignore)
            if r.path == "-":
                doc = Document.from_bytes(stdin_text or b"", "-", markdown=True)
            else:
                doc = files.read_document(r.path)
            outcome = fixer.fix_document(doc, config.settings_for(r.path), unsafe=unsafe)
        except MedlintError as exc:
            click.echo(str(exc), err=True)
            continue
        if not outcome.changed:
            continue
        any_change = True
        if diff_only:
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
        elif r.path == "-":
            click.echo(outcome.text, nl=False)
        else:
            files.write_atomic(r.path, fixer.encode(outcome.text, doc.bom))
            click.echo(f"fixed {outcome.applied} finding{'s' if outcome.applied != 1 else ''} in {r.path}", err=True)
    return any_change


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
    files.write_atomic(output, site_report.render(result).encode("utf-8"))
    for e in result.errors:
        click.echo(str(e), err=True)
    click.echo(f"wrote {output}: {len(result.files)} articles, {len(result.diagnostics)} findings", err=True)
    sys.exit(Exit.ERROR if result.errors else Exit.CLEAN)


@main.command()
@click.argument("code")
def explain(code):
    """Print a rule's documentation (by code or name)."""
    rule = registry.find_rule(code)
    if rule is None:
        click.echo(f"medlint: no rule '{code}' (see `medlint rules`)", err=True)
        sys.exit(Exit.ERROR)
    click.echo(rule.explain(), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt):
    """List every rule."""
    import json

    all_rules = registry.all_rules()
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in all_rules], indent=2, ensure_ascii=False))
        return
    for r in all_rules:
        flags = ("fix" if r.fixable else "   ") + ("" if r.default_enabled else " off")
        click.echo(f"{r.code}  {r.name:<40} {r.severity.value:<8} {flags}  {r.summary}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of discovery.")
def stats(paths, fmt, config_path):
    """Readability scores per file (SMOG, Flesch–Kincaid, reading ease, Dale–Chall, fog) and,
    for several files, their distribution."""
    from medlint.outputs import stats as stats_module

    paths = paths or (".",)
    stdin_text = sys.stdin.buffer.read() if "-" in paths else None
    result = stats_module.collect(paths, config_path, stdin_text)
    click.echo(stats_module.RENDERERS[fmt](result), nl=False)
    for e in result.errors:
        click.echo(str(e), err=True)
    sys.exit(Exit.ERROR if result.errors else Exit.CLEAN)


if __name__ == "__main__":  # pragma: no cover
    main()
