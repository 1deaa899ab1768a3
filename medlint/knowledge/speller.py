"""The judgement of one word: known, a listed misspelling, a near miss of a domain term, or a
typo of a common word, and whether its correction is certain enough to apply unread.

The spelling check (``medlint/checks/spelling/``) decides what *kind* of place a word stands
in (running text, a sentence start, a name); this module decides what the word is:

1. **Listed** (SPL001): the curated misspellings (``rules/misspellings.yaml``), codespell's
   convention: one correction is a safe fix, several are only reported.
2. **Known**: the domain lexicon (``rules/lexicon.yaml``: drug names, international brands,
   receptors, acronyms), the English dictionary of every major spelling (SCOWL, see
   ``medlint/knowledge/dictionary.py``), regular inflections of a common word ("attaches") and
   prefixed forms of one ("unrooted", "non-medicated"). A known word is never a typo of
   another word: real-word errors are the confusion rules' business (GRM003).
3. **In use** (wordfreq Zipf >= ``ESTABLISHED_ZIPF``): a word people write often enough to be
   established though no dictionary lists it yet (slang, new coinages: "tbh", "keto"); left
   alone.
4. **Attested** (wordfreq knows it, but rarely): a rare word (coronial, mahi) or a common
   misspelling (embarassed). Reported only when one correction stands out and the edit that
   makes it is a usual slip:
   a letter doubled or not, one dropped or added, two swapped, a vowel for a vowel, a key for
   its neighbour on the keyboard. "coronial" -> "colonial" (r for l) and "sherm" -> "sperm"
   (h for p) are not slips but other words.
5. **Unknown**: anything one edit from a lexicon term (SPL002) or from a common dictionary word
   (SPL003).

A correction is safe only when it is the one right answer: one candidate (or one far more common
than any other), from a word no dictionary accepts, of five letters or more, with the same first
letter (SPL003), and the check adds where it may be applied (running prose, not a name).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache

from medlint.knowledge.dictionary import Dictionary, Frequencies, dictionary, fold, frequencies
from medlint.knowledge.lexicon import Lexicon, lexicon
from medlint.knowledge.resources import load_data

#: A word written this often (Zipf: 3 is once per million words) is in use, typo or not.
ESTABLISHED_ZIPF = 3.3
#: wordfreq has seen the word (Zipf 1: once per billion words): a rare word or a usual misspelling.
ATTESTED_ZIPF = 1.0
#: A correction proposed for a typo must be at least this common.
MIN_CANDIDATE_ZIPF = 2.0
#: One candidate counts as the only one when it is this much (Zipf) more common than the next.
CLEAR_LEAD_ZIPF = 1.5
#: A part of a run-together word must be at least this common ("aboutpsychotherapy").
MIN_PART_ZIPF = 3.0
#: A three-letter part must be this common: function words, not suffixes ("occur" + "ing").
MIN_SHORT_PART_ZIPF = 5.0
#: What follows "I'm": a word that is not a coordinator ("im on sertraline", not "im or iv").
_CLAUSE_GOES_ON = re.compile(r"[ \t]+(?!(?:or|and|vs|versus)\b)[A-Za-z]")
#: Words up to this long never need the longest known word's length (``Speller.longest``).
_USUAL_LENGTH = 24
#: Short parts a scraper may glue to a neighbour.
SHORT_PARTS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())
#: Regular inflections a list may lack for some words: (suffix, stem ending).
INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""),
)
#: Latin and Greek plurals of words the list may have only in the singular (automaton ->
#: automata, stimulus -> stimuli, analysis -> analyses): (plural ending, singular ending).
CLASSICAL_PLURALS = (("a", "on"), ("a", "um"), ("i", "us"), ("es", "is"), ("ae", "a"), ("ices", "ex"), ("ices", "ix"))
#: Prefixes that make new words of common ones ("unrooted", "undereating", "nonstimulant").
PREFIXES = (
    "un", "non", "re", "pre", "post", "anti", "counter", "over", "under", "self", "co", "dis",
    "mis", "multi", "sub", "super", "semi", "inter", "intra", "hyper", "hypo", "micro", "macro",
    "neuro", "psycho", "bio", "pseudo", "mini", "mega", "out", "de", "bi", "tri", "poly", "mono",
)
#: The remainder after a prefix must be a common word of at least this many letters.
MIN_PREFIXED_REST = 4
MIN_PREFIXED_ZIPF = 3.0
VOWELS = frozenset("aeiouy")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_CONTRACTION_TAILS = ("t", "m", "ve", "ll", "re", "d")  # n't after any word; the others after a pronoun
_PRONOUNS = frozenset("i you we they he she it that there who what".split())
_LETTERS = string.ascii_lowercase + "'"


def _neighbours() -> dict[str, frozenset[str]]:
    """Keys next to each letter on a QWERTY keyboard (same row, and the rows above and below)."""
    out: dict[str, set[str]] = {c: set() for row in _ROWS for c in row}
    for r, row in enumerate(_ROWS):
        for i, c in enumerate(row):
            out[c].update(row[max(0, i - 1) : i + 2])
            for other in (r - 1, r + 1):
                if 0 <= other < len(_ROWS):
                    out[c].update(_ROWS[other][max(0, i - 1) : i + 2])
            out[c].discard(c)
    return {c: frozenset(s) for c, s in out.items()}


NEIGHBOURS = _neighbours()


def is_slip(typo: str, word: str) -> bool:
    """Whether ``typo`` is ``word`` with one usual slip (lower case, one edit apart): a letter
    dropped, a letter added next to itself (a doubling) or next to a key beside it, two
    neighbours swapped, a vowel for a vowel, or a letter for its neighbour on the keyboard.
    "coronial" is not a slip of "coronal" (an "i" between "n" and "a"), nor "sherm" of "sperm"."""
    if len(typo) == len(word):
        diffs = [i for i, (a, b) in enumerate(zip(typo, word)) if a != b]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            return typo[diffs[0]] == word[diffs[1]] and typo[diffs[1]] == word[diffs[0]]
        if len(diffs) != 1:
            return False
        a, b = typo[diffs[0]], word[diffs[0]]
        return (a in VOWELS and b in VOWELS) or b in NEIGHBOURS.get(a, ())
    if len(typo) + 1 == len(word):
        return True  # a letter dropped
    if len(typo) != len(word) + 1:
        return False
    i = next((k for k, (a, b) in enumerate(zip(typo, word)) if a != b), len(word))
    extra = typo[i]
    around = {typo[k] for k in (i - 1, i + 1) if 0 <= k < len(typo)}
    return extra in around or bool(around & NEIGHBOURS.get(extra, frozenset()))


@dataclass(frozen=True)
class Verdict:
    """What is wrong with one word: rule, message, corrections, and whether a fix is safe."""

    code: str
    message: str
    corrections: tuple[str, ...] = ()
    safe: bool = False


def either(words) -> str:
    """“a”, “b” or “c”."""
    quoted = [f"“{w}”" for w in words]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def load_misspellings(data: dict) -> dict[str, tuple[str, ...]]:
    """``rules/misspellings.yaml`` as misspelling -> corrections."""
    out: dict[str, tuple[str, ...]] = {}
    for group in data["groups"]:
        for wrong, right in group["entries"].items():
            out[str(wrong).lower()] = tuple(right) if isinstance(right, list) else (str(right),)
    return out


class Speller:
    """The dictionary, frequencies, lexicon and misspelling list, and the judgement of a word.

    The dictionary and the frequencies load on first use (``dictionary``, ``frequencies``);
    answers per word are remembered, since articles repeat their words.
    """

    def __init__(self, lex: Lexicon, misspellings: dict[str, tuple[str, ...]], words: Dictionary | None = None,
                 freq: Frequencies | None = None):
        self.lexicon = lex
        self.misspellings = misspellings
        self._dictionary = words
        self._frequencies = freq
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._near_misses: dict[tuple[str, str], Verdict | None] = {}
        self._longest: int | None = None

    @property
    def dictionary(self) -> Dictionary:
        if self._dictionary is None:
            self._dictionary = dictionary()
        return self._dictionary

    @property
    def frequencies(self) -> Frequencies:
        if self._frequencies is None:
            self._frequencies = frequencies()
        return self._frequencies

    def preload(self) -> None:
        """Open the dictionary and the frequencies now, before worker processes fork, so that
        they share them. Not read whole: a lookup in the memory map costs a few µs, and reading
        both tables whole cost a quarter of a second that a run of a few dozen files never
        earned back (``SortedTable.load`` reads one whole when a large run has earned it)."""
        self.dictionary.warm()
        self.frequencies.warm()

    def zipf(self, word: str) -> float:
        return self.frequencies.zipf(word)

    # -- what is known -----------------------------------------------------------------------
    def in_dictionary(self, word: str) -> bool:
        """In the English dictionary as written, or an inflection or prefixed form of a common
        word in it ("attaches", "unrooted"), unless the dictionary spells that form otherwise
        ("occuring": occurring)."""
        words = self.dictionary
        if word in words:
            return True
        lower = fold(word)
        for suffix, restore in INFLECTIONS:
            if lower.endswith(suffix):
                stem = lower[: -len(suffix)] + restore
                if len(stem) >= 3 and stem in words.words and self.zipf(stem) >= MIN_PREFIXED_ZIPF:
                    return not self._respelt(lower)
        for plural, singular in CLASSICAL_PLURALS:
            if lower.endswith(plural) and lower[: -len(plural)] + singular in words.common:
                return True
        for prefix in PREFIXES:
            rest = lower[len(prefix) :].lstrip("-")
            if lower.startswith(prefix) and len(rest) >= MIN_PREFIXED_REST and rest in words.words:
                if self.zipf(rest) >= MIN_PREFIXED_ZIPF and not self._respelt(lower):
                    return True
        return False

    def _respelt(self, word: str) -> bool:
        """A common dictionary word one usual slip from ``word`` exists ("occuring":
        occurring): the derived form is a misspelling of it, not a new word."""
        return any(self.zipf(w) >= MIN_CANDIDATE_ZIPF and is_slip(word, w) for w in self.candidates(word))

    def known(self, word: str) -> bool:
        """Known to the lexicon or the dictionary (remembered: articles repeat their words)."""
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self.lexicon.knows(word) or self.in_dictionary(word)
        return found

    def common_part(self, word: str) -> bool:
        if len(word) <= 2:
            return word in SHORT_PARTS
        if word not in self.dictionary.words and word not in self.lexicon.folded:
            return False
        return self.zipf(word) >= (MIN_SHORT_PART_ZIPF if len(word) == 3 else MIN_PART_ZIPF) or word in self.lexicon.folded

    def longest(self, word: str) -> int:
        """The length of the longest dictionary or lexicon word, worked out (once) only for a
        word longer than any usual one: no longer word is a slip of a known word, and none
        longer than three of them glued together, so the tests below stop at a bounded length
        whatever the token (a 4 MB token without spaces costs what a 100-letter one does)."""
        if len(word) <= _USUAL_LENGTH:
            return _USUAL_LENGTH
        if self._longest is None:
            self._longest = max(len(w) for words in (self.dictionary.words, self.lexicon.folded) for w in words)
        return self._longest

    def run_together(self, word: str, parts: int = 3) -> bool:
        """True when ``word`` (lower case) is two or three common words glued together. Only
        heads up to the longest word are tried, and a word longer than ``parts`` of them is not
        glued words at all: the work is bounded whatever the word's length."""
        longest = self.longest(word)
        if len(word) > parts * longest:
            return False
        for i in range(1, min(len(word), longest + 1)):
            head, tail = word[:i], word[i:]
            if self.common_part(head) and (self.common_part(tail) or (parts > 2 and self.run_together(tail, parts - 1))):
                return True
        return False

    def candidates(self, word: str) -> set[str]:
        """Dictionary words one edit (delete, swap, replace, insert) from ``word`` (lower case)."""
        if not word.isascii() or len(word) > self.longest(word) + 1:
            return set()
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {left + right[1:] for left, right in splits if right}
        edits.update(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1)
        edits.update(left + c + right[1:] for left, right in splits if right for c in _LETTERS)
        edits.update(left + c + right for left, right in splits for c in _LETTERS)
        edits.discard(word)
        return edits & self.dictionary.words

    def suggestions(self, word: str) -> list[str]:
        """Common dictionary words one edit from ``word`` (lower case), most frequent first; for
        a word wordfreq has seen, only those one usual slip away (see ``is_slip``)."""
        found = self._suggestions.get(word)
        if found is None:
            attested = self.zipf(word) >= ATTESTED_ZIPF
            common = self.dictionary.common
            good = [
                w for w in self.candidates(word)
                if w in common and self.zipf(w) >= MIN_CANDIDATE_ZIPF and (not attested or is_slip(word, w))
            ]
            found = self._suggestions[word] = sorted(good, key=lambda w: (-self.zipf(w), w))
        return found

    def contraction(self, word: str) -> str | None:
        """``don't`` for ``dont``, ``I've`` for ``Ive``: a contraction minus its apostrophe."""
        lower = word.lower()
        for tail in _CONTRACTION_TAILS:
            head = lower[: -len(tail)]
            if lower.endswith(tail) and (head.endswith("n") if tail == "t" else head in _PRONOUNS):
                candidate = f"{head}'{tail}"
                if candidate in self.dictionary.words:
                    return "I" + candidate[1:] if candidate.startswith("i'") else candidate
        return None

    # -- judgement ---------------------------------------------------------------------------
    def curated(self, word: str) -> Verdict | None:
        """SPL001 for a listed misspelling (never for an exact lexicon term: ECT is not "ect")."""
        corrections = self.misspellings.get(word.lower())
        if not corrections or word in self.lexicon.exact:
            return None
        if len(corrections) == 1:
            return Verdict("SPL001", f"“{word}” is a misspelling of “{corrections[0]}”", corrections, True)
        return Verdict("SPL001", f"“{word}” is a misspelling of {either(corrections)}; choose one", corrections, False)

    def judge(self, word: str, kind: str, paragraph) -> Verdict | None:
        """The verdict on one word (no hyphen; apostrophes normalised to ').

        ``kind``: ``lower`` (running text), ``start`` (capitalised first word of a sentence),
        ``name`` (a capitalised word inside a sentence, or a word the article names or defines:
        only the curated list and lexicon near misses apply) or ``cited`` (a word of a reference
        entry: only the curated list). ``paragraph.words()`` gives the lower-case words around.
        """
        verdict = self.curated(word)
        if verdict or kind == "cited":
            return verdict
        base = word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s'") else word
        if self.known(word) or self.known(base):
            return None
        if "'" in base:
            return None  # an unknown contraction or a quote mark glued to a word
        if base.isupper():
            return self._acronym(base, paragraph) if len(base) >= 4 else None
        if any(c.isupper() for c in base[1:]):
            return None  # camelCase: a brand or words run together
        fixed = self.contraction(base)
        if fixed and (kind != "name" or base[1:].islower()):
            if base.islower() and base.upper() in self.lexicon.exact and not _CLAUSE_GOES_ON.match(paragraph.following(len(word))):
                # "im or iv", "given im, never": an abbreviation written small, not "I'm"
                either_one = (fixed, base.upper())
                return Verdict("SPL003", f"“{word}” is “{fixed}” without its apostrophe or the abbreviation {base.upper()}; write the one meant", either_one)
            return Verdict("SPL003", f"“{word}” lacks its apostrophe: “{fixed}”", (fixed,), True)
        if len(base) < 4 or self.zipf(base) >= ESTABLISHED_ZIPF:
            return None
        key = (base, kind)
        if key not in self._near_misses:
            self._near_misses[key] = self._near(base, kind)
        return self._near_misses[key]

    def _acronym(self, word: str, paragraph) -> Verdict | None:
        term = self.lexicon.transposed_acronym(word)
        if term is None:
            return None
        described = self.lexicon.describe(term)
        real = self.lexicon.real_terms.get(word)
        if real is None:
            return Verdict("SPL002", f"“{word}” looks like a typo for {described}", (term,), True)
        around = paragraph.words()
        if around & real.unless:
            return None
        if around & real.context:
            return Verdict("SPL002", f"“{word}” is {real.meaning}; here it is a typo for {described}", (term,), True)
        return Verdict("SPL002", f"“{word}” is {real.meaning}; if {described} is meant, correct it", (term,), False)

    def _near(self, word: str, kind: str) -> Verdict | None:
        """A lexicon term or a common word close to ``word``. A lexicon term one edit away wins
        over the run-together test ("neuronton" is Neurontin, not "neuron ton") unless the word
        merely contains it ("arandomized" is "a randomized"); otherwise a word that splits into
        common words is a scraper's, not a writer's, and is left alone."""
        lower = word.lower()
        attested = self.zipf(lower) >= ATTESTED_ZIPF
        domain: list[tuple[str, int]] = []
        if len(word) >= 5:
            domain = self.lexicon.near(lower, 1 if kind == "name" or len(word) < 8 else 2)
            if attested:
                domain = [(t, d) for t, d in domain if d == 1 and is_slip(lower, t.lower())]
        glued = [t for t, d in domain if d == 1 and t.lower() in lower]  # "arandomized": "a randomized"
        dropped_g = lower.endswith("in") and lower + "g" in self.dictionary.common  # "taperin": tapering, not "taper in"
        if (not domain or domain[0][1] > 1 or glued) and not dropped_g and self.run_together(lower):
            return None
        general = self.suggestions(lower) if kind != "name" else []
        if domain:
            distance = domain[0][1]
            terms = [t for t, d in domain if d == distance]
            if distance == 1:
                terms += [w for w in general if w not in {t.lower() for t in terms}]
            if len(terms) == 1:
                safe = distance == 1 and kind != "name"
                return Verdict("SPL002", f"“{word}” looks like a typo for {self.lexicon.describe(terms[0])}", (terms[0],), safe)
            return Verdict("SPL002", f"“{word}” looks like a typo for {either(terms[:3])}", tuple(terms[:3]), False)
        if not general:
            return None
        clear = len(general) == 1 or self.zipf(general[0]) - self.zipf(general[1]) >= CLEAR_LEAD_ZIPF
        if not clear and attested:
            return None  # a word in real use with no one obvious correction: a rare word, not a slip
        if clear:
            safe = len(word) >= 5 and general[0][0] == lower[0]  # first-letter slips are rare; names are not
            return Verdict("SPL003", f"“{word}” is not in the dictionary; did you mean “{general[0]}”?", (general[0],), safe)
        return Verdict("SPL003", f"“{word}” is not in the dictionary; did you mean {either(general[:3])}?", tuple(general[:3]), False)


@cache
def speller() -> Speller:
    """The shared speller (its word lists load on first use, once per process)."""
    return Speller(lexicon(), load_misspellings(load_data("misspellings.yaml")))
