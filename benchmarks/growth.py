"""Benchmark: how the time to lint grows as an input doubles (issue 20, item 3).

Every input class the issue names, at 1×, 2×, 4×, … 128× (``--steps 8``; 128 × the default base
of 32,000 characters is about 4 MB, under the 4 MiB cap on packs and config files):

- ``long token``: one token without spaces, alone (the spelling check's run-together and
  near-miss tests, readability's sentence pieces);
- ``long paragraph``: one paragraph dense with acronyms and their definitions (acronym
  definitions, sentence counting for readability);
- ``one-word lines (.txt)``: a plain-text file of one word per line (50,000 lines at 16×);
- ``markdown``: ordinary Markdown sections, past 1 MB;
- ``user pack``: a 7 KB article linted with a user rule pack of that many bytes of phrases
  (about 100,000 phrases at 128×), loading the pack included;
- ``ignore entries``: the same article with a config file whose ``ignore`` list is that many
  bytes (about 400,000 entries at 128×), loading the config included.

The bound (``--bound``, 2.2 by default) is the growth allowed per doubling: linear work grows
about 2×, quadratic 4×. Each curve is printed; a doubling over the bound is marked, and the
script exits 1 when any is (steps under ``--floor`` seconds are too short to judge and are not).
Each step is the best of `--repeat` runs (3), each in a fresh process (see ``measured``).

Usage: .venv/bin/python benchmarks/growth.py [--steps 8] [--base 32000] [--bound 2.2] [--only NAME]

A script that prints figures, not a test: timings depend on the machine and its load. The
tests check the same stages by counting work (tests/test_linear.py).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from medlint.engine import registry
from medlint.engine.config import load_config_file
from medlint.engine.runner import lint_text

PARAGRAPH = (
    "The National Institute of Mental Health (NIMH) says cognitive behavioural therapy (CBT) helps people with GAD, "
    "or generalised anxiety disorder, and PTSD. Dr. Lee et al. found that 3.5 mg of it, i.e. a low dose, helped. "
)
WORDS = ["anxiety", "therapy", "sleep", "mood", "support", "care", "health", "help"]
SECTION = (
    "## Part {i}\n\nSleep and mood support help people in therapy, says a 2023 review of {n} trials. "
    "Talk to your GP if low mood lasts more than two weeks; the NHS lists local services.\n\n"
    "- Keep a regular bedtime.\n- Limit caffeine after noon.\n\n"
)
VOCABULARY = (
    "people sleep mood therapy support anxiety depression doctor nurse clinic week month trial review "
    "study dose risk symptom stress worry habit routine exercise walk friend family school work evening "
    "morning light screen phone meal water caffeine alcohol breathing muscle heart brain memory focus"
).split()


def varied(i: int) -> str:
    """A Markdown section of its own words (no two alike: normal prose, not duplicates)."""
    rng = random.Random(i)

    def sentence() -> str:
        words = rng.choices(VOCABULARY, k=rng.randint(8, 16))
        return " ".join(words).capitalize() + "."

    return (f"## {sentence()[:-1]}\n\n" + " ".join(sentence() for _ in range(4)) + "\n\n"
            + "".join(f"- {sentence()}\n" for _ in range(2)) + "\n")


ARTICLE = "".join(SECTION.format(i=i, n=i + 3) for i in range(30))  # about 7 KB
CODES = ["RDB", "SPL003", "LNG", "GRM", "DUP001", "CLM", "SAF", "BPL"]


def text_input(make: Callable[[int], str], path: str | None = None) -> Callable[[int, Path], Callable[[], object]]:
    """An input class that is one document of ``size`` characters."""

    def prepare(size: int, folder: Path):
        text = make(size)
        return lambda: lint_text(text, path=path)

    return prepare


def pack_input(size: int, folder: Path):
    """A user pack of about ``size`` bytes of existence phrases (two made-up words each, a few
    of which the article holds), named anew per size with its own family: the registry keeps
    each pack it loads."""
    name = f"bench{size}"
    family = "Z" + chr(ord("A") + size.bit_length() % 26) + chr(ord("A") + size % 26)
    lines = [f"pack: {name}", f"family: {family}", "rules:", f"  - code: {family}001", f"    name: bench-phrases-{size}",
             "    kind: existence", "    message: 'Avoid “{match}”.'", "    summary: s", "    what: w", "    why: y",
             "    example: e", "    fix: f", "    source: s", "    tokens:"]
    used = sum(len(line) + 1 for line in lines) + 20
    i = 0
    while used < size:  # phrases up to ``size`` bytes in all
        lines.append(f"      - qz{i:x}word zv{i % 97}")
        used += len(lines[-1]) + 1
        i += 1
    lines.append("      - mood support")
    (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = folder / f"{name}.medlint.yaml"
    config.write_text(f"packs: [{name}.yaml]\n", encoding="utf-8")
    return lambda: lint_text(ARTICLE, config=load_config_file(config))


def ignore_input(size: int, folder: Path):
    """A config file whose ``ignore`` list holds about ``size`` bytes of selectors."""
    config = folder / f"ignore{size}.medlint.yaml"
    entries = [CODES[i % len(CODES)] for i in range(max(1, size // 10))]
    config.write_text("ignore:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")
    return lambda: lint_text(ARTICLE, config=load_config_file(config))


INPUTS: dict[str, Callable[[int, Path], Callable[[], object]]] = {
    "long token": text_input(lambda n: "ab" * (n // 2) + "\n"),
    "long paragraph": text_input(lambda n: PARAGRAPH * max(1, n // len(PARAGRAPH))),
    "one-word lines (.txt)": text_input(lambda n: "\n".join(WORDS[i % len(WORDS)] for i in range(n // 7)) + "\n", "lines.txt"),
    "markdown": text_input(lambda n: "".join(varied(i) for i in range(max(1, n // 570)))),
    "user pack": pack_input,
    "ignore entries": ignore_input,
}


def timed(run: Callable[[], object]) -> float:
    """Seconds for one run, in this process."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measured(name: str, size: int, repeat: int) -> float:
    """The best of ``repeat`` runs, each in a fresh process (after a warm-up there of the rules
    and dictionaries): a repeat in the same process would find the per-word caches warm and
    measure the cache, and a single run on a shared machine is at the mercy of one pause."""
    best = float("inf")
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--measure", name, str(size)], capture_output=True, text=True, check=True
        )
        best = min(best, float(out.stdout.split()[-1]))
    return best


def _measure_here(name: str, size: int) -> None:
    registry.load()
    lint_text("Warm up: load the rules and dictionaries once.")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{timed(INPUTS[name](size, Path(tmp))):.6f}")


def curve(name: str, steps: int, base: int, bound: float, floor: float, repeat: int) -> bool:
    """Print one input class's curve; False when a doubling is over the bound."""
    print(name, flush=True)
    previous = None
    within = True
    for step in range(steps):
        size = base * 2**step
        took = measured(name, size, repeat)
        growth = took / previous if previous else None
        over = growth is not None and growth > bound and took > floor
        within &= not over
        shown = f"  ×{growth:.2f}" if growth else ""
        print(f"  {2**step:>4}×  {size:>10,} chars {took:8.3f} s{shown}{'  OVER BOUND' if over else ''}", flush=True)
        previous = took
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--base", type=int, default=32000, help="characters at 1×")
    parser.add_argument("--bound", type=float, default=2.2, help="growth allowed per doubling")
    parser.add_argument("--floor", type=float, default=0.2, help="seconds under which growth is not judged")
    parser.add_argument("--only", action="append", choices=list(INPUTS), help="run only these input classes")
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per size; the best counts")
    parser.add_argument("--measure", nargs=2, metavar=("CLASS", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure_here(args.measure[0], int(args.measure[1]))
        return 0
    failed = []
    for name in args.only or INPUTS:
        if not curve(name, args.steps, args.base, args.bound, args.floor, args.repeat):
            failed.append(name)
    if failed:
        print(f"over the bound of ×{args.bound} per doubling: {', '.join(failed)}")
        return 1
    print(f"every curve within ×{args.bound} per doubling")
    return 0


if __name__ == "__main__":
    sys.exit(main())
