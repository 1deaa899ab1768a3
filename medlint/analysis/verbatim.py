"""Words that are not the writer's to change: titles of works, reference lists, proper names.

A wording rule (person-first language, safe messaging) judges how the writer says something. A
cited paper's title, a book's name, an entry in a reference list, the name of an agency or a
programme, a newspaper headline the article quotes: these are someone else's words, kept
verbatim. Flagging them blames the writer for another's wording, and a fix there misquotes
("National Institute on Drug Use" names no institute). This analysis finds them once per
document, for every check that needs them:

- ``references``: the blocks of a reference list — every block under a heading such as
  "References", "Sources" or "How we reviewed this article" (to the next heading of the same or a
  higher level), and any block that reads as a citation entry ("Author RK, et al. (2016).
  Title.", "Title. (n.d.). https://…", "Available at: …", "doi: 10.…").
- ``titles``: titles of works — italic spans in title case (``*Why People Commit Suicide*``) and
  quoted strings (double or single curly quotes) that are in title case or follow a word that
  introduces a title ("headlined", "titled", "the book", "a story").
- ``single_quotes``: spans in single curly quotes (‘…’), which the document model, reading
  double quotes only, does not count as quotation.
- ``proper_name``: whether a match is part of a capitalised multi-word name ("Alcoholics
  Anonymous", "TheNational Institute on Drug Abuse for Teenagers"); never inside a heading or a
  line in title case or capitals, where every word is capitalised anyway.
- ``headline``: whether a match lies in a heading in title case (in a plain-text article, a
  short line in title case), where a replacement in sentence case would break the style.
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field

_REFERENCE_HEADING = re.compile(
    r"^\W*(?:references?|sources?|bibliography|citations?|works cited|literature cited|cited works|"
    r"further reading|footnotes|notes|endnotes|how we reviewed this article|research cited|studies cited)\W*$",
    re.IGNORECASE,
)
_CITATION = re.compile(
    r"(?:\.|\bet al\.?|\b[A-Z]{1,3},?)\s*\((?:n\.\s?d\.|(?:19|20)\d{2}[a-z]?(?:,\s*[A-Z][a-z]+(?:\s\d{1,2})?)?)\)\.\s*(?:[A-Z\d“\"‘]|https?://|www\.)"
    r"|\b(?:Available|Retrieved)\s+(?:at|from|on)\b"
    r"|\bAccessed(?:\s+on)?\s+(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|\bdoi\s*:\s*10\.\d"
)
_ITALIC = re.compile(r"(?<![\w*_\\])([*_])(?![\s*_])([^*_\n]{2,200}?)(?<![\s\\])\1(?![\w*_])")
_SINGLE_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–\-\"“:]))‘(?=\S)([^‘\n]{1,300}?)(?<=\S)’(?![\w])")
_TITLE_CUE = re.compile(
    r"\b(?:headlines?|headlined|titled|entitled|called|named|book|novel|memoir|film|movie|documentary|"
    r"article|paper|essay|report|study|song|album|show|series|podcast|episode|column|story|stories|"
    r"campaign|slogan|guide|chapter|poem|play|publication|journal)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)
#: Words a title leaves in lower case; everything else in a title-case phrase is capitalised.
SMALL_WORDS = frozenset(
    "a an the and or but nor for of on in at to by with from as vs via into onto per up off over "
    "is are be its it's than that".split()
)
#: Words that join the parts of a name ("Institute on Drug Abuse", "Substance Abuse and Mental
#: Health Services Administration").
_NAME_JOINERS = frozenset("of on for and & the in to de".split())
_PRONOUN_I = frozenset(("I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll"))
_TOKEN = re.compile(r"[^\W_]+(?:['’&\-][^\W_]+)*|&")
_END_PUNCT = re.compile(r"[.!?:;]\W*$")


def title_case(text: str) -> bool:
    """True when ``text`` is set in title case: at least two words that are not small words, and
    at least three in four of those capitalised."""
    words = [w for w in _TOKEN.findall(text) if any(c.isalpha() for c in w)]
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if len(content) < 2:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised * 4 >= len(content) * 3 and words[0][0].isupper()


def capitals(text: str) -> bool:
    """True when nine letters in ten are capitals (a line set in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) * 10 >= len(letters) * 9


@dataclass
class Verbatim:
    """The verbatim spans of one document (offsets into its text)."""

    references: list[tuple[int, int]] = field(default_factory=list)
    titles: list[tuple[int, int]] = field(default_factory=list)
    single_quotes: list[tuple[int, int]] = field(default_factory=list)
    headline_blocks: set[int] = field(default_factory=set)  # block starts: title-case headings and lines

    def in_reference(self, start: int, end: int) -> bool:
        return _inside(self.references, start, end)

    def in_title(self, start: int, end: int) -> bool:
        return _inside(self.titles, start, end)

    def in_single_quotes(self, start: int, end: int) -> bool:
        return _inside(self.single_quotes, start, end)

    def verbatim(self, start: int, end: int) -> bool:
        """Inside a reference list or a title of a work."""
        return self.in_reference(start, end) or self.in_title(start, end)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside one of ``spans`` (sorted by start; few per document)."""
    i = bisect.bisect_right(spans, (start, float("inf")))
    return any(s <= start and end <= e for s, e in spans[:i])


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def of(doc) -> Verbatim:
    """The verbatim spans of ``doc`` (computed once per document)."""
    found = _CACHE.get(doc)
    if found is None:
        found = _CACHE[doc] = _analyse(doc)
    return found


def _analyse(doc) -> Verbatim:
    out = Verbatim()
    text, prose = doc.text, doc.prose
    section_level = None  # inside a reference section opened by a heading of this level
    for block in doc.blocks:
        body = prose[block.start : block.end]
        if block.kind == "heading":
            if section_level is not None and block.level <= section_level:
                section_level = None
            if _REFERENCE_HEADING.match(body):
                section_level = block.level
            if title_case(body) and not capitals(body):
                out.headline_blocks.add(block.start)
            continue
        line_end = text.find("\n", block.end)
        raw = text[block.start : len(text) if line_end < 0 else line_end]  # with the URL a block ends on
        if section_level is not None or (_may_cite(raw) and _CITATION.search(raw)):
            out.references.append((block.start, block.end))
        elif not doc.markdown and block.kind == "paragraph" and _heading_like(body) and title_case(body) and not capitals(body):
            out.headline_blocks.add(block.start)
        if "*" in raw or "_" in raw:
            for m in _ITALIC.finditer(raw):
                if title_case(m.group(2)) and len(_TOKEN.findall(m.group(2))) >= 2:
                    out.titles.append((block.start + m.start(), block.start + m.end()))
        if "‘" in body:
            for m in _SINGLE_QUOTE.finditer(body):
                span = (block.start + m.start(), block.start + m.end())
                out.single_quotes.append(span)
                if _is_title(m.group(1), prose[max(block.start, span[0] - 60) : span[0]]):
                    out.titles.append(span)
    for q_start, q_end in doc.quotes:
        if prose[q_start] not in "“\"":
            continue  # a block quote: speech, not a title
        inner = prose[q_start + 1 : q_end - 1]
        if _is_title(inner, prose[max(0, q_start - 60) : q_start]) and len(inner) < 300:
            out.titles.append((q_start, q_end))
    out.titles.sort()
    out.references.sort()
    out.single_quotes.sort()
    return out


def _may_cite(raw: str) -> bool:
    """A cheap test that a block may hold a citation marker (most blocks hold none)."""
    return ")." in raw or "vailable" in raw or "etrieved" in raw or "ccessed" in raw or "doi" in raw


def _heading_like(body: str) -> bool:
    """A short line without digits or final punctuation: a heading in a plain-text article
    (Markdown marks its headings)."""
    return "\n" not in body.strip() and len(body.split()) <= 12 and not _END_PUNCT.search(body) and not any(c.isdigit() for c in body)


def _is_title(inner: str, before: str) -> bool:
    """A quoted string is a title when it is in title case or follows a word that introduces a
    title ("the headline ‘…’", "a study titled “…”")."""
    return (title_case(inner) and len(_TOKEN.findall(inner)) >= 2) or bool(_TITLE_CUE.search(before))


def headline(doc, start: int) -> bool:
    """True when ``start`` lies in a heading, or a heading-like line, set in title case (a line
    in capitals takes a replacement in capitals)."""
    block = doc.block_at(start)
    return block is not None and block.start in of(doc).headline_blocks


def proper_name(doc, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a capitalised name of two or more words.

    The run of capitalised words around the match (joined by "of", "on", "and", "&" …) must hold
    two capitalised words ("Substance abuse" opening a sentence holds one). Headings and lines in
    title case or capitals say nothing about names and answer False.
    """
    block = doc.block_at(start)
    if block is None:
        return False
    body = doc.prose[block.start : block.end]
    if block.kind == "heading" or block.start in of(doc).headline_blocks or capitals(body):
        return False
    sentence = doc.sentence_at(start)
    s_start = sentence.start if sentence else block.start
    s_end = sentence.end if sentence else block.end
    words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(doc.prose, s_start, s_end)]
    inside = [i for i, (ws, we, _) in enumerate(words) if ws < end and we > start]
    if not inside or not any(words[i][2][0].isupper() for i in inside):
        return False

    def capital(i: int) -> bool:
        word = words[i][2]
        return (word[0].isupper() or word[0].isdigit()) and word not in _PRONOUN_I

    def adjacent(i: int, j: int) -> bool:
        """Words i < j stand next to each other (only spaces between)."""
        return doc.prose[words[i][1] : words[j][0]].strip() == ""

    first, last = inside[0], inside[-1]
    # Grow the run left and right over capitalised words and joiners between capitalised words.
    lo = first
    while lo > 0 and adjacent(lo - 1, lo):
        if capital(lo - 1):
            lo -= 1
        elif words[lo - 1][2].lower() in _NAME_JOINERS and lo > 1 and capital(lo - 2) and adjacent(lo - 2, lo - 1):
            lo -= 2
        else:
            break
    hi = last
    while hi < len(words) - 1 and adjacent(hi, hi + 1):
        if capital(hi + 1):
            hi += 1
        elif words[hi + 1][2].lower() in _NAME_JOINERS and hi + 2 < len(words) and capital(hi + 2) and adjacent(hi + 1, hi + 2):
            hi += 2
        else:
            break
    caps = [i for i in range(lo, hi + 1) if capital(i) and words[i][2].lower() not in _NAME_JOINERS]
    return len(caps) >= 2
