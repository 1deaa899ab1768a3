"""Benchmark: do the claim fixes stay inside the claim's sentence, and out of tables?

    python benchmarks/fix_scope.py [--corpus ../shared/corpus/articles] [--select CLM,REG]

Why: an unsafe fix is read by a person, but only the sentence it rewords; an edit that runs
into the next sentence, deletes a table or rewrites a table cell changes what nobody reviewed.
The fix policy for the claim rules (``Reading.fixable``) says an edit replaces text inside one
sentence of prose, never a table cell, a quotation or markup.

What: copies the corpus into a temporary folder (the originals are never written), runs
``medlint check --fix --unsafe-fixes`` there with only the selected rules, and compares each
fixed file with its original character by character. Every changed region must lie inside
one sentence (of the original document) that holds a finding of those rules, in a block that
is not a table cell. Prints the number of files changed, of edits, of edits outside a claim's
sentence and of edits in tables, and lists any offending edit.

A report, not a test: exits 0 whatever the figures; 2 when the corpus (or medlint) is missing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from medlint.analysis import prepare
from medlint.model.document import SUFFIXES, Document

HERE = Path(__file__).resolve().parent
CANDIDATES = (HERE.parent.parent / "shared" / "corpus" / "articles", HERE.parent.parent.parent / "shared" / "corpus" / "articles")


def medlint() -> str:
    exe = Path(sys.executable).with_name("medlint")
    found = str(exe) if exe.exists() else shutil.which("medlint")
    if not found:
        print("fix_scope: medlint not found next to the interpreter or on PATH", file=sys.stderr)
        sys.exit(2)
    return found


def read(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return fh.read()


def changed_regions(before: str, after: str) -> list[tuple[int, int]]:
    """Regions of ``before`` that the fixes replaced (an insertion as an empty region): the
    changed lines first, then the changed characters within them, neighbours a few characters
    apart taken as one edit."""
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    offsets = [0]
    for line in old_lines:
        offsets.append(offsets[-1] + len(line))
    regions: list[tuple[int, int]] = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        old, new = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for ctag, c1, c2, _, _ in chars.get_opcodes():
            if ctag == "equal":
                continue
            start, end = offsets[i1] + c1, offsets[i1] + c2
            if regions and start - regions[-1][1] <= 3:
                regions[-1] = (regions[-1][0], end)
            else:
                regions.append((start, end))
    return regions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=next((c for c in CANDIDATES if c.is_dir()), CANDIDATES[0]))
    parser.add_argument("--select", default="CLM,REG", help="the rules whose fixes are applied (default CLM,REG)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"fix_scope: corpus not found: {args.corpus}", file=sys.stderr)
        sys.exit(2)
    exe = medlint()
    with tempfile.TemporaryDirectory(prefix="medlint-fix-scope-") as tmp:
        copy = Path(tmp) / "articles"
        shutil.copytree(args.corpus, copy)
        base = [exe, "check", "--no-cache", "--exit-zero", "--select", args.select]
        report = json.loads(subprocess.run(base + ["--format", "json", str(copy)], capture_output=True, text=True, check=True).stdout)
        subprocess.run(base + ["--fix", "--unsafe-fixes", str(copy)], capture_output=True, text=True, check=False)
        findings: dict[str, list[tuple[int, int]]] = {}
        for d in report["diagnostics"]:
            findings.setdefault(Path(d["path"]).name, []).append((d["start"], d["end"]))
        files = edits = outside = in_tables = 0
        problems = []
        for path in sorted(p for p in args.corpus.iterdir() if p.suffix in SUFFIXES):
            before, after = read(path), read(copy / path.name)
            if before == after:
                continue
            files += 1
            doc = prepare(Document(before, path.name))
            claimed = {doc.sentence_at(s) for s, _ in findings.get(path.name, [])} - {None}
            for start, end in changed_regions(before, after):
                edits += 1
                sentence = doc.sentence_at(start)
                inside = sentence is not None and sentence in claimed and end <= sentence.end
                table = sentence is not None and doc.blocks[sentence.block].kind == "table_cell"
                outside += not inside
                in_tables += table
                if not inside or table:
                    problems.append(f"{path.name}:{doc.position(start)[0]}: {'table cell' if table else 'outside a claim sentence'}: "
                                    f"{before[start:end][:60]!r} -> {after[start:start + 60]!r}")
    print(f"rules: {args.select}   files changed: {files}   edits: {edits}   "
          f"outside a claim's sentence: {outside}   in tables: {in_tables}")
    for line in problems:
        print("  " + line)


if __name__ == "__main__":
    main()
