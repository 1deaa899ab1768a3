"""The JSON contract (version 1) that scripts rely on. Keep it stable: add, never rename.

    {"version": 1, "files": N, "diagnostics": [{"path", "code", "name", "severity", "message",
     "line", "column", "end_line", "end_column", "start", "end",
     "fix": null | {"title", "applicability", "edits": [{"start", "end", "replacement"}]}}],
     "errors": [{"path", "line", "message"}]}

Written in pieces, a few hundred findings each, exactly as ``json.dumps(data, indent=2,
ensure_ascii=False)`` writes the whole: a site with hundreds of thousands of findings never
holds its whole output (and the encoder's millions of fragments) in memory at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

VERSION = 1
_BATCH = 500  # findings per piece written


def render(result, sources=None) -> Iterator[str]:
    errors = [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors]
    yield f'{{\n  "version": {VERSION},\n  "files": {len(result.files)},\n  "diagnostics": '
    diagnostics = result.diagnostics
    if not diagnostics:
        yield "[]"
    for at in range(0, len(diagnostics), _BATCH):
        items = ",\n".join(_nested(d.to_dict(), 2) for d in diagnostics[at : at + _BATCH])
        yield ("[\n" if at == 0 else ",\n") + items
    if diagnostics:
        yield "\n  ]"
    yield ',\n  "errors": ' + _nested(errors, 1, first=False) + "\n}\n"


def _nested(value, depth: int, first: bool = True) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``depth`` levels deep (the first line
    indented too when ``first``)."""
    text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
    return "  " * depth + text if first else text
