"""Time medlint and the peer prose linters on the same articles; print a table.

    python benchmarks/peers.py [--corpus ../shared/corpus/articles] [--sizes 76,1000,10000]
                               [--install] [--budget 600]

For each size the corpus is copied (and replicated, with numbered file names, up to the size)
into a temporary folder; every tool runs on that folder (or its file list) once. Printed per
tool and size: wall time including start-up, words per second, and peak memory (the largest
resident set of the tool's process tree, from ``wait4``). medlint runs cold (``--no-cache``,
default rules, no LanguageTool) and warm (second run over the same files with the cache).

Peers: ``proselint`` and ``codespell`` (PyPI), ``write-good`` and ``alex`` (npm). ``--install``
puts them in ``benchmarks/.tools/`` first; a tool that is not found is reported as missing. A
tool whose previous size took longer than ``--budget`` seconds is skipped at larger sizes.
This is a measuring script, not a test: it asserts nothing and prints figures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE / ".tools"
WORD = re.compile(r"\w+")


def _which(name: str, *extra_dirs: Path) -> str | None:
    for d in extra_dirs:
        cand = d / name
        if cand.exists():
            return str(cand)
    return shutil.which(name)


def install_peers() -> None:
    TOOLS.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(TOOLS / "venv")], check=True)
    subprocess.run([str(TOOLS / "venv" / "bin" / "pip"), "install", "-q", "proselint", "codespell"], check=True)
    if shutil.which("npm"):
        subprocess.run(["npm", "install", "--silent", "--prefix", str(TOOLS / "npm"), "write-good", "alex"], check=True)


def build_site(corpus: Path, size: int, root: Path) -> tuple[Path, int]:
    """Copy the corpus into ``root`` and replicate it to ``size`` files; return (folder, words)."""
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt"))
    site = root / f"site-{size}"
    site.mkdir()
    words = 0
    for i in range(size):
        src = files[i % len(files)]
        text = src.read_text(encoding="utf-8", errors="replace")
        rep = i // len(files)
        name = f"{rep:04d}-{src.name}" if size > len(files) else src.name
        sub = site / f"batch{rep // 10:03d}"
        sub.mkdir(exist_ok=True)
        (sub / name).write_text(text, encoding="utf-8")
        words += len(WORD.findall(text))
    return site, words


def run(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB, and exit code of one command (its whole process tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss // 1024, proc.returncode


def run_batched(base: list[str], files: list[str], cwd: Path, batch: int = 500) -> tuple[float, int, int]:
    """For CLIs that take file names only: run over the files in batches, adding up the time."""
    total, peak, code = 0.0, 0, 0
    for i in range(0, len(files), batch):
        wall, rss, rc = run(base + files[i : i + batch], cwd)
        total, peak, code = total + wall, max(peak, rss), max(code, rc)
    return total, peak, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "articles")
    ap.add_argument("--sizes", default="76,1000,10000")
    ap.add_argument("--install", action="store_true", help="install the peer tools into benchmarks/.tools first")
    ap.add_argument("--budget", type=float, default=600.0, help="skip a tool at larger sizes once it took this long")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if args.install:
        install_peers()
    medlint = _which("medlint", Path(sys.executable).parent)
    tools = {
        "proselint": _which("proselint", TOOLS / "venv" / "bin"),
        "codespell": _which("codespell", TOOLS / "venv" / "bin"),
        "write-good": _which("write-good", TOOLS / "npm" / "node_modules" / ".bin"),
        "alex": _which("alex", TOOLS / "npm" / "node_modules" / ".bin"),
    }
    print(f"machine: {os.cpu_count()} CPUs; medlint --jobs {args.jobs}; corpus {args.corpus}")
    for name, path in tools.items():
        if path is None:
            print(f"{name}: not found (run with --install)")
    print(f"{'tool':<22}{'files':>7}{'words':>10}{'wall s':>9}{'words/s':>11}{'peak MB':>9}  exit")
    slow: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="medlint-bench-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            site, words = build_site(args.corpus, size, Path(tmp))
            files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
            cache = Path(tmp) / f"cache-{size}"
            cache.mkdir()
            runs = {
                "medlint (cold)": lambda site=site: run([medlint, "check", "--exit-zero", "--quiet", "--no-cache", "-j", str(args.jobs), "."], site),
                "medlint (fill cache)": lambda site=site, cache=cache: run([medlint, "check", "--exit-zero", "--quiet", "-j", str(args.jobs), str(site)], cache),
                "medlint (warm)": lambda site=site, cache=cache: run([medlint, "check", "--exit-zero", "--quiet", "-j", str(args.jobs), str(site)], cache),
                "medlint (cold, -j 1)": lambda site=site: run([medlint, "check", "--exit-zero", "--quiet", "--no-cache", "-j", "1", "."], site),
            }
            if tools["proselint"]:
                runs["proselint"] = lambda files=files, site=site: run_batched([tools["proselint"], "check"], files, site)
            if tools["codespell"]:
                runs["codespell"] = lambda site=site: run([tools["codespell"], "."], site)
            if tools["write-good"]:
                runs["write-good"] = lambda files=files, site=site: run_batched([tools["write-good"]], files, site)
            if tools["alex"]:
                runs["alex"] = lambda site=site: run([tools["alex"], "."], site)
            for name, fn in runs.items():
                if name in slow:
                    print(f"{name:<22}{size:>7}{words:>10}  skipped: over {args.budget:g} s at a smaller size")
                    continue
                wall, rss, code = fn()
                if wall > args.budget:
                    slow.add(name)
                print(f"{name:<22}{size:>7}{words:>10}{wall:>9.2f}{words / wall:>11,.0f}{rss:>9}  {code}", flush=True)
            shutil.rmtree(site)


if __name__ == "__main__":
    main()
