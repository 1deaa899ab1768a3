"""Where rule data lives, and reading it.

Data lives in the top-level ``rules/`` folder, logic in ``medlint/``. The wheel ships that folder
as ``medlint/rules``; a checkout has it beside the ``medlint`` package. ``rules_dir`` looks in
those two places, in that order, so the installed tool and ``python -m pytest`` from a checkout
read the same files. Each file is read and validated once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from medlint.model import yamlio
from medlint.model.errors import PackError

_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The rule data folder: ``medlint/rules`` when installed, ``rules/`` in a checkout."""
    for candidate in (_PACKAGE / "rules", _PACKAGE.parent / "rules"):
        if (candidate / "retired-codes.yaml").is_file():
            return candidate
    raise PackError(str(_PACKAGE / "rules"), "medlint's rule data is missing (reinstall medlint)")


@lru_cache(maxsize=None)
def load_data(name: str):
    """Parse ``rules/<name>`` (YAML)."""
    return yamlio.load((rules_dir() / name).read_text(encoding="utf-8"), f"rules/{name}", PackError)


@lru_cache(maxsize=1)
def retired_codes() -> dict[str, str]:
    """Codes that were used once and must never be used again, with why each was retired."""
    data = load_data("retired-codes.yaml") or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise PackError("rules/retired-codes.yaml", "must map each retired code to the reason it was retired")
    return dict(data)
