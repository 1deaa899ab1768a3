"""Find the prose in an article and blank out everything else, keeping every offset.

The result is a *masked* copy of the text, the same length as the original: prose characters
are kept, and markup, code, URLs, link targets, HTML and front matter become spaces (newlines
stay newlines). Rules search the masked text, so whatever they find is prose, and its offsets
are offsets into the original file. Block structure comes from a real CommonMark parser
(markdown-it-py, with GFM tables); inline markup inside a block is blanked with small patterns.
Markup CommonMark does not know (templates, MDX, admonitions) is found first by ``markup.py``;
HTML documents are masked by ``html.py``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt

from medlint.model.markup import CALLOUT, Hidden

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"'”’]")  # bare URLs

#: Inline constructs blanked out of prose, in the order they are applied, each with the
#: characters that must be in a block for it to match at all (a cheap test that skips most).
_INLINE_MASKS = [
    ("`", re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)),  # code spans
    ("<", re.compile(r"<!--.*?-->", re.S)),  # HTML comments
    ("!", re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?")),  # images, alt text included
    ("<", re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")),  # autolinks
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")),  # inline HTML tags
    ("[", re.compile(r"\[(?=[^\]\n]*\](?:\(|\[))")),  # opening bracket of a link
    ("](", re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")),  # ](dest "title")
    ("][", re.compile(r"\]\[[^\]\n]*\]")),  # ][ref]
    ("", _URL),
    ("[^", re.compile(r"\[\^[^\]\s]+\]")),  # footnote references [^1]
    ("\\", re.compile(r"\\(?=[!-/:-@\[-`{-~])")),  # backslash escapes
    ("*_", re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])")),  # emphasis markers
    ("~~", re.compile(r"~~")),  # strikethrough
]
_URL_ONLY = [("", _URL)]
#: Stands in for hidden markup in what the Markdown parser reads (a private-use character).
_PLACEHOLDER = "\ue000"
_TITLE = "###### "  # what the parser reads before an admonition's title
_LIST_PREFIX = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?(?:\[[ xX]\][ \t]+)?")
_PLAIN_BULLET = re.compile(r"^[ \t]*(?:[•·▪◦‣●○■□–—*+-]|\d{1,3}[.)])[ \t]+", re.M)


@dataclass(frozen=True)
class Block:
    """A unit of prose: a paragraph, heading, list item, table cell or quoted paragraph.

    ``role`` says what the block does in the article, when it is not the article's own text:
    ``reference`` (a References / Further reading / Bibliography section, a footnote),
    ``citation`` (a bibliographic entry anywhere) or ``caption`` (an image caption or credit).
    See ``apparatus.py``.
    """

    kind: str  # paragraph | heading | list_item | table_cell
    start: int
    end: int
    line: int  # 1-based line of the block's first character
    quoted: bool = False  # inside a block quote (not a callout) or an HTML <blockquote>
    level: int = 0  # heading level, or list nesting depth
    role: str = ""  # "" | reference | citation | caption


def _blank(chars: list[str], start: int, end: int) -> None:
    span = chars[start:end]
    if "\n" not in span:  # most spans (a link's target, emphasis marks): one slice assignment
        chars[start:end] = [" "] * len(span)
        return
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _copy(chars: list[str], text: str, start: int, end: int) -> None:
    chars[start:end] = text[start:end]


def _mask_inline(chars: list[str], text: str, start: int, end: int, patterns=_INLINE_MASKS) -> None:
    """Blank inline markup found in ``text[start:end]`` (already copied into ``chars``)."""
    current = "".join(chars[start:end])
    for trigger, pattern in patterns:
        if trigger and not _has_trigger(current, trigger):
            continue
        if trigger == "" and "://" not in current and "www." not in current:
            continue
        changed = False
        for m in pattern.finditer(current):
            _blank(chars, start + m.start(), start + m.end())
            changed = True
        if changed:
            current = "".join(chars[start:end])


def _has_trigger(current: str, trigger: str) -> bool:
    """``*_``: any of the characters; otherwise the literal string."""
    if trigger == "*_":
        return "*" in current or "_" in current
    return trigger in current


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _trim(chars: list[str], start: int, end: int) -> tuple[int, int]:
    while start < end and chars[start].isspace():
        start += 1
    while end > start and chars[end - 1].isspace():
        end -= 1
    return start, end


_PARSER = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        # Only block structure is used (inline markup is blanked by _INLINE_MASKS), so the
        # inline parser is switched off: it was half the parsing time.
        _PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").disable("inline")
    return _PARSER


def _parse_source(text: str, body_start: int, hidden: Hidden | None) -> tuple[str, list[str], list[int]]:
    """What the Markdown parser reads, and what prose is copied from.

    Returns the copy source (``text`` with hidden markup blanked: same length), the parser's
    lines and, per line, how many leading characters the parser does not see (negative for an
    admonition title, which the parser reads behind a heading marker). Hidden markup
    reaches the parser as placeholder characters, so it keeps its place in a line (a tag before
    the words does not make them an indented code block); a line holding nothing but hidden
    markup reaches it blank, as a template tag on its own line renders.
    """
    lines = text.split("\n")
    first_line = text.count("\n", 0, body_start)
    shifts = [0] * len(lines)
    if hidden is None or not (hidden.spans or hidden.dedent or hidden.titles):
        return text, [""] * first_line + lines[first_line:], shifts
    copy = list(text)
    parse = list(text)
    for start, end in hidden.spans:
        for i in range(start, end):
            if text[i] != "\n":
                copy[i] = " "
                parse[i] = _PLACEHOLDER
    parse_lines = "".join(parse).split("\n")
    for i, line in enumerate(parse_lines):
        if i < first_line:
            parse_lines[i] = ""
            continue
        if _PLACEHOLDER in line and not line.replace(_PLACEHOLDER, "").strip():
            line = " " * len(line)
        cut = hidden.dedent.get(i, 0)
        if i in hidden.titles:
            line = _TITLE + line[cut:]
            shifts[i] = cut - len(_TITLE)
        elif cut:
            cut = min(cut, len(line) - len(line.lstrip(" \t" + _PLACEHOLDER)))
            line = line[cut:]
            shifts[i] = cut
        parse_lines[i] = line
    return "".join(copy), parse_lines, shifts


def mask_markdown(text: str, body_start: int, hidden: Hidden | None = None) -> tuple[str, list[Block]]:
    """Masked prose and prose blocks of a Markdown document whose body starts at ``body_start``,
    with ``hidden`` markup (templates, MDX, admonition markers: ``markup.find``) left out."""
    source, parse_lines, shifts = _parse_source(text, body_start, hidden)
    starts = _line_starts(text)
    chars = [" "] * len(text)  # all blank but the line breaks (set from the line starts)
    for at in starts[1:]:
        chars[at - 1] = "\n"
    n_lines = len(starts)
    # Front matter lines are parsed as empty lines, so the parser's line numbers are the file's.
    tokens = _parser().parse("\n".join(parse_lines))
    blocks: list[Block] = []
    quotes: list[bool] = []  # open block quotes: True for a quotation, False for a callout
    list_depth = 0
    parents: list[str] = []

    def line_span(line_no: int) -> tuple[int, int]:
        s = starts[line_no]
        e = starts[line_no + 1] - 1 if line_no + 1 < n_lines else len(text)
        if e > s and text[e - 1] == "\r":
            e -= 1
        return s, e

    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quotes.append(not (tok.map and CALLOUT.match(text, starts[tok.map[0]])))
        elif tok.type == "blockquote_close":
            quotes.pop()
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        if tok.nesting == 1:
            parents.append(tok.type)
        elif tok.nesting == -1 and parents:
            parents.pop()
        quoted = any(quotes)
        if tok.type == "inline" and tok.map and parents:
            parent = parents[-1]
            if parent == "heading_open":
                kind, level = "heading", int(tokens[i - 1].tag[1:])
            elif parent in ("th_open", "td_open"):
                continue  # table rows are handled from tr_open below
            else:
                kind = "list_item" if list_depth and "list_item_open" in parents else "paragraph"
                level = list_depth
            content_lines = tok.content.split("\n")
            lo, hi = tok.map
            b_start = b_end = None
            for k, line_no in enumerate(range(lo, min(hi, n_lines))):
                if k >= len(content_lines):
                    break  # setext underline
                s, e = line_span(line_no)
                content = content_lines[k].strip()
                line_text = parse_lines[line_no].rstrip("\r")
                s += shifts[line_no]
                if not content:
                    continue
                prefix = _LIST_PREFIX.match(line_text).end() if k == 0 or quotes else 0  # type: ignore[union-attr]  # every part of the pattern is optional: it always matches
                off = line_text.find(content, prefix if k == 0 else 0)
                if off < 0:
                    off = _LIST_PREFIX.match(line_text).end()  # type: ignore[union-attr]  # it always matches (see above)
                c_start = s + off
                c_end = min(e, c_start + len(content)) if kind != "heading" else e
                if kind == "heading":
                    # ATX closing sequence: "## Title ##"
                    m = re.search(r"[ \t]+#+[ \t]*$", line_text)
                    c_end = s + m.start() if m else e
                    c_start = s + max(off, 0)
                _copy(chars, source, c_start, c_end)
                b_start = c_start if b_start is None else b_start
                b_end = c_end
            if b_start is None:
                continue
            assert b_end is not None  # set with b_start
            _mask_inline(chars, source, b_start, b_end)
            b_start, b_end = _trim(chars, b_start, b_end)
            if b_end > b_start:
                blocks.append(Block(kind, b_start, b_end, bisect.bisect_right(starts, b_start), quoted, level))  # its 1-based line
        elif tok.type == "tr_open" and tok.map:
            line_no = tok.map[0]
            if line_no >= n_lines:
                continue
            s, e = line_span(line_no)
            for c_start, c_end in _table_cells(source, s, e):
                _copy(chars, source, c_start, c_end)
                _mask_inline(chars, source, c_start, c_end)
                c_start, c_end = _trim(chars, c_start, c_end)
                if c_end > c_start:
                    blocks.append(Block("table_cell", c_start, c_end, line_no + 1, quoted, 0))
    blocks.sort(key=lambda b: b.start)
    return "".join(chars), blocks


def _table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell content spans of one table row, split on pipes outside code spans and escapes."""
    cells = []
    cell_start = start
    in_code = False
    i = start
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            in_code = not in_code
        elif c == "|" and not in_code:
            cells.append((cell_start, i))
            cell_start = i + 1
        i += 1
    cells.append((cell_start, end))
    return [(s, e) for s, e in cells if text[s:e].strip()]


def mask_plain(text: str, hidden: Sequence[tuple[int, int]] = ()) -> tuple[str, list[Block]]:
    """Masked prose and blocks of a plain-text document (``hidden`` spans blanked: the
    configured ignores).

    Paragraphs are split on blank lines. Text copied from web pages often has one paragraph per
    line and no blank lines at all; when a paragraph has a line too long to be hard-wrapped
    (over 100 characters), each of its lines is taken as a block of its own.
    """
    chars = list(text)
    for m in _PLAIN_BULLET.finditer(text):
        _blank(chars, m.start(), m.end())
    _mask_inline(chars, text, 0, len(text), _URL_ONLY)
    for start, end in hidden:
        _blank(chars, start, end)
    masked = "".join(chars)
    blocks: list[Block] = []
    starts = _line_starts(text)
    for para in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", masked):
        lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", masked[para.start() : para.end()])]
        unwrapped = any(len(m.group()) > 100 for m in lines)
        spans = (
            [(para.start() + m.start(), para.start() + m.end()) for m in lines]
            if unwrapped
            else [(para.start(), para.end())]
        )
        for s, e in spans:
            s, e = _trim(chars, s, e)
            if e > s:
                bullet = bool(_PLAIN_BULLET.match(text, text.rfind("\n", 0, s) + 1))
                kind = "list_item" if bullet else "paragraph"
                blocks.append(Block(kind, s, e, bisect.bisect_right(starts, s)))
    return masked, blocks
