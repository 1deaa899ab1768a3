"""Benchmark: is medlint fast where users feel it? (issue 18). Prints medians side by side.

    .venv/bin/python benchmarks/speed.py [--corpus ../shared/corpus/articles] [--repeat 5]
                                         [--sites 1000,10000] [--jobs 2]

Scenarios, each printed with its target:

- **one file** (the article of 001–076 nearest 550 words), cold process, no cache: medlint,
  codespell and proselint, run in turn (alternating, so load on a shared machine falls on all
  alike), ``--repeat`` times; medians of wall and CPU (user + sys) time. Target: medlint ≤ 0.20 s
  wall and ≤ 1.2× codespell.
- **76 articles** (001–076): medlint cold (``--no-cache``) with ``--jobs 1`` and ``--jobs 2``,
  warm (a filled cache, ``--jobs 2``), proselint and codespell, alternating. Target: medlint cold
  ``--jobs 2`` ≤ 0.40× proselint's wall time in the same run.
- **replicated sites** (the whole corpus copied to 1,000 and 10,000 files, as
  ``benchmarks/peers.py`` builds them): medlint alone, ``--jobs`` workers, no cache, JSON output
  (the format that holds the most), once each: wall, CPU, peak RSS of the largest process of the
  run (``wait4``), and CPU seconds per million words. Target at 10,000: peak ≤ 400 MB and
  ≤ 12 s CPU per 1,000,000 words.

proselint and codespell are benchmark tools only (``pip install -e '.[bench]'``); a missing one
is said so and its rows are left out. A measuring script, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peers import WORD, build_site  # same folder: one way to replicate the corpus

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
#: The tools run as installed for users: with byte-code written and reused (an environment that
#: sets PYTHONDONTWRITEBYTECODE would time compiling every module at each start).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def tool(name: str) -> str | None:
    """The tool beside this interpreter, else on PATH; None (and a line saying so) when missing."""
    found = str(BIN / name) if (BIN / name).exists() else shutil.which(name)
    if found is None:
        print(f"{name}: not installed (pip install -e '.[bench]'); its rows are left out")
    return found


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + sys of the whole process tree) and peak RSS in MB of the
    largest process, for one command with its output thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def alternate(commands: dict[str, tuple[list[str], Path]], repeat: int) -> dict[str, tuple[float, float, float]]:
    """Run the commands in turn, ``repeat`` rounds after one untimed round (byte-code written,
    files in the page cache); per command the medians (wall, CPU, RSS)."""
    seen: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for cmd, cwd in commands.values():
        run(cmd, cwd)
    for _ in range(repeat):
        for name, (cmd, cwd) in commands.items():
            seen[name].append(run(cmd, cwd))
    return {name: tuple(statistics.median(col) for col in zip(*rows)) for name, rows in seen.items()}  # type: ignore[misc]


def table(title: str, rows: dict[str, tuple[float, float, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'':<28}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}")
    for name, (wall, cpu, rss) in rows.items():
        print(f"  {name:<28}{wall:>9.3f}{cpu:>9.3f}{rss:>9.0f}")


def verdict(text: str, ok: bool) -> None:
    print(f"  target: {text}: {'met' if ok else 'NOT MET'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "articles")
    ap.add_argument("--repeat", type=int, default=5, help="alternating rounds for the one-file and 76-article runs")
    ap.add_argument("--sites", default="1000,10000", help="replicated site sizes (empty: none)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (give --corpus)")
    medlint = tool("medlint")
    if medlint is None:
        sys.exit("medlint is not installed beside this interpreter")
    codespell, proselint = tool("codespell"), tool("proselint")
    articles = sorted(p for p in args.corpus.iterdir() if p.is_file() and p.name[:3].isdigit() and int(p.name[:3]) <= 76)
    words = {p: len(WORD.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in articles}
    one = min(articles, key=lambda p: (abs(words[p] - 550), p.name))
    medlint_check = [medlint, "check", "--exit-zero", "--quiet"]
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; {args.repeat} alternating rounds, medians")

    with tempfile.TemporaryDirectory(prefix="medlint-speed-") as tmp:
        root = Path(tmp)
        # -- one file ---------------------------------------------------------------------------
        single = root / "one"
        single.mkdir()
        shutil.copy(one, single / one.name)
        cmds = {"medlint (no cache)": (medlint_check + ["--no-cache", one.name], single)}
        if codespell:
            cmds["codespell"] = ([codespell, one.name], single)
        if proselint:
            cmds["proselint"] = ([proselint, "check", one.name], single)
        rows = alternate(cmds, args.repeat)
        table(f"one file: {one.name} ({words[one]} words), cold process", rows)
        wall = rows["medlint (no cache)"][0]
        verdict(f"medlint ≤ 0.20 s wall ({wall:.3f})", wall <= 0.20)
        if codespell:
            verdict(f"medlint ≤ 1.2× codespell ({wall / rows['codespell'][0]:.2f}×)", wall <= 1.2 * rows["codespell"][0])

        # -- 76 articles --------------------------------------------------------------------------
        site = root / "site76"
        site.mkdir()
        for p in articles:
            shutil.copy(p, site / p.name)
        names = sorted(p.name for p in articles)
        cache_dir = root / "cache76"  # the warm runs' cache: here, outside the articles; the untimed round fills it
        cache_dir.mkdir()
        cmds = {
            "medlint cold -j 1": (medlint_check + ["--no-cache", "-j", "1", "."], site),
            f"medlint cold -j {args.jobs}": (medlint_check + ["--no-cache", "-j", str(args.jobs), "."], site),
            f"medlint warm cache -j {args.jobs}": (medlint_check + ["-j", str(args.jobs), str(site)], cache_dir),
        }
        if codespell:
            cmds["codespell"] = ([codespell, "."], site)
        if proselint:
            cmds["proselint"] = ([proselint, "check", *names], site)
        rows = alternate(cmds, args.repeat)
        table(f"76 articles 001–076 ({sum(words.values()):,} words)", rows)
        if proselint:
            cold = rows[f"medlint cold -j {args.jobs}"][0]
            ratio = cold / rows["proselint"][0]
            verdict(f"medlint cold -j {args.jobs} ≤ 0.40× proselint ({ratio:.2f}×)", ratio <= 0.40)

        # -- replicated sites -----------------------------------------------------------------------
        for size in (int(s) for s in args.sites.split(",") if s.strip()):
            built, total_words = build_site(args.corpus, size, root)
            wall, cpu, rss = run([medlint, "check", "--exit-zero", "--no-cache", "--format", "json", "-j", str(args.jobs), "."], built)
            per_million = cpu / total_words * 1e6
            table(f"{size:,} replicated articles ({total_words:,} words), -j {args.jobs}, no cache, JSON", {"medlint": (wall, cpu, rss)})
            print(f"  CPU per 1,000,000 words: {per_million:.1f} s")
            if size >= 10000:
                verdict(f"peak RSS ≤ 400 MB ({rss:.0f})", rss <= 400)
                verdict(f"≤ 12 s CPU per 1,000,000 words ({per_million:.1f})", per_million <= 12)
            shutil.rmtree(built)


if __name__ == "__main__":
    main()
