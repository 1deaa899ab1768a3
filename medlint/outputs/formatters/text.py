"""Human-readable output: ``path:line:col: CODE [severity] message``, the line, a caret, the fix.

- Colour (ANSI) only when asked: the CLI decides (``--color``, ``NO_COLOR``, a terminal).
- Paragraphs shared across articles (DUP003) are grouped: one entry per pair of files, at the
  first shared paragraph, with the count and the lines; a copied article would otherwise bury
  every other finding under dozens of identical ones. The summary still counts each finding, as
  the JSON output does.
- The summary counts safe fixes (``--fix``) and unsafe ones (``--unsafe-fixes``) apart.
- Written file by file as the findings stream past (a run gives each file's findings
  together); the counts of the statistics and the summary are kept as they go.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Iterator

from medlint.model.diagnostics import Applicability
from medlint.model.lines import unify_breaks
from medlint.outputs.formatters.display import escape_controls

GROUPED = "DUP003"
_RESET = "\x1b[0m"
_STYLE = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m", "path": "\x1b[1m", "code": "\x1b[1;35m", "caret": "\x1b[31m", "fix": "\x1b[32m", "dim": "\x1b[2m"}


def _paint(color: bool):
    def paint(style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if color and text else text

    return paint


def _source_line(text: str, line: int) -> str:
    lines = unify_breaks(text).split("\n")
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _entries(diagnostics: list) -> list[tuple]:
    """(diagnostic, message) per entry to print, DUP003 grouped by (file, other file): the
    findings of one file."""
    groups: dict[tuple, list] = collections.defaultdict(list)
    for d in diagnostics:
        if d.code == GROUPED and d.related:
            groups[(d.path, d.related[0].path)].append(d)
    out = []
    for d in diagnostics:
        group = groups.get((d.path, d.related[0].path)) if d.code == GROUPED and d.related else None
        if group is None or len(group) == 1:
            out.append((d, d.message))
        elif group[0] is d:
            here = ", ".join(str(g.line) for g in group)
            there = ", ".join(str(g.related[0].line) for g in group)
            out.append((d, f"{len(group)} paragraphs of this article also appear in {d.related[0].path} (lines {here} here; {there} there); keep them in one article or reword them"))
    return out


def render(result, sources=None, quiet: bool = False, statistics: bool = False, color: bool = False) -> Iterator[str]:
    sources = sources or {}
    paint = _paint(color)
    counts: collections.Counter = collections.Counter()
    fixes: collections.Counter = collections.Counter()
    for _, found in itertools.groupby(result.diagnostics, key=lambda d: d.path):
        in_file = list(found)
        counts.update((d.code, d.name) for d in in_file)
        fixes.update(d.fix.applicability for d in in_file if d.fix)
        yield "".join(line + "\n" for line in _file_lines(in_file, sources, quiet, paint))
    out = []
    for e in result.errors:
        out.append(paint("error", escape_controls(str(e))))
    if statistics and counts:
        out.append("")
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:6d}  {code}  {name}")
    out.append(summary(result, sum(counts.values()), fixes))
    yield "\n".join(out) + "\n"


def _file_lines(diagnostics: list, sources, quiet: bool, paint) -> Iterator[str]:
    """The lines shown for one file's findings."""
    for d, message in _entries(diagnostics):
        sev, span = d.severity.value, d.span
        where = escape_controls(f"{d.path}:{span.line}:{span.column}:")
        yield f"{paint('path', where)} {paint('code', d.code)} {paint(sev, f'[{sev}]')} {escape_controls(message)}"
        if quiet:
            continue
        text = sources.get(d.path)
        if text is not None:
            src = _source_line(text, span.line)
            if len(src) > 160:  # long lines: show a window around the finding
                lo = max(0, span.column - 60)
                src, col = ("…" + src[lo : lo + 150] + "…"), span.column - lo + 1
            else:
                col = span.column
            width = max(1, (span.end_column - span.column) if span.end_line == span.line else len(src) - col + 1)
            before, flagged = src[: col - 1], src[col - 1 : col - 1 + width]
            src, col, width = escape_controls(src), len(escape_controls(before)) + 1, len(escape_controls(flagged)) or 1
            yield f"    {src}"
            yield "    " + " " * (col - 1) + paint("caret", "^" * min(width, 120))
        if d.fix:
            marker = "" if d.fix.applicability == Applicability.SAFE else " (unsafe: needs --unsafe-fixes)"
            yield f"    {paint('fix', 'fix:')} {escape_controls(d.fix.title)}{marker}"


def summary(result, n: int, fixes: collections.Counter) -> str:
    """``Found N findings in M files (S fixable with --fix, U more with --unsafe-fixes).``:
    ``n`` findings, ``fixes`` counting their fixes by applicability."""
    line = f"Found {_plural(n, 'finding')} in {_plural(len(result.files), 'file')}"
    parts = []
    if fixes[Applicability.SAFE]:
        parts.append(f"{fixes[Applicability.SAFE]} fixable with --fix")
    if fixes[Applicability.UNSAFE]:
        parts.append(f"{fixes[Applicability.UNSAFE]} {'more ' if parts else ''}with --unsafe-fixes")
    if parts:
        line += f" ({', '.join(parts)})"
    unchecked = sum(1 for f in result.files if f.error is not None)  # one config error can stop many
    if unchecked:
        line += f"; {_plural(unchecked, 'file')} could not be checked"
    return line + "."
