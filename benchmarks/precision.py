"""Precision of medlint's rules, measured against hand-reviewed findings.

    python benchmarks/precision.py [--corpus ../shared/corpus/articles] [--json FILE]
                                   [--range 077-176] [--families CLM,REG] [--unreviewed]

Why: a writer who sees wrong "errors" switches the linter off, so what matters most is how
many of the findings are right. Reviewers judge findings by hand and store their verdicts in
``benchmarks/verdicts/*.jsonl`` (format in ``benchmarks/verdicts/README.md``); this script sets
them against what medlint reports now.

What: runs ``medlint check --format json --exit-zero --no-cache CORPUS`` (or reads a saved
report with ``--json``), matches each finding to a verdict by (file name, code, start, end) and
checks the verdict's ``sha`` against the text flagged now; a verdict whose text changed is
*stale* and its finding counts as unreviewed. Printed per family and per code: findings,
reviewed, true / false / debatable, precision = true / (true + false), strict precision =
true / (true + false + debatable), fix verdicts right / wrong, and the verdicts whose finding
is *gone* (no longer reported; only for articles still in the corpus), split into true and
false, so a lost true finding shows.
``--unreviewed`` also lists the findings that have no (current) verdict.

A report, not a test: exits 0 whatever the figures; 2 when the corpus (or medlint) is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "verdicts"
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "articles"
COLUMNS = ("findings", "reviewed", "true", "false", "debat", "prec", "strict",
           "fix ok", "fix bad", "gone T", "gone F", "stale")


def sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def key(item: dict) -> tuple[str, str, int, int]:
    """The identity of a finding or a verdict: file name, code, start, end."""
    return Path(item.get("file") or item["path"]).name, item["code"], int(item["start"]), int(item["end"])


def find_medlint() -> str | None:
    """The medlint of this interpreter's environment first (a venv need not be activated), then PATH's."""
    beside = Path(sys.executable).with_name("medlint")
    return str(beside) if beside.exists() else shutil.which("medlint")


def run_medlint(corpus: Path) -> dict:
    exe = find_medlint()
    if exe is None:
        print("precision: medlint not found next to the interpreter or on PATH", file=sys.stderr)
        sys.exit(2)
    out = subprocess.run([exe, "check", "--format", "json", "--exit-zero", "--no-cache", str(corpus)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def load_verdicts() -> dict[tuple, dict]:
    verdicts: dict[tuple, dict] = {}
    for path in sorted(VERDICTS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            v = json.loads(line)
            k = key(v)
            if k in verdicts and verdicts[k]["verdict"] != v["verdict"]:
                print(f"warning: {path.name}:{n} contradicts an earlier verdict on {k}", file=sys.stderr)
            verdicts[k] = v
    return verdicts


def in_scope(file: str, code: str, numbers: tuple[int, int] | None, families: list[str] | None) -> bool:
    """Whether a file and code fall in --range (the file name's leading number) and --families."""
    if families and not any(code.startswith(f) for f in families):
        return False
    if numbers is None:
        return True
    m = re.match(r"\d+", file)
    return bool(m) and numbers[0] <= int(m.group()) <= numbers[1]


def parse_range(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    low, _, high = text.partition("-")
    return int(low), int(high or low)


class Texts:
    """The corpus articles, read once each, decoded as medlint decodes them."""

    def __init__(self, corpus: Path) -> None:
        self.corpus, self.cache = corpus, {}

    def __call__(self, file: str) -> str:
        if file not in self.cache:
            path = self.corpus / file
            self.cache[file] = ""
            if path.exists():
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    self.cache[file] = fh.read()
        return self.cache[file]


def tally(findings: list[dict], verdicts: dict, texts: Texts) -> tuple[dict, list, list]:
    """Count per code; return (counts per code, unreviewed findings, stale findings)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    unreviewed, stale, seen = [], [], set()
    for f in findings:
        k = key(f)
        seen.add(k)
        c = counts[f["code"]]
        c["findings"] += 1
        v = verdicts.get(k)
        if v is None or v["sha"] != sha(texts(k[0])[k[2]:k[3]]):
            (stale if v else unreviewed).append(f)
            c["stale"] += v is not None
            continue
        c["reviewed"] += 1
        c[v["verdict"]] += 1
        c["fix ok"] += v.get("fix") == "right"
        c["fix bad"] += v.get("fix") == "wrong"
    for k, v in verdicts.items():
        if k not in seen and v["verdict"] in ("true", "false"):
            counts[k[1]]["gone " + v["verdict"][0].upper()] += 1
    return counts, unreviewed, stale


def ratio(num: int, den: int) -> str:
    return f"{num / den:.1%}" if den else "-"


def row(label: str, c: Counter) -> str:
    t, f, d = c["true"], c["false"], c["debatable"]
    cells = (c["findings"], c["reviewed"], t, f, d, ratio(t, t + f), ratio(t, t + f + d),
             c["fix ok"], c["fix bad"], c["gone T"], c["gone F"], c["stale"])
    return f"{label:<8}" + "".join(f"{cell!s:>9}" for cell in cells)


def print_tables(counts: dict[str, Counter]) -> None:
    families: dict[str, list[str]] = defaultdict(list)
    for code in sorted(counts):
        families[code[:3]].append(code)
    header = f"{'code':<8}" + "".join(f"{col:>9}" for col in COLUMNS)
    for family, codes in families.items():
        total = sum((counts[c] for c in codes), Counter())
        print(f"\n{family}\n{header}\n{row(family, total)}")
        for code in codes:
            print(row(code, counts[code]))


def describe(f: dict, texts: Texts) -> str:
    file = Path(f["path"]).name
    flagged = texts(file)[f["start"]:f["end"]][:60].replace("\n", " ")
    return f"{file}  {f['code']} {f['start']}-{f['end']} line {f['line']}: {f['message']}  [{flagged}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="read this saved `--format json` report instead of running medlint")
    parser.add_argument("--range", help="only files whose leading number is in LOW-HIGH, e.g. 077-176")
    parser.add_argument("--families", help="only these code prefixes, comma-separated, e.g. CLM,REG")
    parser.add_argument("--unreviewed", action="store_true", help="list the findings that have no current verdict")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"precision: corpus not found: {args.corpus}", file=sys.stderr)
        sys.exit(2)

    report = json.loads(args.json.read_text(encoding="utf-8")) if args.json else run_medlint(args.corpus)
    numbers = parse_range(args.range)
    families = args.families.split(",") if args.families else None
    findings = [f for f in report["diagnostics"] if in_scope(Path(f["path"]).name, f["code"], numbers, families)]
    verdicts = {k: v for k, v in load_verdicts().items()
                if in_scope(k[0], k[1], numbers, families) and (args.corpus / k[0]).exists()}

    texts = Texts(args.corpus)
    counts, unreviewed, stale = tally(findings, verdicts, texts)
    print(f"findings: {len(findings)}   verdicts in scope: {len(verdicts)}   "
          f"unreviewed: {len(unreviewed)}   stale: {len(stale)}")
    print_tables(counts)
    for title, items in (("stale (text changed since the verdict)", stale),
                         ("unreviewed", unreviewed if args.unreviewed else [])):
        if items:
            print(f"\n{title}:")
            for f in items:
                print("  " + describe(f, texts))


if __name__ == "__main__":
    main()
