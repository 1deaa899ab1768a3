"""What the user sees of names and text: printable in every format.

File names reach every format through ``displayable``: a name that is not valid UTF-8 (Python
holds its bytes as surrogate escapes) is shown with those bytes as ``\\xNN``, the same in every
format, so JSON and SARIF stay valid UTF-8. The text format also shows control characters as
``\\xNN`` (``escape_controls``): article text must not drive the terminal (an escape sequence can
retitle the window or hide lines).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from medlint.engine.results import Findings

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with control characters (tab and newline excepted) shown as ``\\xNN``."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def printable_path(path: str) -> str:
    """``path`` as valid text: bytes that were not UTF-8 shown as ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


class _Renamed:
    """Sources read when asked (the CLI's), looked up by printable name."""

    def __init__(self, sources, raw_of: dict[str, str]) -> None:
        self._sources, self._raw_of = sources, raw_of

    def get(self, path: str, default=None):
        return self._sources.get(self._raw_of.get(path, path), default)


def displayable(result, sources):
    """The run's result and sources (a dict, or anything with ``get`` that reads them when
    asked) with every file name printable (see the module doc). Findings are streamed, not
    copied: renamed ones are spooled again (``Findings``)."""
    def fix_paths(d):
        related = tuple(replace(r, path=printable_path(r.path)) for r in d.related)
        return replace(d, path=printable_path(d.path), related=related)

    errors = []
    for e in result.errors:
        shown = printable_path(e.path)
        if shown != e.path:
            e = type(e)(shown, e.message, e.line)
        errors.append(e)
    files = [f if printable_path(f.path) == f.path else replace(f, path=printable_path(f.path)) for f in result.files]
    names = {d.path for d in result.diagnostics} | {r.path for d in result.diagnostics for r in d.related}
    raw_of = {printable_path(name): name for name in names if printable_path(name) != name}
    if raw_of:
        diagnostics = Findings(fix_paths(d) for d in result.diagnostics)
    else:  # every name already printable: no copy of a site's findings
        diagnostics = result.diagnostics
    result = replace(result, diagnostics=diagnostics, errors=errors, files=files)
    if isinstance(sources, dict):
        return result, {printable_path(k): v for k, v in sources.items()}
    return result, _Renamed(sources, raw_of) if raw_of else sources
