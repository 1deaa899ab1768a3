"""GitHub Actions workflow commands, which show as annotations on a pull request's diff."""

from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result, sources=None) -> str:
    lines = []
    for d in result.diagnostics:
        props = ",".join(
            [
                f"file={_escape_property(d.path)}",
                f"line={d.span.line}",
                f"col={d.span.column}",
                f"endLine={d.span.end_line}",
                f"endColumn={d.span.end_column}",
                f"title={_escape_property(f'{d.code} {d.name}')}",
            ]
        )
        message = d.message + (f" (fix: {d.fix.title})" if d.fix else "")
        lines.append(f"::{_LEVEL[d.severity.value]} {props}::{_escape_data(message)}")
    for e in result.errors:
        if e.path.startswith("--"):  # an option (--diff-base), not a file
            lines.append(f"::error title=medlint {e.kind}::{_escape_data(f'{e.path}: {e.message}')}")
            continue
        where = f"file={_escape_property(e.path)}" + (f",line={e.line}" if e.line else "")
        lines.append(f"::error {where},title=medlint {e.kind}::{_escape_data(e.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
