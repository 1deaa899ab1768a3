"""Benchmark: how the time to lint one file grows as the file doubles (issue 20, item 3).

For each hostile shape of input — one long token without spaces, one long paragraph dense with
acronyms, a .txt of one-word lines, ordinary Markdown paragraphs — lints sizes 1×, 2×, 4×, …
and prints the seconds and the growth per doubling. Linear work grows about 2× per doubling; a
figure near 4× is quadratic. Rows over the bound (``--bound``, 2.2 by default) are marked.

Usage: .venv/bin/python benchmarks/growth.py [--steps 6] [--bound 2.2] [--base 20000]

A script that prints figures, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import time

from medlint.engine import registry
from medlint.engine.runner import lint_text

PARAGRAPH = "The National Institute of Mental Health (NIMH) says CBT helps people with GAD, or generalised anxiety disorder, and PTSD. "
WORDS = ["anxiety", "therapy", "sleep", "mood", "support", "care", "health", "help"]


def shapes(size: int) -> dict[str, tuple[str, str | None]]:
    """Each input shape at about ``size`` characters: (text, file name or None for Markdown)."""
    lines = "\n".join(WORDS[i % len(WORDS)] for i in range(size // 7)) + "\n"
    markdown = "\n\n".join(f"## Part {i}\n\nSleep and mood support help people in therapy, says a 2023 review." for i in range(size // 80))
    return {
        "long token": ("Hello " + "ab" * (size // 2) + " world.\n", None),
        "long paragraph": (PARAGRAPH * (size // len(PARAGRAPH)), None),
        "one-word lines (.txt)": (lines, "lines.txt"),
        "markdown sections": (markdown, None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--bound", type=float, default=2.2)
    parser.add_argument("--base", type=int, default=20000, help="characters at 1×")
    args = parser.parse_args()
    registry.load()
    lint_text("Warm up: load the rules and dictionaries once.")
    names = list(shapes(100))
    for name in names:
        previous = None
        print(name)
        for step in range(args.steps):
            size = args.base * 2**step
            text, path = shapes(size)[name]
            start = time.perf_counter()
            lint_text(text, path=path)
            took = time.perf_counter() - start
            growth = took / previous if previous else None
            flag = "  OVER BOUND" if growth and growth > args.bound and took > 0.2 else ""
            print(f"  {len(text):>10,} chars {took:8.2f} s" + (f"  ×{growth:.2f}{flag}" if growth else ""))
            previous = took


if __name__ == "__main__":
    main()
