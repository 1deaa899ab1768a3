"""Where each word of an article stands, for the spelling check (SPL): in running prose, at a
sentence start, in a name, a byline or label, a reference entry, or a term the article itself
defines; and which words are not words to check at all (glued to an address, cut by markup,
marked [sic]). The kinds and why they limit what may be said are in the package docstring."""

from __future__ import annotations

import bisect
import operator
import re

from medlint.analysis import places
from medlint.knowledge.speller import Speller

#: A block with fewer words is a byline, tag or label ("jennifer jowens"): too short to tell a
#: name from a typo, so only the curated list and lexicon near misses apply.
MIN_BLOCK_WORDS = 3
#: A quotation of at most this many words names a term (“keto”), it does not report speech.
MAX_TERM_QUOTE_WORDS = 3
_START = operator.attrgetter("start")
_DIGIT = re.compile("[0-9]")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_SIC = re.compile(r"\s*[\[(]\s*sic\s*[\])]", re.IGNORECASE)
#: A dropped g marked by an apostrophe ("swappin'", "somethin’") is written on purpose.
_DROPPED_G = re.compile(r"['’]")
#: A short gloss in brackets right after a word: "almonds (badam)", "services (camhs)".
_GLOSS = re.compile(r"(?<=[^\W\d_])[\s,]*\(([^()\n]{1,40})\)")
#: Words after these name something: "also known as a roofie, rophie or roche".
_NAMING = re.compile(
    r"\b(?:known as|(?:also|often|sometimes|commonly|so-) ?called|referred to as|nicknamed|a\.?k\.?a\.?|street names?|slang (?:names?|terms?|words?)|"
    r"nicknames?|(?:brand|trade) names?)\b(?: (?:include|includes|such as|like|for (?:it|them)))?\b",
    re.IGNORECASE,
)


_PLAUSIBLE: dict[str, bool] = {}


def _plausible(sp: Speller, token: str) -> bool:
    """``plausible``, remembered per process (the speller's answers never change)."""
    found = _PLAUSIBLE.get(token)
    if found is None:
        found = _PLAUSIBLE[token] = plausible(sp, token)
    return found


def plausible(sp: Speller, token: str) -> bool:
    """True for a token that reads as a word: known, a number, or an abbreviation."""
    word = _POSSESSIVE.sub("", token.replace("’", "'"))
    if not word.isascii():
        return False
    if _DIGIT.search(word) or word.isupper():
        return True
    return all(sp.known(p) for p in word.split("-") if p) or sp.known(word)


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


class Layout:
    """Where each token of one article stands, and so the kind ``Speller.judge`` takes for it
    (see the module docstring). Worked out per token on demand: only the few tokens that are
    not quiet need it."""

    def __init__(self, doc, texts: list[str], sp: Speller):
        self.doc, self.texts, self.sp = doc, texts, sp
        self.tokens = doc.tokens
        self.starts = list(map(_START, self.tokens))
        self._loose_sentences: dict[int, bool] = {}
        self._names: dict[str, bool] = {}
        self._terms: set[str] | None = None
        self._term_spans: list[tuple[int, int]] | None = None
        self._index: dict[str, list[int]] | None = None

    def eligible(self, i: int) -> bool:
        """Not skipped for its place: glued to an address, cut by markup, marked [sic]."""
        doc, token = self.doc, self.tokens[i]
        return not (
            _glued(doc.prose, token.start, token.end)
            or cut_by_mask(doc, token.start, token.end)
            or _SIC.match(doc.text, token.end)
            or (token.text.endswith("in") and _DROPPED_G.match(doc.text, token.end) is not None)
        )

    def _range(self, span) -> tuple[int, int] | None:
        """The tokens (lo, hi) of a sentence or block (None: none)."""
        if span is None:
            return None
        return bisect.bisect_left(self.starts, span.start), bisect.bisect_left(self.starts, span.end)

    def kind(self, i: int) -> str:
        tokens, doc = self.tokens, self.doc
        token = tokens[i]
        if places.in_reference(doc, token.start, token.end):
            return "cited"
        kind = self._position(i)
        if kind == "start" and self.is_name(token.text.replace("’", "'").lower()):
            kind = "name"  # capitalised inside a sentence elsewhere in the article: a name
        if kind != "name" and self.defined(i):
            kind = "name"
        return kind

    def _position(self, i: int) -> str:
        tokens = self.tokens
        text = tokens[i].text
        sentence = self._range(self.doc.sentence_at(tokens[i].start))
        if self._loose(sentence):
            return "name"
        block = self._range(self.doc.block_at(tokens[i].start))
        if block is not None and block[1] - block[0] < MIN_BLOCK_WORDS:
            return "name"
        if not text[0].isupper():
            return "lower"
        if sentence is not None and sentence[0] == i and not (i + 1 < len(tokens) and tokens[i + 1].text[0].isupper()):
            return "start"
        return "name"

    def is_name(self, lower: str) -> bool:
        """Written capitalised inside a sentence (or among names) elsewhere in the article."""
        if lower not in self._names:
            tokens = self.tokens
            self._names[lower] = any(
                tokens[j].text.isascii() and not tokens[j].text.isupper() and self._position(j) == "name" and self.eligible(j)
                for j in self.occurrences(lower)
            )
        return self._names[lower]

    def defined(self, i: int) -> bool:
        """A word the article names or defines: in a short gloss in brackets, after "known as"
        and the like, in a short quotation, or repeated in a heading (see the module docstring)."""
        if self._term_spans is None or self._terms is None:  # both are set together, on first use
            self._term_spans, self._terms = self._find_terms()
        token = self.tokens[i]
        if token.text.replace("’", "'").lower() in self._terms:
            return True
        k = bisect.bisect_right(self._term_spans, (token.start, float("inf"))) - 1
        return k >= 0 and self._term_spans[k][0] <= token.start and token.end <= self._term_spans[k][1]

    def _find_terms(self) -> tuple[list[tuple[int, int]], set[str]]:
        doc, prose = self.doc, self.doc.prose
        spans: list[tuple[int, int]] = []
        for block in doc.blocks:
            text = prose[block.start : block.end]
            if "(" in text:
                for m in _GLOSS.finditer(text):
                    if len(m.group(1).split()) <= 3:
                        spans.append((block.start + m.start(1), block.start + m.end(1)))
            for m in _NAMING.finditer(text):
                sentence = doc.sentence_at(block.start + m.start())
                end = sentence.end if sentence is not None else block.end
                spans.append((block.start + m.end(), end))
        for start, end in doc.quotes:
            if len(prose[start:end].split()) <= MAX_TERM_QUOTE_WORDS:
                spans.append((start, end))
        terms = set()
        headings = [b for b in doc.blocks if b.kind == "heading"]
        for block in headings:
            for token in self.tokens[bisect.bisect_left(self.starts, block.start) : bisect.bisect_left(self.starts, block.end)]:
                word = token.text.replace("’", "'").lower()
                if word not in terms and not self.sp.known(word) and any(
                    not any(h.start <= self.tokens[j].start < h.end for h in headings) for j in self.occurrences(word)
                ):
                    terms.add(word)
        for start, end in spans:  # what the article defines once, it means wherever it writes it
            terms.update(t.text.replace("’", "'").lower() for t in self.tokens[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)])
        return sorted(spans), terms

    def _loose(self, sentence: tuple[int, int] | None) -> bool:
        """A sentence mostly of unknown words (at least three, and 30 %)."""
        if sentence is None:
            return False
        lo, hi = sentence
        found = self._loose_sentences.get(lo)
        if found is None:
            words = self.sp.dictionary.words
            unknown = sum(not _plausible(self.sp, t) for t in self.texts[lo:hi] if not (t.islower() and t in words))
            found = self._loose_sentences[lo] = unknown >= 3 and unknown * 10 >= (hi - lo) * 3
        return found

    def occurrences(self, word: str) -> list[int]:
        """The tokens whose text, in lower case and with ’ as ', is ``word`` (an index of the
        article's words, built on first use)."""
        if self._index is None:
            self._index = {}
            for j, t in enumerate(self.texts):
                self._index.setdefault(t.replace("’", "'").lower(), []).append(j)
        return self._index.get(word, [])
