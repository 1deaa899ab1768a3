"""BPL: page furniture copied along with an article (share and comment widgets, bylines with
reading time, image file names, layout labels, related-post lists, newsletter and cookie
prompts, advertisement labels, navigation menus, press-release contact blocks).

Furniture is a property of *lines*, not words: "Share" is furniture alone on its line and an
ordinary verb inside a sentence. So every pattern in ``rules/boilerplate.yaml`` must match a
whole line of prose (or a whole multi-line paragraph), and three structural detectors cover what
a phrase list cannot:

- a related-posts list: three or more title / date / teaser triples in a row (BPL006);
- a navigation menu: one line made only of menu entries ("Home About Us Blog Contact"), or a run
  of at least six short lines of which at least three are menu entries (BPL010);
- a press-release contact block: a "Media Contact:" header and the names, phone numbers,
  e-mail addresses and "SOURCE …" lines under it (BPL011).

Precision comes first: headings, short list items, captions and author bios of real articles
are left alone because they do not match a pattern as a whole line.

Fix: the line or block is removed together with the blank lines that separated it, so no stray
blank line is left. Safe when patterns matched every removed line; unsafe for the structural
guesses (related posts, a run of menu lines), which a human should confirm.

``furniture_spans(doc)`` gives the spans judged to be furniture, for other families (readability
statistics) to leave out.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from ..errors import PackError
from ..registry import Check, make_fix, register, rule_doc
from ..resources import load_data

_ORIGIN = "medlint/checks/boilerplate.py"
_WHY = (
    "Page furniture is not article: readers meet dead widgets and labels that do nothing, "
    "search engines see thin or duplicated text, and readability and word counts are skewed. "
    "It is a sure sign that the article was pasted from a web page without cleaning."
)
_SOURCE = "rules/boilerplate.yaml (UI strings of common publishing platforms; see each group's source note)"
_SAFE_FIX = "Safe: removes the line (and the blank lines around it), since the whole line matched."


def _rule(code, name, summary, what, example, fix=_SAFE_FIX):
    return rule_doc(code, name, summary, what=what, why=_WHY, example=example, fix=fix, source=_SOURCE, fixable=True, origin=_ORIGIN)


RULES = (
    _rule(
        "BPL001",
        "share-widget",
        "A social-sharing widget label (“Share by:”, “Share this”, a row of network names).",
        "Flags lines made only of share-button text: 'Share', 'Share this article', 'Share by:', "
        "'Share on Facebook', a run of network names, 'Tweet', '12 shares'.",
        "Bad: a line “Share by:” after the last paragraph.\nGood: the article ends with its last paragraph.",
    ),
    _rule(
        "BPL002",
        "comment-furniture",
        "Comment, vote or answer-form furniture (“+13 votes”, “Your answer”, “thumb_up … Comment”).",
        "Flags lines of comment and Q&A widgets: vote counts, '(5.4k points)' user meta, 'edited "
        "by', answer and comment form labels, 'Leave a reply', a lone 'Comments', icon names "
        "such as thumb_up left as text, and a forum's 'Welcome to … where you can ask questions'.",
        "Bad: “+13 votes” and “Your name to display (optional):” above the answer.\nGood: only the answer text.",
    ),
    _rule(
        "BPL003",
        "reading-time-byline",
        "A post-meta line with a reading time or age (“3 months ago · 4 min. reading time”).",
        "Flags lines that carry a reading time ('4 min read', 'Reading time: 4 minutes'), a "
        "relative age followed by more post meta ('3 months ago · …') or a view counter, with "
        "nothing else of substance. A heading such as '10 years ago' is left alone.",
        "Bad: “3 months ago · 4 min. reading time · visibility ~10 ·” under the title.\nGood: no such line.",
    ),
    _rule(
        "BPL004",
        "image-file-name",
        "A bare image file name left where an image was (“IMG_0042.jpg”).",
        "Flags a line that is only an image file name (png, jpg, gif, webp, svg…). Markdown "
        "images `![alt](file.png)` are markup, not prose, and are not flagged.",
        "Bad: a line “brain-scan.png” between two paragraphs.\nGood: the image itself, or nothing.",
    ),
    _rule(
        "BPL005",
        "page-layout-label",
        "A theme or template label (“Blog Layout”, “More Posts”, “Read more”, “Skip to content”).",
        "Flags lines that are labels of the page around the article: 'Blog Layout', 'More "
        "Posts', 'Related posts', 'Previous post', 'Read more', 'Continue reading', 'Skip to "
        "content', 'Back to top', 'Enlarge this image', an 'All rights reserved' footer, a lone "
        "'…' as the last line.",
        "Bad: “Blog Layout” as the first line.\nGood: the article starts with its title.",
    ),
    _rule(
        "BPL006",
        "related-posts-list",
        "A list of related posts: title, date and teaser, repeated.",
        "Flags three or more title / date / teaser triples in a row (a title line without "
        "sentence punctuation, a date line, a teaser sentence), the shape of a theme's related "
        "or recent posts list.",
        "Bad: after the conclusion, “sleep and mood / March 3, 2024 / Learn how sleep …” and "
        "two more such entries.\nGood: the article ends with its conclusion.",
        fix="Unsafe: removes the whole list; the shape is a heuristic, so confirm it is not a timeline of the article.",
    ),
    _rule(
        "BPL007",
        "newsletter-prompt",
        "A newsletter sign-up box or its form messages (“Sign up for our newsletter”).",
        "Flags newsletter prompts and the messages of their forms: 'Subscribe to our newsletter', "
        "'… to your inbox', 'Thank you for subscribing!', 'Email field is required', "
        "'Enter your email'.",
        "Bad: “Thank you for subscribing!” between two paragraphs.\nGood: no such line.",
    ),
    _rule(
        "BPL008",
        "cookie-notice",
        "A cookie-consent banner (“We use cookies …”, “Accept all cookies”).",
        "Flags cookie banners and their buttons: 'We use cookies to …', 'By continuing to use "
        "this site, you agree …', 'Accept all cookies', 'Cookie settings'.",
        "Bad: “We use cookies to improve your experience.” after the title.\nGood: no such line.",
    ),
    _rule(
        "BPL009",
        "advertisement-label",
        "An ad-slot label (“Advertisement”, “Story continues below advertisement”).",
        "Flags lines that only label an advertisement slot: 'Advertisement', 'Sponsored', "
        "'Story continues below advertisement'.",
        "Bad: “Advertisement” between two paragraphs.\nGood: the two paragraphs.",
    ),
    _rule(
        "BPL010",
        "navigation-menu",
        "A site navigation menu copied as text.",
        "Flags a line made only of menu entries, at least four ('Home About Us Blog Contact', "
        "also run together: 'HomeAboutBlogContact'), and a run of at least six short lines "
        "(blank lines allowed) of which at least three are menu entries.",
        "Bad: “Home | About | Services | Blog | Contact” above the title.\nGood: the title.",
        fix="Safe for a one-line menu (every word is a menu entry). Unsafe for a run of menu "
        "lines: the run may hold a short list that belongs to the article.",
    ),
    _rule(
        "BPL011",
        "press-release-contact",
        "A press-release contact block or wire-service footer (“Media Contact:”, “SOURCE …”).",
        "Flags a 'Media Contact:' / 'Investor Contacts:' / 'Contact Details' header with the "
        "names, phone numbers and e-mail addresses under it, and wire-service lines such as "
        "'SOURCE Company', 'View original content', 'Related Links'.",
        "Bad: “Media Contact: Jane Roe, (555) 010-0000” and “SOURCE Example Clinic” at the end.\n"
        "Good: an article that ends with its content (contact details belong in the page template).",
    ),
)
_LABELS = {
    "BPL001": "share widget",
    "BPL002": "comment or vote widget",
    "BPL003": "post-meta byline",
    "BPL004": "bare image file name",
    "BPL005": "page-layout label",
    "BPL006": "related-posts list",
    "BPL007": "newsletter prompt",
    "BPL008": "cookie notice",
    "BPL009": "advertisement label",
    "BPL010": "navigation menu",
    "BPL011": "press-release furniture",
}

_GROUP_KEYS = {"code", "source", "lines", "terms", "headers", "continuation", "min_triples", "dates"}
_ENTRY_KEYS = {"pattern", "case", "where"}
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
class _Line:
    number: int
    start: int
    end: int
    prose: str  # white space collapsed, trimmed
    blank: bool  # nothing but white space (or block-quote marks) in the raw text


class _Matcher:
    """Whole-line patterns of one group, compiled into at most three alternations."""

    def __init__(self, entries, where: str):
        anywhere, sensitive, last = [], [], []
        for entry in entries or ():
            if isinstance(entry, str):
                anywhere.append(entry)
                continue
            if not isinstance(entry, dict) or "pattern" not in entry or set(entry) - _ENTRY_KEYS:
                raise PackError("rules/boilerplate.yaml", f"{where}: an entry is a pattern or a mapping with {sorted(_ENTRY_KEYS)}")
            if entry.get("where", "anywhere") == "last":
                last.append(entry["pattern"])
            elif entry.get("case") == "sensitive":
                sensitive.append(entry["pattern"])
            else:
                anywhere.append(entry["pattern"])
        self.anywhere = _compile(anywhere, re.IGNORECASE, where)
        self.sensitive = _compile(sensitive, 0, where)
        self.last = _compile(last, re.IGNORECASE, where)

    def match(self, text: str, is_last: bool = False) -> bool:
        return bool(
            (self.anywhere and self.anywhere.fullmatch(text))
            or (self.sensitive and self.sensitive.fullmatch(text))
            or (is_last and self.last and self.last.fullmatch(text))
        )


def _compile(patterns: list[str], flags: int, where: str) -> re.Pattern | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:
        raise PackError("rules/boilerplate.yaml", f"{where}: bad pattern: {exc}") from None


class _Data:
    """``rules/boilerplate.yaml``, validated and compiled once."""

    def __init__(self, raw: dict):
        self.lines: list[tuple[str, _Matcher]] = []
        for name, group in raw.items():
            if name == "source":
                continue
            if not isinstance(group, dict) or "code" not in group or set(group) - _GROUP_KEYS:
                raise PackError("rules/boilerplate.yaml", f"group '{name}' needs a code and only the keys {sorted(_GROUP_KEYS)}")
            self.lines.append((group["code"], _Matcher(group.get("lines"), name)))
        nav = raw["navigation-menu"]
        self.menu_terms = frozenset(t.lower() for t in nav["terms"])
        self.menu_code = nav["code"]
        press = raw["press-release-contact"]
        self.press_code = press["code"]
        self.press_headers = _Matcher(press["headers"], "press-release-contact headers")
        self.press_more = _Matcher(press["continuation"], "press-release-contact continuation")
        related = raw["related-posts"]
        self.related_code = related["code"]
        self.min_triples = int(related["min_triples"])
        self.dates = _Matcher(related["dates"], "related-posts dates")


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


def furniture_spans(doc) -> list[tuple[int, int]]:
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
        self.lines = _lines(doc)
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
    def _content(self) -> list[_Line]:
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

    def _triple(self, title: _Line, date: _Line, teaser: _Line) -> bool:
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

    def _contact_line(self, line: _Line) -> bool:
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
        run: list[_Line] = []
        for ln in self.lines + [_Line(0, 0, 0, "", False)]:
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


def _lines(doc) -> list[_Line]:
    out = []
    for number in range(1, len(doc.lines.starts) + 1):
        start, end = doc.lines.line_span(number)
        raw = doc.text[start:end].rstrip("\r")
        prose = " ".join(doc.prose[start:end].split())
        out.append(_Line(number, start, end, prose, bool(_BLANK.fullmatch(raw))))
    return out


def _deletion(doc, lines: list[_Line], first: int, last: int) -> tuple[int, int]:
    """What to delete to remove lines ``first``..``last`` without leaving stray blank lines."""
    start = lines[first - 1].start
    end = lines[last - 1].end
    following = next((ln for ln in lines[last:] if not ln.blank), None)
    if following is None:
        before = next((ln for ln in reversed(lines[: first - 1]) if not ln.blank), None)
        return (before.end if before else start), end
    if first == 1 or lines[first - 2].blank:
        return start, following.start
    return start, lines[last].start


@register
class Boilerplate(Check):
    """Scraped page furniture (BPL001–BPL011)."""

    name = "boilerplate"
    rules = RULES
    sees_non_prose = True

    def non_prose(self, doc):
        return furniture_spans(doc)

    def check(self, doc, ctx):
        found = detect(doc)
        if not found:
            return
        lines = _lines(doc)
        for f in found:
            start = lines[f.first - 1].start
            end = lines[f.last - 1].end
            text = " ".join(ln.prose for ln in lines[f.first - 1 : f.last] if ln.prose)
            snippet = text if len(text) <= 60 else text[:57] + "…"
            label = _LABELS[f.code]
            extent = "this line" if f.first == f.last else f"these {f.last - f.first + 1} lines"
            message = f"{label} “{snippet}” is page furniture, not article text; remove {extent}"
            a, b = _deletion(doc, lines, f.first, f.last)
            fix = make_fix(f"Remove the {label}", [(a, b, "")], safe=f.safe)
            yield ctx.report(f.code, start + _indent(doc.text[start:end]), end, message, fix=fix)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
