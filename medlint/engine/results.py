"""What a run gives: per-file results and the run's result with its exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from medlint.model.diagnostics import Diagnostic, Severity
from medlint.model.errors import MedlintError


@dataclass
class FileResult:
    """What checking one file gave: findings before suppression, directives, site summaries."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    directives: list = field(default_factory=list)
    summaries: dict = field(default_factory=dict)
    error: MedlintError | None = None
    words: int = 0
    notices: tuple = ()  # notices.Notice from checks that could not run (grammar without a server)


@dataclass
class RunResult:
    """Everything one run found, in a deterministic order."""

    files: list[FileResult]
    diagnostics: list[Diagnostic]
    errors: list[MedlintError]
    #: Run notices worth printing, one line each (see ``runner.shown_notices``).
    notices: list[str] = field(default_factory=list)

    def exit_code(self, fail_on: Callable[[str], Severity]) -> int:
        """2 on any file error; else 1 when a finding reaches its file's failing severity."""
        if self.errors:
            return 2
        return 1 if any(d.severity.rank >= fail_on(d.path).rank for d in self.diagnostics) else 0
