"""Prepared state kept between runs: a versioned snapshot in the user's cache folder.

A pre-commit hook checks one file per process, so work done at every start (compiling hundreds
of regular expressions, reading pattern syntax for the prefilter) costs more than the checks.
Such work depends only on its input text and on the code that does it, so its results can be
kept: ``Snapshot(name, salt)`` is a dictionary of plain data (str, int, tuple, frozenset, dict:
what ``marshal`` writes) read from ``<cache>/medlint/<name>-<tag>.bin`` on first use and written
back, when something was added, as the process exits.

What makes it safe to use and safe to lose:

- The tag hashes medlint's version, the exact Python version, the ``re`` engine's magic number
  and the caller's ``salt`` (the source of the code that computes the values, or the data they
  come from): any change there reads another file, and the old one is never consulted.
- A file is read only when it is medlint's: a regular file owned by this user in a folder owned
  by this user, writable by no one else, beginning with this format's header and tag, whose
  payload matches the SHA-256 digest in the header, and which ``marshal`` (which runs no code)
  reads back as a dictionary. Anything else is ignored and, at exit, replaced.
- It is never in the content repository: the folder is ``$MEDLINT_SNAPSHOT_DIR``, else
  ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``; ``MEDLINT_SNAPSHOT_DIR=""`` turns it off.
  Losing it (deleted, unwritable, corrupt) only costs the time to compute the values again.
- Only the process that loaded it writes it (forked workers never do), atomically (a temporary
  file renamed into place), so concurrent runs leave one whole file.
- The folder does not only grow: each medlint, Python or data version reads files of its own,
  so writing a file deletes the others of its kind that no run has read for ``STALE_AFTER``
  (reading a file marks it used, at most once a day: a run does not write metadata each time).

``compiled_patterns()`` keeps what Python's ``re`` compiler produces for each pattern (its code
array and group tables) and rebuilds the pattern object from it, which is what ``re`` itself does
as the last step of compiling: patterns come out identical, only the parsing is skipped. It does
the same for the ``regex`` module (rule packs), from the data ``regex`` pickles a pattern as.

``compiled_dataclasses()`` keeps the code objects of the methods ``dataclasses`` writes for each
dataclass (it builds their source text and runs it with ``exec``): compiling those 400-odd small
functions took a fifth of a one-file run's start-up. Code read back this way is trusted as
Python trusts a ``__pycache__`` file, on the checks above (owner, mode, tag, digest).
"""

from __future__ import annotations

import atexit
import bisect
import hashlib
from array import array
import marshal
import os
import re
import stat
import sys
import time
from pathlib import Path
from re import _compiler, _constants, _parser  # type: ignore[attr-defined]  # the engine's own modules: see compiled_patterns
from typing import Any

from medlint import __version__

_HEADER = b"medlint-snapshot 1\n"
#: Entries a snapshot keeps at most, unless its maker says otherwise: past this, what this run
#: did not use is dropped on saving.
MAX_ENTRIES = 4_000
#: A snapshot file no run has read for this long is deleted when another of its kind is written.
STALE_AFTER = 30 * 24 * 3600
_MARK_AFTER = 24 * 3600  # a read marks the file used (its mtime) when the mark is older than this


def folder() -> Path | None:
    """Where snapshots live; None when turned off (``MEDLINT_SNAPSHOT_DIR`` set empty)."""
    chosen = os.environ.get("MEDLINT_SNAPSHOT_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "medlint"


def _ours(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    getuid = getattr(os, "getuid", None)
    return (getuid is None or info.st_uid == getuid()) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class Snapshot:
    """A dictionary kept between runs (see the module doc): ``get``, ``put``, saved at exit."""

    def __init__(self, name: str, salt: str = "", max_entries: int = MAX_ENTRIES, min_added: int = 1):
        self.name = name
        self.max_entries = max_entries
        #: Entries a run must add for the file to be written again (when there was one): see save.
        self.min_added = min_added
        tag = "\0".join([__version__, sys.version, str(_constants.MAGIC), salt])
        self.tag = hashlib.sha256(tag.encode()).hexdigest()
        self._data: dict | None = None
        self._used: set = set()
        self._added = 0  # entries this process added
        self._found = False  # whether a snapshot was read
        self._pid = os.getpid()

    @property
    def path(self) -> Path | None:
        where = folder()
        return None if where is None else where / f"{self.name}-{self.tag[:16]}.bin"

    def _load(self) -> dict:
        if self._data is None:
            found = read(self.path, self.tag)
            self._found = found is not None
            self._data = found or {}
            atexit.register(self.save)
        return self._data

    def get(self, key) -> Any:
        data = self._load()
        value = data.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key, value) -> None:
        """Keep ``value`` (plain data, never None) for ``key``; written at exit."""
        data = self._load()
        self._added += key not in data
        data[key] = value
        self._used.add(key)

    def save(self) -> None:
        """Write the snapshot if this process loaded it and added to it (at least ``min_added``
        entries, when a snapshot was read: rewriting megabytes for a pattern or two whose text
        changes from run to run would cost more than compiling them); any failure is ignored
        (the next run computes the values again)."""
        path = self.path
        if not self._added or self._data is None or path is None or os.getpid() != self._pid:
            return
        if self._found and self._added < self.min_added:
            return
        data = self._data
        if len(data) > self.max_entries:
            data = {k: v for k, v in data.items() if k in self._used}
        try:
            write(path, self.tag, data)
            self._added = 0
        except (OSError, ValueError):
            pass


def read(path: Path | None, tag: str) -> dict | None:
    """The snapshot at ``path`` if it is medlint's and has ``tag`` (see the module doc), else None."""
    if path is None:
        return None
    try:
        if not _ours(os.stat(path.parent)):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _ours(info):
                return None
            _mark_used(fd, info)
            with os.fdopen(fd, "rb") as fh:
                fd = -1
                blob = fh.read()
        finally:
            if fd >= 0:
                os.close(fd)
    except OSError:
        return None
    head = _HEADER + tag.encode() + b"\n"
    if not blob.startswith(head):
        return None
    digest, _, payload = blob[len(head) :].partition(b"\n")
    if digest != hashlib.sha256(payload).hexdigest().encode():
        return None
    try:
        data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def write(path: Path, tag: str, data: dict) -> None:
    """Write ``data`` to ``path`` atomically, in a folder only this user may write."""
    payload = marshal.dumps(data)
    _write_blob(path, _HEADER + tag.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


# -- compiled regular expressions ---------------------------------------------------------------
_PATTERNS: Snapshot | None = None
_REGEX_PATTERNS: Snapshot | None = None
_REGEX_KEPT = 500  # regex patterns a process keeps made at most (then it starts again)
#: Flags whose patterns are compiled as usual: DEBUG prints while compiling, LOCALE depends on it.
_AS_USUAL = re.DEBUG | re.LOCALE


def compiled_patterns() -> None:
    """From now on, ``re`` in this process takes each compiled pattern from the snapshot when it
    holds it (and adds it when not). For the command line, the server and the report, not the
    library API: it changes how ``re`` compiles for the whole process. Python versions whose
    compiler this was not checked against are left alone."""
    global _PATTERNS
    if _PATTERNS is not None or sys.version_info[:2] not in {(3, 11), (3, 12), (3, 13)} or folder() is None:
        return
    parse, code_of = _parser.parse, _compiler._code
    sre_compile = _compiler._sre.compile
    original = _compiler.compile
    # A code array is kept as the bytes of an array of C unsigned ints (the engine's code words
    # are 32-bit: ``_sre.CODESIZE``): marshal reads bytes at once, where a tuple of a few hundred
    # thousand ints (the big word tries) took most of reading the snapshot.
    if _compiler._sre.CODESIZE != array("I").itemsize:
        return
    # Some libraries compile a pattern whose text changes with the hash seed (markdown-it joins
    # a set of characters into a class): one new entry each run, which alone must not make every
    # run rewrite the snapshot (30 ms of a one-file run).
    snapshot = _PATTERNS = Snapshot("patterns", "code as uint32 bytes", min_added=8)

    def compile_(p, flags=0):
        if type(p) is not str or type(flags) is not int or flags & _AS_USUAL:  # what marshal can keep
            return original(p, flags)
        key = (p, flags)
        made = snapshot.get(key)
        if made is None:
            # re._compiler.compile, step by step, keeping what the last step is given.
            tree = parse(p, flags)
            code = code_of(tree, flags)
            groupindex = tree.state.groupdict
            indexgroup = [None] * tree.state.groups
            for k, i in groupindex.items():
                indexgroup[i] = k
            made = (int(flags | tree.state.flags), array("I", code).tobytes(), tree.state.groups - 1, dict(groupindex), tuple(indexgroup))
            snapshot.put(key, made)
        all_flags, code, groups, groupindex, indexgroup = made
        return sre_compile(p, all_flags, array("I", code).tolist(), groups, groupindex, indexgroup)

    _compiler.compile = compile_
    _regex_patterns()


def _regex_patterns() -> None:
    """The same for the ``regex`` module (user and shipped rule packs): what its compiler
    gives the engine is what ``regex`` itself pickles (``Pattern._pickled_data``: code, group
    tables, required string), so a pattern rebuilt from it is the one compiling would make.
    Kept in its own snapshot, tagged with the module's version and magic number; patterns with
    named lists, ``DEBUG`` or ``LOCALE`` (inline or not) are compiled as usual."""
    try:
        import regex
        from regex import _main, _regex
    except ImportError:  # pragma: no cover - regex is a dependency; without it there is nothing to keep
        return
    global _REGEX_PATTERNS
    if _REGEX_PATTERNS is not None:
        return
    original = _main._compile  # type: ignore[attr-defined]  # the module's own compiler: see above
    snapshot = _REGEX_PATTERNS = Snapshot("regex-patterns", f"{regex.__version__}\0{_regex.MAGIC}")  # type: ignore[attr-defined]
    rebuild = _regex.compile  # type: ignore[attr-defined]
    as_usual = int(regex.DEBUG | regex.LOCALE)
    # Patterns made in this process, so repeated calls share one object (bounded as the
    # module's own cache is).
    built: dict = {}

    def compile_(pattern, flags, ignore_unused, kwargs, cache_it):
        if type(pattern) is not str or not isinstance(flags, int) or flags & as_usual or kwargs:
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
        compiled = built.get(key)
        if compiled is not None:
            return compiled
        made = snapshot.get(key)
        if made is None:
            compiled = original(pattern, flags, ignore_unused, kwargs, cache_it)
            if compiled.flags & regex.LOCALE:
                return compiled
            data = compiled._pickled_data
            made = (data[0], int(data[1]), *data[2:])
            try:
                marshal.dumps(made)
            except ValueError:
                return compiled
            snapshot.put(key, made)
        else:
            compiled = rebuild(*made)
        if cache_it:
            if len(built) >= _REGEX_KEPT:
                built.clear()
            built[key] = compiled
        return compiled

    _main._compile = compile_  # type: ignore[attr-defined]


# -- dataclass methods --------------------------------------------------------------------------
_DATACLASS_CODE: Snapshot | None = None


def compiled_dataclasses() -> None:
    """From now on, the methods ``dataclasses`` writes for each new dataclass in this process are
    compiled from the snapshot's code objects when it holds them (and added when not). Like
    ``compiled_patterns``, for the command line, the server and the report; Python versions it
    was not checked against are left alone.

    ``dataclasses`` runs each method's source with the built-in ``exec``, looked up as a global
    of its module; this module's ``exec`` shadows it there. It compiles exactly as ``exec`` would
    from that module (no ``__future__`` flags: ``dont_inherit``), so the methods are the same."""
    global _DATACLASS_CODE
    if _DATACLASS_CODE is not None or sys.version_info[:2] not in {(3, 11), (3, 12), (3, 13)} or folder() is None:
        return
    import builtins
    import dataclasses

    if hasattr(dataclasses, "exec"):  # someone else's shadow: leave it
        return
    snapshot = _DATACLASS_CODE = Snapshot("dataclass-code")

    def exec_(source, globals=None, locals=None, /):
        if type(source) is str:
            code = snapshot.get(source)
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                snapshot.put(source, code)
            source = code
        builtins.exec(source, globals, locals)

    dataclasses.exec = exec_  # type: ignore[attr-defined]  # shadows the built-in for that module only


# -- sorted tables ------------------------------------------------------------------------------
_TABLE_HEADER = b"medlint-sorted-table 1 "
_MEMO = 200_000  # answers a table remembers at most (then it starts again)
_FENCE = 4096  # bytes between two fence posts of a table (``SortedTable._fences``)
#: A lookup that misses a table's memo costs about 3 µs; reading the table whole, 12–35 ns per
#: byte of it. A table is read whole (``SortedTable.load``) once its misses reach one per this
#: many bytes, about where the lookups would have cost more: a few files never come near, a
#: large site with a wide vocabulary may.
_BYTES_PER_MISS = 128


class SortedTable:
    """A large read-only map from words to short text, kept as a sorted file of ``key\\tvalue``
    lines and looked up by bisection in a memory map: opening it costs nothing, where building a
    set or dictionary of a few hundred thousand words costs a tenth of a second at every start.

    ``build()`` gives the (key, value) pairs (neither holding a tab or a line break); it runs
    only when the snapshot folder holds no table with this ``name`` and ``salt`` (the data's
    digest), and the file it makes is kept there on the terms of the module doc. Answers are
    remembered: articles repeat their words.

    A lookup bisects the keys of fence posts, one line about every ``_FENCE`` bytes (read from
    the map at the first lookup, a millisecond), then finds the line among the few between two
    posts with one ``find`` in the map: C-level work only, where bisecting line by line read
    about seventeen lines per word in Python."""

    def __init__(self, name: str, salt: str, build):
        tag = hashlib.sha256("\0".join([__version__, sys.version, salt]).encode()).hexdigest()
        where = folder()
        path = None if where is None else where / f"{name}-{tag[:16]}.tsv"
        self._data = _open_table(path, tag)
        if self._data is None:
            pairs = sorted((k.encode(), v.encode()) for k, v in build() if tableable(k))
            blob = b"".join(k + b"\t" + v + b"\n" for k, v in pairs)
            head = _TABLE_HEADER + f"{tag} {len(blob)}\n".encode()
            self._data = head + blob
            if path is not None:
                try:
                    _write_blob(path, self._data)
                except OSError:
                    pass  # kept in memory for this run only
        self._start = self._data.find(b"\n") + 1
        self._memo: dict[str, str | None] = {}
        self._posts: tuple[list[bytes], list[int]] | None = None  # see _fences
        self.load_after = len(self._data) // _BYTES_PER_MISS
        self._all: dict[str, str] | None = None
        self.misses = 0

    def load(self) -> None:
        """Read the whole table into memory now: a run that looks up many words (many files)
        then pays one read instead of a bisection per word."""
        if self._all is None:
            fields = bytes(self._data[self._start : -1]).decode().replace("\n", "\t").split("\t")
            self._all = dict(zip(fields[::2], fields[1::2])) if len(fields) > 1 else {}
            self._memo.clear()
            self._posts = None

    def warm(self) -> None:
        """Read the fence posts now: before worker processes fork, so that they share them (the
        table itself is a memory map, whose pages processes share anyway)."""
        if self._posts is None and self._all is None:
            self._fences()

    def _fences(self) -> tuple[list[bytes], list[int]]:
        """The fence posts: the first line, then the first line beginning at or after every
        ``_FENCE`` bytes; each as its key and tab (sorted, as the lines are) and its offset."""
        data, start = self._data, self._start
        keys, starts = [], []
        while 0 < start < len(data):
            keys.append(data[start : data.find(b"\t", start) + 1])
            starts.append(start)
            start = data.find(b"\n", start + _FENCE) + 1
        self._posts = keys, starts
        return self._posts

    def items(self):
        """Every (key, value), in key order."""
        for line in bytes(self._data[self._start : -1]).decode().split("\n"):
            if line:
                key, _, value = line.partition("\t")
                yield key, value

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None."""
        if self._all is not None:
            return self._all.get(key)
        try:
            return self._memo[key]
        except KeyError:
            pass
        self.misses += 1
        if self.misses > self.load_after:
            self.load()
            return self.get(key)
        data, want = self._data, key.encode("utf-8", "surrogatepass") + b"\t"
        keys, starts = self._posts or self._fences()
        post = bisect.bisect_right(keys, want) - 1  # the last post whose line sorts at or before the key's
        found = None
        if post >= 0:
            end = starts[post + 1] if post + 1 < len(starts) else len(data)
            # A line break then the key and a tab: only the key's own line holds that (no key
            # holds a tab or a line break); the post's line begins just after a line break.
            at = data.find(b"\n" + want, starts[post] - 1, end)
            if at >= 0:
                value = at + 1 + len(want)
                found = data[value : data.find(b"\n", value)].decode()
        if len(self._memo) >= _MEMO:
            self._memo.clear()
        self._memo[key] = found
        return found


def tableable(key: str) -> bool:
    """Whether ``key`` can be a key of a ``SortedTable``: no character at or below tab (its
    lines sort as their keys do) and no line break."""
    return not any(ch <= "\t" or ch == "\n" for ch in key) if not key.isprintable() else True


def _open_table(path: Path | None, tag: str):
    """A memory map of the table at ``path`` if medlint wrote it for ``tag`` (owner, mode,
    header, length), else None."""
    import mmap

    if path is None:
        return None
    try:
        if not _ours(os.stat(path.parent)):
            return None
        with open(path, "rb", opener=lambda p, f: os.open(p, f | getattr(os, "O_NOFOLLOW", 0))) as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or not _ours(info) or info.st_size == 0:
                return None
            _mark_used(fh.fileno(), info)
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    head_end = data.find(b"\n") + 1
    head = data[:head_end]
    expected = _TABLE_HEADER + tag.encode() + b" "
    if not head.startswith(expected) or head[len(expected) : -1] != str(len(data) - head_end).encode():
        data.close()
        return None
    return data


def _write_blob(path: Path, blob: bytes) -> None:
    """``blob`` written to ``path`` atomically, in a folder only this user may write."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _ours(os.stat(path.parent)):
        raise OSError(f"not medlint's folder: {path.parent}")
    import tempfile  # only when writing: most runs only read

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _prune(path)


def _mark_used(fd: int, info: os.stat_result) -> None:
    """Mark the open file ``fd`` as read now (its mtime), unless it was marked within a day."""
    if time.time() - info.st_mtime > _MARK_AFTER:
        try:
            os.utime(fd)
        except OSError:
            pass  # a read-only folder: the file may be pruned and is then built again


def _prune(path: Path) -> None:
    """Delete the files of ``path``'s kind (``<name>-<16 hex digits><suffix>``, ``path`` aside)
    that are medlint's and that no run has read for ``STALE_AFTER``; failures are ignored."""
    name = path.name[: -len(path.suffix) - 17]
    kind = re.compile(re.escape(name) + r"-[0-9a-f]{16}" + re.escape(path.suffix))
    cutoff = time.time() - STALE_AFTER
    try:
        for other in os.scandir(path.parent):
            if other.name != path.name and kind.fullmatch(other.name):
                info = other.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and _ours(info) and info.st_mtime < cutoff:
                    os.unlink(other.path)
    except OSError:
        pass
