"""The JSON contract (version 1) that scripts rely on. Keep it stable: add, never rename.

    {"version": 1, "files": N, "diagnostics": [{"path", "code", "name", "severity", "message",
     "line", "column", "end_line", "end_column", "start", "end",
     "fix": null | {"title", "applicability", "edits": [{"start", "end", "replacement"}]}}],
     "errors": [{"path", "line", "message"}]}
"""

from __future__ import annotations

import json

VERSION = 1


def render(result, sources=None) -> str:
    data = {
        "version": VERSION,
        "files": len(result.files),
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
