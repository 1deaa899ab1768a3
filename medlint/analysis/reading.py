"""One reading of an article's sentences, shared by the REG, CLM and SRC checks.

A careful editor reads a claim with its surroundings: who the sentence is about, whether it
asserts, hopes, asks or supposes, who is speaking, who measured a figure, which row and column of
a table a cell belongs to, and what kind of page this is. Rules that each looked through their
own window of words misread exactly these things (a figure from a study named a sentence before
read as uncited; "it" bound to the nearest drug name rather than the sentence's subject; a
quoted researcher's enthusiasm read as the writer's hype). ``reading(doc)`` answers these
questions once per document, lazily (each answer is computed the first time a check asks and
kept), from the word classes of ``rules/reading.yaml`` and the citation patterns of
``rules/evidence.yaml``.

What it offers:

- ``main_clause``/``subject``: where a sentence's main clause starts and its subject (the words
  before the first verb of the main clause), for "who is *it*";
- ``stance``: negation, hedge, question, wish and condition around a span (``hedging.py`` plus
  the wish and conditional classes);
- ``speech``: the quotation or reported speech a span is in, and whether it is attributed to
  a speaker (a named person, a role such as "a spokesperson", an organisation);
- ``source``/``support``: the source a sentence names (a citation, a named study, survey,
  institution or person, the writer's own study) and the source that supports a figure in it
  (the same sentence, the previous one, the lead-in of its list, research it refers back to, a
  press release's own study, the paragraph after a headline or lede);
- ``cell``: a table cell's row entity and column header;
- ``genre``: press release, news, forum, personal voice, the provider's own voice;
- ``fixable``/``article_edit``: the fix policy (one sentence of prose, never a heading, table,
  quotation or list structure; "a"/"an" agree with the new word).

Heuristics, not a parser: no statistical model is downloaded or run (medlint runs offline and
in pre-commit hooks, and a tagger's model would be a download and a heavy dependency for the
few structures needed here); each reading is a few regular expressions over one sentence, each
tried only where the literals it needs occur (``prefilter.Needs``), and
``benchmarks/reading_cost.py`` measures what they cost per 1,000 words.

The reading is one object in five modules, each part built on the one before:
``reading_base.py`` (the document, the memo, the prefiltered search), ``pages.py`` (the page's
kind), ``attribution.py`` (sources, support, speech) and this one (clause structure, modality,
tables, fixes); ``reading_lexicon.py`` holds the compiled word classes and the records returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from medlint.analysis.attribution import Attribution
from medlint.analysis.hedging import Stance, default_context
from medlint.analysis.reading_lexicon import (  # noqa: F401 (the records are part of this module's API)
    _AUX, _LEADING_SUBORDINATE, _NOT_VERB_BEFORE, _PREPOSITION_BEFORE, _WORD, Cell, Genre, Source, Speech, lexicon,
)
from medlint.model.document import Document


class _Located(Protocol):
    """Anything with a span in the text (a KB mention, a match record)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_L = TypeVar("_L", bound=_Located)


class Reading(Attribution):
    """The reading of one document (see the module doc). Use ``reading(doc)``."""

    # -- helpers ---------------------------------------------------------------------------
    def text(self, i: int) -> str:
        s = self.sentences[i]
        return self.doc.prose[s.start : s.end]

    def kind(self, i: int) -> str:
        return self.doc.blocks[self.sentences[i].block].kind

    # -- clause structure ----------------------------------------------------------------------
    def main_clause(self, i: int) -> int:
        """Where sentence ``i``'s main clause starts: after a leading subordinate clause or
        phrase set off by a comma ("Although it is cheap, …", "In 2019, …")."""
        s = self.sentences[i]
        prose = self.doc.prose
        if _LEADING_SUBORDINATE.match(prose, s.start, s.end):
            comma = prose.find(",", s.start, s.end)
            if comma > 0 and comma - s.start < 120:
                return comma + 1
        return s.start

    def subject(self, i: int) -> tuple[int, int] | None:
        """The subject of sentence ``i``'s main clause: its words before the first verb."""
        return self._memo(("subject", i), lambda: self._subject(i))

    def _subject(self, i: int) -> tuple[int, int] | None:
        s = self.sentences[i]
        prose = self.doc.prose
        start = self.main_clause(i)
        previous = ""
        first = None
        for m in _WORD.finditer(prose, start, s.end):
            word = m.group()
            low = word.lower()
            if first is None:
                first = m.start()
            elif _is_verb(low, previous):
                return (first, m.start()) if prose[first : m.start()].strip() else None
            previous = low
        return None

    def salient(self, i: int, mentions: Sequence[_L]) -> _L | None:
        """Of ``mentions`` (objects with ``start`` and ``end``) in sentence ``i``, the one the
        sentence is about: the one in its subject, else the first in its main clause that is not
        inside parentheses or after a preposition ("derived from ketamine"), else the first."""
        if not mentions:
            return None
        subject = self.subject(i)
        if subject:
            inside = [x for x in mentions if subject[0] <= x.start and x.end <= subject[1] and not self._demoted(i, x.start)]
            if inside:
                return inside[0]
        start = self.main_clause(i)
        for x in mentions:
            if x.start >= start and not self._demoted(i, x.start):
                return x
        return mentions[0]

    def _demoted(self, i: int, at: int) -> bool:
        """Whether a word at ``at`` stands in parentheses or after a preposition."""
        s = self.sentences[i]
        prose = self.doc.prose
        before = prose[s.start : at]
        if before.count("(") > before.count(")"):
            return True
        return bool(_PREPOSITION_BEFORE.search(prose, max(s.start, at - 40), at))

    # -- modality ----------------------------------------------------------------------------
    def stance(self, start: int, end: int) -> Stance:
        """How the sentence holding ``start:end`` stands to it (``hedging.Stance``), with wishes
        and conditions counted as hedges: "we hope to find a cure", "once studies show it works"."""
        i = self.index_at(start)
        if i is None:
            return default_context().stance(self.doc.prose, start, end, start, end)
        s = self.sentences[i]
        base = default_context().stance(self.doc.prose, s.start, max(s.end, end), start, end)
        if base.hedged:
            return base
        clause = default_context().clause_start(self.doc.prose, s.start, start)
        wish = bool(self._search(self.lex.wish, clause, start))
        conditional = bool(self._search(self.lex.conditional, clause, start))
        if wish or conditional:
            return Stance(base.negated, True, base.distanced, base.question, base.reported)
        return base

    def first_person(self, start: int, end: int) -> bool:
        """Whether the clause around ``start:end`` speaks of the writer's own self ("my low
        mood", "assure me")."""
        i = self.index_at(start)
        if i is None:
            return False
        s = self.sentences[i]
        ctx = default_context()
        c_start = ctx.clause_start(self.doc.prose, s.start, start)
        c_end = ctx.clause_end(self.doc.prose, end, s.end)
        return bool(self.lex.first_person.search(self.doc.prose, c_start, c_end))

    # -- tables ----------------------------------------------------------------------------
    def cell(self, i: int) -> Cell | None:
        """The table context of sentence ``i`` when it is in a table cell."""
        s = self.sentences[i]
        if self.doc.blocks[s.block].kind != "table_cell":
            return None
        return self._tables().get(s.block)

    def _tables(self) -> dict[int, Cell]:
        def compute():
            doc = self.doc
            rows: list[list[int]] = []
            last_line = None
            for k, b in enumerate(doc.blocks):
                if b.kind != "table_cell":
                    last_line = None
                    continue
                if b.line == last_line:
                    rows[-1].append(k)
                else:
                    rows.append([k])
                    last_line = b.line
            out: dict[int, Cell] = {}
            header: list[int] | None = None
            previous_line = None
            for row in rows:
                line = doc.blocks[row[0]].line
                # A new table starts when a row is not within two lines of the previous one
                # (the header and the first body row are separated by the delimiter row).
                if previous_line is None or line - previous_line > 2:
                    header = row
                previous_line = line
                first = doc.blocks[row[0]]
                for column, k in enumerate(row):
                    is_header = row is header
                    h = None if is_header or header is None or column >= len(header) else header[column]
                    hspan = (doc.blocks[h].start, doc.blocks[h].end) if h is not None else None
                    out[k] = Cell((first.start, first.end), hspan, column, is_header)
            return out

        return self._memo(("tables",), compute)

    # -- fixes -------------------------------------------------------------------------------
    def fixable(self, start: int, end: int, headings: bool = False) -> bool:
        """The fix policy for rewording claims: the edit lies in one sentence of running prose
        (a paragraph or a list item's text; a heading's words with ``headings``, which keeps
        the heading a heading), outside table cells, block quotes and quotation marks, with no
        markup inside it."""
        i = self.index_at(start)
        if i is None:
            return False
        s = self.sentences[i]
        block = self.doc.blocks[s.block]
        kinds = ("paragraph", "list_item", "heading") if headings else ("paragraph", "list_item")
        if end > s.end or block.kind not in kinds or block.quoted or s.quoted:
            return False
        if self.speech(start, end) is not None:
            return False
        original = self.doc.text[start:end]
        return original == self.doc.prose[start:end] and "|" not in original and "\n" not in original

    def article_edit(self, start: int, end: int, replacement: str) -> tuple[int, int, str]:
        """The edit replacing ``text[start:end]``, widened to the article before it when "a" or
        "an" must change to agree with the replacement ("a very effective" → "an effective")."""
        text = self.doc.text
        m = re.search(r"\b([Aa]n?)(\s+)$", text[max(0, start - 5) : start])
        if not m or not replacement:
            return (start, end, replacement)
        article = m.group(1)
        wanted = "an" if _vowel_sound(replacement) else "a"
        if article.lower() == wanted:
            return (start, end, replacement)
        a_start = start - len(m.group(1)) - len(m.group(2))
        new_article = wanted.capitalize() if article[0].isupper() else wanted
        return (a_start, end, new_article + m.group(2) + replacement)


def _is_verb(low: str, previous: str) -> bool:
    """A rough test for the first verb of a clause: an auxiliary or modal, or a word in -ed or
    a common -s verb form after a word that is not a determiner or preposition."""
    if low in _AUX:
        return True
    if previous in _SUBJECT_OR_ADVERB and low.endswith("s") and not low.endswith("ss"):
        return True  # "it works", "it never fails"
    if previous in _NOT_VERB_BEFORE or not previous:
        return False
    return (low.endswith("ed") and len(low) >= 4) or low in _COMMON_VERBS


_SUBJECT_OR_ADVERB = frozenset(
    "it he she this that which who never always also often usually still now only just really already "
    "generally typically rarely sometimes frequently reliably quickly".split()
)
_COMMON_VERBS = frozenset(
    """works helps causes reduces treats acts blocks increases uses affects targets involves requires
    contains remains becomes seems appears means shows makes takes gives comes leads lasts costs binds
    boosts lowers raises improves eases relieves cures offers provides belongs refers stands lies sits
    starts begins ends changes differs depends looks sounds feels goes gets keeps lets puts sets runs
    found showed shown said says told made took gave got led felt saw became began ran kept left
    brought thought knew grew rose fell held met won wrote sought""".split()
)


def _vowel_sound(word: str) -> bool:
    """Whether ``word`` starts with a vowel sound (an effective, an FDA, a useful, a one-off)."""
    w = word.strip("“\"'‘(")
    if not w:
        return False
    first = re.split(r"[\s/-]", w)[0] or w
    if re.match(r"(?:eu|uni|use|usu|ur[aeiou]|one\b|once)", first, re.I):
        return False
    if re.match(r"(?:hour|honest|honou?r|heir)", first, re.I):
        return True
    if first.isupper() and len(first) > 1:  # an acronym read letter by letter: an FDA, a TMS
        return first[0] in "AEFHILMNORSX"
    return first[0].lower() in "aeiou"


def reading(doc: Document) -> Reading:
    """The shared reading of ``doc``, made on first use and kept while the document lives (in
    ``doc.memo``: the reading refers to its document, so a weak-keyed table would keep both)."""
    found = doc.memo.get("reading")
    if not isinstance(found, Reading):
        found = doc.memo["reading"] = Reading(doc)
    return found
