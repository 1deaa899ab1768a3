"""Page furniture: text copied along with an article that is not the article.

Navigation and menus, share bars, comment widgets, newsletter and cookie prompts, adverts and
promotion boxes ("Order now", "Book your tests"), related-story lists, image credits and
captions, feedback widgets, author boxes, wire-service headers and footers. Furniture is a
property of *lines* (or of a whole piece of a line, where a page ran its widgets together), never
of words: "Share" alone on its line is a widget, "share this with your doctor" is prose.

Three kinds of evidence, none of them tied to a site:

- **the platform lexicon** (``rules/boilerplate.yaml``, each group with its source): strings of
  real theme, plugin and wire-service templates, matched against whole lines, whole glued
  pieces of lines, or whole runs of lines (``furniture_lexicon``);
- **block features and shapes**, in the spirit of jusText and boilerpipe
  (``furniture_features``, ``furniture_shapes``): length in words, stop-word density (jusText's
  own English stoplist and its "good text" test), link density, share of title-case words,
  sentence punctuation, button labels (imperative calls to action), runs of short lines,
  position, and neighbours: a short line between two pieces of furniture is furniture, as in
  jusText's context-sensitive pass; the document's ends count as furniture neighbours, as they
  do there;
- **site templates**: a block that recurs across the articles of one run and reads as furniture
  (checked by the site-wide pass of DUP003 with ``template_candidate`` below).

Prose is protected: a block that jusText would call good text (at least 200 characters, stop-word
density at least 0.32) is only ever flagged by a lexicon pattern or a contact-block shape, never by
a neighbour, teaser or header rule.

This is a shared analysis: the BPL check reports what ``detect`` finds, and
``medlint.analysis.prepare`` marks ``spans`` as non-prose for every other check (readability
leaves them out; findings inside them are dropped). Computed once per document.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import cached_property

from medlint.analysis import furniture_shapes as shapes
from medlint.analysis.furniture_features import code_like
from medlint.analysis.furniture_lexicon import Lexicon, lexicon

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
#: Where a page ran two widgets together: a lower-case letter, digit or closing punctuation
#: followed at once by a capital ("feedbackSubscribe", "help you?In our"); the joint is where
#: the capital starts. (Written capital first, so the scan jumps from capital to capital.)
_JOINT = re.compile(r"[A-Z](?<=[a-z0-9.?!:)%®][A-Z])")
_MAX_PIECES = 40
#: Credit and caption rules: article text when attached to their image or in the sources.
_CREDITS = {"BPL004", "BPL012", "BPL013"}
#: Where ``template_candidate`` splits a block into sentences, and a plea for the site in it.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_PLEASE = re.compile(r"\bplease (?:share|subscribe|support|donate|consider)\b", re.I)
_EMPHASIS = re.compile(r"(?<![^\W_])[_*]+|[_*]+(?![^\W_])")


@dataclass(frozen=True)
class Furniture:
    """Text ``start``..``end`` on lines ``first``..``last`` (1-based) judged furniture of rule
    ``code``; ``how`` names the evidence; ``safe`` when deleting it cannot take article text."""

    code: str
    first: int
    last: int
    safe: bool
    start: int = -1
    end: int = -1
    how: str = "platform string"


@dataclass(frozen=True)
class Line:
    number: int
    start: int
    end: int
    prose: str  # white space collapsed, trimmed
    blank: bool  # nothing but white space (or block-quote marks) in the raw text
    raw: str = ""
    heading: int = 0  # Markdown heading level
    item: bool = False  # a list item's first line
    links: float = 0.0  # share of the line's characters that are link text

    @cached_property
    def words(self) -> list[str]:
        return _WORD.findall(self.prose)

    @cached_property
    def cuts(self) -> list[int]:
        """Where the prose may be cut into glued pieces: its ends and each ``_JOINT``."""
        return [0] + [m.start() for m in _JOINT.finditer(self.prose)] + [len(self.prose)]

    @cached_property
    def key(self) -> str:
        """The words lower-cased, one space apart: what a line and its repeat have in common."""
        return " ".join(w.lower() for w in self.words)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def detect(doc) -> tuple[Furniture, ...]:
    """Every piece of furniture in ``doc``, in text order (computed once per document)."""
    if doc not in _CACHE:
        _CACHE[doc] = tuple(_Detector(doc, lexicon()).run())
    return _CACHE[doc]


def spans(doc) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the text judged to be page furniture."""
    return [(f.start, f.end) for f in detect(doc)]


def template_candidate(doc, start: int, end: int) -> bool:
    """Whether the block ``doc.text[start:end]`` reads as furniture when a site repeats it:
    style-sheet text, or a short block with a call to action for the site (share, subscribe,
    join, follow, donate, buy, log in) that is neither a crisis-line box nor a disclaimer, which
    stay article text however often a site repeats them. An editorial greeting repeated in every
    issue has no such call and stays article text."""
    lex = lexicon()
    text = " ".join(doc.prose[start:end].split())
    if not text or lex.article_boilerplate.match(text) or len(_WORD.findall(text)) > 80:
        return False
    if code_like(text):
        return True
    return any(lex.template_calls.match(s) for s in _SENTENCE_BREAK.split(text)) or bool(_PLEASE.search(text))


class _Detector:
    """One pass over one document's lines."""

    def __init__(self, doc, lex: Lexicon):
        self.doc = doc
        self.lex = lex
        self.lines = lines_of(doc)
        self.content = [ln for ln in self.lines if ln.prose]
        self.last_line = self.content[-1].number if self.content else 0
        #: line number -> (code, safe, how) for whole lines judged furniture
        self.marks: dict[int, tuple[str, bool, str]] = {}
        self.found: list[Furniture] = []  # blocks and glued pieces with their own extent

    # -- results ---------------------------------------------------------------------------
    def mark(self, first: int, last: int, code: str, safe: bool, how: str, block: bool = False) -> None:
        """Lines ``first``..``last`` are furniture; ``block`` keeps them as one finding."""
        numbers = [n for n in range(first, last + 1) if self.lines[n - 1].prose and n not in self.marks]
        if not numbers:
            return
        for n in numbers:
            self.marks[n] = (code, safe, how)
        if block:
            # the block keeps lines without prose inside it (a bare URL under a contact block)
            last = max(n for n in range(numbers[-1], last + 1) if not self.lines[n - 1].blank)
            self.found.append(self._item(numbers[0], last, code, safe, how))
            for n in numbers:
                self.marks[n] = (code, safe, "#block")

    def taken(self, number: int) -> bool:
        return number in self.marks

    @cached_property
    def attached(self) -> set[int]:
        """Lines where a credit or caption belongs to the article (``shapes.attached_credits``),
        for the lexicon pass and the caption shape."""
        return shapes.attached_credits(self)

    def _item(self, first: int, last: int, code: str, safe: bool, how: str) -> Furniture:
        a, b = self.lines[first - 1], self.lines[last - 1]
        start = a.start + len(a.raw) - len(a.raw.lstrip())
        return Furniture(code, first, last, safe, start, b.end, how)

    def run(self) -> list[Furniture]:
        shapes.related_posts(self)
        shapes.press_blocks(self)
        shapes.menus(self)
        self._lexicon()
        shapes.contents(self)
        shapes.source_lists(self)
        shapes.page_code(self)
        shapes.captions(self)
        shapes.link_headlines(self)
        shapes.header_blocks(self)
        shapes.boxes(self)
        shapes.author_boxes(self)
        shapes.neighbours(self)
        return self._assemble()

    def _assemble(self) -> list[Furniture]:
        out = list(self.found)
        run: list[int] = []
        for n in sorted(self.marks) + [0]:
            code, safe, how = self.marks.get(n, ("", False, "#end"))
            if how == "#block":
                continue
            if run:
                p_code, p_safe, p_how = self.marks[run[-1]]
                if n == run[-1] + 1 and (code, safe, how) == (p_code, p_safe, p_how):
                    run.append(n)
                    continue
                out.append(self._item(run[0], run[-1], p_code, p_safe, p_how))
            run = [n] if n else []
        return sorted(out, key=lambda f: (f.start, f.end))

    # -- the lexicon -----------------------------------------------------------------------
    def _lexicon(self) -> None:
        by_number = {ln.number: ln for ln in self.lines}
        for block in self.doc.blocks:
            first = self.doc.position(block.start)[0]
            last = self.doc.position(block.end)[0]
            numbers = [n for n in range(first, last + 1) if not self.taken(n)]
            if len(numbers) != last - first + 1 or last == first:
                continue
            joined = " ".join(by_number[n].prose for n in numbers if by_number[n].prose)
            code = self.lex.code_of(joined, last == self.last_line)
            if code:
                for n in numbers:
                    if by_number[n].prose:
                        self.marks[n] = (code, True, "platform string")
        for ln in self.content:
            if self.taken(ln.number):
                continue
            code = self.lex.code_of(clean(ln.prose), ln.number == self.last_line)
            if code in _CREDITS and ln.number in self.attached:
                continue
            if code:
                self.marks[ln.number] = (code, True, "platform string")
            else:
                self._pieces(ln)
        self._runs()

    def _pieces(self, ln: Line) -> None:
        """Glued widgets: whole pieces of a line between joints that a pattern matches."""
        cuts = ln.cuts
        if len(cuts) <= 2 or len(cuts) > _MAX_PIECES:
            return
        # a disclaimer or crisis-line piece is article text: no match may run over it
        keep = [bool(self.lex.article_boilerplate.match(ln.prose[a:b].strip())) for a, b in zip(cuts, cuts[1:])]
        i = 0
        while i < len(cuts) - 1:
            for j in range(len(cuts) - 1, i, -1):
                if any(keep[i:j]):
                    continue
                code = self.lex.code_of(ln.prose[cuts[i]:cuts[j]].strip())
                if code:
                    self.add_piece(ln, cuts[i], cuts[j], code, "platform string")
                    i = j - 1
                    break
            i += 1

    def add_piece(self, ln: Line, a: int, b: int, code: str, how: str) -> None:
        """Characters ``a``..``b`` of ``ln.prose`` (a glued piece) are furniture."""
        start, end = piece_offsets(self.doc.prose, ln, a, b)
        if end > start:
            self.found.append(Furniture(code, ln.number, ln.number, False, start, end, how))

    def _runs(self) -> None:
        """``runs`` patterns: a banner broken over consecutive lines, matched whole."""
        if not self.lex.runs:
            return
        groups, current = [], []
        for ln in self.lines:
            if ln.prose and not self.taken(ln.number):
                current.append(ln)
            elif current:
                groups.append(current)
                current = []
        groups.append(current)
        for group in groups:
            i = 0
            while i < len(group):
                hit = None
                window = " ".join(ln.prose for ln in group[i:i + 40])
                if not any(m.anywhere and m.anywhere.match(window) for _, m in self.lex.runs):
                    i += 1
                    continue
                for j in range(min(len(group), i + 40), i, -1):
                    joined = " ".join(ln.prose for ln in group[i:j])
                    for code, matcher in self.lex.runs:
                        if matcher.match(joined):
                            hit = (j, code)
                            break
                    if hit:
                        break
                if hit:
                    self.mark(group[i].number, group[hit[0] - 1].number, hit[1], True, "platform string", block=True)
                    i = hit[0]
                else:
                    i += 1


def clean(prose: str) -> str:
    """Prose without stray emphasis marks that the masking left ("Follow Jane on _ Twitter. _")."""
    if "*" in prose or "_" in prose:
        prose = _EMPHASIS.sub(" ", prose)
    return " ".join(prose.split())


def piece_offsets(prose: str, ln: Line, a: int, b: int) -> tuple[int, int]:
    """Offsets of characters ``a``..``b`` of a line's collapsed prose: the masked prose keeps
    every offset of the text, so the n-th non-space character of the collapsed line is the n-th
    non-space character of the line in ``prose``."""
    before = len(ln.prose[:a].replace(" ", ""))
    inside = len(ln.prose[a:b].replace(" ", ""))
    if not inside:
        return 0, 0
    spots = [i for i in range(ln.start, ln.end) if not prose[i].isspace()]
    if len(spots) < before + inside:
        return 0, 0
    return spots[before], spots[before + inside - 1] + 1


def lines_of(doc) -> list[Line]:
    headings: dict[int, int] = {}
    items: set[int] = set()
    for b in doc.blocks:
        if b.kind == "heading":
            headings[b.line] = b.level or 1
        elif b.kind == "list_item":
            items.add(b.line)
    out = []
    text, masked = doc.text, doc.prose
    for number in range(1, len(doc.lines.starts) + 1):
        start, end = doc.lines.line_span(number)
        raw = text[start:end].rstrip("\r")
        if not raw:  # an empty line (a third of all lines): nothing in it to read
            out.append(Line(number, start, start, "", True, raw, headings.get(number, 0), number in items))
            continue
        prose = " ".join(masked[start:end].split())
        # a link needs "](": most lines have none, and are settled without the pattern
        links = sum(len(m.group(1)) for m in _LINK.finditer(raw)) if "](" in raw else 0
        share = min(1.0, links / max(len(prose.replace(" ", "")), 1)) if links else 0.0
        out.append(Line(number, start, start + len(raw), prose, not raw.strip(" \t>"), raw,
                        headings.get(number, 0), number in items, share))
    return out
