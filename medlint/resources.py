"""Data files shipped in ``rules/`` (installed as ``medlint.rules``) for Python checks.

Lexicons, regulatory facts, phrase lists: data lives in ``rules/``, logic in ``medlint/``.
Each file is read and validated once per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from . import yamlio
from .errors import PackError


@lru_cache(maxsize=None)
def load_data(name: str):
    """Parse ``rules/<name>`` (YAML) from the installed package."""
    item = resources.files("medlint.rules").joinpath(name)
    return yamlio.load(item.read_text(encoding="utf-8"), f"rules/{name}", PackError)
