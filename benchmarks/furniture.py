"""How well BPL finds page furniture: precision and recall on hand labels, and the reviewed floor.

    python benchmarks/furniture.py [--corpus ../shared/corpus/articles] [--json FILE] [--verbose]

Why: BPL used to know only the furniture of the sites it was tuned on. The labels in
``benchmarks/furniture/labels.jsonl`` (format in its README) mark every furniture block of the
articles 077–176 by hand, made before the detector was tuned, and article text that looks like
furniture; a detector that generalises finds the first and leaves the second alone.

What: runs ``medlint check --select BPL --format json --exit-zero --no-cache CORPUS`` (one run
over the whole corpus, so the site-wide pass sees every article) or reads a saved report, then
prints for 077–176:

- per labelled category: blocks, blocks found (at least half of a block's non-space characters
  inside BPL findings), recall;
- per finding category (from its code): findings, true findings (at least 80% of a finding's
  non-space characters inside labelled furniture of any category), precision; and how many
  true findings name the labelled category;
- overall block recall, finding precision, and the same two counted in characters;
- findings that touch a block labelled ``prose``.

For 001–076 it checks the floor: every BPL finding reviewed true in ``benchmarks/verdicts/``
must still be covered (80% of its characters) by a BPL finding, and lists the BPL findings there
that no verdict covers yet, to be reviewed by hand. ``--verbose`` lists misses and false
findings with a snippet of their text (printed, never stored).

A report, not a test: exits 0 whatever the figures; 2 when the corpus or medlint is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "furniture" / "labels.jsonl"
VERDICTS = HERE / "verdicts"
#: ``shared/`` beside the checkout (or beside the folder of worktrees).
DEFAULT_CORPUS = next((p / "shared" / "corpus" / "articles" for p in HERE.parents[1:3]
                       if (p / "shared" / "corpus" / "articles").is_dir()), HERE.parent.parent / "shared" / "corpus" / "articles")
LABELLED = (77, 176)
FLOOR = (1, 76)
FOUND = 0.5  # share of a labelled block a finding must cover
TRUE = 0.8  # share of a finding that must lie in labelled furniture


def number(file: str) -> int:
    m = re.match(r"\d+", file)
    return int(m.group()) if m else -1


def run_medlint(corpus: Path) -> dict:
    beside = Path(sys.executable).with_name("medlint")
    exe = str(beside) if beside.exists() else shutil.which("medlint")
    if exe is None:
        print("furniture: medlint not found next to the interpreter or on PATH", file=sys.stderr)
        sys.exit(2)
    out = subprocess.run([exe, "check", "--select", "BPL", "--format", "json", "--exit-zero", "--no-cache", str(corpus)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def category_of_code() -> dict[str, str]:
    """Each BPL code's category, as the rules declare it (the label vocabulary)."""
    from medlint.checks.boilerplate import CATEGORIES

    return dict(CATEGORIES)


class Texts:
    def __init__(self, corpus: Path) -> None:
        self.corpus, self.cache = corpus, {}

    def __call__(self, file: str) -> str:
        if file not in self.cache:
            with open(self.corpus / file, encoding="utf-8-sig", newline="") as fh:
                self.cache[file] = fh.read()
        return self.cache[file]


def solid(text: str, start: int, end: int) -> set[int]:
    """Offsets of the non-space characters of ``text[start:end]``."""
    return {i for i in range(start, end) if not text[i].isspace()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="read this saved `--format json` report instead of running medlint")
    parser.add_argument("--verbose", action="store_true", help="list misses and false findings with a snippet")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"furniture: corpus not found: {args.corpus}", file=sys.stderr)
        sys.exit(2)
    report = json.loads(args.json.read_text(encoding="utf-8")) if args.json else run_medlint(args.corpus)
    texts = Texts(args.corpus)
    categories = category_of_code()
    findings = defaultdict(list)
    for f in report["diagnostics"]:
        if f["code"].startswith("BPL") and not f["code"].endswith("900"):
            findings[Path(f["path"]).name].append(f)
    labelled(args, texts, categories, findings)
    floor(args, texts, findings)


def labelled(args, texts: Texts, categories: dict, findings: dict) -> None:
    labels = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            labels[item["file"]].append(item)
    files = sorted(p.name for p in args.corpus.iterdir() if LABELLED[0] <= number(p.name) <= LABELLED[1])
    recall, precision, agree = Counter(), Counter(), Counter()
    chars = Counter()
    misses, false, prose_hits = [], [], []
    for file in files:
        text = texts(file)
        furniture = set()
        for item in labels[file]:
            if item["category"] != "prose":
                furniture |= solid(text, item["start"], item["end"])
        flagged = set()
        for f in findings[file]:
            flagged |= solid(text, f["start"], f["end"])
        for item in labels[file]:
            block = solid(text, item["start"], item["end"])
            hit = len(block & flagged)
            if item["category"] == "prose":
                if hit:
                    prose_hits.append((file, item, hit / len(block)))
                continue
            recall[item["category"], "blocks"] += 1
            if hit >= FOUND * len(block):
                recall[item["category"], "found"] += 1
            else:
                misses.append((file, item))
        for f in findings[file]:
            span = solid(text, f["start"], f["end"])
            category = categories.get(f["code"], f["code"])
            precision[category, "findings"] += 1
            if span and len(span & furniture) >= TRUE * len(span):
                precision[category, "true"] += 1
                named = {i["category"] for i in labels[file] if i["category"] != "prose" and solid(text, i["start"], i["end"]) & span}
                agree[category, "same"] += category in named
            else:
                false.append((file, f, len(span & furniture) / max(len(span), 1)))
        chars["furniture"] += len(furniture)
        chars["flagged"] += len(flagged)
        chars["both"] += len(furniture & flagged)

    print(f"077–176: {len(files)} articles, {sum(1 for f in files if any(i['category'] != 'prose' for i in labels[f]))} with labelled furniture")
    print(f"\n{'labelled category':<18}{'blocks':>8}{'found':>8}{'recall':>9}")
    for cat in sorted({c for c, _ in recall}):
        b, fd = recall[cat, "blocks"], recall[cat, "found"]
        print(f"{cat:<18}{b:>8}{fd:>8}{fd / b:>9.1%}")
    blocks, found = sum(v for (c, k), v in recall.items() if k == "blocks"), sum(v for (c, k), v in recall.items() if k == "found")
    print(f"{'all':<18}{blocks:>8}{found:>8}{found / max(blocks, 1):>9.1%}")
    print(f"\n{'finding category':<18}{'findings':>9}{'true':>7}{'precision':>11}{'same cat':>10}")
    for cat in sorted({c for c, _ in precision}):
        n, t = precision[cat, "findings"], precision[cat, "true"]
        print(f"{cat:<18}{n:>9}{t:>7}{t / n:>11.1%}{agree[cat, 'same']:>10}")
    n, t = sum(v for (c, k), v in precision.items() if k == "findings"), sum(v for (c, k), v in precision.items() if k == "true")
    print(f"{'all':<18}{n:>9}{t:>7}{t / max(n, 1):>11.1%}")
    print(f"\ncharacters: recall {chars['both'] / max(chars['furniture'], 1):.1%}, "
          f"precision {chars['both'] / max(chars['flagged'], 1):.1%}")
    print(f"findings touching a block labelled prose: {len(prose_hits)}")
    if args.verbose:
        for file, item in misses:
            print(f"  MISS  {file[:40]:<40} {item['category']:<12} {item['start']}-{item['end']}  "
                  f"{texts(file)[item['start']:item['end']][:70]!r}")
        for file, f, share in false:
            print(f"  FALSE {file[:40]:<40} {f['code']} {f['start']}-{f['end']} ({share:.0%} furniture)  "
                  f"{texts(file)[f['start']:f['end']][:70]!r}")
        for file, item, share in prose_hits:
            print(f"  PROSE {file[:40]:<40} {share:.0%} of {item['start']}-{item['end']}  "
                  f"{texts(file)[item['start']:item['end']][:70]!r}")


def floor(args, texts: Texts, findings: dict) -> None:
    verdicts = []
    for path in sorted(VERDICTS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                if v["code"].startswith("BPL") and FLOOR[0] <= number(v["file"]) <= FLOOR[1]:
                    verdicts.append(v)
    lost = []
    for v in verdicts:
        if v["verdict"] != "true" or not (args.corpus / v["file"]).exists():
            continue
        text = texts(v["file"])
        span = solid(text, v["start"], v["end"])
        flagged = set()
        for f in findings[v["file"]]:
            flagged |= solid(text, f["start"], f["end"])
        if len(span & flagged) < TRUE * len(span):
            lost.append(v)
    reviewed = {(v["file"], v["code"], v["start"], v["end"]) for v in verdicts}
    new = [(file, f) for file, items in sorted(findings.items()) if FLOOR[0] <= number(file) <= FLOOR[1]
           for f in items if (file, f["code"], f["start"], f["end"]) not in reviewed]
    true = sum(v["verdict"] == "true" for v in verdicts)
    print(f"\n001–076 floor: {true} BPL findings reviewed true, {len(lost)} lost; "
          f"{sum(len(v) for k, v in findings.items() if FLOOR[0] <= number(k) <= FLOOR[1])} BPL findings now, "
          f"{len(new)} without a verdict")
    for v in lost:
        print(f"  LOST  {v['file'][:40]:<40} {v['code']} {v['start']}-{v['end']}  {texts(v['file'])[v['start']:v['end']][:60]!r}")
    if args.verbose:
        for file, f in new:
            print(f"  NEW   {file[:40]:<40} {f['code']} {f['start']}-{f['end']}  {texts(file)[f['start']:f['end']][:60]!r}")


if __name__ == "__main__":
    main()
