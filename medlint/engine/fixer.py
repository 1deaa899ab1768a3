"""Applying fixes: non-overlapping edits, re-lint, repeat; then an atomic write.

Like sqlfluff's loop: each pass applies every chosen fix that does not overlap an earlier one,
re-lints the new text, and stops when nothing is left to apply or after ``MAX_PASSES``. Only the
edited spans change; everything else (encoding, BOM, newline style) is kept byte for byte. The
file is written to a temporary file beside it and moved into place, so an interrupted run never
leaves a truncated article.
"""

from __future__ import annotations

from dataclasses import dataclass

from medlint.engine.config import Settings
from medlint.model.diagnostics import Applicability, Diagnostic, Edit, Fix
from medlint.model.document import BOM, Document
from medlint.engine.runner import run_checks

MAX_PASSES = 10


@dataclass(frozen=True)
class Change:
    """One applied fix, for the report ``--fix`` prints: the rule, the line (in the text of
    the pass that applied it) and what the fix did (its title)."""

    code: str
    line: int
    title: str


@dataclass
class FixOutcome:
    """The fixed text, how many fixes went into it, and what each one changed."""

    original: str
    text: str
    applied: int
    passes: int
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original


def choose(diagnostics: list[Diagnostic], unsafe: bool) -> list[Fix]:
    """Fixes to apply in one pass: allowed applicability, no overlap with an earlier fix."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    candidates = [d.fix for d in diagnostics if d.fix and (unsafe or d.fix.applicability == Applicability.SAFE)]
    for fix in sorted(candidates, key=lambda f: (f.span, f.title)):
        if _self_overlapping(fix.edits):
            continue
        if any(_overlaps(e, t) for e in fix.edits for t in taken):
            continue
        chosen.append(fix)
        taken.extend((e.start, e.end) for e in fix.edits)
    return chosen


def _overlaps(edit: Edit, span: tuple[int, int]) -> bool:
    s, e = span
    if edit.start == edit.end or s == e:  # insertions clash only at the same point or inside
        return s < edit.start < e or edit.start < s < edit.end or (edit.start == s and edit.end == e)
    return edit.start < e and s < edit.end


def _self_overlapping(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted(edits)
    return any(a.end > b.start for a, b in zip(ordered, ordered[1:]))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits; every character outside their spans is kept."""
    out = []
    pos = 0
    for edit in sorted(edits):
        if edit.start < pos or edit.end > len(text) or edit.start > edit.end:
            raise ValueError(f"edit {edit} overlaps another edit or lies outside the text")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def fix_document(doc: Document, settings: Settings, unsafe: bool = False) -> FixOutcome:
    """Fix a document in up to MAX_PASSES passes (only per-file checks can fix)."""
    text = doc.text
    applied = 0
    passes = 0
    current = doc
    changes: list[Change] = []
    for passes in range(1, MAX_PASSES + 1):
        diagnostics, _ = run_checks(current, settings)
        fixes = choose(diagnostics, unsafe)
        if not fixes:
            passes -= 1
            break
        new_text = apply_edits(current.text, [e for f in fixes for e in f.edits])
        if new_text == current.text:
            break
        applied += len(fixes)
        chosen = {id(f) for f in fixes}
        changes += [Change(d.code, d.line, d.fix.title) for d in diagnostics if d.fix is not None and id(d.fix) in chosen]
        current = Document(new_text, doc.path, format=doc.format, bom=doc.bom, ignores=doc.ignores)
    return FixOutcome(text, current.text, applied, passes, tuple(changes))


def encode(text: str, bom: bool) -> bytes:
    return ((BOM if bom else "") + text).encode("utf-8")
