"""Benchmark: what the spelling check (SPL001-SPL003) costs per 1,000 words.

Parses every article of the corpus once (parsing is the engine's cost, shared by all rules),
then times the spelling check alone over all of them, several rounds, and prints the best
round's milliseconds per 1,000 words, plus the one-off cost of loading, once per process and
only when a spelling rule runs, the English dictionary (SCOWL, rules/english-words.txt.gz),
wordfreq's frequencies, the lexicon and the misspelling list. The first round is also shown:
it pays for judging each distinct word once (later rounds find the answers remembered).
Falls back to the example articles in ``fixtures/examples`` when the shared corpus is not there.

Usage: .venv/bin/python benchmarks/spelling.py [--corpus DIR] [--rounds 5]

A script that prints figures, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.knowledge import dictionary, speller
from medlint.model.rule import Context
from medlint.model.document import SUFFIXES, Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = args.corpus if args.corpus.is_dir() else ROOT / "fixtures" / "examples"
    paths = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)

    started = time.perf_counter()
    dictionary.dictionary()
    words_loaded = time.perf_counter()
    dictionary.frequencies()
    freq_loaded = time.perf_counter()
    speller.speller()
    done = time.perf_counter()

    registry.load()
    check = next(c for c in registry.checks() if c.name == "spelling")
    settings = parse_config({"select": ["SPL001", "SPL002", "SPL003"]}, "benchmark.yaml").settings_for("-")
    docs = [Document(p.read_text(encoding="utf-8"), str(p)) for p in paths]
    words = sum(d.word_count for d in docs)
    for d in docs:  # sentences and tokens are computed once per document, by whichever rule asks first
        d.sentences, d.tokens  # noqa: B018 -- read for the side effect: the cached properties fill here, outside the timing

    rounds, findings = [], 0
    for _ in range(args.rounds):
        started_round = time.perf_counter()
        findings = sum(len(list(check.check(d, Context(d, settings, check)))) for d in docs)
        rounds.append(time.perf_counter() - started_round)
    best = min(rounds)
    per_k = 1000 / words
    print(f"articles: {len(docs)} from {folder}")
    print(f"words: {words:,}   findings: {findings}")
    print(f"one-off load: dictionary {(words_loaded - started) * 1000:.0f} ms, frequencies {(freq_loaded - words_loaded) * 1000:.0f} ms, "
          f"lexicon and misspellings {(done - freq_loaded) * 1000:.0f} ms")
    print(f"spelling check, first round: {rounds[0] * 1000:.0f} ms ({rounds[0] * 1000 * per_k:.2f} ms per 1,000 words)")
    print(f"spelling check, best of {args.rounds}: {best * 1000:.0f} ms in all, {best * 1000 * per_k:.2f} ms per 1,000 words")


if __name__ == "__main__":
    main()
