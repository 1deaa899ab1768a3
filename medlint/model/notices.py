"""Run notices: one line each, for what the user must know that is not a finding.

A check that could not do its work (grammar checks without a LanguageTool server) records a
notice under a key, naming the rule families it could not check (their suppression comments
are then not reported as unused: nothing was checked, so nothing proves them stale). ``engine.lint_document`` collects the notices of each file into its
FileResult, so they come back from worker processes and, unless ``transient``, are kept in the
result cache with the findings. A transient notice (a configured server that did not answer)
marks a result the cache must not keep: the next run should try again. ``engine.runner``
chooses the lines worth printing (``shown_notices``) and the command line prints each once per
run, on standard error, so standard output stays clean for formatters and pipes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    key: str
    line: str
    transient: bool = False
    families: tuple = ()


_pending: dict[str, Notice] = {}


def notice(key: str, line: str, transient: bool = False, families: tuple = ()) -> None:
    """Record ``line`` under ``key``, unless a notice with that key is already pending."""
    _pending.setdefault(key, Notice(key, line, transient, tuple(families)))


def drain() -> tuple[Notice, ...]:
    """The pending notices, in the order first recorded; clears them."""
    out = tuple(_pending.values())
    _pending.clear()
    return out

