"""Benchmark: what readability scoring costs per 1,000 words, and the grades of a corpus by kind.

    .venv/bin/python benchmarks/readability.py [--corpus ../shared/corpus/articles]
                                               [--sources ../shared/corpus/SOURCES.csv]

Prints, for the articles in ``--corpus``:
- start-up: importing the scorer and reading its data (the packaged CMU dictionary, pyphen's
  patterns, the easy-word list), each once per process;
- scoring: ``score_document`` (prose extraction, per-sentence counts, the five scores);
- the RDB checks: every RDB rule through ``lint_document`` (scores, hotspots, acronyms, jargon);
each as total time and milliseconds per 1,000 words (median and 90th percentile over files,
and overall). Each phase runs in a fresh process, because the scorer remembers each word's counts
and a second pass over the same articles would measure that memory.
With ``--sources`` (a CSV with ``file`` and ``kind`` columns), also the median grades per kind.

A script that prints figures, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "articles"


def _articles(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt"))


def _phase(name: str, corpus: Path) -> dict:
    """Run one phase in this process and return its timings (called in a child process)."""
    t0 = time.perf_counter()
    from medlint.text import readability, syllables

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    syllables.cmu_pronunciations()
    syllables.hyphenation()
    readability.easy_words()
    t_dict = time.perf_counter() - t0
    from medlint.engine.config import parse_config
    from medlint.engine.files import read_document
    from medlint.engine.runner import lint_document

    settings = parse_config({"select": ["RDB"]}, "bench.yaml").settings_for("-")
    rows = []
    for path in _articles(corpus):
        doc = read_document(path)
        t0 = time.perf_counter()
        if name == "score":
            scores = readability.score_document(doc)
            words = scores.words
        else:
            lint_document(doc, settings)
            words = readability.score_document(doc).words  # cached by now: not timed
        rows.append({"path": path.name, "seconds": time.perf_counter() - t0, "words": words})
    return {"import": t_import, "dictionary": t_dict, "rows": rows}


def _run_child(name: str, corpus: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--corpus", str(corpus)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def _per_thousand(rows: list[dict]) -> str:
    rates = sorted(1000 * r["seconds"] / r["words"] * 1000 for r in rows if r["words"])
    total_s = sum(r["seconds"] for r in rows)
    total_w = sum(r["words"] for r in rows)
    p90 = rates[min(len(rates) - 1, int(0.9 * len(rates)))]
    return (
        f"total {total_s:.2f} s; per 1,000 words: median {statistics.median(rates):.1f} ms, "
        f"90th percentile {p90:.1f} ms, overall {1000 * total_s / total_w * 1000:.1f} ms"
    )


def _kinds(corpus: Path, sources: Path) -> None:
    from medlint.engine.files import read_document
    from medlint.text.readability import score_document

    kinds = {}
    with open(sources, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kinds[Path(row["file"]).name] = row["kind"]
    by_kind: dict[str, list] = {}
    for path in _articles(corpus):
        by_kind.setdefault(kinds.get(path.name, "?"), []).append(score_document(read_document(path)))
    print("\nmedian scores by kind (SMOG is rough below 30 sentences):")
    print(f"{'kind':<10}{'files':>6}{'SMOG':>8}{'FK grade':>10}{'ease':>8}{'Dale–Chall':>12}{'fog':>8}{'words':>8}")
    for kind, scores in sorted(by_kind.items(), key=lambda kv: statistics.median(s.flesch_kincaid for s in kv[1])):
        med = {a: statistics.median(getattr(s, a) for s in scores) for a in ("smog", "flesch_kincaid", "flesch_reading_ease", "dale_chall", "gunning_fog", "words")}
        print(
            f"{kind:<10}{len(scores):>6}{med['smog']:>8.1f}{med['flesch_kincaid']:>10.1f}{med['flesch_reading_ease']:>8.1f}"
            f"{med['dale_chall']:>12.1f}{med['gunning_fog']:>8.1f}{med['words']:>8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sources", type=Path, help="CSV with file and kind columns: print median grades per kind")
    parser.add_argument("--phase", choices=["score", "check"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(_phase(args.phase, args.corpus)))
        return
    score = _run_child("score", args.corpus)
    check = _run_child("check", args.corpus)
    words = sum(r["words"] for r in score["rows"])
    print(f"corpus: {len(score['rows'])} articles, {words:,} scored words ({args.corpus})")
    print(f"start-up, once per process: import {score['import']:.2f} s; dictionaries {score['dictionary']:.2f} s")
    print(f"scoring (score_document):    {_per_thousand(score['rows'])}")
    print(f"RDB checks (lint_document):  {_per_thousand(check['rows'])}")
    if args.sources:
        _kinds(args.corpus, args.sources)


if __name__ == "__main__":
    main()
