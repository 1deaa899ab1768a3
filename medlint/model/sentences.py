"""Sentence splitting, word tokens and quoted-speech spans over masked prose.

Works on a block's prose (markup already blanked out, offsets unchanged), so every span it
returns is an offset into the original file text. Rule-based rather than statistical: health
writing is full of "Dr.", "e.g.", "U.S.", "2.5 mg" and initials, and the few rules below handle
them predictably and fast.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof sr jr st mt vs v e.g i.e cf al approx ca inc ltd co corp dept est fig figs
    no nos vol vols p pp ed eds rev gen col lt sgt capt u.s u.k u.n a.m p.m ph.d m.d b.a m.a
    d.o r.n jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    """.split()
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]*([A-Z0-9])")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

_QUOTE_PAIRS = (("“", "”"), ('"', '"'))


class Sentence(NamedTuple):
    """A sentence: its span, the block it belongs to, and whether it is quoted speech.
    (Named tuples: documents have thousands of these, and tuples are cheap to make.)"""

    start: int
    end: int
    block: int
    quoted: bool = False


class Token(NamedTuple):
    """A word with its span in the original text."""

    start: int
    end: int
    text: str


def _is_abbreviation(prose: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    m = _PREV_WORD.search(prose, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "N. Tracy"
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def split_sentences(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``prose[start:end]`` into sentence spans (trimmed of surrounding white space)."""
    spans: list[tuple[int, int]] = []
    pieces = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(prose, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    for p_start, p_end in pieces:
        cur = p_start
        for m in _BOUNDARY.finditer(prose, p_start, p_end):
            stop = m.end()
            nxt = _NEXT_START.match(prose, stop, p_end)
            if not nxt:
                continue
            if prose[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(prose, m.start()):
                continue
            spans.append((cur, stop))
            cur = stop
        spans.append((cur, p_end))
    out = []
    for s, e in spans:
        while s < e and prose[s].isspace():
            s += 1
        while e > s and prose[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def quote_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted speech inside ``prose[start:end]``, including the quote marks.

    Curly quotes pair open with close; straight double quotes pair in order. An unclosed quote
    runs to the end of the block, as quotations that span a whole paragraph do.
    """
    spans = []
    for opener, closer in _QUOTE_PAIRS:
        pos = start
        while True:
            i = prose.find(opener, pos, end)
            if i < 0:
                break
            j = prose.find(closer, i + 1, end)
            if j < 0:
                if opener != closer:
                    spans.append((i, end))
                break
            spans.append((i, j + 1))
            pos = j + 1
    return sorted(spans)


_NEW = tuple.__new__


def tokens(prose: str, start: int, end: int) -> list[Token]:
    """Word tokens in ``prose[start:end]``, made as ``Token._make`` makes them (``tuple.__new__``)
    without a Python-level call per word: a document has thousands."""
    return [_NEW(Token, (m.start(), m.end(), m.group())) for m in WORD.finditer(prose, start, end)]
