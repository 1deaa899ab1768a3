"""GitHub Actions workflow commands, which show as annotations on a pull request's diff.
Written line by line as the findings stream past."""

from __future__ import annotations

from collections.abc import Iterator

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result, sources=None) -> Iterator[str]:
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
        yield f"::{_LEVEL[d.severity.value]} {props}::{_escape_data(message)}\n"
    for e in result.errors:
        if e.path.startswith("--"):  # an option (--diff-base), not a file
            yield f"::error title=medlint {e.kind}::{_escape_data(f'{e.path}: {e.message}')}\n"
            continue
        where = f"file={_escape_property(e.path)}" + (f",line={e.line}" if e.line else "")
        yield f"::error {where},title=medlint {e.kind}::{_escape_data(e.message)}\n"
