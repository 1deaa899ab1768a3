"""What a run gives: per-file results and the run's result with its exit code.

A site's findings can outgrow memory (10,000 articles: over 400,000 findings), so a run keeps
them in ``Findings``: batches pickled to an unnamed temporary file (``Spool``) once there are
more than a batch, read back batch by batch each time they are iterated. Formatters stream
through them file by file; a small run (one file, an editor's buffer) never touches the disk.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable, Iterator
from typing import Any

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


class Spool:
    """Values pickled to an unnamed temporary file (made on first use), each read back by the
    handle ``put`` returned; reads seek first, so several readers can interleave."""

    def __init__(self) -> None:
        self._file: Any = None
        self._end = 0

    def put(self, value: Any) -> tuple[int, int]:
        import pickle  # a spool is only made past BATCH findings: neither import at every start
        import tempfile

        if self._file is None:
            self._file = tempfile.TemporaryFile()
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        handle = (self._end, len(data))
        self._end += len(data)
        return handle

    def get(self, handle: tuple[int, int]) -> Any:
        import pickle

        offset, size = handle
        self._file.seek(offset)
        return pickle.loads(self._file.read(size))


class Findings:
    """A run's findings in order, for iterating (any number of times, two iterations at once
    included) and counting. Held in memory up to ``BATCH`` findings, then spooled in batches
    (one per ``extend``ed file when larger); indexing and equality read them all (tests and
    small runs only)."""

    BATCH = 1000

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        self._spool = Spool()
        self._handles: list[tuple[int, int]] = []
        self._pending: list[Diagnostic] = []
        self._count = 0
        for d in items:
            self.append(d)

    def append(self, diag: Diagnostic) -> None:
        self._pending.append(diag)
        self._count += 1
        if len(self._pending) >= self.BATCH:
            self._handles.append(self._spool.put(self._pending))
            self._pending = []

    def extend(self, diags: list[Diagnostic]) -> None:
        """Add one file's findings: a batch of their own when they fill one."""
        if len(diags) < self.BATCH:
            for d in diags:
                self.append(d)
            return
        if self._pending:
            self._handles.append(self._spool.put(self._pending))
            self._pending = []
        self._handles.append(self._spool.put(diags))
        self._count += len(diags)

    def __iter__(self) -> Iterator[Diagnostic]:
        for handle in list(self._handles):
            yield from self._spool.get(handle)
        yield from list(self._pending)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, Findings)) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Findings({list(self)!r})"


@dataclass
class RunResult:
    """Everything one run found, in a deterministic order."""

    files: list[FileResult]  # without their findings: those are in ``diagnostics``
    diagnostics: Findings | list[Diagnostic]
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
