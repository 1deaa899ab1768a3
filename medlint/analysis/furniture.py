"""Page furniture: lines copied along with an article that are not the article.

Share and comment widgets, bylines with reading time, image file names, layout labels,
related-post lists, newsletter and cookie prompts, advertisement labels, navigation menus and
press-release contact blocks. Furniture is a property of *lines*, not words: "Share" is
furniture alone on its line and an ordinary verb inside a sentence. So every pattern in
``rules/boilerplate.yaml`` must match a whole line of prose (or a whole multi-line paragraph),
and three structural detectors cover what a phrase list cannot: related-post lists (title /
date / teaser triples), navigation menus, and press-release contact blocks.

This is a shared analysis: the BPL check reports what ``detect`` finds, and the runner marks
``spans`` as non-prose for every other check (readability leaves them out; findings inside them
are dropped). Computed once per document.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of
from medlint.model.errors import PackError

_WORD = re.compile(r"[^\W_]+")
_URL_LINE = re.compile(r"\s*<?(?:https?://|www\.)\S+>?\s*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MENU_SEPARATORS = re.compile(r"[|•·/»›>–—]+")
_BLANK = re.compile(r"[ \t>]*")


@dataclass(frozen=True)
class Furniture:
    """Lines ``first``..``last`` (1-based) of a document judged to be furniture of one kind."""

    code: str
    first: int
    last: int
    safe: bool


@dataclass(frozen=True)
class Line:
    number: int
    start: int
    end: int
    prose: str  # white space collapsed, trimmed
    blank: bool  # nothing but white space (or block-quote marks) in the raw text


class _Matcher:
    """Whole-line patterns of one group, compiled into at most three alternations. An entry is
    a pattern, or a mapping with its ``pattern`` and ``case`` or ``where`` (the file's format
    in ``knowledge/formats.py`` says so)."""

    def __init__(self, group, key: str, where: str):
        entries = group.get(key, ())
        line = line_of(group, key)
        anywhere, sensitive, last = [], [], []
        for entry in entries:
            if isinstance(entry, str):
                anywhere.append(entry)
                continue
            if entry.get("where", "anywhere") == "last":
                last.append(entry["pattern"])
            elif entry.get("case") == "sensitive":
                sensitive.append(entry["pattern"])
            else:
                anywhere.append(entry["pattern"])
        self.anywhere = _compile(anywhere, re.IGNORECASE, where, line)
        self.sensitive = _compile(sensitive, 0, where, line)
        self.last = _compile(last, re.IGNORECASE, where, line)

    def match(self, text: str, is_last: bool = False) -> bool:
        return bool(
            (self.anywhere and self.anywhere.fullmatch(text))
            or (self.sensitive and self.sensitive.fullmatch(text))
            or (is_last and self.last and self.last.fullmatch(text))
        )


def _compile(patterns: list[str], flags: int, where: str, line: int | None) -> re.Pattern | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:
        raise PackError("rules/boilerplate.yaml", f"{where}: bad pattern: {exc}", line) from None


class _Data:
    """``rules/boilerplate.yaml`` (checked against its format when read), compiled once."""

    def __init__(self, raw: dict):
        self.lines: list[tuple[str, _Matcher]] = []
        for name, group in raw.items():
            if name == "source":
                continue
            self.lines.append((group["code"], _Matcher(group, "lines", name)))
        nav = raw["navigation-menu"]
        self.menu_terms = frozenset(t.lower() for t in nav["terms"])
        self.menu_code = nav["code"]
        press = raw["press-release-contact"]
        self.press_code = press["code"]
        self.press_headers = _Matcher(press, "headers", "press-release-contact headers")
        self.press_more = _Matcher(press, "continuation", "press-release-contact continuation")
        related = raw["related-posts"]
        self.related_code = related["code"]
        self.min_triples = related["min_triples"]
        self.dates = _Matcher(related, "dates", "related-posts dates")


_DATA: _Data | None = None


def _data() -> _Data:
    global _DATA
    if _DATA is None:
        _DATA = _Data(load_data("boilerplate.yaml"))
    return _DATA


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def detect(doc) -> tuple[Furniture, ...]:
    """Every piece of furniture in ``doc``, in line order (computed once per document)."""
    if doc not in _CACHE:
        _CACHE[doc] = tuple(_Detector(doc, _data()).run())
    return _CACHE[doc]


def spans(doc) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the lines judged to be page furniture."""
    spans = []
    for f in detect(doc):
        start, _ = doc.lines.line_span(f.first)
        _, end = doc.lines.line_span(f.last)
        spans.append((start, end))
    return spans


class _Detector:
    """One pass over one document's lines."""

    def __init__(self, doc, data: _Data):
        self.doc = doc
        self.data = data
        self.lines = lines_of(doc)
        self.taken: set[int] = set()
        last = [ln.number for ln in self.lines if ln.prose]
        self.last_line = last[-1] if last else 0

    def run(self) -> list[Furniture]:
        found = self._related_posts() + self._press_blocks() + self._menus()
        for f in found:
            self.taken.update(range(f.first, f.last + 1))
        found += self._patterns()
        return sorted(found, key=lambda f: f.first)

    # -- structural ------------------------------------------------------------------------
    def _content(self) -> list[Line]:
        """Non-blank lines, in order."""
        return [ln for ln in self.lines if not ln.blank]

    def _related_posts(self) -> list[Furniture]:
        content = self._content()
        out = []
        i = 0
        while i < len(content):
            k = i
            while k + 2 < len(content) and self._triple(content[k], content[k + 1], content[k + 2]):
                k += 3
            if (k - i) // 3 >= self.data.min_triples:
                out.append(Furniture(self.data.related_code, content[i].number, content[k - 1].number, False))
                i = k
            else:
                i += 1
        return out

    def _triple(self, title: Line, date: Line, teaser: Line) -> bool:
        title_words = len(_WORD.findall(title.prose))
        return (
            1 <= title_words <= 15
            and not re.search(r"[.!:;,]$", title.prose)
            and not self.data.dates.match(title.prose)
            and self.data.dates.match(date.prose)
            and len(_WORD.findall(teaser.prose)) >= 5
        )

    def _press_blocks(self) -> list[Furniture]:
        content = self._content()
        out = []
        i = 0
        while i < len(content):
            if not (content[i].prose and self.data.press_headers.match(content[i].prose)):
                i += 1
                continue
            k = i + 1
            while k < len(content) and self._contact_line(content[k]):
                k += 1
            out.append(Furniture(self.data.press_code, content[i].number, content[k - 1].number, True))
            i = k
        return out

    def _contact_line(self, line: Line) -> bool:
        if not line.prose:
            return bool(_URL_LINE.fullmatch(self.doc.text[line.start : line.end]))
        return self.data.press_more.match(line.prose)

    def _menus(self) -> list[Furniture]:
        out = []
        for ln in self.lines:
            if ln.prose and self._menu_entries(ln.prose) >= 4:
                out.append(Furniture(self.data.menu_code, ln.number, ln.number, True))
        taken = {f.first for f in out}
        headings = {b.line: b.level for b in self.doc.blocks if b.kind == "heading"}
        run: list[Line] = []
        for ln in self.lines + [Line(0, 0, 0, "", False)]:
            if ln.blank:
                continue
            if ln.prose and ln.number not in taken and headings.get(ln.number) != 1 and self._short(ln.prose):
                run.append(ln)
                continue
            while run and run[-1].number in headings:
                run.pop()  # a heading after a menu starts the article
            entries = sum(1 for r in run if self._menu_entries(r.prose) == 1)
            if len(run) >= 6 and entries >= 3:
                out.append(Furniture(self.data.menu_code, run[0].number, run[-1].number, False))
            run = []
        return out

    @staticmethod
    def _short(prose: str) -> bool:
        return 1 <= len(_WORD.findall(prose)) <= 5 and not re.search(r"[.!?:;,]$", prose)

    def _menu_entries(self, prose: str) -> int:
        """How many menu entries ``prose`` is made of (0 when anything else is in it)."""
        words = _MENU_SEPARATORS.sub(" ", _CAMEL.sub(" ", prose)).lower().split()
        count = i = 0
        while i < len(words):
            for size in (3, 2, 1):
                if " ".join(words[i : i + size]) in self.data.menu_terms:
                    i += size
                    count += 1
                    break
            else:
                return 0
        return count

    # -- patterns --------------------------------------------------------------------------
    def _code_of(self, text: str, is_last: bool) -> str | None:
        for code, matcher in self.data.lines:
            if matcher.match(text, is_last):
                return code
        return None

    def _patterns(self) -> list[Furniture]:
        hits: dict[int, str] = {}
        by_number = {ln.number: ln for ln in self.lines}
        for block in self.doc.blocks:
            first = self.doc.position(block.start)[0]
            last = self.doc.position(block.end)[0]
            numbers = [n for n in range(first, last + 1) if n not in self.taken]
            if len(numbers) != last - first + 1:
                continue
            if last > first:
                joined = " ".join(by_number[n].prose for n in numbers if by_number[n].prose)
                code = self._code_of(joined, last == self.last_line)
                if code:
                    hits.update((n, code) for n in numbers)
                    continue
            for n in numbers:
                if n not in hits and by_number[n].prose:
                    code = self._code_of(by_number[n].prose, n == self.last_line)
                    if code:
                        hits[n] = code
        out: list[Furniture] = []
        for n in sorted(hits):
            prev = out[-1] if out else None
            if prev and prev.code == hits[n] and prev.last == n - 1:
                out[-1] = Furniture(prev.code, prev.first, n, True)
            else:
                out.append(Furniture(hits[n], n, n, True))
        return out


def lines_of(doc) -> list[Line]:
    out = []
    for number in range(1, len(doc.lines.starts) + 1):
        start, end = doc.lines.line_span(number)
        raw = doc.text[start:end].rstrip("\r")
        prose = " ".join(doc.prose[start:end].split())
        out.append(Line(number, start, end, prose, bool(_BLANK.fullmatch(raw))))
    return out


