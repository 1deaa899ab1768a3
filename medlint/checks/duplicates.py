"""DUP (within one article): passages, paragraphs and sentences that appear twice.

Copying an article out of a web page often takes it twice (a print view and the page, a
"read more" fold, a scraper that restarts), sometimes restarting in the middle of a paragraph.
The check works on sentences, so a restart inside a paragraph is found as easily as a repeated
paragraph:

1. Every sentence (table cells aside) is normalised (``medlint.similarity.words``). Two
   sentences *match* when their normalised words are equal, or, for sentences of at least
   ``near-min-words`` words, when the Jaccard similarity of their word shingles reaches
   ``near-threshold``.
2. Scanning forward, a sentence that matches an earlier one starts a candidate *run*: the run
   grows while the sentences after the copy match the sentences after the original, allowing
   one changed sentence at a time when the two texts re-align right after it, and stopping
   before the original would reach the copy. The longest run wins; it becomes one finding, and
   the scan resumes after it.
3. A run is reported when it holds at least ``min-words`` words (``min-words-adjacent`` for a
   paragraph repeated right after itself, a common scraping stutter) and is not made of
   headings only, so a repeated "Conclusion" or a table of contents is not duplication. Two
   list items that merely open or close alike (citations of one source) need twice
   ``min-words``; a near run must rest on at least one matching sentence of
   ``near-min-words``.

The fix deletes the later copy and the white space that joined it to its neighbours, so no
stray blank line or space is left. It is safe only for a clear accidental paste: the copy
equals the original after normalisation (markup and link targets included), nothing but white
space and markup lies at its edges, and it is a run of at least two sentences and 25 words (or
whole paragraphs repeated right after themselves), under the same heading as the first copy,
neither copy a list or a quotation, leaving no heading empty. Otherwise the fix is unsafe and
its title says what to check (pages repeat a caveat under each section, a symptom in two lists,
a step of a procedure, the lead in a teaser on purpose); a near copy is always unsafe.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import cast

from medlint.model.diagnostics import Related, Severity
from medlint.model.rule import Check, Option, make_fix, rule_doc
from medlint.text.similarity import jaccard, key, shingles, words

SOURCE = (
    "Google Search Central, 'Duplicate content' and 'Creating helpful, reliable, people-first "
    "content'; plain-language guidance in shared/reference/health-writing-standards.md"
)

EXACT = rule_doc(
    "DUP001",
    "repeated-passage",
    "A sentence, paragraph or run of paragraphs appears twice in the article.",
    what=(
        "Finds text that repeats earlier text of the same article after normalising case, "
        "white space, punctuation and quote style: a repeated sentence, a repeated paragraph, "
        "or a whole run of them, including a copy that restarts in the middle of a paragraph. "
        "A run is one finding, from the first repeated sentence to the last, and the message "
        "names the line of the first copy. Short repeats (a heading such as 'Conclusion', a "
        "one-word list item) are not reported; a short heading inside a repeated run is part "
        "of the run."
    ),
    why=(
        "Readers who meet the same paragraphs twice lose trust in the page and may stop "
        "reading; search engines treat repeated blocks as low-quality content. In articles "
        "copied from the web a repeat usually means the page was captured twice."
    ),
    example=(
        "Bad: Ketamine acts on glutamate. It works within hours. … Ketamine acts on glutamate. "
        "It works within hours.\nGood: Ketamine acts on glutamate. It works within hours. …"
    ),
    fix=(
        "Deletes the later copy, keeps the first, and removes the space or blank lines that "
        "joined the copy to its neighbours. Safe only for a clear accidental paste: at least two "
        "sentences and 25 words (or whole paragraphs repeated right after themselves), under the "
        "same heading as the first copy, not a list item or a quotation, leaving no heading "
        "empty, with nothing but prose and markup at its edges. Otherwise unsafe, and the fix's "
        "title says what to check first: a caveat repeated under each section, a symptom in "
        "two lists, a step of a procedure or a teaser repeating the lead are often on purpose."
    ),
    source=SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)

NEAR = rule_doc(
    "DUP002",
    "near-repeated-passage",
    "A sentence, paragraph or run of paragraphs appears twice with small differences.",
    what=(
        "Like DUP001, but the later copy differs a little from the first: some words changed, "
        "a sentence reworded. Sentences of at least `near-min-words` words match when the "
        "Jaccard similarity of their three-word shingles reaches `near-threshold` (defaults: 12 "
        "words, 0.7); a run may hold one changed sentence at a time when the texts re-align after it."
    ),
    why=(
        "A near copy is still a copy to the reader, and it hides which version is current: "
        "a dose or a date corrected in one copy and not in the other is a factual error."
    ),
    example=(
        "Bad: Most people feel better within a day of the infusion. … Most people feel better "
        "within a day of their first infusion.\nGood: keep one of the two, with the wording "
        "you want."
    ),
    fix=(
        "Unsafe: deletes the later copy and keeps the first, but the copy may hold the edit "
        "the writer wants, so read both before applying."
    ),
    source=SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)

#: An exact copy is deleted unread only when it is at least this long (or repeats whole
#: paragraphs right after themselves): shorter repeats are often on purpose.
PASTE_MIN_SENTENCES = 2
PASTE_MIN_WORDS = 25
#: Earlier matches tried as the start of a run (the longest run wins).
MAX_CANDIDATES = 64
#: A sentence's rare shingles found in more sentences than this (the same sentence pasted many
#: times: its exact copies are found by their key) are not followed in the near-copy search.
COMMON = 200
#: What may lie at the edges of a deleted copy (between it and its neighbours) for the fix to
#: stay safe: white space, block-quote and list markers, emphasis and heading marks.
_EDGE = re.compile(r"[\s>#*_+\-=~|•·▪◦‣●○■□–—]*(?:\d{1,9}[.)][\s>#*_+\-=~|]*)?")
_BLANK_LINE = re.compile(r"[ \t>]*")


@dataclass
class _Unit:
    """One sentence taking part in the comparison."""

    sentence: int  # index into doc.sentences
    block: int
    words: list[str]
    key: str
    heading: bool
    _shingles: frozenset[int] | None = None

    @property
    def shingles(self) -> frozenset[int]:
        if self._shingles is None:
            self._shingles = shingles(self.words)
        return self._shingles


@dataclass
class _Run:
    """A later copy (units ``copy``) of earlier text (units ``orig``), pair by pair."""

    orig: list[int]
    copy: list[int]
    kinds: list[str]  # exact | near | changed, one per pair
    words: int  # words of the copy's matching sentences (changed ones left out)

    @property
    def exact(self) -> bool:
        return all(k == "exact" for k in self.kinds)


class Duplicates(Check):
    """Repeated and near-repeated passages inside one article (DUP001, DUP002)."""

    name = "duplicates"
    rules = (EXACT, NEAR)
    options = {
        "min_words": Option(8, "Shortest repeat reported, in words.", types=(int,)),
        "min_words_adjacent": Option(
            4, "Shortest paragraph reported when it repeats the paragraph right before it.", types=(int,)
        ),
        "near_threshold": Option(
            0.7, "Word-shingle Jaccard similarity at which two sentences count as near copies.", types=(float,)
        ),
        "near_min_words": Option(12, "Sentences shorter than this only match exactly.", types=(int,)),
    }

    def check(self, doc, ctx):
        opts = ctx.options
        units = _units(doc)
        matcher = _Matcher(units, opts["near_threshold"], opts["near_min_words"])
        rejected: set[tuple[int, int]] = set()  # pairs inside runs not worth reporting
        j = 0
        while j < len(units):
            run = self._best_run(units, matcher, j, rejected)
            if run is not None and self._reportable(doc, units, run, opts):
                yield self._report(doc, ctx, units, run)
                j = run.copy[-1] + 1
                continue
            if run is not None:
                rejected.update(zip(run.orig, run.copy))
            j += 1

    def _best_run(self, units, matcher, j, rejected) -> _Run | None:
        best = None
        candidates = [i for i in matcher.candidates(j) if (i, j) not in rejected]
        for i in candidates[:MAX_CANDIDATES]:
            run = _extend(units, matcher, i, j)
            if best is None or run.words > best.words:
                best = run
        return best

    @staticmethod
    def _reportable(doc, units, run: _Run, opts) -> bool:
        copy_units = [units[u] for u in run.copy]
        orig_units = [units[u] for u in run.orig]
        if all(u.heading for u in copy_units):
            return False  # a repeated heading alone ("Conclusion", a table of contents)
        kinds = {doc.blocks[u.block].kind for u in copy_units}
        if all(u.heading for u in orig_units) and kinds == {"list_item"}:
            return False  # a list repeating headings: a table of contents, related links
        first_c, last_c = run.copy[0], run.copy[-1]
        first_o, last_o = run.orig[0], run.orig[-1]
        bounds = [
            (_starts_block(doc, units[a].sentence), _ends_block(doc, units[b].sentence))
            for a, b in ((first_o, last_o), (first_c, last_c))
        ]
        one_item = all(
            units[a].block == units[b].block and doc.blocks[units[a].block].kind == "list_item"
            for a, b in ((first_o, last_o), (first_c, last_c))
        )
        if one_item and all(starts != ends for starts, ends in bounds) and run.words < 2 * opts["min_words"]:
            return False  # list items that open or close alike: citations of one source, link lists
        if "changed" in run.kinds:
            changed = sum(len(units[c].words) for c, k in zip(run.copy, run.kinds) if k == "changed")
            longest = max(len(units[c].words) for c, k in zip(run.copy, run.kinds) if k != "changed")
            if changed > run.words or longest < opts["near_min_words"]:
                return False  # more rewritten than repeated, or held together by short formulas
        adjacent = all(s and e for s, e in bounds) and units[last_o].block + 1 == units[first_c].block
        return run.words >= (opts["min_words_adjacent"] if adjacent else opts["min_words"])

    def _report(self, doc, ctx, units, run: _Run):
        sents = doc.sentences
        o_start, o_end = sents[units[run.orig[0]].sentence].start, sents[units[run.orig[-1]].sentence].end
        c_first, c_last = units[run.copy[0]].sentence, units[run.copy[-1]].sentence
        c_start, c_end = sents[c_first].start, sents[c_last].end
        o_line, o_col = doc.position(o_start)
        o_end_line, o_end_col = doc.position(o_end)
        a, b = _deletion(doc, c_first, c_last)
        same_text = key(doc.text[o_start:o_end]) == key(doc.text[c_start:c_end])
        clean_edges = bool(_EDGE.fullmatch(doc.text[a:c_start])) and bool(_EDGE.fullmatch(doc.text[c_end:b]))
        exact = run.exact and same_text
        doubt = _doubt(doc, units, run, a, b) if exact and clean_edges else None
        code = "DUP001" if exact else "DUP002"
        where = f"line {o_line}" if o_end_line == o_line else f"lines {o_line}–{o_end_line}"
        n_blocks = len({units[u].block for u in run.copy})
        if len(run.copy) == 1:
            what = "this sentence"
        elif n_blocks == 1:
            what = f"this passage ({run.words} words)"
        else:
            what = f"these {n_blocks} paragraphs ({run.words} words)"
        if exact:
            message = f"{what} repeat{'s' if what.startswith('this') else ''} {where} word for word; delete the later copy"
        else:
            changed = sum(k != "exact" for k in run.kinds)
            how = f"{changed} of {len(run.kinds)} sentences differ" if changed else "the markup or link targets differ"
            message = f"{what} nearly repeat{'s' if what.startswith('this') else ''} {where} ({how}); keep one version"
        title = f"Delete the repeated copy of {where}"
        if doubt:
            title += f"; check first: {doubt}"
        fix = make_fix(title, [(a, b, "")], safe=exact and clean_edges and doubt is None)
        related = Related(doc.path, o_line, o_col, "first copy", o_end_line, o_end_col)
        return ctx.report(code, c_start, c_end, message, fix=fix, related=(related,))


def _doubt(doc, units, run: _Run, a: int, b: int) -> str | None:
    """Why deleting this exact copy unread could be wrong, or None when it is clearly an
    accidental paste: a run of at least ``PASTE_MIN_SENTENCES`` sentences and
    ``PASTE_MIN_WORDS`` words (or whole paragraphs repeated right after themselves), under the
    same heading as the first copy, neither copy a list item or a quotation, and no heading
    left empty by the deletion. Pages repeat a caveat under each section, a symptom in two
    lists, a step in a procedure and the lead in a teaser on purpose."""
    blocks = doc.blocks
    copy_blocks = sorted({units[u].block for u in run.copy})
    orig_blocks = sorted({units[u].block for u in run.orig})
    whole = _starts_block(doc, units[run.copy[0]].sentence) and _ends_block(doc, units[run.copy[-1]].sentence)
    adjacent = whole and orig_blocks[-1] + 1 == copy_blocks[0]  # a stutter: pasted right after itself
    if not adjacent and any(all(blocks[i].kind == "list_item" for i in side) for side in (copy_blocks, orig_blocks)):
        return "it is a list item, and lists may repeat an item on purpose"
    if any(blocks[i].quoted for i in copy_blocks + orig_blocks) or any(
        doc.sentences[units[u].sentence].quoted for u in run.copy + run.orig
    ):
        return "one copy is a quotation or an excerpt"
    heading = _heading_above(doc, orig_blocks[0])
    if heading != _heading_above(doc, copy_blocks[0]) and not blocks[copy_blocks[0]].kind == "heading":
        return "the copies stand under different headings, as a caveat repeated per section does"
    if not adjacent and (len(run.copy) < PASTE_MIN_SENTENCES or run.words < PASTE_MIN_WORDS):
        return "it is short, and a short line may be repeated on purpose"
    before = copy_blocks[0] - 1
    after = next((i for i in range(copy_blocks[-1] + 1, len(blocks)) if blocks[i].start >= b), None)
    if whole and before >= 0 and blocks[before].kind == "heading" and blocks[copy_blocks[0]].kind != "heading":
        if after is None or (blocks[after].kind == "heading" and blocks[after].level <= blocks[before].level):
            return "deleting it leaves a heading with nothing under it"
    return None


def _heading_above(doc, index: int) -> str | None:
    """The normalised text of the nearest heading before block ``index`` (None: none)."""
    for i in range(index - 1, -1, -1):
        block = doc.blocks[i]
        if block.kind == "heading":
            return key(doc.prose[block.start : block.end])
    return None


def _units(doc) -> list[_Unit]:
    out = []
    for index, sentence in enumerate(doc.sentences):
        block = doc.blocks[sentence.block]
        if block.kind == "table_cell":
            continue  # table rows legitimately repeat cell values
        ws = words(doc.prose[sentence.start : sentence.end])
        if ws:
            out.append(_Unit(index, sentence.block, ws, " ".join(ws), block.kind == "heading"))
    return out


class _Matcher:
    """Which earlier sentences match a sentence, exactly or nearly; memoised."""

    def __init__(self, units: list[_Unit], threshold: float, near_min: int):
        self.units = units
        self.threshold = threshold
        self.near_min = near_min
        self.by_key: dict[str, list[int]] = {}
        near = []
        for i, u in enumerate(units):
            self.by_key.setdefault(u.key, []).append(i)
            if len(u.words) >= near_min:
                near.append(i)
        # Prefix filtering (Chaudhuri, Ganti & Kaushik 2006): two sets whose Jaccard similarity
        # reaches t share at least ⌈t·|x|⌉ items, so under one order of all shingles they share
        # one among the first |x| − ⌈t·|x|⌉ + 1 of each. With the rarest shingles first, only
        # those prefixes are indexed and probed: a sentence meets the few others that share a
        # rare shingle with it (not every sentence sharing a stock phrase), and each is then
        # measured exactly.
        frequency = Counter(chain.from_iterable(units[i].shingles for i in near))
        by_frequency = frequency.__getitem__
        self.prefix: dict[int, list[int]] = {}
        self.postings: dict[int, list[int]] = {}
        for i in near:
            # by (frequency, hash): sorted by hash, then stably by frequency (both in C)
            ordered = sorted(sorted(units[i].shingles), key=by_frequency)
            prefix = self.prefix[i] = ordered[: len(ordered) - _overlap(threshold, len(ordered)) + 1]
            for h in prefix:
                self.postings.setdefault(h, []).append(i)

    def relation(self, i: int, j: int) -> str | None:
        a, b = self.units[i], self.units[j]
        if a.key == b.key:
            return "exact"
        if min(len(a.words), len(b.words)) >= self.near_min and jaccard(a.shingles, b.shingles) >= self.threshold:
            return "near"
        return None

    def candidates(self, j: int) -> list[int]:
        """Earlier units matching unit ``j``, in text order (at most ``MAX_CANDIDATES`` exact
        ones; a prefix shingle shared by more than ``COMMON`` sentences is not followed)."""
        same = self.by_key[self.units[j].key]
        found = set(same[: min(bisect.bisect_left(same, j), MAX_CANDIDATES)])
        u = self.units[j]
        if len(u.words) >= self.near_min:
            for h in self.prefix[j]:
                posting = self.postings[h]
                if len(posting) > COMMON:
                    continue
                for i in posting:
                    if i >= j:
                        break  # postings are in text order
                    if i not in found and jaccard(self.units[i].shingles, u.shingles) >= self.threshold:
                        found.add(i)
        return sorted(found)


def _overlap(threshold: float, size: int) -> int:
    """The fewest shingles a set of ``size`` shares with any set it is at least ``threshold``
    similar to (Jaccard), at least 1; rounded down a hair so that a float product just over a
    whole number (0.7 × 10) never asks for one more than is needed."""
    return max(1, math.ceil(threshold * size - 1e-9))


def _extend(units, matcher: _Matcher, i: int, j: int) -> _Run:
    """The run that starts with unit ``j`` copying unit ``i``, grown as far as it goes."""
    kinds = [cast(str, matcher.relation(i, j))]  # i is one of candidates(j): exact or near, never None
    orig, copy = [i], [j]
    a, b = i + 1, j + 1
    while a < j and b < len(units):
        rel = matcher.relation(a, b)
        if rel is None and a + 1 < j and b + 1 < len(units) and kinds[-1] != "changed":
            nxt = matcher.relation(a + 1, b + 1)
            if nxt is not None:
                orig += [a, a + 1]
                copy += [b, b + 1]
                kinds += ["changed", nxt]
                a, b = a + 2, b + 2
                continue
        if rel is None:
            break
        orig.append(a)
        copy.append(b)
        kinds.append(rel)
        a, b = a + 1, b + 1
    return _Run(orig, copy, kinds, sum(len(units[c].words) for c, k in zip(copy, kinds) if k != "changed"))


def _starts_block(doc, s: int) -> bool:
    return s == 0 or doc.sentences[s - 1].block != doc.sentences[s].block


def _ends_block(doc, s: int) -> bool:
    return s == len(doc.sentences) - 1 or doc.sentences[s + 1].block != doc.sentences[s].block


def _deletion(doc, first: int, last: int) -> tuple[int, int]:
    """The span to delete for a copy made of sentences ``first``..``last``.

    Whole paragraphs go with their line prefixes (list or heading marks) and the blank lines
    after them; a copy at the end of the file takes the blank lines before it instead. A copy
    that starts inside a paragraph takes the space before it; one that ends inside a paragraph
    takes the space after it.
    """
    text, sents = doc.text, doc.sentences
    start, end = sents[first].start, sents[last].end
    at_start, at_end = _starts_block(doc, first), _ends_block(doc, last)
    line_start = text.rfind("\n", 0, start) + 1
    if at_start and doc.prose[line_start:start].strip():
        at_start = False  # another block shares the line
    if at_end:
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if doc.prose[end:line_end].strip():
            at_end = False
    if at_start and at_end:
        following = _next_nonblank(text, line_end)
        if following is not None:
            return line_start, following
        return _previous_content_end(text, line_start), line_end
    if at_end:
        return sents[first - 1].end, line_end
    if at_start and last + 1 < len(sents):
        return start, sents[last + 1].start
    return sents[first - 1].end if first else start, end


def _next_nonblank(text: str, pos: int) -> int | None:
    """Start of the first non-blank line after the line that ends at ``pos``."""
    while pos < len(text):
        start = pos + 1
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        if not _BLANK_LINE.fullmatch(text[start:end].rstrip("\r")):
            return start
        pos = end
    return None


def _previous_content_end(text: str, line_start: int) -> int:
    """End of the last non-blank line before ``line_start`` (0 when there is none)."""
    pos = line_start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        if not _BLANK_LINE.fullmatch(text[prev_start : pos - 1].rstrip("\r")):
            return pos - 1
        pos = prev_start
    return 0
