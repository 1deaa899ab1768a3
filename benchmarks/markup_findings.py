"""Findings that land inside markup: front matter, template tags, HTML, MDX, code, link targets.

    python benchmarks/markup_findings.py [--corpus ../shared/corpus/articles] [--json FILE]
                                         [--range 077-176] [--all] [--list]

Why: a finding inside markup is wrong by construction (the reader never sees that text), and a
fix there breaks the page. This script sets medlint's findings against markup spans found by
its *own* small patterns, independent of medlint's masking, so it can tell when the masking
misreads something.

What: runs ``medlint check --format json --exit-zero --no-cache`` on the corpus (or reads a
saved report with ``--json``), keeps the articles in ``--range`` that open with front matter
(``---``, ``+++`` or a JSON ``{``; ``--all``: every article in range), and counts the findings
that start or end inside markup (a sentence holding a link is prose; a span that begins or ends
in a tag is not). Document-level findings that medlint anchors on the opening
front-matter fence on purpose ("add an `author` key", SRC001–SRC005) are counted apart.
``--list`` prints each finding inside markup.

A report, not a test: exits 0 whatever the figures; 2 when the corpus (or medlint) is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "articles"

#: Markup, by kind. Deliberately simple and independent of medlint's own parser.
MARKUP = {
    "front matter": re.compile(r"\A(?:---[ \t]*\n.*?\n---|\+\+\+[ \t]*\n.*?\n\+\+\+|\{[ \t]*\n.*?\n\})[ \t]*(?:\n|\Z)", re.S),
    "template tag": re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S),
    "html tag": re.compile(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|</?[A-Za-z][^<>]*>", re.S | re.I),
    "mdx": re.compile(r"^(?:import|export)\s[^\n]*|\{/\*.*?\*/\}", re.S | re.M),
    "code": re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*|`[^`\n]+`", re.S | re.M),
    "link target": re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
}
FENCE_ANCHORED = re.compile(r"SRC00[1-5]")


def find_medlint() -> str | None:
    beside = Path(sys.executable).with_name("medlint")
    return str(beside) if beside.exists() else shutil.which("medlint")


def run_medlint(corpus: Path) -> dict:
    exe = find_medlint()
    if exe is None:
        print("markup_findings: medlint not found next to the interpreter or on PATH", file=sys.stderr)
        sys.exit(2)
    out = subprocess.run([exe, "check", "--format", "json", "--exit-zero", "--no-cache", str(corpus)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def markup_spans(text: str) -> list[tuple[int, int, str]]:
    return sorted((m.start(), m.end(), kind) for kind, p in MARKUP.items() for m in p.finditer(text) if m.end() > m.start())


def has_front_matter(text: str) -> bool:
    return bool(MARKUP["front matter"].match(text))


def in_range(name: str, numbers: tuple[int, int] | None) -> bool:
    m = re.match(r"\d+", name)
    return numbers is None or (bool(m) and numbers[0] <= int(m.group()) <= numbers[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="read this saved `--format json` report instead of running medlint")
    parser.add_argument("--range", default="077-176", help="files whose leading number is in LOW-HIGH ('' for all)")
    parser.add_argument("--all", action="store_true", help="every article in range, not only those with front matter")
    parser.add_argument("--list", action="store_true", help="print each finding inside markup")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"markup_findings: corpus not found: {args.corpus}", file=sys.stderr)
        sys.exit(2)
    report = json.loads(args.json.read_text(encoding="utf-8")) if args.json else run_medlint(args.corpus)
    numbers = None
    if args.range:
        low, _, high = args.range.partition("-")
        numbers = (int(low), int(high or low))

    texts: dict[str, str] = {}
    for path in sorted(args.corpus.iterdir()):
        if in_range(path.name, numbers):
            text = path.read_text(encoding="utf-8-sig")
            if args.all or has_front_matter(text):
                texts[path.name] = text
    spans = {name: markup_spans(text) for name, text in texts.items()}

    inside: Counter = Counter()
    anchored = 0
    total = 0
    listed = []
    for f in report["diagnostics"]:
        name = Path(f["path"]).name
        if name not in texts:
            continue
        total += 1
        last = max(f["start"], f["end"] - 1)
        hits = [kind for s, e, kind in spans[name] if s <= f["start"] < e or s <= last < e]
        if not hits:
            continue
        if "front matter" in hits and FENCE_ANCHORED.fullmatch(f["code"]) and f["start"] == 0:
            anchored += 1
            continue
        inside[(f["code"], hits[0])] += 1
        flagged = texts[name][f["start"]:f["end"]][:50].replace("\n", " ")
        listed.append(f"  {name} {f['code']} {f['start']}-{f['end']} [{hits[0]}] {flagged!r}")

    print(f"articles: {len(texts)}   findings in them: {total}   inside markup: {sum(inside.values())}   "
          f"document-level, anchored on the front-matter fence: {anchored}")
    for (code, kind), n in sorted(inside.items()):
        print(f"  {code:<8} {kind:<14} {n}")
    if args.list:
        print("\n".join(listed))


if __name__ == "__main__":
    main()
