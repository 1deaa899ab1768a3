"""Files in and out: which files a run checks, reading them safely, writing them atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from collections.abc import Iterable, Iterator

from medlint.engine.config import Config, Configs, config_for
from medlint.model.document import SUFFIXES, Document
from medlint.model.errors import InputError, MedlintError

#: Articles are small; a file above this is refused rather than slowing the whole run.
MAX_BYTES = 5 * 1024 * 1024
_LOOKED_FOR = ", ".join(sorted(SUFFIXES))
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".medlint_cache", ".tox", "site-packages"}


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, refusing unreadable and oversized files with an InputError."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError(name, f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit for one article")
            return fh.read(MAX_BYTES + 1)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(name, f"cannot read file: {exc.strerror or exc}") from None


def read_document(path: str | Path, config: Config | None = None) -> Document:
    """Read and decode one file into a Document (InputError on anything unreadable), with the
    markup its configuration (``config``, else the one found for it) says to ignore left unread."""
    ignores = (config or config_for(path)).settings_for(path).ignores
    return Document.from_bytes(read_bytes(path), str(path), ignores=ignores)


def iter_files(paths: Iterable[str], configs: Configs) -> Iterator[tuple[str, MedlintError | None]]:
    """Files to check under ``paths`` (sorted, each once), with an error for a bad path.

    Folders are walked recursively without following links (no symlink loops), skipping
    hidden and tool folders; only files with a suffix in ``SUFFIXES`` (Markdown, MDX, HTML,
    text) are taken from folders. A file named explicitly is taken whatever its suffix. Config
    ``exclude`` patterns apply to both. A folder that gives no file to check is an error (a CI
    job that checks nothing must not pass as clean). A file whose configuration is broken comes with
    that ConfigError.
    """
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for f in files:
                    if Path(f).suffix.lower() in SUFFIXES:
                        found.append(os.path.normpath(os.path.join(root, f)))
            candidates = sorted(found)
            if not candidates:
                yield str(p), InputError(str(p), f"no file to check in this folder: looked for {_LOOKED_FOR} (hidden folders, .git, node_modules and the like are skipped)")
                continue
        elif p.exists() or p.is_symlink():
            candidates = [str(p)]
        else:
            yield str(p), InputError(str(p), "no such file or folder")
            continue
        excluded = 0
        for c in candidates:
            key = os.path.realpath(c) if os.path.exists(c) else c
            if key in seen:
                continue
            seen.add(key)
            try:
                if configs.for_path(c).is_excluded(c):
                    excluded += 1
                    continue
            except MedlintError as exc:
                yield c, exc
                continue
            yield c, None
        if p.is_dir() and excluded == len(candidates):
            yield str(p), InputError(str(p), f"every file to check in this folder ({excluded}) is excluded by the configuration's 'exclude'")


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename.

    Keeps an existing file's permission bits. A symlink is written through to its target. Only
    regular files are written: an existing FIFO, device or folder is an OSError, never replaced.
    """
    target = Path(os.path.realpath(path))
    if target.exists():
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file: {path}")
        mode = info.st_mode & 0o7777
    else:  # a new file gets the usual permissions, not mkstemp's private 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # only writing needs it: not imported at every start

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".medlint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
