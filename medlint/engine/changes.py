"""Changed lines since a git revision, for ``--diff-base REF``.

A site with a backlog adopts medlint on new work first: only findings on lines changed since
``REF`` are reported. The lines come from ``git diff --unified=0 REF`` (working tree against
REF, so uncommitted edits count) plus every line of untracked files. Site-wide checks still read
every article; a finding of theirs is kept when it, or a place it points to, touches a changed
line.
"""

from __future__ import annotations

import os
import re

from medlint.model.diagnostics import Diagnostic
from medlint.model.errors import ConfigError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
ALL_LINES = None  # marker: every line of the file changed (new or untracked file)


def _git(args: list[str], cwd: str) -> str:
    import subprocess  # only --diff-base runs git: not imported at every start

    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError("--diff-base", f"cannot run git: {exc}") from None
    if out.returncode != 0:
        raise ConfigError("--diff-base", f"git {' '.join(args[:2])} failed: {out.stderr.strip() or out.stdout.strip()}")
    return out.stdout


def _require_commit(base: str, top: str) -> None:
    """A ConfigError naming ``base`` when it is no commit of this clone, with the usual causes."""
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], top)
    except ConfigError:
        shallow = _git(["rev-parse", "--is-shallow-repository"], top).strip() == "true"
        hint = (
            "this clone is shallow: fetch the history (actions/checkout with fetch-depth: 0)"
            if shallow
            else "fetch it first (git fetch origin), or check the name"
        )
        raise ConfigError("--diff-base", f"base revision '{base}' is not a commit in {top}: {hint}") from None


def changed_lines(base: str, start: str = ".") -> dict[str, set[int] | None]:
    """Map of resolved file path → changed 1-based line numbers (None: the whole file)."""
    try:
        top = _git(["rev-parse", "--show-toplevel"], start).strip()
    except ConfigError:
        raise ConfigError("--diff-base", f"'{os.path.realpath(start)}' is not inside a git repository, so there is no '{base}' to compare with") from None
    _require_commit(base, top)
    out: dict[str, set[int] | None] = {}
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", base, "--"], top)
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else os.path.realpath(os.path.join(top, name[2:] if name.startswith("b/") else name))
            if current is not None:
                out.setdefault(current, set())
        elif current is not None and line.startswith("@@"):
            m = _HUNK.match(line)
            assert m is not None  # git writes every hunk header in this form
            first, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
            lines = out[current]
            assert lines is not None  # ALL_LINES (None) is set only for untracked files, below
            lines.update(range(first, first + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], top).splitlines():
        out[os.path.realpath(os.path.join(top, name))] = ALL_LINES
    return out


def keeper(changes: dict[str, set[int] | None]):
    """A predicate for ``engine.lint_paths(keep=…)``: does a finding touch a changed line?"""

    def touches(path: str, first: int, last: int) -> bool:
        key = os.path.realpath(path)
        if key not in changes:
            return False
        lines = changes[key]
        return lines is ALL_LINES or any(first <= n <= last for n in lines)

    def keep(d: Diagnostic) -> bool:
        if touches(d.path, d.line, d.end_line):
            return True
        return any(touches(r.path, r.line, r.end_line or r.line) for r in d.related)

    return keep
