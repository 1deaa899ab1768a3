"""Who speaks, of whom, and when: self-description, personal narratives, rebuttals, history.

Language rules judge the words a writer uses for *other* people and for the present. Four
readings change that, and several checks need them (LNG through the pack engine, SAF):

- ``self_described``: the match describes the writer: "my alcohol abuse", "I was still a
  functioning alcoholic", "I have been clean since May", "I suffered from anxiety", "I was in a
  mental hospital". People with lived experience choose their own words (NIDA, "Words Matter";
  Mindframe); a linter that corrects them is wrong. Labels the writer gives others ("I think
  addicts …", "I have met addicts") are not self-description and stay.
- ``narrative``: half or more of the article's own sentences speak in the first person
  singular (a forum post, a personal blog). There, terms for the writer's own care and use
  ("the mental hospital", "my shrink", "clean") are the writer's account of their life.
- ``rebutted``: the writer denies the term: "antidepressants aren't happy pills".
- ``historical``: a sentence in the past tense with a year ("In 2005 SAMHSA launched the
  National Suicide Prevention Lifeline") states what was true then; updating it falsifies it.
"""

from __future__ import annotations

import re
import weakref

_TOKEN = re.compile(r"[\w]+(?:['’][\w]+)*|[^\w\s]")
_I = frozenset(("i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d"))
_COPULA = frozenset(
    "am 'm ’m was have 've ’ve had 'd ’d been be being became become remain remained "
    "stay stayed felt feel got get used to".split()  # "used to be": used, to, be
)
_ADVERBS = frozenset(
    "still now then once mainly mostly really basically always also just probably certainly "
    "definitely actually literally pretty very so totally completely "
    "already even only officially technically clinically severely".split()
)
_ARTICLES = frozenset(("a", "an", "the"))
_PLACE = frozenset(("in", "at", "into", "to", "from"))
_CLAUSE_STARTERS = frozenset(
    "that which who whom whose because if when whether where while although though unless until "
    "than and but or think thought believe know knew said told".split()
)
_POSSESSIVE = frozenset(("my", "our"))
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|mine|myself)\b")
_ADDRESSED = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")
_PAST = re.compile(
    r"\b(?:was|were|had|did|began|became|took|went|came|grew|led|made|set up|won|gave|"
    # a simple past in -ed, not a participle after an auxiliary ("has answered", "is called")
    r"(?<!has )(?<!have )(?<!had )(?<!is )(?<!are )(?<!be )(?<!been )(?<!being )"
    r"(?!(?:need|indeed|speed|feed|seed|bleed|breed|proceed|exceed|succeed|embed)\b)[a-z]{3,}ed)\b"
)
_PRESENT_ADVICE = re.compile(r"^\W*(?:call|text|dial|contact|reach|visit|go|talk|chat|get)\b", re.IGNORECASE)
_REBUTTAL = re.compile(
    r"(?:\b(?:is|are|was|were|am)\s+not|\b(?:isn|aren|wasn|weren|ain)['’]t|\b(?:'re|’re|'s|’s)\s+not"
    r"|\bnot|\bnever|\bno\s+longer)"
    r"(?:\s+(?:a|an|the|just|really|simply|merely|some|so-called|mere|only|exactly))*\s+$",
    re.IGNORECASE,
)
NARRATIVE_SHARE = 0.5  # share of sentences in the first person singular
NARRATIVE_MIN_SENTENCES = 5


def _words_before(prose: str, s_start: int, start: int) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(prose[s_start:start])]


def self_described(doc, start: int, end: int) -> bool:
    """True when the match at ``start:end`` describes the writer (see the module doc)."""
    sentence = doc.sentence_at(start)
    s_start = sentence.start if sentence else max(0, start - 200)
    words = _words_before(doc.prose, s_start, start)
    # "my alcohol abuse", "my own drug habit" (not "my father is bipolar")
    if words and (words[-1] in _POSSESSIVE or (words[-1] == "own" and len(words) > 1 and words[-2] in _POSSESSIVE)):
        return True
    # Walk back to the subject: "I" with only auxiliaries, adverbs and a complement's article
    # (or a preposition of place) between it and the match.
    between: list[str] = []
    for w in reversed(words):
        if w in _I:
            return _complement(w, list(reversed(between)))
        if not w[0].isalnum() and w not in (":",):
            return False
        if w in _CLAUSE_STARTERS or len(between) > 6:
            return False
        between.append(w)
    return False


def _complement(subject: str, between: list[str]) -> bool:
    """Whether the words between "I" and the match make the match the writer's predicate."""
    i = 0
    copula = subject not in ("i",)  # "I'm", "I've", "I'd" carry their verb
    while i < len(between) and (between[i] in _COPULA or between[i] in _ADVERBS or between[i] == ":"):
        copula = copula or between[i] in _COPULA
        i += 1
    rest = between[i:]
    if not rest:
        return True  # "I suffered from", "I am bipolar", "I have now been clean"
    if not copula:
        return False
    if rest[0] in _PLACE:  # "I was in a mental hospital"
        rest = rest[1:]
    # A predicate noun with its article and at most two modifiers ("a functioning alcoholic");
    # anything else ("I have met many addicts") is a verb with another person as its object.
    if not rest or rest[0] not in _ARTICLES:
        return False
    rest = rest[1:]
    return len(rest) <= 2 and not any(w in _CLAUSE_STARTERS or w in _ARTICLES for w in rest)


_NARRATIVE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def narrative(doc) -> bool:
    """True when half or more of the document's own (unquoted) sentences are in the first
    person singular: a personal account."""
    found = _NARRATIVE.get(doc)
    if found is None:
        own = [s for s in doc.sentences if not s.quoted]
        first = sum(1 for s in own if _FIRST_PERSON.search(doc.prose, s.start, s.end))
        found = _NARRATIVE[doc] = len(own) >= NARRATIVE_MIN_SENTENCES and first >= NARRATIVE_SHARE * len(own)
    return found


def addressed(doc, start: int) -> bool:
    """True when the sentence holding ``start`` speaks to the reader ("you", "your")."""
    sentence = doc.sentence_at(start)
    return sentence is not None and bool(_ADDRESSED.search(doc.prose, sentence.start, sentence.end))


def lived_experience(doc, start: int) -> bool:
    """A sentence of a personal narrative that does not address the reader."""
    return narrative(doc) and not addressed(doc, start)


def rebutted(doc, start: int) -> bool:
    """True when the words just before the match deny it ("aren't happy pills", "not a psycho")."""
    sentence = doc.sentence_at(start)
    s_start = sentence.start if sentence else max(0, start - 80)
    return bool(_REBUTTAL.search(doc.prose[max(s_start, start - 60) : start]))


def historical(doc, start: int) -> bool:
    """True when the sentence holding ``start`` is a past-tense statement with a year, and not
    advice in the imperative ("Call …")."""
    sentence = doc.sentence_at(start)
    if sentence is None:
        return False
    text = doc.prose[sentence.start : sentence.end]
    return bool(_YEAR.search(text) and _PAST.search(text) and not _PRESENT_ADVICE.match(text))
