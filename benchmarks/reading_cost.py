"""Benchmark: what the shared sentence reading (medlint/analysis/reading.py) costs per 1,000 words.

    python benchmarks/reading_cost.py [--corpus ../shared/corpus/articles] [--rounds 5]

Parses every article of the corpus once (parsing is the engine's cost, shared by all rules),
then, several rounds, builds a fresh reading of each and asks it everything for every sentence
(its source and support, subject, speech, table cell; the page kind; the study names) — more
than any check asks, since the checks ask only about sentences with a claim in them. Prints the
best round's milliseconds per 1,000 words for that full reading, and for the reading the claim
checks (CLM, SRC, REG) actually ask for while they run. Falls back to the example articles in
``fixtures/examples`` when the shared corpus is not there.

A script that prints figures, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from medlint.analysis import prepare
from medlint.analysis.reading import Reading, _READINGS
from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.engine.runner import lint_document
from medlint.model.document import SUFFIXES, Document

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = (ROOT.parent / "shared" / "corpus" / "articles", ROOT.parent.parent / "shared" / "corpus" / "articles")


def full_reading(doc: Document) -> None:
    """Ask a fresh reading of ``doc`` everything, for every sentence."""
    read = Reading(doc)
    read.genre  # noqa: B018 -- read for the side effect: the cached analysis fills
    read.study_names  # noqa: B018 -- likewise
    for i, s in enumerate(read.sentences):
        read.support(i)
        read.subject(i)
        read.speech(s.start, s.end)
        read.cell(i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=next((c for c in CANDIDATES if c.is_dir()), CANDIDATES[0]))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = args.corpus if args.corpus.is_dir() else ROOT / "fixtures" / "examples"
    paths = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    docs = [prepare(Document.from_bytes(p.read_bytes(), str(p))) for p in paths]
    words = sum(d.word_count for d in docs)
    for d in docs:  # warm the caches every document shares (sentences, tokens, compiled patterns)
        d.sentences, d.tokens, d.quotes  # noqa: B018 -- read for the side effect: cached properties fill
    full_reading(docs[0])

    best = float("inf")
    for _ in range(args.rounds):
        started = time.perf_counter()
        for d in docs:
            full_reading(d)
        best = min(best, time.perf_counter() - started)

    registry.load()
    settings = parse_config({"select": ["CLM", "SRC", "REG"]}, "bench.yaml").settings_for("-")
    with_checks = float("inf")
    for _ in range(args.rounds):
        fresh = [prepare(Document(d.text, d.path)) for d in docs]
        for d in fresh:
            d.sentences, d.tokens, d.quotes  # noqa: B018 -- read for the side effect: cached properties fill
        started = time.perf_counter()
        for d in fresh:
            lint_document(d, settings)
        with_checks = min(with_checks, time.perf_counter() - started)
        asked = sum(len(r._cache) for r in _READINGS.values())
    print(f"{len(docs)} articles, {words} words ({folder})")
    print(f"full reading (every question, every sentence): {1000 * best / words * 1000:.2f} ms per 1,000 words")
    print(f"CLM + SRC + REG checks, reading included:       {1000 * with_checks / words * 1000:.2f} ms per 1,000 words "
          f"({asked} readings asked in the last round)")


if __name__ == "__main__":
    main()
