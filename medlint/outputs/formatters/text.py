"""Human-readable output: ``path:line:col: CODE message``, the line, a caret, the fix title."""

from __future__ import annotations

import collections

from medlint.model.diagnostics import Applicability


def _source_line(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""


def render(result, sources=None, quiet: bool = False, statistics: bool = False) -> str:
    sources = sources or {}
    out = []
    for d in result.diagnostics:
        out.append(f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}")
        if quiet:
            continue
        text = sources.get(d.path)
        if text is not None:
            src = _source_line(text, d.line)
            if len(src) > 160:  # long lines: show a window around the finding
                lo = max(0, d.column - 60)
                src, col = ("…" + src[lo : lo + 150] + "…"), d.column - lo + 1
            else:
                col = d.column
            width = max(1, (d.end_column - d.column) if d.end_line == d.line else len(src) - col + 1)
            out.append(f"    {src}")
            out.append("    " + " " * (col - 1) + "^" * min(width, 120))
        if d.fix:
            marker = "" if d.fix.applicability == Applicability.SAFE else " (unsafe: needs --unsafe-fixes)"
            out.append(f"    fix: {d.fix.title}{marker}")
    for e in result.errors:
        out.append(str(e))
    if statistics and result.diagnostics:
        counts = collections.Counter((d.code, d.name) for d in result.diagnostics)
        out.append("")
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:6d}  {code}  {name}")
    n = len(result.diagnostics)
    fixable = sum(1 for d in result.diagnostics if d.fix and d.fix.applicability == Applicability.SAFE)
    summary = f"Found {n} finding{'s' if n != 1 else ''} in {len(result.files)} file{'s' if len(result.files) != 1 else ''}"
    if fixable:
        summary += f" ({fixable} fixable with --fix)"
    if result.errors:
        summary += f"; {len(result.errors)} file{'s' if len(result.errors) != 1 else ''} could not be checked"
    out.append(summary + ".")
    return "\n".join(out) + "\n"
