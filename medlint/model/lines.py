"""Lines of a text: offsets to 1-based (line, column) and back, one index for every user.

Every part of medlint that speaks of lines (positions of findings, suppression comments, the
fixer) uses this index, so they agree on what a line is: a line ends at LF, CRLF or a lone CR
(old Mac files; the Markdown parser breaks lines there too). ``unify_breaks`` gives the text with
each lone CR read as LF — the same length, so offsets do not move — for code that splits on LF
(Markdown and plain-text masking, suppression comments, the text format's source lines); the
text itself, and so every fix, keeps the file's own endings.
"""

from __future__ import annotations

import bisect
import re


_LONE_CR = re.compile(r"\r(?!\n)")


def unify_breaks(text: str) -> str:
    """``text`` with each lone CR as LF (CRLF and LF unchanged; same length and offsets)."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


class LineIndex:
    """Converts offsets to 1-based (line, column) in code points, and back."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", unify_breaks(text))]
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line, without its newline."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else self.length
        return start, end

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset)

    @property
    def count(self) -> int:
        return len(self.starts)
