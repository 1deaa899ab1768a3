"""Benchmark: where the per-document CPU goes once everything is loaded (issue 18). Prints medians.

    .venv/bin/python benchmarks/per_document.py [--corpus ../shared/corpus/articles] [--rounds 3]

Start-up aside (``first_use.py`` and ``speed.py`` time that), a large site costs what each
document costs: parsing it (``Document``), the shared analyses (``analysis.prepare``), each
check's ``check`` (and ``collect`` for site-wide checks), and ``places.enforce`` on each finding,
as ``runner.run_checks`` does them. One process checks every article once to load and warm
everything (lexicons, compiled patterns, per-word caches), then checks them all again
``--rounds`` times, timing each stage's CPU. Prints, per stage, the median over rounds of its
seconds and share, and the total as CPU seconds per 1,000,000 words (the issue's target is 12).
A shared analysis built lazily (``Document.sentences``, a reading) is counted in the first
stage that asks for it. The collector runs as on the command line: its thresholds, everything
loaded frozen, and paused while a document is checked (as ``runner.run_checks`` pauses it).

A measuring script, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections import Counter
from pathlib import Path

from medlint import analysis
from medlint.analysis import places
from medlint.engine import registry, runner
from medlint.engine.config import Config
from medlint.outputs.cli import GC_THRESHOLDS
from medlint.model import collector
from medlint.model.document import SUFFIXES, Document
from medlint.model.rule import Context

ROOT = Path(__file__).resolve().parents[1]
#: The shared corpus beside the checkout, or beside its folder of work trees.
CANDIDATES = (ROOT.parent / "shared" / "corpus" / "articles", ROOT.parent.parent / "shared" / "corpus" / "articles")


def one_round(docs: list[tuple[str, bytes]], config: Config) -> tuple[Counter, int]:
    """CPU seconds per stage for checking every document once, and the words checked."""
    cpu = time.process_time
    spent: Counter = Counter()
    words = 0
    for path, data in docs:
        settings = config.settings_for(path)
        t = cpu()
        doc = Document.from_bytes(data, path, ignores=settings.ignores)
        spent["Document"] += cpu() - t
        with collector.paused():
            words += _checked(doc, settings, spent)
    return spent, words


def _checked(doc: Document, settings, spent: Counter) -> int:
    """Each stage of checking ``doc`` once, its CPU added to ``spent``; its words."""
    cpu = time.process_time
    enabled = settings.enabled_codes
    t = cpu()
    analysis.prepare(doc)
    spent["analysis.prepare"] += cpu() - t
    for check in registry.checks():
        if not any(r.code in enabled for r in check.rules):
            continue
        ctx = Context(doc, settings, check)
        t = cpu()
        found = list(check.check(doc, ctx))
        spent[f"check {check.name}"] += cpu() - t
        t = cpu()
        for diag in found:
            if diag.code in enabled and (check.sees_non_prose or not doc.in_non_prose(diag.start, diag.end)):
                places.enforce(doc, diag, furniture=check.removes_markup_lines, rewords=not check.restores_typing)
        spent["places.enforce"] += cpu() - t
        if check.site_wide:
            t = cpu()
            runner.plain_data(check.collect(doc, ctx))
            spent[f"collect {check.name}"] += cpu() - t
    return doc.word_count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=next((c for c in CANDIDATES if c.is_dir()), CANDIDATES[0]))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(p for p in args.corpus.iterdir() if p.suffix in SUFFIXES)
    docs = [(str(p), p.read_bytes()) for p in paths]
    registry.load()
    config = Config()
    for path, _ in docs:  # load and warm everything a check builds on first use
        runner.check_file(path, config)
    gc.set_threshold(*GC_THRESHOLDS)  # the collector as the command line runs it
    gc.freeze()
    rounds = [one_round(docs, config) for _ in range(args.rounds)]
    words = rounds[0][1]
    stages = {name for spent, _ in rounds for name in spent}
    median = {name: statistics.median(spent[name] for spent, _ in rounds) for name in stages}
    total = statistics.median(sum(spent.values()) for spent, _ in rounds)
    print(f"{len(docs)} documents, {words} words, {args.rounds} rounds after one warm-up round (CPU, medians)")
    for name, seconds in sorted(median.items(), key=lambda item: -item[1]):
        if seconds >= 0.0005:
            print(f"{seconds:8.3f} s {100 * seconds / total:5.1f}%  {name}")
    print(f"{total:8.3f} s total: {total / words * 1e6:.2f} s per 1,000,000 words (target 12)")


if __name__ == "__main__":
    main()
