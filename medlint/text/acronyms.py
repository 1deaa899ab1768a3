"""Acronyms in prose: where each is used, and where (if anywhere) it is spelled out.

A *use* is a word, or a hyphen-separated part of one ("mTOR-dependent", "anti-NMDA"), with
at least two capital letters making at least half of its letters: NMDA, mTOR, GluN2B, 5-HT.
A plural or possessive ending is dropped (SSRIs, NMDA's → SSRI, NMDA). Not uses, because
they are something else written in capitals:
- shouting: an all-capital sentence, a run of three or more all-capital words ("DEPARTMENT OF
  HEALTH AND HUMAN SERVICES"), one everyday word in capitals ("FREE", "HELP": a word on the
  Dale–Chall list of 3,000 familiar words), or a capitalised word of five letters or more that
  the CMU dictionary lists as a word ("CHICAGO", "CONTACT"; real acronyms it lists, such as
  NASA and UNICEF, are ones readers know);
- words run together by scraping ("theFDA", "OCDand", "UsNAMI"), and brand names of that shape
  ("WebMD");
- Roman numerals after "type", "phase", "bipolar"… or after a hyphen ("DSM-IV");
- initials in a reference list ("Kessler RC, Chiu WT"), US state codes after a place
  ("Atlanta, GA"), compass points in a street address ("2820 NE 214th St");
- parts of codes and phone numbers ("23-MH-8116", "1-833-TLC-MAMA"), times ("10:00AM") and
  file or domain names ("ZSouL.png").

A *definition* spells the acronym out next to it, in one of three forms::

    post-traumatic stress disorder (PTSD)      long (SHORT)
    PTSD (post-traumatic stress disorder)      SHORT (long)
    post-traumatic stress disorder, or PTSD    long, or SHORT

and counts only when the long form's letters spell the acronym: matched right to left, each
letter of the acronym found in order in the long form, the first at the start of a word,
within a window of min(n + 5, 2n) words for an n-letter acronym (Schwartz and Hearst, "A
simple algorithm for identifying abbreviation definitions in biomedical text", PSB 2003).
That rule is what tells "complex regional pain syndrome (CRPS)" from "depression (see below)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING

from medlint.text.readability import easy_words
from medlint.text.syllables import cmu_pronunciations

if TYPE_CHECKING:
    from medlint.model.document import Document

_PART = re.compile(r"[^\W_]+")
_ROMAN = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3})$")
_ROMAN_AFTER = re.compile(
    r"\b(?:type|phase|stage|schedule|class|grade|level|tier|step|part|chapter|title|volume|war|category|bipolar)\s*$",
    re.IGNORECASE,
)
#: Words run together by scraping: "theFDA", "OCDand", "UsNAMI" (and brand names like "WebMD").
_GLUED = re.compile(r"^[a-z]{2,}[A-Z]|[A-Z]{2}[a-z]{2,}$|^[A-Z][a-z]+[A-Z]{2,}$")
_TIME = re.compile(r"^\d+(?:AM|PM)$")
_INITIALS = re.compile(r"\b[A-Z][a-z'’-]+ [A-Z]{1,3}[,.]")
_AFTER_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]*[a-z]\s$")
_ET_AL = re.compile(r"\bet\.?\s?al\b")
_AFTER_PLACE = re.compile(r"[A-Za-z],\s*$")
_AFTER_NUMBER = re.compile(r"\d\s+$")
_US_STATES = frozenset(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
    NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC""".split()
)
_COMPASS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})
_TOKEN = re.compile(r"[^\s]+")
#: Two capitals in one word: a sentence without them has no acronym.
_TWO_CAPITALS = re.compile(r"[A-Z]\S*[A-Z]")
#: A whole word with two capitals (the words worth splitting into parts).
_CAPITALISED_WORD = re.compile(r"(?<!\S)(?=[^\sA-Z]*[A-Z][^\sA-Z]*[A-Z])\S+")
_OPEN_PAREN = re.compile(r"[(\[]\s*$")
_CLOSE_AFTER_SHORT = re.compile(r"s?\s*[)\];,]")
_PAREN_AFTER = re.compile(r"\s*\(([^()\n]{3,160})\)")
_OR_BEFORE = re.compile(r",?\s+or\s+$")


@dataclass(frozen=True)
class Use:
    """One acronym in prose: ``key`` as written (without a plural ending) and its span."""

    key: str
    start: int
    end: int
    plural: bool
    heading: bool
    quoted: bool


@dataclass(frozen=True)
class Definition:
    """Where an acronym is spelled out: the whole ``long (SHORT)`` span and the long form's."""

    key: str
    start: int
    end: int
    long_start: int
    long_end: int
    form: str  # "long-short" | "short-long" | "long-or-short"


@lru_cache(maxsize=4096)
def is_acronym(part: str) -> bool:
    """Two or more capitals making at least half the letters; eight characters at most."""
    if len(part) < 2 or len(part) > 8 or _GLUED.search(part) or _TIME.match(part):
        return False
    letters = [c for c in part if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 2 and upper * 2 >= len(letters)


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


def _caps(word: str) -> bool:
    return word.upper() == word and _letters(word) >= 2


def _shouted(words: list[str], caps: int) -> bool:
    """A sentence in capitals ("HOW KETAMINE WORKS"): three or more words, nearly all caps
    (``caps`` of the ``words`` are in capitals)."""
    longish = sum(1 for w in words if _letters(w) >= 2)
    return longish >= 3 and caps * 5 >= longish * 4


def _caps_runs(text: str, offset: int) -> list[tuple[int, int]]:
    """Spans of three or more consecutive all-capital words in ``text`` (offsets + ``offset``)."""
    runs, current = [], []
    for m in _TOKEN.finditer(text):
        if _caps(m.group()):
            current.append(m)
            continue
        if len(current) >= 3:
            runs.append((offset + current[0].start(), offset + current[-1].end()))
        current = []
    if len(current) >= 3:
        runs.append((offset + current[0].start(), offset + current[-1].end()))
    return runs


def _citation(sentence: str) -> bool:
    """A sentence of a reference list: two names with initials, or "et al"."""
    return len(_INITIALS.findall(sentence)) >= 2 or bool(_ET_AL.search(sentence))


def _not_an_acronym(doc: Document, part: str, start: int, end: int, block_start: int, sentence: str) -> bool:
    """True when the capitals at ``start:end`` (in the text of ``sentence``) are something other
    than an acronym (see above)."""
    if part.lower() in easy_words():  # a familiar word (Dale–Chall list) in capitals: emphasis
        return True
    if len(part) >= 5 and part.isupper() and part.lower() in cmu_pronunciations():
        return True  # an ordinary word in capitals: a dateline ("CHICAGO"), a label ("CONTACT")
    after = doc.prose[end : end + 2]
    if len(after) == 2 and after[0] == "." and after[1].isalpha():
        return True  # a file or domain name
    before = doc.prose[max(block_start, start - 24) : start]
    if _ROMAN.match(part) and (_ROMAN_AFTER.search(before) or before.endswith("-")):
        return True
    if len(part) <= 3 and part.isupper() and _AFTER_NAME.search(before) and _citation(sentence):
        return True  # initials: "Kessler RC"
    if part in _US_STATES and _AFTER_PLACE.search(before):
        return True  # "Atlanta, GA"
    if part in _COMPASS and _AFTER_NUMBER.search(before):
        return True  # "2820 NE 214th St"
    return False


def uses(doc: Document) -> list[Use]:
    """Every acronym use in the document's prose, in order."""
    out: list[Use] = []
    # a block without two capitals in a word has no acronym (most blocks): skip its sentences
    live = [bool(_TWO_CAPITALS.search(doc.prose, b.start, b.end)) for b in doc.blocks]
    for sentence in doc.sentences:
        if not live[sentence.block]:
            continue
        text = doc.prose[sentence.start : sentence.end]
        if not _TWO_CAPITALS.search(text):
            continue
        words = text.split()
        # _caps for each word, its first half (unchanged by upper()) tested in one pass of built-ins
        unchanged = compress(words, map(str.__eq__, words, text.upper().split()))
        caps = sum(1 for w in unchanged if _letters(w) >= 2)
        if caps >= 3 and _shouted(words, caps):
            continue
        block = doc.blocks[sentence.block]
        shouting = _caps_runs(text, sentence.start) if caps >= 3 else []  # a run is three words in capitals
        for token in _CAPITALISED_WORD.finditer(text):
            parts = list(_PART.finditer(token.group()))
            code = sum(p.group().isdigit() for p in parts) >= 2  # "23-MH-8116", "1-833-TLC-MAMA"
            for m in parts:
                part = m.group()
                start = sentence.start + token.start() + m.start()
                plural = False
                if len(part) > 2 and part.endswith("s") and part[-2].isupper() and is_acronym(part[:-1]):
                    part, plural = part[:-1], True  # SSRIs (a possessive NMDA's splits at the apostrophe)
                elif not is_acronym(part):
                    continue
                end = start + len(part)
                if code or any(s <= start < e for s, e in shouting):
                    continue
                if _not_an_acronym(doc, part, start, end + plural, block.start, text):
                    continue
                quoted = sentence.quoted or doc.is_quoted(start, end)
                out.append(Use(part, start, end, plural, block.kind == "heading", quoted))
    return out


def _window(n_letters: int) -> int:
    return min(n_letters + 5, n_letters * 2)


def long_form_start(short: str, text: str) -> int | None:
    """Where in ``text`` a long form of ``short`` starts, matching from the end (Schwartz–Hearst).

    Every letter or digit of ``short`` must be found in ``text`` in order, right to left; the
    first must begin a word (or a hyphenated part of one: the long form then starts with the
    whole word, "α-amino-…"). Returns the index of the long form's first character, or None.
    """
    chars = [c.lower() for c in short if c.isalnum()]
    lower = text.lower()
    li = len(lower) - 1
    for si in range(len(chars) - 1, -1, -1):
        c = chars[si]
        while li >= 0 and (lower[li] != c or (si == 0 and li > 0 and lower[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start = li + 1
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"“‘'":
        start -= 1  # the whole word: "α-amino-…", not "amino-…"
    return start


def _words_back(text: str, lo: int, hi: int, count: int) -> int | None:
    """Start of the ``count``-th whitespace-separated word before ``hi`` (not before ``lo``; the
    first word if fewer), or None when ``text[lo:hi]`` has no word. Walks back from ``hi`` only
    as far as those words reach, so each acronym costs its window, not its whole paragraph."""
    i, start = hi, None
    for _ in range(count):
        while i > lo and text[i - 1].isspace():
            i -= 1
        if i == lo:
            break
        while i > lo and not text[i - 1].isspace():
            i -= 1
        start = i
    return start


def _long_before(doc: Document, block_start: int, end: int, key: str) -> int | None:
    """Start of a long form for ``key`` ending at ``end`` (the text before the acronym)."""
    n = sum(c.isalnum() for c in key)
    base = _words_back(doc.prose, block_start, end, _window(n))
    if base is None:
        return None
    candidate = doc.prose[base:end]
    found = long_form_start(key, candidate)
    if found is None:
        return None
    long_text = candidate[found:].strip()
    if len(long_text) <= len(key) or not re.search(r"[\s\-]", long_text):
        return None
    return base + found


def definitions(doc: Document, found: list[Use]) -> dict[str, list[Definition]]:
    """Definitions of the acronyms in ``found``, by upper-cased key, in document order."""
    out: dict[str, list[Definition]] = {}
    for use in found:
        sentence = doc.sentence_at(use.start)
        assert sentence is not None  # an acronym use is a token of some sentence
        block = doc.blocks[sentence.block]
        key = use.key.upper()
        tail = _words_back(doc.prose, block.start, use.start, 2)  # "(" and ", or" sit in the last two words
        tail = use.start if tail is None else tail
        before = doc.prose[tail : use.start]
        after = _CLOSE_AFTER_SHORT.match(doc.prose, use.end, block.end)
        definition = None
        if (opened := _OPEN_PAREN.search(before)) and after:
            paren = tail + opened.start()
            start = _long_before(doc, block.start, paren, use.key)
            if start is not None:
                end = after.end() if doc.prose[after.end() - 1] in ")]" else use.end
                definition = Definition(key, start, end, start, _rstrip(doc.prose, start, paren), "long-short")
        elif or_before := _OR_BEFORE.search(before):
            connector = tail + or_before.start()
            start = _long_before(doc, block.start, connector, use.key)
            if start is not None:
                definition = Definition(key, start, use.end, start, connector, "long-or-short")
        if definition is None:
            m = _PAREN_AFTER.match(doc.prose, use.end + use.plural, block.end)
            if m:
                inner = m.group(1)
                found_at = long_form_start(use.key, inner)
                if found_at is not None and len(inner[found_at:].split()) <= _window(len(use.key)):
                    definition = Definition(key, use.start, m.end(), m.start(1) + found_at, m.end(1), "short-long")
        if definition is not None:
            out.setdefault(key, []).append(definition)
    return out


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
