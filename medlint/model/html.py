"""HTML articles: the prose of a page, masked in place like Markdown's.

Parsed with the standard library's ``html.parser.HTMLParser``: maintained with CPython, no
dependency to install, tolerant of the broken markup real exports contain (unclosed ``<p>`` and
``<li>``, stray end tags), and it reports where each piece of text starts (``getpos``), so every
character of prose keeps its offset in the file and findings and fixes land on the right bytes.
(html5lib and lxml build a tree but give no character offsets for text; BeautifulSoup sits on
them.) Character references are not decoded (``convert_charrefs=False``): the masked prose must
hold the file's own characters, so an entity (``&amp;``, ``&#8217;``) is blanked like a tag. A
word with one inside (``don&#8217;t``) then reads as two pieces, which ``Document.tokens`` leaves
out (they are not words); rules that read the masked prose see the gap.

What is prose: text inside ``<body>`` (or a fragment's top level), split into blocks at block
elements: headings (``heading``, with their level), list items (``list_item``, with their
nesting depth), table cells (``table_cell``), everything else (``paragraph``); ``<blockquote>``
makes its blocks quoted and ``<figcaption>`` gives them the role ``caption``. What is not:
``<head>``, page chrome (``nav``, ``header``, ``footer``, ``aside``, ``form``), code (``pre``,
``code``, ``kbd``, ``samp``), scripts, styles, embedded objects and controls.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from html.parser import HTMLParser

from medlint.model.prose import Block

#: Elements whose whole content is not article prose.
SKIPPED = frozenset(
    "head script style noscript template nav header footer aside form pre code kbd samp var "
    "svg math iframe object embed canvas video audio button select textarea option datalist "
    "dialog menu".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: Elements that end the text before them and start a new block.
_BLOCK_ELEMENTS = frozenset(
    "address article blockquote body dd details div dl dt fieldset figcaption figure hr html li "
    "main ol p section summary table tbody td tfoot th thead tr ul h1 h2 h3 h4 h5 h6".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: An open element of this kind closes when another starts (``<p>one<p>two``).
_SELF_CLOSING_SIBLINGS = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr"}}


class _Masker(HTMLParser):
    def __init__(self, text: str, starts: list[int]):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = starts
        self.stack: list[str] = []
        self.skipping = 0  # how many open elements are SKIPPED
        self.pieces: list[tuple[int, int]] = []  # text of the block being gathered
        self.blocks: list[Block] = []
        self.chars = [c if c == "\n" else " " for c in text]
        self.cursor = 0  # where the next search for a text piece starts

    # -- positions ---------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    # -- structure ---------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in _SELF_CLOSING_SIBLINGS:
            closes = _SELF_CLOSING_SIBLINGS[tag]
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i] in closes:
                    self._close_to(i)
                    break
                if self.stack[i] in ("ul", "ol", "dl", "table", "div", "blockquote", "section", "article"):
                    break
        if tag in _BLOCK_ELEMENTS:
            self._end_block()
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in SKIPPED:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_ELEMENTS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in _BLOCK_ELEMENTS:
            self._end_block()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i] == tag:
                self._close_to(i)
                break

    def _close_to(self, index: int) -> None:
        """Close the open element at ``index`` and every element opened inside it."""
        self._end_block()
        for tag in self.stack[index:]:
            if tag in SKIPPED:
                self.skipping -= 1
        del self.stack[index:]

    # -- text ----------------------------------------------------------------------------------
    def handle_data(self, data):
        if self.skipping or not data.strip():
            return
        start = self._offset()
        if self.text.startswith(data, start):
            found = start
        else:  # a position the parser reports differently (it should not): find the text
            found = self.text.find(data, self.cursor)
            if found < 0:
                return
        end = found + len(data)
        self.cursor = end
        self.chars[found:end] = data
        self.pieces.append((found, end))

    def _end_block(self) -> None:
        if not self.pieces:
            return
        start, end = self.pieces[0][0], self.pieces[-1][1]
        self.pieces = []
        while start < end and self.chars[start].isspace():
            start += 1
        while end > start and self.chars[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        kind, level, quoted, role = "paragraph", 0, False, ""
        depth = 0
        for tag in self.stack:
            if tag in _HEADINGS:
                kind, level = "heading", _HEADINGS[tag]
            elif tag == "li":
                kind = "list_item"
            elif tag in ("td", "th"):
                kind = "table_cell"
            elif tag in ("ul", "ol"):
                depth += 1
            elif tag == "blockquote":
                quoted = True
            elif tag == "figcaption":
                role = "caption"
        if kind == "list_item":
            level = depth
        line = bisect.bisect_right(self.starts, start)  # 1-based: the line starts up to ``start``
        self.blocks.append(Block(kind, start, end, line, quoted, level, role))

    def close(self):
        super().close()
        self._end_block()


def mask_html(text: str, hidden: Sequence[tuple[int, int]] = ()) -> tuple[str, list[Block]]:
    """Masked prose and prose blocks of an HTML document (``hidden`` spans blanked first:
    front matter, template tags, configured ignores)."""
    source = text
    if hidden:
        chars = list(text)
        for s, e in hidden:
            for i in range(s, e):
                if chars[i] != "\n":
                    chars[i] = " "
        source = "".join(chars)
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    masker = _Masker(source, starts)
    masker.feed(source)
    masker.close()
    blocks = sorted(masker.blocks, key=lambda b: b.start)
    return "".join(masker.chars), blocks
