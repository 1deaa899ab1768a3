"""GitLab Code Quality: a JSON array of issues, shown in merge requests (``codequality``
report artifact). Fields as GitLab documents them: ``description``, ``check_name``,
``fingerprint`` (unique per issue: GitLab keeps one issue per fingerprint), ``severity``
(info, minor, major, critical, blocker) and ``location`` with a repository-relative ``path``
and ``lines.begin``. Files that could not be checked are issues of their own (``check_name``
``medlint-input-error``), so a merge request shows them too.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterator

from medlint.outputs.formatters.json_format import array
from medlint.outputs.formatters.locations import fingerprints, relative, source_root

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result, sources=None, root: str | os.PathLike | None = None) -> Iterator[str]:
    """The issues, streamed (``json_format.array``) as the findings go past."""
    sources = sources or {}
    base = source_root(root or ".")

    def name_of(path: str) -> str:
        return relative(path, base) or path

    issues = itertools.chain(_issues(result, sources, name_of), _error_issues(result, name_of))
    yield from array(issues, 0)
    yield "\n"


def _issues(result, sources, name_of) -> Iterator[dict]:
    for d, fp in zip(result.diagnostics, fingerprints(result.diagnostics, sources, name_of)):
        description = f"{d.code} {d.message}" + (f" (fix: {d.fix.title}; {d.fix.applicability.value})" if d.fix else "")
        yield (
            {
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "fingerprint": fp,
                "severity": _SEVERITY[d.severity.value],
                "categories": ["Style"],
                "location": {"path": name_of(d.path), "lines": {"begin": d.line, "end": d.end_line}},
            }
        )


def _error_issues(result, name_of) -> Iterator[dict]:
    for e in result.errors:
        path = name_of(e.path) if not e.path.startswith("--") else ".medlint.yaml"
        fp = hashlib.sha256(f"error\0{e.path}\0{e.message}".encode()).hexdigest()[:32]
        yield (
            {
                "type": "issue",
                "description": f"medlint could not check this: {e.path}: {e.message}" if e.path.startswith("--") else f"medlint could not check this file: {e.message}",
                "check_name": "medlint-input-error",
                "fingerprint": fp,
                "severity": "critical",
                "categories": ["Bug Risk"],
                "location": {"path": path, "lines": {"begin": e.line or 1}},
            }
        )
