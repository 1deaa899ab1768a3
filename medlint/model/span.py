"""Where something is in a text: one ``Span`` type for every position medlint reports.

A span is both forms of a place at once: offsets into the decoded text (Python ``str`` indices,
BOM removed; ``end`` exclusive) and the 1-based line and column of each end, counted in Unicode
code points. Both come from one ``LineIndex``, so a finding, a suppression comment and the text
formatter's caret always agree on where a line starts. Plain data: a span is cached, sent
between processes and serialised as the six numbers of the JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from medlint.model.lines import LineIndex


@dataclass(frozen=True)
class Span:
    """``text[start:end]``, which begins at (line, column) and ends at (end_line, end_column)."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, index: LineIndex, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` in the text that ``index`` was built from."""
        return cls(start, end, *index.position(start), *index.position(end))

    def to_dict(self) -> dict:
        """The position fields of the JSON contract, in its order."""
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Span:
        return cls(data["start"], data["end"], data["line"], data["column"], data["end_line"], data["end_column"])
