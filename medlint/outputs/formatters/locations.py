"""Where findings are, for formats read by code hosts: paths relative to the repository root
and a line-independent fingerprint per finding (SARIF, GitLab Code Quality).

The root is the nearest folder above the current one holding ``.git`` (no git command runs),
or the current folder outside a repository.
"""

from __future__ import annotations

import collections
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path


def source_root(start: str | os.PathLike = ".") -> Path:
    """The repository root above ``start`` (a folder holding ``.git``), else ``start`` itself."""
    here = Path(os.path.realpath(start))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def relative(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` in posix form, or None when it lies outside (or is stdin)."""
    if path == "-":
        return None
    try:
        return Path(os.path.realpath(path)).relative_to(root).as_posix()
    except ValueError:
        return None


def fingerprints(diagnostics, sources, name_of) -> Iterator[str]:
    """One fingerprint per diagnostic from its rule, file (``name_of(path)``), flagged text (the
    message when the text is not at hand) and how many identical findings came before it in
    that file: stable when lines above move, unique within a run. A run gives each file's
    findings together, so only the current file's counts are kept."""
    seen: collections.Counter = collections.Counter()
    current = None
    for d in diagnostics:
        if d.path != current:
            current, seen = d.path, collections.Counter()
            name = name_of(d.path)
        text = sources.get(d.path)
        flagged = " ".join(text[d.start : d.end].split()) if text is not None else d.message
        key = (d.code, name, flagged)
        seen[key] += 1
        yield hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()[:32]
