"""The article's apparatus: reference sections, bibliographic entries and image captions.

These blocks are on the page but are not the text a reader reads through: a reference list is a
run of surnames, journal abbreviations and volume numbers, a caption labels a picture. Scored as
prose they raise the reading grade (two citations took a 52-word body from grade 2.5 to 8.7) and
set off acronym and jargon rules. So each such block gets a ``role`` that those rules read and
leave out; spelling and claims still read them, since a typo or a claim there is still on the page.

- ``reference``: the blocks of a section under a References, Sources, Bibliography, Works cited,
  Citations or Further reading heading (down to the next heading of the same or a higher
  level), or after a line holding only such a label. (Footnotes are not: they are often asides
  in the writer's own words; a footnote that is a bibliographic entry is a ``citation``.)
- ``citation``: a bibliographic entry outside such a section: a block labelled ``Source:`` or
  ``References:``, or a list item / entry-shaped block (it opens with an author's name) that
  holds a DOI, a PMID, a ``2019;12(3):45`` or ``12(3), 45–67`` volume-and-pages reference.
- ``caption``: an HTML ``<figcaption>`` (set by ``html.py``), a block that opens with a caption
  label (``Figure 2:``, ``Photo:``, ``Image credit:``, ``Photo by … on …``), or an emphasised
  line right under an image.

The vocabulary is structural (like the abbreviations in ``sentences.py``), not rule data.
"""

from __future__ import annotations

import re
from dataclasses import replace

from medlint.model.prose import Block

_LABELS = r"references?|sources?|bibliography|works\s+cited|citations?|further\s+reading|(?:suggested|recommended|additional)\s+reading|(?:studies|papers)\s+cited"
#: A heading that opens a reference section, or a line holding only its label (with at most
#: rule or emphasis characters around it: "--- REFERENCES ---", "**Sources:**"; a bracketed
#: "(source)" is a link, not a label).
_SECTION_HEADING = re.compile(rf"^\W*(?:{_LABELS})\W*$", re.I)
_SECTION_LINE = re.compile(rf"^[\s*_=#-]*(?:{_LABELS})\s*:?[\s*_=#-]*$", re.I)
_LABELLED = re.compile(r"^\W*(?:sources?|references?|citations?|bibliography)\s*:", re.I)
_BIBLIOGRAPHIC = re.compile(
    r"\bdoi\s*[:.]?\s*10\.\d{4,}|doi\.org/10\.|\bPMID\s*:?\s*\d{5,}|\bPMC\d{5,}"
    r"|\b(?:19|20)\d{2}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*\d+\s*(?:\(\s*[\w–-]+\s*\))?\s*:\s*[eE]?\d+"
    r"|\b\d+\s*\(\s*\d+[–-]?\d*\s*\)\s*[,:]\s*[eE]?\d+(?:\s*[–-]\s*\d+)?"
)
#: An entry's opening: "Smith J,", "Smith, J.", "Smith JA, Doe B", "1. Smith J", "[3] Smith, A."
_ENTRY_START = re.compile(r"^\W*(?:\d{1,3}[.)]\s*)?[A-Z][A-Za-z'’-]+,?\s+(?:[A-Z]{1,3}\b|[A-Z]\.)")
_CAPTION_LABEL = re.compile(
    r"^\W*(?:(?:figure|fig\.|image|photo(?:graph)?|picture|illustration|chart|caption|credit)\s*\d*[a-z]?\s*[:.|—–]"
    r"|(?:photo|image|picture|illustration)\s+(?:credit|source|courtesy)\b"
    r"|photo(?:graph)?\s+by\s+\S+.{0,60}?\s(?:on|via|for|from)\s)",
    re.I,
)
_IMAGE_LINE = re.compile(r"[ \t>]*(?:!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>\n]*>|\{\{[<%]\s*figure\b[^\n]*\}\})[ \t]*$", re.I)
_EMPHASISED = re.compile(r"[ \t>]*([*_]{1,3})\S.*\S?\1[ \t]*$")
_MAX_ENTRY_WORDS = 80


def assign(text: str, prose: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` with their roles set (blocks that already have one keep it)."""
    out = []
    section_level = None  # the open reference section's heading level (7: a label line)
    for block in blocks:
        words = prose[block.start : block.end]
        if block.kind == "heading":
            if section_level is not None and block.level <= section_level:
                section_level = None
            if _SECTION_HEADING.match(words):
                section_level = block.level
        elif block.kind == "paragraph" and _SECTION_LINE.match(words) and not block.quoted:
            section_level = 7
        role = block.role or _role(text, words, block, section_level is not None)
        out.append(replace(block, role=role) if role != block.role else block)
    return out


def _role(text: str, words: str, block: Block, in_section: bool) -> str:
    if in_section:
        return "reference"
    line_start = text.rfind("\n", 0, block.start) + 1
    if _CAPTION_LABEL.match(words) or (_after_image(text, line_start) and _EMPHASISED.match(text, line_start, _line_end(text, block.end))):
        return "caption"
    if _LABELLED.match(words):
        return "citation"
    # The entry's shape first: it looks at the block's opening only, where the bibliographic
    # search scans all of it, and three blocks in five fail it.
    entry_shaped = block.kind in ("list_item", "table_cell") or _ENTRY_START.match(words)
    if entry_shaped and len(words.split()) <= _MAX_ENTRY_WORDS and _BIBLIOGRAPHIC.search(words):
        return "citation"
    return ""


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _after_image(text: str, line_start: int) -> bool:
    """True when the nearest non-blank line before ``line_start`` (one blank line at most) shows
    only an image."""
    pos = line_start - 1
    for _ in range(2):
        if pos <= 0:
            return False
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos].rstrip("\r")
        if line.strip():
            return bool(_IMAGE_LINE.fullmatch(line))
        pos = prev_start - 1
    return False
