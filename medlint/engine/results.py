"""What a run gives: per-file results and the run's result with its exit code."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from collections.abc import Callable

from medlint.engine.config import Settings
from medlint.model.diagnostics import Diagnostic
from medlint.model.errors import MedlintError


class Exit(enum.IntEnum):
    """Exit codes of every medlint command."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


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
    settings_of: Callable[[str], Settings] | None = None  # the settings each file was checked with

    def exit_code(self, exit_zero: bool = False, failing: bool | None = None) -> Exit:
        """The one exit-code rule of every mode (check, --fix, --diff): 2 when a file or a
        configuration could not be checked, whatever else happened; else 1 when the run fails
        (``failing``; by default: a finding at or above its file's fail-on severity) unless
        ``exit_zero``; else 0."""
        if self.errors:
            return Exit.ERROR
        if failing is None:
            assert self.settings_of is not None  # only a run that could not start (errors, above) lacks it
            failing = any(d.severity.rank >= self.settings_of(d.path).fail_on.rank for d in self.diagnostics)
        return Exit.FINDINGS if failing and not exit_zero else Exit.CLEAN
