"""The general English dictionary and word frequencies the spelling check judges words by.

Two sources, each for what it is good at:

- **Which words are English**: SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists, the
  source of the Hunspell dictionaries en_US, en_GB, en_CA and en_AU that LibreOffice and
  Firefox use), sizes up to 80 ("words found in most dictionaries"), shipped as
  ``rules/english-words.txt.gz`` (built by ``tools/build_english_words.py``). Every word carries
  the spellings that accept it (US, GB, CA, AU; level-1 variants apart), so a locale can be
  enforced and an article mixing spellings can be told. A curated dictionary, not a frequency
  list: a common misspelling ("embarassed") is in no SCOWL list, however often it is typed.
- **How common a word is**: wordfreq (Robyn Speer; Wikipedia, subtitles, news, books, web and
  social text in one frequency per word, on the Zipf scale: 7 for "the", 3 for a word met once in
  a million words, 0 for a word never seen), read straight from the data file the package
  ships. Frequencies rank corrections ("did you mean") and tell words in real use that no
  dictionary lists yet ("keto", "coronial") from strings no one writes. wordfreq is NOT a
  dictionary: it counts misspellings too, so it never makes a word correct by itself.

Both load lazily, on the first word that needs them, once per process: a run with the spelling
rules off never reads them (``tests/test_spelling.py`` checks it).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import itertools
import unicodedata
from functools import cache
from pathlib import Path

from medlint.knowledge.resources import rules_dir
from medlint.model.snapshot import SortedTable, tableable

#: The spellings a locale accepts, as flags of the word list (U G C A: the spelling itself; u g c
#: a: its level-1 variants, "generally considered good"; w x y z: level-2 variants, accepted only
#: when no locale is chosen).
LOCALES = {
    "any": "UGCAugcawxyz",
    "en-US": "Uu",
    "en-GB": "Gg",
    "en-CA": "Cc",
    "en-AU": "Aa",
}
#: Spellings of one side of the Atlantic, for the mixed-spelling finding (variant level 0 only).
US_FLAGS = frozenset("U")
COMMONWEALTH_FLAGS = frozenset("GCA")
#: Bucket width of wordfreq's data files: one centibel (a hundredth of a power of ten).
_CB_PER_ZIPF = 100
_ZIPF_TOP = 9.0  # the Zipf value of frequency 1 (once per word)


def fold(word: str) -> str:
    """A word in lower case without accents: “Cliché” and “cliche” are one word."""
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def _fold_lines(body: str) -> list[str]:
    """The words of one section, folded (one C-level pass when the section is ASCII)."""
    if body.isascii():
        return body.lower().split()
    return [fold(w) for w in body.split("\n") if w]


class Dictionary:
    """SCOWL's words, each with the spellings that accept it. Words are matched without case
    or accents ("Reddy" makes "reddy" known, "cliché" makes "cliche"), except abbreviations
    written in capitals: "IM" does not make "im" a word.

    The words are a ``SortedTable`` (``model.snapshot``): a sorted file looked up by bisection,
    built from the shipped list on first use and kept in the snapshot folder, so a start reads
    nothing and builds no set of a quarter of a million words. Each folded word maps to the
    flags of every section that holds it and whether one of those sections is common (no ``^``);
    words in capitals are kept under a mark no folded word begins with.
    """

    def __init__(self, table: SortedTable):
        self._table = table
        self.words = Words(table)
        self.common = Words(table, common=True)

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.words or self._table.get(_UPPER + word) is not None

    def warm(self) -> None:
        """Ready for lookups now (``SortedTable.warm``)."""
        self._table.warm()

    def spellings(self, word: str) -> str:
        """The flags of a known word ("UGCA" for most; "" for a word the list lacks), from
        every section that holds it (worked out on demand: only SPL004 and SPL005 ask)."""
        entry = self._table.get(fold(word))
        return "" if entry is None else entry.partition(" ")[0]

    def accepts(self, word: str, locale: str) -> bool:
        """Known in the spelling of ``locale`` (see LOCALES)."""
        flags = self.spellings(word)
        return bool(flags) and any(f in LOCALES[locale] for f in flags)

    def side(self, word: str) -> str | None:
        """"US" for a spelling only American English uses (color), "Commonwealth" for one only
        British, Canadian or Australian English uses (colour), None otherwise."""
        flags = set(self.spellings(word))
        if not flags:
            return None
        if flags & US_FLAGS and not flags & COMMONWEALTH_FLAGS:
            return "US"
        if flags & COMMONWEALTH_FLAGS and not flags & US_FLAGS:
            return "Commonwealth"
        return None


class Words:
    """The dictionary's words (or those of its common sections) as a read-only set of folded
    words: ``in``, and ``&`` with a set."""

    def __init__(self, table: SortedTable, common: bool = False):
        self._table = table
        self._common = common

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        entry = self._table.get(word)
        return entry is not None and (not self._common or entry.endswith("1"))

    def __and__(self, other) -> set[str]:
        return {w for w in other if w in self}

    def __iter__(self):
        """Every word, in order (the whole list: for tests and tools, not for checking)."""
        for word, entry in self._table.items():
            if not word.startswith(_UPPER) and (not self._common or entry.endswith("1")):
                yield word

    __rand__ = __and__


#: Marks a word kept in capitals (a folded word never begins with it; above tab, as tables need).
_UPPER = "\x7f"


def _dictionary_entries(text: str):
    """(key, value) for the table: each folded word with ``"<flags> <1 if common else 0>"``,
    each word in capitals marked with ``_UPPER``."""
    flags_of: dict[str, set[str]] = {}
    common: set[str] = set()
    upper: set[str] = set()
    for chunk in text.split("\n@")[1:]:
        header, _, body = chunk.partition("\n")
        flags = header.rstrip("!^")
        if header.endswith("!"):
            upper.update(body.split())
            continue
        folded = set(_fold_lines(body))
        for word in folded:
            flags_of.setdefault(word, set()).update(flags)
        if not header.endswith("^"):
            common |= folded
    for word, found in flags_of.items():
        yield word, f"{''.join(sorted(found))} {int(word in common)}"
    for word in upper:
        yield _UPPER + word, ""


class Frequencies:
    """wordfreq's English frequencies (the "large" list: about 320,000 words) on the Zipf scale,
    as a ``SortedTable`` (see ``Dictionary``) of each word's value."""

    def __init__(self, table: SortedTable):
        self._table = table

    def warm(self) -> None:
        """Ready for lookups now (``SortedTable.warm``)."""
        self._table.warm()

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency (0.0 for a word wordfreq never saw), ’ read as '."""
        found = self._table.get(word.lower().replace("’", "'"))
        return 0.0 if found is None else float(found)


def _frequency_entries(buckets: list[list[str]]):
    """(word, Zipf value written out) for the table; a word in two buckets keeps the commoner."""
    order = range(len(buckets) - 1, -1, -1)  # rarest first: the commoner bucket comes later and wins
    words = itertools.chain.from_iterable(buckets[i] for i in order)
    values = itertools.chain.from_iterable(itertools.repeat(round(_ZIPF_TOP - i / _CB_PER_ZIPF, 2), len(buckets[i])) for i in order)
    for word, value in dict(zip(words, values)).items():
        if tableable(word):
            yield word, repr(value)


@cache
def dictionary() -> Dictionary:
    """The shipped English word list (opened once per process, on first use)."""
    path = rules_dir() / "english-words.txt.gz"
    data = path.read_bytes()
    salt = "english-words 1 " + hashlib.sha256(data).hexdigest()
    return Dictionary(SortedTable("english-words", salt, lambda: _dictionary_entries(gzip.decompress(data).decode("utf-8"))))


@cache
def frequencies() -> Frequencies:
    """wordfreq's English frequencies, read from the file the package ships, without importing
    wordfreq itself (its tokenizers and language tables are not needed here)."""
    import msgpack  # a dependency of wordfreq

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordfreq package is not installed (pip install wordfreq)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "large_en.msgpack.gz"
    info = path.stat()
    salt = f"wordfreq 1 {path} {info.st_size} {info.st_mtime_ns}"  # an upgrade of wordfreq replaces the file

    def entries():
        header, *buckets = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
        if header.get("format") != "cB":
            raise RuntimeError(f"unexpected wordfreq data format in {path}: {header}")
        return _frequency_entries(buckets)

    return Frequencies(SortedTable("wordfreq-en", salt, entries))
