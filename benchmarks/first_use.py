"""Benchmark: what each check's FIRST call costs in a cold process (issue 18). Prints medians.

    .venv/bin/python benchmarks/first_use.py [FILE] [--corpus ../shared/corpus/articles] [--repeat 7]

A pre-commit hook checks one file per process, so whatever a check builds on its first call
(lexicons, pattern tables, compiled patterns) is paid on every commit, while matching one
article takes a few milliseconds. Each round starts a fresh interpreter that imports medlint as
the command line does (so the snapshots of ``medlint.model.snapshot`` are in use), loads the
registry, prepares FILE (by default the article of 001–076 nearest 550 words, as
``benchmarks/speed.py`` picks it) and calls each enabled check once, in the runner's order,
timing its CPU ("other" is what it builds, and matches, beyond the data). Reading rule data (``knowledge.resources.read_data``) is counted apart, since it
has its own snapshot. The first round fills the snapshots and is not counted. A check that
shares a builder with an earlier one (the KB, the claims lexicon) shows only what is left.

A measuring script, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from peers import WORD  # same folder: the word count speed.py picks the article by

HERE = Path(__file__).resolve().parent

PROBE = r"""
import json, sys, time
import medlint.outputs.cli  # the command line's start-up (snapshots switched on)
from medlint import analysis
from medlint.engine import registry
from medlint.engine.config import Configs
from medlint.knowledge import resources
from medlint.model.document import Document
from medlint.model.rule import Context

clock = time.process_time
data = [0.0]
depth = [0]
read_data = resources.read_data


def counted(*args, **kwargs):
    depth[0] += 1
    began = clock()
    try:
        return read_data(*args, **kwargs)
    finally:
        depth[0] -= 1
        if depth[0] == 0:
            data[0] += clock() - began


resources.read_data = counted
path = sys.argv[1]
began = clock()
registry.load()
settings = Configs().for_path(path).settings_for(path)
doc = Document.from_bytes(open(path, "rb").read(), path, ignores=settings.ignores)
analysis.prepare(doc)
out = {"(registry, parse, prepare)": [clock() - began, data[0]]}
for check in registry.checks():
    if not any(rule.code in settings.enabled_codes for rule in check.rules):
        continue
    ctx = Context(doc, settings, check)
    before, began = data[0], clock()
    list(check.check(doc, ctx))
    if check.site_wide:
        check.collect(doc, ctx)
    out[check.name] = [clock() - began, data[0] - before]
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "articles")
    ap.add_argument("--repeat", type=int, default=7, help="counted rounds (fresh processes)")
    args = ap.parse_args()
    target = args.file
    if target is None:
        if not args.corpus.is_dir():
            sys.exit(f"no corpus at {args.corpus} (give FILE or --corpus)")
        articles = sorted(p for p in args.corpus.iterdir() if p.is_file() and p.name[:3].isdigit() and int(p.name[:3]) <= 76)
        words = {p: len(WORD.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in articles}
        target = min(articles, key=lambda p: (abs(words[p] - 550), p.name))
    rounds = []
    for i in range(args.repeat + 1):
        # Run beside the article, not in a checkout: ``-c`` puts the working folder first on
        # the path, and a checkout there would shadow the medlint under test (PYTHONPATH).
        done = subprocess.run([sys.executable, "-c", PROBE, str(target.resolve())], capture_output=True, text=True, check=True, cwd=target.resolve().parent)
        if i:  # the first round fills the snapshots
            rounds.append(json.loads(done.stdout))
    names = list(rounds[0])
    median = {n: [statistics.median(r[n][k] for r in rounds) * 1000 for k in (0, 1)] for n in names}
    print(f"{target.name}: first calls in a cold process, CPU ms, medians of {args.repeat} fresh processes")
    print(f"{'':34s} {'total':>7s} {'data':>6s} {'other':>6s}")
    checks = [n for n in names if not n.startswith("(")]
    for name in names[:1] + sorted(checks, key=lambda n: -(median[n][0] - median[n][1])):
        total, data = median[name]
        print(f"{name:34s} {total:7.1f} {data:6.1f} {total - data:6.1f}")
    total = sum(median[n][0] for n in checks)
    data = sum(median[n][1] for n in checks)
    print(f"{'all checks':34s} {total:7.1f} {data:6.1f} {total - data:6.1f}")


if __name__ == "__main__":
    main()
