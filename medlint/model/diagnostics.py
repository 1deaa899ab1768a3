"""The one result type every check returns: a Diagnostic, with an optional Fix made of Edits.

A diagnostic's place is a ``Span`` (offsets into the decoded file text, and 1-based lines and
columns in Unicode code points). Everything here is plain data so results can be cached, sent
between processes and serialised without loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from medlint.model.span import Span

#: medlint's rule families. A code is a family prefix plus three digits, and never reused; user
#: packs may add families of their own with other prefixes (2 to 5 capital letters).
FAMILIES: dict[str, str] = {
    "DUP": "duplicated content",
    "REG": "regulatory status",
    "CLM": "claims and evidence",
    "SPL": "spelling",
    "GRM": "grammar",
    "RDB": "readability",
    "BPL": "scraped boilerplate",
    "SAF": "safe messaging about suicide",
    "LNG": "stigmatising language",
    "FCT": "factual terminology",
    "SRC": "sources and attribution",
}


class Severity(str, Enum):
    """How serious a finding is. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


class Applicability(str, Enum):
    """Whether ``--fix`` may apply a fix on its own (safe) or only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (empty replacement deletes)."""

    start: int
    end: int
    replacement: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    """A titled, non-overlapping set of edits that resolves one diagnostic."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (the original of a duplicate, a contradicting claim)."""

    path: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class Diagnostic:
    """One finding: which rule, how serious, what is wrong, where, and how to fix it."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str = "-"
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    # The span's fields, read through the diagnostic (``d.start`` for ``d.span.start``).
    start = property(lambda self: self.span.start)
    end = property(lambda self: self.span.end)
    line = property(lambda self: self.span.line)
    column = property(lambda self: self.span.column)
    end_line = property(lambda self: self.span.end_line)
    end_column = property(lambda self: self.span.end_column)

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.code, self.message)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    def to_dict(self) -> dict:
        """The stable JSON contract (version 1) for one diagnostic."""
        out = {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            **self.span.to_dict(),
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.related:
            out["related"] = [r.to_dict() for r in self.related]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Diagnostic:
        fix = data.get("fix")
        return cls(
            code=data["code"],
            name=data["name"],
            severity=Severity(data["severity"]),
            message=data["message"],
            span=Span.from_dict(data),
            path=data["path"],
            fix=None
            if fix is None
            else Fix(
                title=fix["title"],
                applicability=Applicability(fix["applicability"]),
                edits=tuple(Edit(**e) for e in fix["edits"]),
            ),
            related=tuple(Related(**r) for r in data.get("related", ())),
        )
