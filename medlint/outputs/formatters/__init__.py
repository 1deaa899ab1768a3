"""Output formats, one module each, behind one table: text, json, github, sarif, gitlab, junit.

A formatter takes the run's result and returns its output as an iterable of strings to be
written one after another (or one string): every format here streams the run's findings
(``results.Findings``) file by file, so a large site's output is never held whole; only the
CLI prints it. ``sources`` maps a path to its text, for formatters that show the offending line.
Every file name is made printable first (``display.displayable``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping


class _Formatters(Mapping):
    """Format name → its ``render``, each module imported when its format is first asked for:
    a run writes one format, and importing all six (XML among them) cost every start."""

    _MODULES = {"text": "text", "json": "json_format", "github": "github", "sarif": "sarif", "gitlab": "gitlab", "junit": "junit"}

    def __getitem__(self, name: str) -> Callable:
        return importlib.import_module(f"{__name__}.{self._MODULES[name]}").render

    def __iter__(self) -> Iterator[str]:
        return iter(self._MODULES)

    def __len__(self) -> int:
        return len(self._MODULES)


FORMATTERS: Mapping[str, Callable] = _Formatters()
#: The formats that read the checked files' text (``sources``); for the others the CLI does not
#: read every file with a finding again.
READS_SOURCES = frozenset({"text", "sarif", "gitlab"})
