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

import itertools
import json
from collections.abc import Iterable, Iterator

VERSION = 1
_BATCH = 500  # findings per piece written


def render(result, sources=None) -> Iterator[str]:
    errors = [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors]
    yield f'{{\n  "version": {VERSION},\n  "files": {len(result.files)},\n  "diagnostics": '
    yield from array((d.to_dict() for d in result.diagnostics), 1)
    yield ',\n  "errors": ' + _nested(errors, 1, first=False) + "\n}\n"


def array(items: Iterable, depth: int) -> Iterator[str]:
    """A JSON array ``depth`` levels deep (its opening bracket not indented), item by item from
    ``items`` in pieces of ``_BATCH``, as ``json.dumps(indent=2)`` writes it whole."""
    items = iter(items)
    batches = iter(lambda: list(itertools.islice(items, _BATCH)), [])
    first = True
    for batch in batches:
        yield ("[\n" if first else ",\n") + ",\n".join(_nested(item, depth + 1) for item in batch)
        first = False
    yield "[]" if first else "\n" + "  " * depth + "]"


#: Where ``spliced`` writes the streamed array into a document.
PLACEHOLDER = "\0medlint-findings\0"


def spliced(document, items: Iterable, depth: int) -> Iterator[str]:
    """``document`` as ``json.dumps(indent=2, ensure_ascii=False)`` writes it, with the array
    ``items`` (streamed by ``array``) where it holds ``PLACEHOLDER``, ``depth`` levels deep: a
    format whose findings sit inside other data (SARIF) is written without holding them."""
    before, after = json.dumps(document, indent=2, ensure_ascii=False).split(json.dumps(PLACEHOLDER), 1)
    yield before
    yield from array(items, depth)
    yield after + "\n"


def _nested(value, depth: int, first: bool = True) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``depth`` levels deep (the first line
    indented too when ``first``)."""
    text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
    return "  " * depth + text if first else text
