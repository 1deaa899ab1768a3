"""Benchmark: the cross-article duplicate search (DUP003) at 1,000 and 10,000 articles.

Builds a synthetic site from the corpus: article *i* is corpus article ``i mod n`` with light,
seeded perturbations (a word changed in some paragraphs, a paragraph dropped, a sentence of its
own added), so the site holds exact shared paragraphs, near copies and unique text, much as a
real site full of templates does. Then it runs the check's two phases as the engine does:
``collect`` once per article (summaries are JSON data, as after the cache or a worker process)
and ``check_site`` once over all summaries, and prints time and memory for each size.

Usage: .venv/bin/python benchmarks/site_duplicates.py [--corpus DIR] [--sizes 1000 10000]

A script that prints figures, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import tracemalloc
from pathlib import Path

from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.engine.runner import plain_data

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def perturb(text: str, rng: random.Random, serial: int, vocabulary: list[str]) -> str:
    """A light, seeded variation of an article: some paragraphs edited, dropped or added to.
    Front matter is kept as it is."""
    front = FRONT_MATTER.match(text)
    head, body = (front.group(), text[front.end() :]) if front else ("", text)
    out = []
    for para in re.split(r"\n{2,}", body):
        roll = rng.random()
        if roll < 0.04:
            continue  # dropped
        if roll < 0.20:
            words = para.split(" ")
            if len(words) > 12:
                words[rng.randrange(len(words))] = rng.choice(vocabulary)  # a near copy
                para = " ".join(words)
        out.append(para)
        if rng.random() < 0.05:
            own = " ".join(rng.choice(vocabulary) for _ in range(18))
            out.append(f"Article {serial} adds a note of its own: {own}.")
    return head + "\n\n".join(out) + "\n"


def build_site(bases: list[str], size: int) -> list[tuple[str, str]]:
    """``size`` articles made from ``bases``; replacement words come from the corpus itself."""
    rng = random.Random(size)
    vocabulary = sorted({w.lower() for text in bases for w in re.findall(r"[A-Za-z]{3,}", text)})
    return [(f"site/{i:05d}.md", perturb(bases[i % len(bases)], rng, i, vocabulary)) for i in range(size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    bases = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.md"))]
    if not bases:
        raise SystemExit(f"no articles in {args.corpus}")
    registry.load()
    check = next(c for c in registry.checks() if c.name == "shared-paragraphs")
    settings = parse_config({"select": ["DUP003"]}, "benchmark.yaml").settings_for("-")
    print(f"corpus: {len(bases)} articles from {args.corpus}")
    print(f"{'articles':>9} {'paragraphs':>11} {'collect s':>10} {'search s':>9} {'µs/para':>8} "
          f"{'summaries MB':>13} {'search peak MB':>15} {'findings':>9}")
    for size in args.sizes:
        site = build_site(bases, size)
        started = time.perf_counter()
        summaries = {}
        for path, text in site:
            doc = Document(text, path)
            summary = plain_data(check.collect(doc, registry.Context(doc, settings, check)))
            if summary is not None:
                summaries[path] = summary
        collect_s = time.perf_counter() - started
        paragraphs = sum(len(s["paragraphs"]) for s in summaries.values())
        summary_mb = sum(len(json.dumps(s)) for s in summaries.values()) / 1e6

        started = time.perf_counter()
        findings = sum(1 for _ in check.check_site(summaries, None))
        search_s = time.perf_counter() - started

        tracemalloc.start()
        for _ in check.check_site(summaries, None):
            pass
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{size:>9,} {paragraphs:>11,} {collect_s:>10.1f} {search_s:>9.2f} "
              f"{search_s / paragraphs * 1e6:>8.1f} {summary_mb:>13.1f} {peak / 1e6:>15.1f} {findings:>9,}")


if __name__ == "__main__":
    main()
