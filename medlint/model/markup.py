"""Markup that CommonMark does not know, found before the Markdown parse so it never reads as prose.

- Templates (Jekyll's Liquid, Hugo's Go templates): tags ``{% … %}``, ``{{ … }}`` and shortcodes
  ``{{< … >}}``, ``{{% … %}}`` are hidden; the whole of a highlight, code, raw or comment block
  (``{% highlight %}…{% endhighlight %}``, ``{{< highlight go >}}…{{< /highlight >}}``) is code.
  Other paired shortcodes keep their inner text: it is the article's.
- MDX: ``import``/``export`` blocks, JSX tags (``<Tabs groupId="os">``, ``</Tabs>``, ``<Note />``)
  and ``{…}`` expressions, ``{/* comments */}`` included, are hidden; the text between JSX tags
  is Markdown and stays prose.
- Admonitions and callouts are prose, only their markers are hidden: GitHub/Obsidian
  ``> [!NOTE]`` (the block quote is then not a quotation: ``CALLOUT``), Docusaurus/Pandoc
  ``:::note Title`` … ``:::``, MkDocs ``!!! note "Title"`` whose body is indented four spaces
  (those lines are parsed without the indent, so the body is not read as indented code). A
  title is read as a heading of its own, not as the first words of the body.
- The user's ``ignore-patterns`` (inline, like Vale's TokenIgnores) and ``ignore-blocks`` (may
  span lines, like Vale's BlockIgnores), from the configuration.

Nothing inside fenced code is looked at (its text is code anyway). The result is a list of
spans to hide and, per line, how many leading characters the parser should not see.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
#: Liquid/Hugo blocks whose body is code (or a comment), hidden whole with their tags.
_CODE_BLOCKS = re.compile(
    r"\{%-?\s*(highlight|raw|comment|codeblock|code|endraw)\b.{0,2000}?-?%\}.*?\{%-?\s*end\1\s*-?%\}"
    r"|\{\{[<%]\s*(highlight|code|codeblock|raw|chroma)\b.{0,2000}?[>%]\}\}.*?\{\{[<%]\s*/\s*\2\s*[>%]\}\}",
    re.S,
)
_TAGS = re.compile(r"\{%.{0,2000}?%\}|\{\{.{0,2000}?\}\}", re.S)
_ESM = re.compile(r"^(?:import|export)\b(?=[ \t]*[\w{*'\"])")
#: A GitHub/Obsidian callout's first line: ``> [!NOTE]``, ``> [!tip]- Title``.
CALLOUT = re.compile(r"^[ \t]*(?:>[ \t]?)+[ \t]*(\[!\w[\w-]*\][+-]?)")
_DOCUSAURUS = re.compile(r"^[ \t]*(:{3,}[ \t]*(?:[A-Za-z][\w-]*)?)(?:[ \t]*(\[)([^\]\n]*)(\])|[ \t]*(\{[^}\n]*\}))?")
_MKDOCS = re.compile(r"^([ \t]*)((?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+(\")([^\"\n]*)(\"))?[ \t]*$")
_INDENT = 4
_MDX_SPECIAL = re.compile(r"[\n`{<]")


@dataclass(frozen=True)
class Ignores:
    """The configuration's ``ignore-patterns`` and ``ignore-blocks``, compiled."""

    patterns: tuple = ()
    blocks: tuple = ()

    @classmethod
    def compile(cls, patterns=(), blocks=()) -> Ignores:
        return cls(tuple(re.compile(p, re.M) for p in patterns), tuple(re.compile(p, re.M | re.S) for p in blocks))

    def spans(self, text: str, start: int = 0) -> list[tuple[int, int]]:
        return [m.span() for p in self.patterns + self.blocks for m in p.finditer(text, start) if m.end() > m.start()]


NO_IGNORES = Ignores()


@dataclass
class Hidden:
    """What the Markdown parse must not read: spans to blank, and per-line indents to drop."""

    spans: list = field(default_factory=list)
    dedent: dict = field(default_factory=dict)  # 0-based line number -> leading characters
    titles: set = field(default_factory=set)  # 0-based lines holding an admonition's title


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _fenced(lines: list[str], first: int) -> list[bool]:
    """For each line: inside a fenced code block (fence lines included)?"""
    out = [False] * len(lines)
    opener = None
    for i in range(first, len(lines)):
        m = _FENCE.match(lines[i])
        if opener is None:
            if m:
                opener = m.group(1)
                out[i] = True
        else:
            out[i] = True
            if m and m.group(1)[0] == opener[0] and len(m.group(1)) >= len(opener) and not lines[i][m.end():].strip():
                opener = None
    return out


def find(text: str, body_start: int, mdx: bool, ignores: Ignores = NO_IGNORES) -> Hidden:
    """Spans of ``text`` (from ``body_start``) that are markup, and the lines to dedent."""
    hidden = Hidden()
    spans = hidden.spans
    spans.extend(ignores.spans(text, body_start))
    templates = "{%" in text or "{{" in text
    specials = mdx or templates or ":::" in text or "!!!" in text or "???" in text or "[!" in text
    if not specials:
        return hidden
    starts = _line_starts(text)
    lines = text.split("\n")
    first = text.count("\n", 0, body_start)
    fenced = _fenced(lines, first)
    fenced_any = any(fenced)

    def outside_fences(pos: int) -> bool:
        return not fenced_any or not fenced[bisect.bisect_right(starts, pos) - 1]

    if templates:
        taken: list[tuple[int, int]] = []
        for pattern in (_CODE_BLOCKS, _TAGS):
            for m in pattern.finditer(text, body_start):
                if outside_fences(m.start()) and not any(s <= m.start() < e for s, e in taken):
                    taken.append(m.span())
        spans.extend(taken)
    _line_markup(text, lines, starts, first, fenced, mdx, hidden)
    if mdx:
        _mdx_inline(text, starts, fenced, body_start, spans)
    return hidden


def _line_markup(text: str, lines: list[str], starts: list[int], first: int, fenced: list[bool], mdx: bool, hidden: Hidden) -> None:
    """Line-level markup: MDX import/export blocks, admonition and callout markers."""
    spans = hidden.spans
    in_esm = False
    bodies: list[int] = []  # body indents of the open MkDocs admonitions
    for i in range(first, len(lines)):
        line = lines[i].rstrip("\r")
        s = starts[i]
        blank = not line.strip()
        if in_esm:
            if blank:
                in_esm = False
            else:
                spans.append((s, s + len(line)))
                continue
        if fenced[i]:
            if bodies:
                hidden.dedent[i] = min(bodies[-1], len(line) - len(line.lstrip(" ")))
            continue
        if blank:
            continue
        indent = len(line) - len(line.lstrip(" "))
        while bodies and indent < bodies[-1]:
            bodies.pop()
        if bodies:
            hidden.dedent[i] = bodies[-1]
        if mdx and _ESM.match(line):
            spans.append((s, s + len(line)))
            in_esm = True
            continue
        m = _MKDOCS.match(line)
        if m:
            spans.append((s + m.start(2), s + m.end(2)))
            if m.group(3):
                spans.extend(((s + m.start(3), s + m.end(3)), (s + m.start(5), s + m.end(5))))
                hidden.titles.add(i)
            bodies.append(len(m.group(1)) + _INDENT)
            continue
        m = _DOCUSAURUS.match(line)
        if m:
            for g in (1, 2, 4, 5):
                if m.group(g):
                    spans.append((s + m.start(g), s + m.end(g)))
            if line[m.end(1):].strip(" \t[]") and not m.group(5):
                hidden.titles.add(i)
            continue
        m = CALLOUT.match(line)
        if m:
            spans.append((s + m.start(1), s + m.end(1)))


def _mdx_inline(text: str, starts: list[int], fenced: list[bool], body_start: int, spans: list) -> None:
    """JSX tags, ``{…}`` expressions and HTML comments, outside code spans and fences."""
    n = len(text)
    i = body_start
    line = text.count("\n", 0, i)
    while i < n:
        m = _MDX_SPECIAL.search(text, i)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if fenced[line]:
            nxt = text.find("\n", i)
            i = n if nxt < 0 else nxt
            continue
        if c == "`":
            run = _run(text, i, "`")
            close = _closing_run(text, i + run, run)
            end = close if close > 0 else i + run
            line += text.count("\n", i, end)
            i = end
            continue
        if c == "{":
            end = _balanced(text, i)
            spans.append((i, end))
            line += text.count("\n", i, end)
            i = end
            continue
        if c == "<":
            if text.startswith("<!--", i):
                close = text.find("-->", i + 4)
                end = n if close < 0 else close + 3
            elif i + 1 < n and (text[i + 1].isalpha() or text[i + 1] in "/>"):
                end = _tag_end(text, i)
            else:
                i += 1
                continue
            spans.append((i, end))
            line += text.count("\n", i, end)
            i = end
            continue
        i += 1


def _run(text: str, i: int, char: str) -> int:
    j = i
    while j < len(text) and text[j] == char:
        j += 1
    return j - i


def _closing_run(text: str, i: int, length: int) -> int:
    """The end of the next run of exactly ``length`` backticks before a blank line, or -1."""
    limit = text.find("\n\n", i)
    limit = len(text) if limit < 0 else limit
    while True:
        j = text.find("`" * length, i, limit)
        if j < 0:
            return -1
        run = _run(text, j, "`")
        if run == length:
            return j + run
        i = j + run


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal starting at ``text[i]`` (a quote or a backtick)."""
    quote = text[i]
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == quote or (quote != "`" and text[j] == "\n"):
            return j + 1
        j += 1
    return len(text)


def _balanced(text: str, i: int) -> int:
    """The index after the ``}`` that closes the ``{`` at ``i`` (strings and comments skipped);
    an unclosed expression runs to the end of its line."""
    depth = 0
    j = i
    n = len(text)
    while j < n:
        c = text[j]
        if c in "\"'`":
            j = _skip_string(text, j)
            continue
        if text.startswith("/*", j):
            close = text.find("*/", j + 2)
            j = n if close < 0 else close + 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    end = text.find("\n", i)
    return n if end < 0 else end


def _tag_end(text: str, i: int) -> int:
    """The index after the ``>`` that ends the JSX tag at ``i`` (quoted and braced values skipped)."""
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if c in "\"'":
            j = _skip_string(text, j)
            continue
        if c == "{":
            j = _balanced(text, j)
            continue
        if c == ">":
            return j + 1
        j += 1
    end = text.find("\n", i)
    return n if end < 0 else end
