"""Where a span of an article stands: in running prose, or somewhere a safe fix must not go.

The fix-safety policy (docs/fix-safety.md) lets ``--fix`` change words unread only in running
prose. This analysis names the other places, once per document:

- code, URLs and markup (blanked in ``Document.prose``);
- headings and table cells (block kinds);
- quotations: quoted speech and Markdown block quotes (``Document.is_quoted``), the writer's
  evidence or a source's own words;
- reference-list entries: a block that reads as a citation (authors with initials, "et al",
  volume(issue):pages, a DOI or PubMed id, "Epub", a year followed by a title), or any block
  under a heading such as "References" or "Sources", until the next heading of that level;
- titles of cited works: an emphasised run (``*…*``, ``_…_``) of two or more words, most of
  them capitalised ("*The Body Keeps the Score*"), or any emphasised run in a reference entry.

``place(doc, start, end)`` returns what the span touches ("a heading", "a quotation", …) or
None for prose. Names are not found here: whether a capitalised word is a name is the spelling
check's judgement (a lexicon near miss there is still a typo).

``enforce(doc, diagnostic)`` applies the policy to any finding: a safe fix with an edit outside
prose becomes unsafe, and its title says where the edit is. A fix that rewords (any rule but
those restoring a mistyped word) is dropped, safe or not, when it would change the words of a
quotation, a reference entry, the title of a work or a name: a capitalised run ("Adverse Effects
of Antidepressants in Older Adults", "Find Your Local NAMI") with capitalised words on either
side of the edit. The finding stands; only the writer can know whether a cited title or a
programme's name may change. The runner calls it for every finding of every check, so no rule
can apply a fix there by oversight. A deletion of whole
blocks (a repeated paragraph, scraped furniture) takes their headings and markup with them and
is judged by what it deletes: not a quotation, a table or a reference entry.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, replace

from medlint.model.diagnostics import Applicability, Diagnostic
from medlint.model.document import Document

#: Headings that open a reference list.
_REFERENCE_HEADING = re.compile(
    r"^\W*(?:references?|sources?|bibliography|citations?|works cited|literature cited|notes|footnotes|"
    r"further reading|reading list|selected references|key references)\W*$",
    re.IGNORECASE,
)
#: Each pattern below that begins at a word boundary starts with its first letter or digit and
#: then looks behind it for a word character ("et(?<!\wet)" is "\bet"): a pattern that begins
#: with a literal or a class lets the engine skip to the places where it can begin, while one
#: that begins with "\b" is tried at every place of every block.
#: Strong signs of a citation: one is enough in a short block.
_STRONG = (
    re.compile(r"d(?<!\wd)oi(?:\s*:|\.org/)|P(?<!\wP)MC?ID\b|E(?<!\wE)pub\b|I(?<!\wI)SBN\b|a(?<!\wa)rXiv\b"),
    re.compile(r"\d(?<!\w\d)\d{0,3}\s*\(\s*\d{1,4}(?:[-–]\d{1,4})?\s*\)\s*:\s*[A-Za-z]?\d+"),  # 11(2):165
    re.compile(r"(?:19|20)(?<!\w\d\d)\d\d\s*(?:[A-Z][a-z]{2}\s*)?;\s*\d{1,4}\s*[(:]"),  # 2015;11:  2020 Apr;93(
)
#: Weaker signs: two of them make a citation.
_WEAK = (
    re.compile(r"[A-Z](?<!\w[A-Z])[a-zA-Z'’-]+,? [A-Z]{1,3}[,.]"),  # Kessler RC,
    re.compile(r"et(?<!\wet)\.? al\b"),
    re.compile(r"\((?:19|20)\d\d[a-z]?\)\."),  # (2013).
    re.compile(r"(?:19|20)(?<!\w\d\d)\d\d[a-z]?\.\s+[A-Z]"),  # 2013. Title
    re.compile(r"R(?<!\wR)etrieved\b|A(?<!\wA)ccessed\b|A(?<!\wA)vailable\b"),
    re.compile(r"p(?<!\wp)p?\.\s*\d"),
    re.compile(r"(?:J(?<!\wJ)(?:|ournal)|P(?<!\wP)roc|R(?<!\wR)ev|A(?<!\wA)(?:nn|rch|m)|B(?<!\wB)r|E(?<!\wE)ur|I(?<!\wI)nt)\b\.? [A-Z]"),
)
#: An emphasised run in the raw text (one or two * or _ on each side).
_EMPHASIS = re.compile(r"(?<![\w*_])([*_]{1,2})(?=[^\s*_])([^*_\n]{2,200}?)(?<=[^\s*_])\1(?![\w*_])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs via".split())
MAX_CITATION_CHARS = 600


@dataclass
class _Places:
    references: list[tuple[int, int]]
    titles: list[tuple[int, int]]


_CACHE: weakref.WeakKeyDictionary[Document, _Places] = weakref.WeakKeyDictionary()


def place(doc: Document, start: int, end: int) -> str | None:
    """What ``text[start:end]`` touches that is not running prose, or None for prose."""
    if doc.text[start:end] != doc.prose[start:end]:
        return "code, a URL or markup"
    for block in doc.blocks_between(start, end):
        if block.kind == "heading":
            return "a heading"
        if block.kind == "table_cell":
            return "a table"
        if block.quoted:
            return "a quotation"
    if doc.is_quoted(start, end):
        return "a quotation"
    found = _analyse(doc)
    if _overlaps(found.references, start, end):
        return "a reference list"
    if _overlaps(found.titles, start, end):
        return "the title of a cited work"
    return None


def enforce(doc: Document, diagnostic: Diagnostic, furniture: bool = False, rewords: bool = False) -> Diagnostic:
    """``diagnostic`` under the fix-safety policy (docs/fix-safety.md), the one guard every
    finding passes: a fix that would edit markup (a tag, a template tag, front matter) is
    dropped — the finding stands, a person makes the change (``furniture``: a finding about
    page furniture may delete whole lines of markup); so is a fix of a rewording check
    (``rewords``) that would change a quotation, a reference, a title or a name; a safe fix
    whose edit leaves running prose is made unsafe."""
    fix = diagnostic.fix
    if fix is None:
        return diagnostic
    if any(doc.edit_touches_markup(e.start, e.end, whole_lines_ok=furniture) for e in fix.edits):
        return replace(diagnostic, fix=None)
    if rewords and any(e.replacement and _not_the_writers_words(doc, e.start, e.end) for e in fix.edits):
        return replace(diagnostic, fix=None)
    if fix.applicability != Applicability.SAFE:
        return diagnostic
    for edit in fix.edits:
        if edit.replacement or edit.start == edit.end:
            start, end = (edit.start, edit.end) if edit.end > edit.start else (diagnostic.start, diagnostic.end)
            where = place(doc, start, end)
        else:
            where = _deleted_place(doc, edit.start, edit.end)
        if where is not None:
            title = f"{fix.title} (not applied by --fix: the text is in {where})"
            return replace(diagnostic, fix=replace(fix, applicability=Applicability.UNSAFE, title=title))
    return diagnostic


def _not_the_writers_words(doc: Document, start: int, end: int) -> bool:
    """True when the words at ``start:end`` are a quotation, a reference entry, the title of a
    cited work or part of a capitalised name or title, none of which a rewording may change."""
    if end == start:  # an insertion: judge the word it follows
        start = max(0, start - 1)
    where = place(doc, start, max(end, start + 1))
    if where in ("a quotation", "a reference list", "the title of a cited work"):
        return True
    # A heading is the writer's own, title case and all; so is a line in capitals.
    return where != "a heading" and in_capitalised_run(doc.prose, start, end)


def in_capitalised_run(prose: str, start: int, end: int) -> bool:
    """True when the capitalised words at ``start:end`` lie inside a run of capitalised words
    (small words such as "of" and "and", commas between them; not colons, after which a
    sentence may start) with at least two
    capitalised words of the run outside the span: a name or a title ("Maternal, Fetal, and Child Outcomes of …"), not a
    sentence that merely starts with a capital. The run is read within the span's line."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", end)
    line_end = len(prose) if line_end < 0 else line_end
    words = [m for m in _WORD.finditer(prose, line_start, line_end)]
    inside = [i for i, m in enumerate(words) if m.start() < end and start < m.end()]
    if not inside:
        return False
    if not all(_in_run(words[i].group()) for i in inside) or not words[inside[0]].group()[0].isupper():
        return False  # a lower-case word is not part of a name
    if all(m.group().isupper() or m.group().lower() in _SMALL_WORDS for m in words):
        return False  # a line in capitals is emphasis, not a name
    lo, hi = inside[0], inside[-1]
    outside = 0
    i = lo - 1
    while i >= 0 and _joins(prose, words[i], words[i + 1]) and _in_run(words[i].group()):
        outside += words[i].group()[0].isupper()
        i -= 1
    i = hi + 1
    while i < len(words) and _joins(prose, words[i - 1], words[i]) and _in_run(words[i].group()):
        outside += words[i].group()[0].isupper()
        i += 1
    return outside >= 2


def _in_run(word: str) -> bool:
    return word[0].isupper() or word.lower() in _SMALL_WORDS


def _joins(prose: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether only a space, a comma, a hyphen, a slash or an ampersand separate two words of
    one capitalised run."""
    gap = prose[left.end() : right.start()]
    return len(gap) <= 3 and all(c in " ,-/&" for c in gap)


def _deleted_place(doc: Document, start: int, end: int) -> str | None:
    """What a deletion removes that a safe fix must not: part of a heading, a quotation, a
    table or a reference entry (whole headings, markup and white space may go)."""
    for block in doc.blocks_between(start, end):
        whole = start <= block.start and block.end <= end
        if block.kind == "heading" and not whole:
            return "a heading"
        if block.kind == "table_cell":
            return "a table"
        lo, hi = max(start, block.start), min(end, block.end)
        if block.quoted or doc.is_quoted(lo, hi):
            return "a quotation"
        if in_reference(doc, lo, hi):
            return "a reference list"
    return None


def in_reference(doc: Document, start: int, end: int) -> bool:
    """True when the span lies in a reference-list entry."""
    return _overlaps(_analyse(doc).references, start, end)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _analyse(doc: Document) -> _Places:
    found = _CACHE.get(doc)
    if found is None:
        references = reference_entries(doc)
        found = _CACHE[doc] = _Places(references, _titles(doc, references))
    return found


def is_citation(text: str) -> bool:
    """Whether one block's raw text reads as a reference entry."""
    if len(text) > MAX_CITATION_CHARS * 3:
        return False
    if any(pattern.search(text) for pattern in _STRONG):
        return True
    if len(text) > MAX_CITATION_CHARS:
        return False
    hits = 0
    for pattern in _WEAK:  # stops at the second sign
        if pattern.search(text):
            hits += 1
            if hits == 2:
                return True
    return False


def reference_entries(doc: Document) -> list[tuple[int, int]]:
    """Spans of the blocks that are reference entries (see the module docstring)."""
    out: list[tuple[int, int]] = []
    under: int | None = None  # level of the reference heading we are under
    for block in doc.blocks:
        if block.kind == "heading":
            if under is not None and block.level <= under:
                under = None
            if _REFERENCE_HEADING.match(doc.prose[block.start : block.end].strip()):
                under = block.level
            continue
        if under is not None or is_citation(doc.text[block.start : block.end]):
            out.append((block.start, block.end))
    return out


def _titles(doc: Document, references: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Emphasised runs that name a work (see the module docstring)."""
    out: list[tuple[int, int]] = []
    if "*" not in doc.text and "_" not in doc.text:
        return out
    for block in doc.blocks:
        raw = doc.text[block.start : block.end]
        if "*" not in raw and "_" not in raw:
            continue
        cited = _overlaps(references, block.start, block.end)
        for m in _EMPHASIS.finditer(raw):
            words = _WORD.findall(m.group(2))
            content = [w for w in words if w.lower() not in _SMALL_WORDS]
            capitalised = sum(w[0].isupper() for w in content)
            if cited or (len(words) >= 2 and content and capitalised * 10 >= len(content) * 6):
                out.append((block.start + m.start(), block.start + m.end()))
    return out
