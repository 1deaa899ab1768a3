"""Output formats, one module each, behind one table: text, json, github, sarif, gitlab, junit.

A formatter takes the run's result and returns its output as an iterable of strings to be
written one after another (or one string): every format here streams the run's findings
(``results.Findings``) file by file, so a large site's output is never held whole; only the
CLI prints it. ``sources`` maps a path to its text, for formatters that show the offending line.
Every file name is made printable first (``display.displayable``).
"""

from __future__ import annotations

from collections.abc import Callable

from medlint.outputs.formatters import github, gitlab, json_format, junit, sarif, text

FORMATTERS: dict[str, Callable] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}
#: The formats that read the checked files' text (``sources``); for the others the CLI does not
#: read every file with a finding again.
READS_SOURCES = frozenset({"text", "sarif", "gitlab"})
