"""SPL: spelling, with a mental-health and pharmacology lexicon and safe typo fixes.

Three rules, at most one finding per word, tried in this order:

- SPL001 known-misspelling: a word in the curated list (``rules/misspellings.yaml``). One
  listed correction is a safe fix; several are only reported (codespell's convention).
- SPL002 domain-typo: a word neither the general dictionary nor the domain lexicon
  (``rules/lexicon.yaml``) knows, one small edit from a lexicon term (Optimal String Alignment
  distance, so a swap of two letters is one edit: "Trintelllix" -> "Trintellix"). Acronyms
  match only exactly and only by a swap of two letters (MNDA -> NMDA): a different letter in
  a four-letter acronym is more often another acronym than a typo. A word that is itself a
  real term elsewhere (MNDA is a gene symbol) is fixed only when its paragraph names the
  domain meaning (receptor, ketamine…); otherwise it is reported with a suggestion.
- SPL003 misspelling: any other word the general dictionary (pyspellchecker, offline) does
  not know but that is one edit from a common word ("reationships" -> "relationships"); a
  contraction without its apostrophe ("dont" -> "don't").

What is not checked, so real articles are not drowned in noise (each tuned on the shared
corpus): code, URLs, link targets and front matter (blanked in ``Document.prose``), quoted
speech, words with digits or non-ASCII letters, words glued to an address ("nami.org"), names
(a capitalised word inside a sentence, before another capitalised word, or seen capitalised
elsewhere in the article: only lexicon near-misses are suggested there), blocks of fewer than
three words (bylines, labels), sentences that are mostly unknown words (another language,
debris), ALL-CAPS words other than swapped acronyms, camelCase and words run together by
scrapers ("aboutpsychotherapy"), halves of a word a scraper split ("p ositive"), British
spellings and regular inflections of known words, and unknown words with no near miss
(jargon, names).

Capitalisation is kept: "Sertaline" -> "Sertraline", "MNDA" -> "NMDA".
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import operator
import pkgutil
import re
import string
from dataclasses import dataclass
from functools import lru_cache

from medlint.model.diagnostics import Severity
from medlint.knowledge.lexicon import Lexicon, is_exact, lexicon
from medlint.model.rule import Check, Option, make_fix, match_case, rule_doc
from medlint.knowledge.resources import load_data

KNOWN = rule_doc(
    "SPL001",
    "known-misspelling",
    "A word from the list of known misspellings (drug names, clinical terms, common English).",
    what=(
        "Looks up every prose word, and every part of a hyphenated word, in a curated list of "
        "known misspellings (rules/misspellings.yaml): 'Sertaline', 'trazadone', 'propanolol', "
        "'recieve', 'occuring'. Quoted speech, code and URLs are skipped."
    ),
    why=(
        "A misspelt drug name is a safety problem as well as a credibility one: readers search "
        "for it, copy it to a pharmacist, or confuse it with another drug. Misspellings of common "
        "words make health information look careless, and readers trust it less."
    ),
    example="Bad: My doctor switched me from Sertaline to trazadone.\nGood: My doctor switched me from Sertraline to trazodone.",
    fix=(
        "Safe when the list gives one correction: the word is replaced, keeping its capitals "
        "('Sertaline' -> 'Sertraline'). When the list gives several ('wich': which or witch) the "
        "finding names them and a human chooses."
    ),
    source="codespell's misspelling dictionary and format; FDA labels on DailyMed for drug names; MeSH for clinical terms",
    severity=Severity.WARNING,
    fixable=True,
)

DOMAIN = rule_doc(
    "SPL002",
    "domain-typo",
    "A word one small edit from a drug, receptor or condition name that no dictionary knows.",
    what=(
        "For a word that neither the general dictionary nor the domain lexicon knows, looks for "
        "lexicon terms (drug names, receptors, transmitters, conditions, acronyms) within one edit, "
        "or two for words of eight letters or more; swapping two neighbouring letters counts as "
        "one edit. Acronyms match case-sensitively and only by a swap (MNDA -> NMDA). Where the "
        "typo is itself a real term elsewhere (MNDA is a gene symbol, NDMA a chemical), the "
        "paragraph decides: words such as 'receptor' or 'ketamine' make the fix safe, words of the "
        "other meaning ('nitrosamine', 'recall') silence it, and otherwise the finding only "
        "suggests the lexicon term. A capitalised word inside a sentence (often a name) is "
        "matched within one edit and only gets a suggestion."
    ),
    why=(
        "General spell-checkers get domain typos wrong: they 'correct' MNDA to MUNDA or DAMN and "
        "flag ketamine, GluN2B and mTOR. A one-letter slip in a receptor or drug name changes "
        "what the sentence claims, and readers cannot tell."
    ),
    example="Bad: Ketamine blocks a cortical MNDA receptor.\nGood: Ketamine blocks a cortical NMDA receptor.",
    fix=(
        "Safe when exactly one lexicon term is one edit away, no dictionary word is as close, the "
        "word is not capitalised inside a sentence, and, for a real term such as MNDA, the "
        "paragraph is about the lexicon meaning. Otherwise unsafe (a suggestion for "
        "--unsafe-fixes) or, with several candidates, report only. Capitals are kept; exact terms "
        "keep their own case (NMDA, mTOR)."
    ),
    source="Damerau-Levenshtein / Optimal String Alignment distance (rapidfuzz); lexicon sources in rules/lexicon.yaml",
    severity=Severity.WARNING,
    fixable=True,
)

GENERAL = rule_doc(
    "SPL003",
    "misspelling",
    "A word the general dictionary does not know, one edit from a common word.",
    what=(
        "Checks lower-case words, and capitalised words that start a sentence, against an offline "
        "English dictionary (pyspellchecker) and the domain lexicon. A word neither knows is "
        "reported when a common word is one edit away. Left alone: names (capitalised inside a "
        "sentence, or before another capitalised word), ALL-CAPS words, camelCase, words run "
        "together by a scraper, British spellings, bylines and labels under three words, "
        "sentences mostly in another language, and unknown jargon with no near miss. A "
        "contraction written without its apostrophe ('dont') is reported with the apostrophe put "
        "back. A site's own names and terms go in the spelling option 'words'."
    ),
    why="Typos make health information look careless; readers trust it less and may misread it.",
    example="Bad: Ask questions about reationships and mental health.\nGood: Ask questions about relationships and mental health.",
    fix=(
        "Safe when exactly one common word is one edit away and the word has five letters or more "
        "(or is a contraction without its apostrophe); unsafe for shorter words; report only, with "
        "the candidates, when several words are as close."
    ),
    source="pyspellchecker (Peter Norvig's edit-distance speller, offline word-frequency list); rules/lexicon.yaml",
    severity=Severity.WARNING,
    fixable=True,
)

#: A dictionary word rarer than this is never proposed as a correction: pyspellchecker's list
#: holds many rare or junk words (frequency 50) such as "munda" or "etamine".
MIN_SUGGESTION_FREQUENCY = 100
#: A part of a run-together word must be at least this common ("aboutpsychotherapy").
MIN_PART_FREQUENCY = 500
#: A three-letter part must be this common: function words, not suffixes ("occur" + "ing").
MIN_SHORT_PART_FREQUENCY = 10000
#: Short parts a scraper may glue to a neighbour.
SHORT_PARTS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())
#: British spellings of known American words (behaviour, counselling, randomised, anaesthesia).
UK_US = (
    ("our", "or"), ("is", "iz"), ("ys", "yz"), ("ae", "e"), ("oe", "e"),
    ("ll", "l"), ("tre", "ter"), ("ence", "ense"), ("ogue", "og"), ("mme", "m"),
)
#: Inflections pyspellchecker's list lacks for some common words: (suffix, stem ending).
INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""),
)
#: A block with fewer words is a byline, tag or label ("jennifer jowens"): too short to tell a
#: name from a typo, so SPL003 leaves it alone.
MIN_BLOCK_WORDS = 3
_TEXT = operator.attrgetter("text")
_COUNT_PUNCTUATION = " :,\n\r\t}"  # around a count in the word list's JSON
_DIGIT = re.compile("[0-9]")  # in ASCII words, what str.isdigit finds
_COMMON_LETTERS = re.compile("[a-z']+")
_START = operator.attrgetter("start")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_CONTRACTION_TAILS = ("t", "m", "ve", "ll", "re", "d")  # n't after any word; the others after a pronoun
_PRONOUNS = frozenset("i you we they he she it that there who what".split())


@dataclass(frozen=True)
class Verdict:
    """What is wrong with one word: rule, message, corrections, and whether a fix is safe."""

    code: str
    message: str
    corrections: tuple[str, ...] = ()
    safe: bool = False


class WordList:
    """pyspellchecker's English word list: its words (a set, for lookups), and the same in
    order with their counts, each kept as the file writes it (": 123,") until it is asked
    for: most words are only looked up, never counted."""

    def __init__(self, ordered: list[str], counts: list[str]):
        self.words = frozenset(ordered)
        self.ordered = ordered
        self._counts = counts

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def __iter__(self):
        return iter(self.ordered)

    def __getitem__(self, word: str) -> int:
        """The word's count; 0 for a word the list lacks (as pyspellchecker's Counter)."""
        if word not in self.words:
            return 0
        return int(self._counts[bisect.bisect_left(self.ordered, word)].strip(_COUNT_PUNCTUATION))


def word_list() -> WordList:
    """pyspellchecker's English word-frequency list (lower-case words), read straight from the
    package: its ``SpellChecker`` class spends as long again building indexes medlint does not
    use (letter sets, totals, a lower-cased copy of a list that is lower case already). The file
    is one JSON object, ``{"word": 123, …}``, in word order; with no escaped character in it,
    splitting it at its quotes reads it faster than a JSON parser (words at odd places, counts
    after them). Otherwise it is parsed, and words differing only in case are merged, as
    pyspellchecker does."""
    text = gzip.decompress(pkgutil.get_data("spellchecker", "resources/en.json.gz")).decode("utf-8")
    parts = text.split('"')
    if "\\" not in text and len(parts) % 2 == 1:
        words = parts[1::2]
        if sorted(words) == words:
            return WordList(words, parts[2::2])
    merged: dict[str, int] = {}
    for word, count in json.loads(text).items():
        merged[word.lower()] = merged.get(word.lower(), 0) + count
    counts = sorted(merged.items())
    return WordList([word for word, _ in counts], [f": {count}" for _, count in counts])


class Speller:
    """The dictionary, lexicon and misspelling list, and the judgement of one word.

    Articles repeat their words, and a run checks many articles, so every per-word answer is
    remembered: whether a word is known, whether a token can be reported at all (``quiet``),
    whether it reads as a word (``plausible``), and the near misses of an unknown word.
    """

    def __init__(self, lex: Lexicon, misspellings: dict[str, tuple[str, ...]]):
        self.lexicon = lex
        self.misspellings = misspellings
        self.frequency = word_list()
        self.words = self.frequency.words  # for lookups (the set itself: faster)
        self._letters: frozenset[str] | None = None  # the letters of the list's words
        self._longest = 0
        self._known: dict[str, bool] = {}
        self._seen: set[str] = set()  # token texts judged by ``survey``
        self._odd: set[str] = set()  # those of them not plainly dictionary words
        self._loud: set[str] = set()  # those of them that are not quiet
        self._plausible: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._near_misses: dict[tuple[str, str], Verdict | None] = {}

    # -- what is known -----------------------------------------------------------------------
    def in_dictionary(self, word: str) -> bool:
        """Known to the dictionary as written, as an inflection of a common word the list lacks
        ("attaches", but not "occuring" when the list has "occurring"), or as the British
        spelling of a known American word ("behaviour")."""
        lower = word.lower()
        if lower in self.words:
            return True
        for suffix, restore in INFLECTIONS:
            if not lower.endswith(suffix):
                continue
            stem = lower[: -len(suffix)] + restore
            if len(stem) >= 3 and self.frequency[stem] >= MIN_SUGGESTION_FREQUENCY:
                # ... unless the list spells that inflection differently ("occuring": occurring)
                return not self._respelt(lower, lower[: -len(suffix)], suffix)
        return len(lower) >= 6 and self._american(lower)

    def known(self, word: str) -> bool:
        """Known to the lexicon or the dictionary (remembered: articles repeat their words)."""
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = (
                word.lower() in self.words or self.lexicon.knows(word) or self.in_dictionary(word)
            )
        return found

    def plausible(self, token: str) -> bool:
        """True for a token that reads as a word: known, a number, or an abbreviation."""
        word = _POSSESSIVE.sub("", token.replace("’", "'"))
        if not word.isascii():
            return False
        if _DIGIT.search(word) or word.isupper():
            return True
        return all(self.known(p) for p in word.split("-") if p) or self.known(word)  # parts first: cheaper

    def survey(self, texts: list[str]) -> set[str]:
        """The token texts (of one article) that some rule may report: not ``quiet``. Each text
        is judged once per process. Most are dictionary words as written (letters only), known
        and plausible, quiet unless misspelt: set operations settle them; the others (``odd``)
        take the full route."""
        unique = set(texts)
        new = unique.difference(self._seen)
        if new:
            self._seen.update(new)
            words, misspellings = self.words, self.misspellings
            listed = words & new
            odd = {text for text in listed if "'" in text or not text.isascii()} | (listed & misspellings.keys())
            for text in new - listed:
                if text.isascii() and text.replace("-", "").isalpha():  # "The", "well-known"
                    lower = text.lower()
                    if lower not in misspellings and all(
                        part in words and part not in misspellings for part in lower.split("-")
                    ):
                        continue
                odd.add(text)
            self._odd.update(odd)
            self._loud.update(text for text in odd if not self.quiet(text))
        return self._loud & unique

    def implausible(self, texts: list[str]) -> int:
        """How many of ``texts`` do not read as words (see ``plausible``; remembered)."""
        count = 0
        for text in texts:
            if text in self._odd:
                found = self._plausible.get(text)
                if found is None:
                    found = self._plausible[text] = self.plausible(text)
                count += not found
        return count

    def quiet(self, token: str) -> bool:
        """True for a token no rule can report, wherever it stands: not a checked word (digits,
        other alphabets), or known in every part and not a listed misspelling."""
        text = token.replace("’", "'")
        if not text.isascii() or _DIGIT.search(text):
            return True
        if "-" not in text:
            return self._fine(text)
        if self.lexicon.knows(text):
            return True
        return not self.curated(text) and all(self._fine(part) for _, part in _parts(0, text))

    def _fine(self, word: str) -> bool:
        """``judge`` says nothing of ``word`` whatever its kind and paragraph."""
        return self.curated(word) is None and (self.known(word) or self.known(_POSSESSIVE.sub("", word)))

    def _american(self, word: str) -> bool:
        for uk, us in UK_US:
            i = word.find(uk)
            while i >= 0:
                if word[:i] + us + word[i + len(uk) :] in self.words:
                    return True
                i = word.find(uk, i + 1)
        return False

    def _common_part(self, word: str) -> bool:
        if len(word) <= 2:
            return word in SHORT_PARTS
        if len(word) == 3:  # "the", "and", "for", but not the suffix "ing" the list also holds
            return self.frequency[word] >= MIN_SHORT_PART_FREQUENCY
        return self.frequency[word] >= MIN_PART_FREQUENCY or word in self.lexicon.folded

    def run_together(self, word: str, parts: int = 3) -> bool:
        """True when ``word`` (lower case) is two or three common words glued together."""
        for i in range(1, len(word)):
            head, tail = word[:i], word[i:]
            if self._common_part(head) and (self._common_part(tail) or (parts > 2 and self.run_together(tail, parts - 1))):
                return True
        return False

    def suggestions(self, word: str) -> list[str]:
        """Common dictionary words one edit from ``word`` (lower case), most frequent first."""
        found = self._suggestions.get(word)
        if found is None:
            good = [w for w in self._candidates(word) if w != word and self.frequency[w] >= MIN_SUGGESTION_FREQUENCY]
            found = self._suggestions[word] = sorted(good, key=lambda w: (-self.frequency[w], w))
        return found

    def _respelt(self, word: str, head: str, suffix: str) -> bool:
        """Whether a common dictionary word one edit from ``word`` (``head`` + ``suffix``) also
        begins with ``head`` and ends with ``suffix`` (``suggestions`` has one). Such a word is
        ``head`` + one letter + ``suffix``, or, when ``head`` ends with the letter ``suffix``
        begins with, ``head`` + the rest of ``suffix``: a few lookups, not every edit."""
        if not self._checkable(word) or word in self.words:
            return False
        options = {head + c + suffix for c in self._alphabet()}
        if head and suffix and head[-1] == suffix[0]:
            options.add(head + suffix[1:])
        return any(
            w != word and self._checkable(w) and self.frequency[w] >= MIN_SUGGESTION_FREQUENCY
            for w in self.words & options
        )

    def _alphabet(self) -> frozenset[str]:
        """The letters of the list's words."""
        if self._letters is None:
            joined = "".join(self.frequency.ordered)
            common = frozenset(c for c in string.ascii_lowercase + "'" if c in joined)
            self._letters = common | frozenset(_COMMON_LETTERS.sub("", joined))  # the rest: few
        return self._letters

    def _candidates(self, word: str) -> set[str]:
        """Dictionary words one edit (delete, swap, replace, insert) from ``word``: Peter
        Norvig's method as pyspellchecker's ``candidates`` applies it at distance 1, with the
        same letters (those of the list's words) and the same words left out."""
        if not self._checkable(word) or word in self.words:
            return set()
        letters = self._alphabet()
        splits = [(word[:i], word[i:]) for i in range(self._reach(word) + 1)]
        edits = {left + right[1:] for left, right in splits if right}
        edits.update(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1)
        edits.update(left + c + right[1:] for left, right in splits if right for c in letters)
        edits.update(left + c + right for left, right in splits for c in letters)
        return {w for w in self.words & edits if self._checkable(w)}

    def _reach(self, word: str) -> int:
        """The longest start of ``word`` that starts a dictionary word: every edit at a later
        place keeps that start and more, so it cannot make a dictionary word ("ofdeathandsuicide":
        only edits in "of" and just after it can)."""
        words = self.frequency.ordered
        low, high = 0, len(word)
        while low < high:
            middle = (low + high + 1) // 2
            start = word[:middle]
            i = bisect.bisect_left(words, start)
            if i < len(words) and words[i].startswith(start):
                low = middle
            else:
                high = middle - 1
        return low

    def _checkable(self, word: str) -> bool:
        """pyspellchecker's test of what it checks: not punctuation, a number or overlong."""
        if len(word) == 1 and word in string.punctuation:
            return False
        if not self._longest:
            self._longest = max(map(len, self.frequency.ordered))
        if len(word) > self._longest + 3:
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False

    def contraction(self, word: str) -> str | None:
        """``don't`` for ``dont``, ``I've`` for ``Ive``: a contraction minus its apostrophe."""
        lower = word.lower()
        for tail in _CONTRACTION_TAILS:
            head = lower[: -len(tail)]
            if lower.endswith(tail) and (head.endswith("n") if tail == "t" else head in _PRONOUNS):
                candidate = f"{head}'{tail}"
                if candidate in self.words:
                    return "I" + candidate[1:] if candidate.startswith("i'") else candidate
        return None

    # -- judgement ---------------------------------------------------------------------------
    def curated(self, word: str) -> Verdict | None:
        """SPL001 for a listed misspelling (never for an exact lexicon term: ECT is not "ect")."""
        corrections = self.misspellings.get(word.lower())
        if not corrections or (word in self.lexicon.exact):
            return None
        if len(corrections) == 1:
            return Verdict("SPL001", f"“{word}” is a misspelling of “{corrections[0]}”", corrections, True)
        return Verdict("SPL001", f"“{word}” is a misspelling of {_either(list(corrections))}; choose one", corrections, False)

    def judge(self, word: str, kind: str, paragraph) -> Verdict | None:
        """The verdict on one word (no hyphen; apostrophes normalised to ').

        ``kind`` is ``lower``, ``start`` (capitalised first word of a sentence) or ``name``
        (see ``_kinds``); ``paragraph.words()`` gives the lower-case words around it.
        """
        verdict = self.curated(word)
        if verdict:
            return verdict
        base = _POSSESSIVE.sub("", word)
        if self.known(word) or self.known(base):
            return None
        if "'" in base:
            return None  # an unknown contraction or a quote mark glued to a word
        if base.isupper():
            return self._acronym(base, paragraph) if len(base) >= 4 else None
        if _CAMEL.search(base):
            return None
        if kind != "name":
            fixed = self.contraction(base)
            if fixed:
                return Verdict("SPL003", f"“{word}” lacks its apostrophe: “{fixed}”", (fixed,), True)
        if len(base) < 4:
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
        return Verdict(
            "SPL002",
            f"“{word}” is {real.meaning}; if {described} is meant, correct it",
            (term,),
            False,
        )

    def _near(self, word: str, kind: str) -> Verdict | None:
        """A lexicon term or a common word close to ``word``. A lexicon term one edit away wins
        over the run-together test ("neuronton" is Neurontin, not "neuron ton") unless the word
        merely contains it ("arandomized" is "a randomized"); otherwise a word that splits into
        common words is a scraper's, not a writer's, and is left alone."""
        lower = word.lower()
        domain: list[tuple[str, int]] = []
        if len(word) >= 5:
            domain = self.lexicon.near(lower, 1 if kind == "name" or len(word) < 8 else 2)
        glued = [t for t, d in domain if d == 1 and t.lower() in lower]  # "arandomized": "a randomized"
        if (not domain or domain[0][1] > 1 or glued) and self.run_together(lower):
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
            return Verdict("SPL002", f"“{word}” looks like a typo for {_either(terms[:3])}", tuple(terms[:3]), False)
        if not general:
            return None
        if len(general) == 1:
            safe = len(word) >= 5 and general[0][0] == lower[0]  # first-letter slips are rare; names are not
            return Verdict("SPL003", f"“{word}” is not in the dictionary; did you mean “{general[0]}”?", (general[0],), safe)
        return Verdict("SPL003", f"“{word}” is not in the dictionary; did you mean {_either(general[:3])}?", tuple(general[:3]), False)


def _either(words: list[str]) -> str:
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


@lru_cache(maxsize=None)
def speller() -> Speller:
    """The shared speller (the dictionary takes a fraction of a second to load; once per process)."""
    return Speller(lexicon(), load_misspellings(load_data("misspellings.yaml")))


def _glued(prose: str, start: int, end: int) -> bool:
    """True for a word that is part of an address or file name: ``nami.org``, ``info@…``."""
    before = prose[start - 1] if start > 0 else " "
    after = prose[end] if end < len(prose) else " "
    after2 = prose[end + 1] if end + 1 < len(prose) else " "
    return before in "@./\\_" or after in "@/\\_" or (after == "." and after2.isalnum())


def cut_by_mask(doc, start: int, end: int) -> bool:
    """True when the prose word at ``start:end`` continues, in the file, into blanked markup: a
    part of a word is not a word ("indente" of an indented-code line)."""
    text, prose = doc.text, doc.prose
    before, after = start - 1, end
    return (before >= 0 and text[before].isalnum() and prose[before] != text[before]) or (
        after < len(text) and text[after].isalnum() and prose[after] != text[after]
    )


class _Layout:
    """Where each token of one article stands, and so the kind ``Speller.judge`` takes for it.

    ``start``: a capitalised first word of a sentence, unless the next word is capitalised too
    ("Boca Raton", "Trangle M, et al."): then, like any capitalised word inside a sentence, a
    ``name``. Words in blocks of fewer than MIN_BLOCK_WORDS words (bylines, labels) and in
    sentences that are mostly unknown words (another language, scraper debris) count as
    names too: only the misspelling list and lexicon near-misses apply to them.

    Worked out per token on demand (and per sentence once): only the few tokens that are not
    ``quiet`` need it. Sentences and blocks are disjoint and in document order.
    """

    def __init__(self, doc, texts: list[str], sp: Speller):
        self.doc, self.texts, self.sp = doc, texts, sp
        self.tokens = doc.tokens
        self.starts = list(map(_START, self.tokens))
        self.block_starts = list(map(_START, doc.blocks))
        self._loose_sentences: dict[int, bool] = {}
        self._lowered: str | None = None

    def _range(self, span) -> tuple[int, int] | None:
        """The tokens (lo, hi) of a sentence or block (None: none)."""
        if span is None:
            return None
        return bisect.bisect_left(self.starts, span.start), bisect.bisect_left(self.starts, span.end)

    def _block_at(self, offset: int):
        """The block holding ``offset``, if one does."""
        k = bisect.bisect_right(self.block_starts, offset) - 1
        return self.doc.blocks[k] if k >= 0 and offset < self.doc.blocks[k].end else None

    def kind(self, i: int) -> str:
        tokens = self.tokens
        text = tokens[i].text
        sentence = self._range(self.doc.sentence_at(tokens[i].start))
        if self._loose(sentence):
            return "name"
        block = self._range(self._block_at(tokens[i].start))
        if block is not None and block[1] - block[0] < MIN_BLOCK_WORDS:
            return "name"
        if not text[0].isupper():
            return "lower"
        if sentence is not None and sentence[0] == i and not (i + 1 < len(tokens) and tokens[i + 1].text[0].isupper()):
            return "start"
        return "name"

    def _loose(self, sentence: tuple[int, int] | None) -> bool:
        """A sentence mostly of unknown words (at least three, and 30 %)."""
        if sentence is None:
            return False
        lo, hi = sentence
        found = self._loose_sentences.get(lo)
        if found is None:
            unknown = self.sp.implausible(self.texts[lo:hi])
            found = self._loose_sentences[lo] = unknown >= 3 and unknown * 10 >= (hi - lo) * 3
        return found

    def occurrences(self, word: str) -> list[int]:
        """The tokens whose text, in lower case and with ’ as ', is ``word`` (ASCII)."""
        tokens, normal = self.tokens, _normal
        if self._lowered is None:
            self._lowered = self.doc.prose.lower()
        lowered = self._lowered
        if len(lowered) != len(self.doc.prose):  # a letter lower-cased to two (İ): offsets moved
            return [j for j, t in enumerate(tokens) if normal(t.text) == word]
        chunk = max(word.split("'"), key=len)
        out: list[int] = []
        pos = lowered.find(chunk)
        while pos != -1:
            j = bisect.bisect_right(self.starts, pos) - 1
            if j >= 0 and pos < tokens[j].end and (not out or out[-1] != j) and normal(tokens[j].text) == word:
                out.append(j)
            pos = lowered.find(chunk, pos + 1)
        return out


def _normal(token: str) -> str:
    """A token as ``check`` compares it: ’ as ', in lower case."""
    return token.replace("’", "'").lower()


def _split_word(doc, i: int, sp: Speller) -> bool:
    """True when token ``i`` is half of a word a scraper split ("**p** ositive")."""
    tokens = doc.tokens
    for a, b in ((i - 1, i), (i, i + 1)):
        if a >= 0 and b < len(tokens) and tokens[b].start - tokens[a].end <= 3:
            joined = tokens[a].text + tokens[b].text
            if joined.isalpha() and not doc.prose[tokens[a].end : tokens[b].start].strip() and sp.known(joined):
                return True
    return False


def _cased(original: str, replacement: str) -> str:
    """The replacement with the original's capitals; exact terms (NMDA, mTOR) stay as written."""
    return replacement if is_exact(replacement) else match_case(original, replacement)


class Spelling(Check):
    """Spelling against a general dictionary and the domain lexicon (SPL001-SPL003)."""

    name = "spelling"
    rules = (KNOWN, DOMAIN, GENERAL)
    sees_non_prose = True  # a typo shows on the page wherever it is, furniture included
    options = {
        "words": Option(
            [],
            "Extra words to accept (a site's names and house terms); written with an inner capital "
            "or a digit they match exactly, otherwise in any case.",
            types=(list,),
        ),
    }

    def preload(self):
        speller()

    def check(self, doc, ctx):
        sp = speller()
        tokens = doc.tokens
        texts = list(map(_TEXT, tokens))
        reportable = sp.survey(texts)
        if not reportable:
            return
        suspects = itertools.compress(itertools.count(), map(reportable.__contains__, texts))
        accepted = {str(w) if is_exact(str(w)) else str(w).lower() for w in ctx.options["words"]}

        def eligible(token, text: str) -> bool:
            """Not skipped for its place: glued to an address, cut by markup, accepted, quoted."""
            return not (
                _glued(doc.prose, token.start, token.end)
                or cut_by_mask(doc, token.start, token.end)
                or text in accepted
                or text.lower() in accepted
                or doc.is_quoted(token.start, token.end)
            )

        layout = _Layout(doc, texts, sp)
        names: dict[str, bool] = {}

        def is_name(lower: str) -> bool:
            """Written capitalised inside a sentence (or among names) elsewhere in the article."""
            if lower not in names:
                names[lower] = any(
                    tokens[j].text.isascii()
                    and not tokens[j].text.isupper()
                    and layout.kind(j) == "name"
                    and eligible(tokens[j], tokens[j].text.replace("’", "'"))
                    for j in layout.occurrences(lower)
                )
            return names[lower]

        apostrophe = "’" if doc.text.count("’") > doc.text.count("'") else "'"
        for i in suspects:
            token = tokens[i]
            text = token.text.replace("’", "'")
            if not eligible(token, text):
                continue
            kind = layout.kind(i)
            if kind == "start" and is_name(text.lower()):
                kind = "name"  # capitalised inside a sentence elsewhere in the article: a name
            paragraph = _Paragraph(doc, token.start)
            if "-" not in text:
                verdict = sp.judge(text, kind, paragraph)
                if verdict is not None and verdict.code != "SPL001" and _split_word(doc, i, sp):
                    continue
                found = [(token.start, text, verdict)]
            elif sp.lexicon.knows(text):
                continue
            elif sp.curated(text):
                found = [(token.start, text, sp.curated(text))]
            else:
                found = []
                for start, part in _parts(token.start, text):
                    part_kind = kind if start == token.start else ("name" if part[0].isupper() else "lower")
                    found.append((start, part, sp.judge(part, part_kind, paragraph)))
            for start, word, verdict in found:
                if verdict is not None:
                    yield self._report(ctx, verdict, start, start + len(word), doc.text[start : start + len(word)], apostrophe)

    @staticmethod
    def _report(ctx, verdict: Verdict, start: int, end: int, original: str, apostrophe: str):
        """The diagnostic, with a fix when there is one correction (safe or not) to apply;
        an apostrophe put back ("don't") follows the article's own style (' or ’)."""
        fix = None
        if verdict.corrections and (verdict.safe or len(verdict.corrections) == 1):
            replacement = _cased(original, verdict.corrections[0])
            if "'" not in original and "’" not in original:
                replacement = replacement.replace("'", apostrophe)
            fix = make_fix(f"Replace “{original}” with “{replacement}”", [(start, end, replacement)], safe=verdict.safe)
        return ctx.report(verdict.code, start, end, verdict.message, fix=fix)


def _parts(start: int, text: str):
    """The parts of a hyphenated word, each with its offset."""
    for part in text.split("-"):
        if part:
            yield start, part
        start += len(part) + 1


class _Paragraph:
    """The lower-case words of the block around an offset, computed only when asked for (the
    real-term context guard needs them for a handful of words per article)."""

    def __init__(self, doc, offset: int):
        self.doc = doc
        self.offset = offset

    def words(self) -> frozenset:
        doc = self.doc
        for block in doc.blocks:
            if block.start <= self.offset < block.end:
                return frozenset(t.text.lower() for t in doc.tokens if block.start <= t.start < block.end)
        return frozenset()
