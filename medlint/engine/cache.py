"""A result cache keyed by file content, settings and medlint itself (``.medlint_cache/``).

A second run over an unchanged site reads each file's result instead of linting it again. The
key is a hash of: the file's bytes and path, the settings' fingerprint (enabled rules,
severities, options), and medlint's version plus the content of its code and rule data — so
editing a rule pack or upgrading medlint invalidates everything. Entries are JSON, never pickle:
a cache directory committed to a content repository must not be able to run code in CI.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import medlint
from medlint import __version__
from medlint.knowledge.resources import rules_dir
from medlint.model.diagnostics import Diagnostic
from medlint.engine.files import write_atomic
from medlint.engine.results import FileResult
from medlint.model.notices import Notice
from medlint.engine.suppressions import Directive

CACHE_DIR = ".medlint_cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by medlint.\n"


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Hash of medlint's version, code and shipped rule data."""
    h = hashlib.sha256(__version__.encode())
    package = Path(medlint.__file__).parent
    files = {p for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    files |= set(rules_dir().glob("*.yaml"))
    for item in sorted(files):
        h.update(item.name.encode())
        h.update(item.read_bytes())
    return h.hexdigest()[:20]


class Cache:
    """Reads and writes per-file results under ``root``."""

    def __init__(self, root: str | Path = CACHE_DIR):
        self.root = Path(root) / tool_fingerprint()

    def key(self, path: str, data: bytes, settings_fingerprint: str) -> str:
        h = hashlib.sha256()
        for part in (os.path.abspath(path).encode(), b"\0", settings_fingerprint.encode(), b"\0", data):
            h.update(part)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> FileResult | None:
        """The cached result for ``key``, with its paths as this run names the file ("../a.md"
        and "/abs/a.md" share an entry: the key holds the absolute path)."""
        try:
            raw = json.loads(self._file(key).read_text(encoding="utf-8"))
            return FileResult(
                path=path,
                diagnostics=[Diagnostic.from_dict({**d, "path": path}) for d in raw["diagnostics"]],
                directives=[Directive.from_dict(d) for d in raw["directives"]],
                summaries=raw["summaries"],
                words=raw["words"],
                notices=tuple(Notice(**{**n, "families": tuple(n["families"])}) for n in raw.get("notices", ())),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable entries are simply recomputed

    def put(self, key: str, result: FileResult) -> None:
        if result.error is not None:
            return
        entry = {
            "path": result.path,
            "diagnostics": [d.to_dict() for d in result.diagnostics],
            "directives": [d.to_dict() for d in result.directives],
            "summaries": result.summaries,
            "words": result.words,
            "notices": [asdict(n) for n in result.notices],
        }
        try:
            target = self._file(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            tag = self.root.parent / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(_TAG, encoding="utf-8")
                (self.root.parent / ".gitignore").write_text("*\n", encoding="utf-8")
            write_atomic(target, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only checkout still lints; it just is not cached
