"""Does a word-for-word replacement fit where it goes? Grammar checks for substitution fixes.

A substitution swaps a phrase for its preferred wording ("addicts" → "people with a substance
use disorder"). The swap reads well in the rule's example and badly in many real sentences: "an
addict" needs "a person …", "known drug addicts" would become "known drug people with …", "the
addict's family" a possessive hung on a prepositional phrase, "call antidepressants happy pills"
a doubled word, a noun after "are" replaced by "may ease". ``fit`` repairs what a simple rule can
repair (the indefinite article before the replacement) and refuses the rest, so a fix is offered
only where the result reads as intended. It reads the prose around the match, nothing else: no
tagger, no model, a few closed word lists.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"[\w'’-]+")
_LAST_WORD = re.compile(r"([\w'’-]+)([ \t]+)$")
_NEXT_WORD = re.compile(r"^[ \t]+([\w'’-]+)")
_POSSESSIVE = re.compile(r"^['’]s?(?![\w])")

#: Determiners, quantifiers, prepositions, conjunctions, pronouns, auxiliaries and a few common
#: adverbs and verbs: the words that may stand before a noun phrase without modifying its head.
#: After any other word ("known drug", "heroin", "functioning") a replacement whose head is
#: followed by its own modifier ("people with …") would leave that word modifying "people".
NOUN_PHRASE_STARTERS = frozenset(
    """
    a an the this that these those my your his her its our their some any many most all every each
    no few several both either neither other another such more fewer less what which whose
    of for to by with without from in on at as among amongst between about like unlike than into
    onto upon within toward towards against among including include includes included via per
    and or but nor so yet if when while because whether although though since unless until
    i you he she it we they me him us them who whom why how where what
    is are was were be been being am has have had do does did will would can could may might shall
    should must not never also even only often usually still just already always sometimes
    help helps helped helping treat treats treated treating support supports supported supporting
    call calls called see sees saw seen meet meets met think thinks thought know knows knew become
    becomes became make makes made give gives gave stigmatise stigmatize blame blames judge judges
    label labels labelled labeled describe describes described consider considers considered
    count counts counted
    """.split()
)
#: Words that start a replacement which cannot stand where a noun stood.
_VERB_STARTERS = frozenset("may might can could will would should must to".split())
#: A replacement whose head is followed by a modifier or a second noun: "people with …",
#: "person who uses drugs", "psychiatrist or psychologist".
_POST_MODIFIED = re.compile(r"^\S+(?: \S+)? (?:with|who|which|that|or|and|by|of|in)\b", re.IGNORECASE)
_SINGULAR_VERB = re.compile(r"^(?:is|was|has|does|seems|needs|remains|becomes|lives|feels|\w+s)$", re.IGNORECASE)
_DETERMINER = frozenset("a an the this that my your his her its our their".split())

#: Words spelled with a vowel but said with a consonant sound, and the reverse (silent h).
_CONSONANT_SOUND = re.compile(r"^(?:uni(?!n)|use|usu|uti|ure|uri|uro|ura|eu|ewe|one\b|once|ubiq|u\b|ukr)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir|herb)", re.IGNORECASE)
#: Letters whose names start with a vowel sound, for initialisms read letter by letter.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def indefinite_article(phrase: str) -> str:
    """``a`` or ``an`` for the phrase's first word, by its sound ("an hour", "a unit",
    "an SSRI", "a US study", "an 8-week trial")."""
    m = _WORD.search(phrase)
    if not m:
        return "a"
    word = m.group()
    if word[0].isdigit():
        return "an" if re.match(r"^(?:8|11|18)(?!\d)|^8\d", word) else "a"
    letters = word.replace(".", "")
    if len(letters) >= 2 and letters.isupper() and len(letters) <= 5:
        return "an" if letters[0] in _VOWEL_LETTERS else "a"
    if _VOWEL_SOUND.match(word):
        return "an"
    if _CONSONANT_SOUND.match(word):
        return "a"
    return "an" if word[0].lower() in "aeiou" else "a"


class Fitted(NamedTuple):
    """A replacement edit after agreement: ``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str


def fit(prose: str, start: int, end: int, replacement: str, noun: bool = True) -> Fitted | None:
    """The edit that puts ``replacement`` in place of ``prose[start:end]``, with the article
    before it agreeing, or None when the result would not read as a sentence.

    ``prose`` is the document's text with markup blanked (same offsets as the text), so the
    words around the match are what a reader sees. ``noun=False`` for a verb phrase ("committed
    suicide" → "died by suicide"), whose subject before it is no modifier.
    """
    if replacement == "":
        return Fitted(start, end, replacement)
    original = prose[start:end]
    before = prose[max(0, start - 60) : start]
    after = prose[end : end + 60]
    prev = _LAST_WORD.search(before)
    prev_word = prev.group(1).lower() if prev else ""
    nxt = _NEXT_WORD.match(after)
    next_word = nxt.group(1) if nxt else ""
    r_words = replacement.split()
    o_words = original.split()
    if not r_words:
        return Fitted(start, end, replacement)
    # A verb phrase where a noun stood ("cures" → "may ease"): the sentence loses its noun.
    if r_words[0].lower() in _VERB_STARTERS and o_words and o_words[0].lower() not in _VERB_STARTERS:
        return None
    # A doubled word at either seam ("call antidepressants antidepressants").
    if prev_word and prev_word == r_words[0].lower().strip(".,") and prev_word != o_words[0].lower():
        return None
    if next_word and next_word.lower() == r_words[-1].lower() and next_word.lower() != o_words[-1].lower():
        return None
    if prev_word and prev_word == r_words[-1].lower():
        return None
    post_modified = noun and bool(_POST_MODIFIED.match(replacement))
    # A possessive after a head that is followed by its own modifier: "person with X's family".
    if post_modified and _POSSESSIVE.match(after):
        return None
    if post_modified and prev and prev_word not in NOUN_PHRASE_STARTERS and prev_word.isalpha():
        return None  # "known drug" + "people with …"
    # "the psychotic" is a generic plural; "the person with psychosis" changes the meaning
    # unless a singular verb follows ("the anorexic is …").
    if prev_word == "the" and r_words[0].lower() == "person" and not _SINGULAR_VERB.match(next_word or "-"):
        return None
    if prev and prev_word in ("a", "an"):
        if r_words[0].lower() in _DETERMINER:
            return None  # "a a suicide attempt"
        wanted = indefinite_article(replacement)
        if wanted != prev_word:
            art_start = start - len(prev.group(0))
            article = prev.group(1)
            new_article = wanted.capitalize() if article[0].isupper() else wanted
            return Fitted(art_start, end, new_article + prev.group(2) + replacement)
    elif prev_word in _DETERMINER and r_words[0].lower() in _DETERMINER and r_words[0].lower() != o_words[0].lower():
        return None  # "my a psychiatrist"
    return Fitted(start, end, replacement)


_BAD_ARTICLE = re.compile(r"\b(an?)\s+([\w'’.-]+)", re.IGNORECASE)
_DOUBLED = re.compile(r"\b(\w{3,})\s+\1\b", re.IGNORECASE)
_BROKEN_POSSESSIVE = re.compile(r"\b(?:with|who|or)\b[^.,;:!?()]{0,60}?['’]s\b", re.IGNORECASE)
_RESTATED = re.compile(r"(?<![\w-])([\w-]{2,}(?: [\w&-]+){0,4}) ?\(\1\)", re.IGNORECASE)  # "988 (988)"


def problems(text: str) -> list[str]:
    """What a reader would stumble on in ``text`` (for tests of fixes): an article that does not
    agree with the next word, a doubled word or a phrase restated in brackets ("988 (988)"), a
    possessive hung on a post-modified phrase."""
    found = []
    for m in _BAD_ARTICLE.finditer(text):
        if m.group(1).lower() != indefinite_article(m.group(2)):
            found.append(f"article: {m.group()!r}")
    found += [f"doubled: {m.group()!r}" for m in _DOUBLED.finditer(text)]
    found += [f"doubled: {m.group()!r}" for m in _RESTATED.finditer(text)]
    found += [f"possessive: {m.group()!r}" for m in _BROKEN_POSSESSIVE.finditer(text)]
    return found
