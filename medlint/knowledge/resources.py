"""Where rule data lives, and reading it.

Data lives in the top-level ``rules/`` folder, logic in ``medlint/``. The wheel ships that folder
as ``medlint/rules``; a checkout has it beside the ``medlint`` package. ``rules_dir`` looks in
those two places, in that order, so the installed tool and ``python -m pytest`` from a checkout
read the same files. Each file is read once per process and checked against its declared
format (``formats.py``): whatever check reads it, a broken file is a PackError with its line.
What parsed and passed is kept between runs (``checked``), so a run rebuilds it instead of
parsing YAML again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import lru_cache, cache
from pathlib import Path

import yaml

from medlint.knowledge import schema as schema_module
from medlint.knowledge.formats import format_of
from medlint.knowledge.schema import Schema, fingerprint, validate
from medlint.model import yamlio
from medlint.model.errors import PackError
from medlint.model.snapshot import Snapshot

_PACKAGE = Path(__file__).resolve().parents[1]
#: User packs and config files are small; a larger one (or ``/dev/zero``) is refused unread.
MAX_DATA_BYTES = 4 * 1024 * 1024


def read_limited(path: str | Path, limit: int = MAX_DATA_BYTES, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; OSError for a FIFO, a
    device, a folder or a larger file (never a hang, never gigabytes read). With ``follow``
    false, a symlink at ``path`` is refused too (the result cache: nothing there may aim
    medlint at another file)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags if follow else flags | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file: {path}")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise OSError(f"over the {limit / 1e6:.0f} MB limit: {path}")
        return b"".join(chunks)
    finally:
        os.close(fd)


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The rule data folder: ``medlint/rules`` when installed, ``rules/`` in a checkout."""
    for candidate in (_PACKAGE / "rules", _PACKAGE.parent / "rules"):
        if (candidate / "retired-codes.yaml").is_file():
            return candidate
    raise PackError(str(_PACKAGE / "rules"), "medlint's rule data is missing (reinstall medlint)")


@cache
def load_data(name: str):
    """``rules/<name>``, parsed and checked against its format (read once per process)."""
    return read_data(name)


def read_data(name: str, text: str | None = None):
    """Parse ``text`` (by default the file's) as ``rules/<name>`` and check it against the
    file's declared format; PackError naming the file and line on any problem. A ``.json`` file
    (data a tools/ script generates) is read as JSON: it has no lines to name."""
    path = f"rules/{name}"
    schema = format_of(name)
    if schema is None:
        raise PackError(path, "no format is declared for this file (medlint/knowledge/formats.py)")
    if text is None:
        text = (rules_dir() / name).read_text(encoding="utf-8")
    return checked(text, path, schema)


def checked(text: str, path: str, schema: Schema):
    """``text`` (medlint's own data, read as ``path``: JSON when it ends in ``.json``, else YAML)
    parsed and checked against ``schema``; PackError with the line on any problem.

    Parsing and checking the rule data took a third of a one-file run's start-up; their result
    depends only on the text, the schema and the code that parses and checks, so it is kept in
    a snapshot (``model.snapshot``) under the digests of the first two, salted with the third,
    and a later run rebuilds it from there. Only what passed is kept: a broken file fails on
    every run, with its line."""
    key = (path, fingerprint(schema), hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    kept = _CHECKED.get(key)
    if kept is not None:
        return yamlio.thaw(kept)
    if path.endswith(".json"):  # generated data: JSON parses in a fraction of YAML's time
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise PackError(path, f"invalid JSON: {exc}") from None
    else:
        data = yamlio.load(text, path, PackError)
    validate(data, schema, path)
    try:
        _CHECKED.put(key, yamlio.freeze(data))
    except TypeError:
        pass  # a value marshal cannot write (a timestamp): read again next run
    return data


def _checked_salt() -> str:
    """What kept rule data depends on besides its text and schema: PyYAML (and whether its C
    parser is used) and the code of the reader and of the schema checker."""
    code = b"".join(Path(module.__file__).read_bytes() for module in (yamlio, schema_module))  # type: ignore[arg-type]
    parser = f"{yaml.__version__} {yaml.__with_libyaml__}".encode()
    return hashlib.sha256(parser + b"\0" + code).hexdigest()


#: Rule data as parsed and checked (``checked``); a few revisions of each file at most.
_CHECKED = Snapshot("rule-data", _checked_salt(), max_entries=200)


@lru_cache(maxsize=1)
def retired_codes() -> dict[str, str]:
    """Codes that were used once and must never be used again, with why each was retired."""
    return dict(load_data("retired-codes.yaml"))
