"""The document model every rule reads: original text, front matter, prose blocks, sentences.

A Document keeps the exact decoded text (``text``) and a masked copy of the same length
(``prose``) in which only prose survives (see ``prose.py``). Blocks, sentences, tokens and quoted
spans are all offsets into ``text``. Sentences and tokens are computed once, on first use.

Formats, by file suffix (``FORMATS``): Markdown, MDX, HTML and plain text. Markdown, MDX and HTML
may open with front matter (YAML, TOML or JSON: ``frontmatter.py``); in all three, template tags
(Liquid, Hugo) and the configured ignores are hidden (``markup.py``), and MDX's JSX, expressions
and import/export lines too. HTML is masked by ``html.py``; each block then gets its role
(reference section, citation, caption: ``apparatus.py``).
"""

from __future__ import annotations

import bisect
import html
import re
from functools import cached_property
from pathlib import Path

from medlint.model import apparatus, collector, frontmatter, markup
from medlint.model import sentences as _sent
from medlint.model.errors import InputError
from medlint.model.html import mask_html
from medlint.model.lines import LineIndex, unify_breaks
from medlint.model.markup import NO_IGNORES, Ignores
from medlint.model.prose import Block, mask_markdown, mask_plain
from medlint.model.span import Span

#: File suffix -> format. Folders are searched for these; a file named explicitly is read by
#: its suffix, and as plain text when the suffix is not listed here.
FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".mdx": "mdx",
    ".html": "html", ".htm": "html",
    ".txt": "text", ".text": "text",
}
SUFFIXES = frozenset(FORMATS)
BOM = "\ufeff"
_REFERENCE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);")


def decode(data: bytes, path: str) -> tuple[str, bool]:
    """Decode UTF-8 (with or without BOM). Returns the text without BOM and whether it had one."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise InputError(path, "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    nul = data.find(b"\x00")  # anywhere in the file: a NUL after the first block is as binary as one in it
    if nul >= 0:
        raise InputError(path, "file looks binary (it contains NUL bytes), not a text article", data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def format_of(path: str) -> str:
    """The format of a file, by its suffix (plain text when the suffix is not a known one)."""
    return FORMATS.get(Path(path).suffix.lower(), "text")


class Document:
    """One article, ready for rules."""

    @collector.paused()  # an article of up to 5 MiB: see collector
    def __init__(self, text: str, path: str = "-", format: str | None = None, bom: bool = False, ignores: Ignores = NO_IGNORES):
        self.text = text
        self.path = path
        self.bom = bom
        #: Analyses made by the layers above, by name, living exactly as long as the document. (A
        #: module-level WeakKeyDictionary whose value refers to its document never lets it go: a
        #: long run then keeps every document it read.)
        self.memo: dict[str, object] = {}
        self.format = format or format_of(path)
        self.ignores = ignores
        self.front_matter: dict = {}
        self.front_matter_span: tuple[int, int] | None = None
        #: The date in a Jekyll-style file name (``2024-05-01-title.md``), if any.
        self.file_date = frontmatter.date_from_path(path) if path != "-" else None
        body_start = 0
        hidden_spans: list[tuple[int, int]] = []
        if self.format != "text":
            self.front_matter, self.front_matter_span = frontmatter.split(text, path)
            body_start = self.front_matter_span[1] if self.front_matter_span else 0
        if self.format in ("markdown", "mdx"):
            hidden = markup.find(text, body_start, self.format == "mdx", ignores)
            self.prose, blocks = mask_markdown(unify_breaks(text), body_start, hidden)  # a lone CR ends a line
            hidden_spans = hidden.spans
        elif self.format == "html":
            hidden_spans = markup.find(text, body_start, False, ignores).spans
            self.prose, blocks = mask_html(text, ([(0, body_start)] if body_start else []) + hidden_spans)
        else:
            hidden_spans = ignores.spans(text)
            self.prose, blocks = mask_plain(unify_breaks(text), hidden_spans)
        if self.front_matter_span:
            hidden_spans = [self.front_matter_span] + hidden_spans
        self._hidden = hidden_spans
        self.blocks = apparatus.assign(text, self.prose, blocks)
        self.lines = LineIndex(text)
        #: Spans of scraped page furniture, set by ``medlint.analysis.prepare``.
        self.non_prose: list[tuple[int, int]] = []

    @cached_property
    def markup(self) -> list[tuple[int, int]]:
        """Spans of markup no fix may edit: front matter, template tags, MDX syntax, configured
        ignores and, in HTML, every tag and every element that is not prose. (Markdown's own
        inline syntax, links and emphasis, is not listed: it goes with the words it marks up.)"""
        spans = list(self._hidden)
        if self.format == "html":
            flags = "".join("m" if p == " " and not t.isspace() else "." for p, t in zip(self.prose, self.text))
            spans += [m.span() for m in re.finditer("m+", flags)]
        return sorted(spans)

    def edit_touches_markup(self, start: int, end: int, whole_lines_ok: bool = False) -> bool:
        """True when replacing ``text[start:end]`` would change markup (``markup``). With
        ``whole_lines_ok``, deleting whole lines that hold it does not count (page furniture
        goes with its tags); otherwise it does (a duplicated paragraph keeps its shortcode)."""
        whole_lines = (
            whole_lines_ok
            and start < end
            and (start == 0 or self.text[start - 1] == "\n")
            and (end == len(self.text) or self.text[end - 1] == "\n" or self.text[end] in "\r\n")
        )
        for s, e in self.markup:
            if s >= max(end, start + 1):
                break
            overlaps = s < end and start < e if start < end else s < start < e
            if overlaps and not (whole_lines and start <= s and e <= end):
                return True
        return False

    @property
    def markdown(self) -> bool:
        """True for Markdown and MDX (Markdown block structure)."""
        return self.format in ("markdown", "mdx")

    def in_non_prose(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` lies wholly inside page furniture."""
        return any(s <= start and end <= e for s, e in self.non_prose)

    @cached_property
    def apparatus(self) -> list[tuple[int, int]]:
        """Spans of the blocks that are references, citations or captions (``apparatus.py``)."""
        return [(b.start, b.end) for b in self.blocks if b.role]

    def in_apparatus(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` lies inside a reference, citation or caption block."""
        return any(s <= start and end <= e for s, e in self.apparatus)

    def unscored(self) -> list[tuple[int, int]]:
        """What readability leaves out: page furniture and the apparatus."""
        return self.non_prose + self.apparatus

    @classmethod
    def from_bytes(cls, data: bytes, path: str, format: str | None = None, ignores: Ignores = NO_IGNORES) -> Document:
        text, bom = decode(data, path)
        return cls(text, path, format=format, bom=bom, ignores=ignores)

    # -- positions -------------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def span(self, start: int, end: int) -> Span:
        """The Span of ``text[start:end]``."""
        return Span.of(self.lines, start, end)

    # -- structure -------------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[_sent.Sentence]:
        out = []
        for b_index, block in enumerate(self.blocks):
            quotes = self.block_quotes(b_index)
            for s, e in _sent.split_sentences(self.prose, block.start, block.end):
                quoted = block.quoted or (bool(quotes) and _mostly_inside(s, e, quotes))  # most blocks quote nothing
                out.append(_sent.Sentence(s, e, b_index, quoted))
        return out

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Quoted-speech spans in the whole document (block quotes included)."""
        out = []
        for i, block in enumerate(self.blocks):
            if block.quoted:
                out.append((block.start, block.end))
            else:
                out.extend(self.block_quotes(i))
        return out

    def block_quotes(self, index: int) -> list[tuple[int, int]]:
        """Quoted-speech spans inside block ``index`` (not to be modified: they are shared)."""
        return self._block_quotes[index]

    @cached_property
    def _block_quotes(self) -> list[list[tuple[int, int]]]:
        """Each block's quoted-speech spans, found once for ``sentences`` and ``quotes`` alike."""
        prose = self.prose
        return [_sent.quote_spans(prose, b.start, b.end) for b in self.blocks]

    def is_quoted(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` lies inside quoted speech."""
        for q_start, q_end in self.quotes:
            if q_start <= start and end <= q_end:
                return True
            if q_start > start:
                break
        return False

    @cached_property
    def tokens(self) -> list[_sent.Token]:
        out = []
        for block in self.blocks:
            out.extend(_sent.tokens(self.prose, block.start, block.end))
        if self.format == "html" and "&" in self.text:
            # A character reference for a letter or an apostrophe (don&#8217;t, caf&eacute;) is
            # blanked, which splits its word; the pieces ("don", "t", "caf") are not words, so
            # they are not tokens either.
            ends, starts = set(), set()
            for m in _REFERENCE.finditer(self.text):
                char = html.unescape(m.group())
                if len(char) == 1 and (char.isalnum() or char in "'’‘"):
                    ends.add(m.start())
                    starts.add(m.end())
            out = [t for t in out if t.end not in ends and t.start not in starts]
        return out

    def sentence_text(self, sentence: _sent.Sentence) -> str:
        """The sentence's prose (markup blanked, so links read as their text)."""
        return self.prose[sentence.start : sentence.end]

    def block_text(self, block: Block) -> str:
        return self.prose[block.start : block.end]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_index(self, offset: int) -> int | None:
        """The index in ``blocks`` of the block containing ``offset``, if any: the one lookup of
        a block by offset (blocks are disjoint and in document order)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return i
        return None

    def blocks_between(self, start: int, end: int) -> list[Block]:
        """The blocks that overlap ``start:end``, in order (found by the same bisection)."""
        i = max(0, bisect.bisect_right(self._block_starts, start) - 1)
        j = bisect.bisect_left(self._block_starts, end)
        return [b for b in self.blocks[i:j] if b.end > start]

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset``, if any."""
        i = self.block_index(offset)
        return None if i is None else self.blocks[i]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int | None:
        """The index in ``sentences`` of the sentence containing ``offset``, if any: the one
        lookup of a sentence by offset (sentences are disjoint and in document order)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    def sentence_at(self, offset: int) -> _sent.Sentence | None:
        """The sentence containing ``offset``, if any."""
        i = self.sentence_index(offset)
        return None if i is None else self.sentences[i]

    def sentences_holding(self, offsets) -> set[int]:
        """The indices of the sentences that hold one of ``offsets``; None stands for "anywhere"
        (a prefilter that cannot narrow a search) and gives every sentence."""
        if offsets is None:
            return set(range(len(self.sentences)))
        return {i for at in offsets if (i := self.sentence_index(at)) is not None}

    @cached_property
    def word_count(self) -> int:
        return len(self.tokens)


def _mostly_inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    inside = sum(max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in spans)
    return inside * 2 > (end - start)
