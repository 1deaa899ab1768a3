"""Fuzz run (issue 20): fuzzed documents and fuzzed configs through the CLI, counting outcomes.

Documents: front matter with hostile values (dates that do not exist, numbers past Python's
digit limit, YAML tags that cannot be built, nesting thousands deep, TOML and JSON front
matter), and bodies with hostile shapes (NUL bytes, invalid UTF-8, lone CRs, unclosed fences,
HTML and template tags, long tokens, control characters), in Markdown, HTML and plain text.
Configs: ``.medlint.yaml`` files (one per folder, each over one article) whose keys get the same
hostile values, plus nested overrides and unknown keys.

Each batch is one ``medlint check --format json -j 2`` run over a folder of files. A batch
passes when: no traceback is printed; the output is the JSON report;
every error in it names one file or config of the batch, once, in a one-line message that is
not an "internal error", and is the one line printed for it on standard error; the exit code is 2 exactly when there is an error (else 0 or 1). The figures printed are the counts of
documents and configs run, of errors reported (by kind) and of failures, with a sample of
each failure.

Usage: .venv/bin/python benchmarks/fuzz.py [--docs 20000] [--configs 2000] [--batch 1000] [--seed 1]

A script that prints figures; tests/test_hostile_values.py holds the always-on smaller version.
"""

from __future__ import annotations

import argparse
import json
import re
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

MEDLINT = [str(Path(sys.executable).parent / "medlint")]
#: How the CLI prints an error on standard error: one line, file (and line) first.
ERROR_LINE = re.compile(r"^\S.*?(?::\d+)?: (?:[a-z]+ )*error: \S")


def date(rng: random.Random) -> str:
    return f"{rng.randint(0, 9999):04}-{rng.randint(0, 99):02}-{rng.randint(0, 99):02}"


def number(rng: random.Random) -> str:
    return rng.choice([
        str(rng.randint(-10**30, 10**30)), "9" * rng.randint(4000, 6000), "1e999", "-.inf", ".nan", "0x", "0o9",
        "1_000", "!!float abc", "!!int 1.5", "!!float 1e99999", "0b102", "+-1",
    ])


def scalar(rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return date(rng)
    if kind == 1:
        return number(rng)
    if kind == 2:
        return "".join(rng.choice("ab:-#[]{}!&*|>'\" ,\\%@`") for _ in range(rng.randint(0, 10)))
    if kind == 3:
        return rng.choice(["true", "no", "~", "null", "''", '""', "2024-02-30T25:61:00Z", "12:30:99"])
    return rng.choice(["SAF", "ALL", "RDB001", "*", "[", "{}", "x" * rng.randint(1, 300)])


def value(rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return scalar(rng)
    if kind == 1:
        tag = rng.choice(["!!str", "!!int", "!!float", "!!bool", "!!timestamp", "!!binary", "!!null", "!!set", "!!omap", "!!map", "!!seq"])
        return f"{tag} {scalar(rng)}"
    if kind == 2:
        depth = rng.choice([2, 50, 500, 3000])
        return "[" * depth + scalar(rng) + "]" * depth
    if kind == 3:
        return "[" + ", ".join(scalar(rng) for _ in range(rng.randint(0, 4))) + "]"
    depth = rng.randint(1, 40)
    return "".join("{a: " for _ in range(depth)) + scalar(rng) + "}" * depth


BODIES = [
    "He committed suicide. Call 988 or the Lifelineat 988.\n",
    "Anxiety is common. SSRIs (selective serotonin reuptake inhibitors) help.\n",
    "# Title\n\n```\ncode \u0000 here\n",
    "Line one\rline two\r\rline three.\n",
    "<div><p>Hello <b>there</p></div><script>x</script>\n",
    "{% if x %}Hidden{{ y }}{% endfor %}\n",
    "Text \x1b]0;title\x07 with escapes.\n",
    "a" * 5000 + "\n",
    "- item\n  - nested\n    > quote\n\n| a | b |\n|---|\n| 1 |\n",
    "<!-- medlint-disable XYZ999 -->\nText.\n<!-- medlint-enable -->\n",
]
FRONT_KEYS = ["updated", "date", "published", "reviewed", "tags", "title", "author", "sources", "x", "lang", "draft"]
CONFIG_KEYS = ["select", "ignore", "extend-select", "fail-on", "severity", "options", "exclude", "overrides", "packs",
               "ignore-patterns", "ignore-blocks", "unknown-key"]


def document(rng: random.Random) -> tuple[str, bytes]:
    """A fuzzed document: (file name, bytes)."""
    suffix = rng.choice([".md", ".md", ".md", ".markdown", ".html", ".txt", ".mdx"])
    body = "".join(rng.choice(BODIES) for _ in range(rng.randint(1, 3)))
    style = rng.randrange(5)
    if style == 4:
        front = f"---\ntitle: A post\ndate: {date(rng)}\ntags: [a, b]\n---\n"
    elif style == 0:
        front = "---\n" + "".join(f"{rng.choice(FRONT_KEYS)}: {value(rng)}\n" for _ in range(rng.randint(1, 4))) + "---\n"
    elif style == 1:
        front = "+++\n" + f"{rng.choice(FRONT_KEYS)} = {rng.choice([date(rng), number(rng), '[' * rng.randint(1, 600)])}\n" + "+++\n"
    elif style == 2:
        front = "{\n" + f'"{rng.choice(FRONT_KEYS)}": {rng.choice([number(rng), "[" * rng.randint(1, 3000), date(rng)])}\n' + "}\n"
    else:
        front = ""
    data = (front + body).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:  # a stray byte that is not UTF-8, or a NUL late in the file
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice([b"\xff", b"\xc3", b"\x00", b"\r"]) + data[at:]
    return f"doc{suffix}", data


#: Values a config may well hold, so that half the configs load and their articles are checked.
VALID = {
    "select": ["[SAF]", "[ALL]", "[LNG, SPL003]", "['CLM*']"],
    "ignore": ["[RDB]", "[spelling]", "[]"],
    "extend-select": ["[RDB]", "[]"],
    "fail-on": ["error", "warning", "info"],
    "severity": ["{SAF: info}", "{LNG001: error}"],
    "options": ["{readability: {target-grade: 9}}", "{}"],
    "exclude": ["['drafts/**']", "['*.txt']"],
    "ignore-patterns": ["['[$][^$]+[$]']"],
}


def config(rng: random.Random) -> str:
    """A fuzzed ``.medlint.yaml``: valid keys with valid values and one hostile value at most."""
    lines = [f"{key}: {rng.choice(values)}" for key, values in rng.sample(sorted(VALID.items()), rng.randint(0, 3))]
    for _ in range(rng.randint(0, 1)):
        key = rng.choice(CONFIG_KEYS)
        if key == "overrides" and rng.random() < 0.5:
            lines.append(f"overrides:\n  - files: [{scalar(rng)}]\n    {rng.choice(['select', 'ignore', 'severity', 'options'])}: {value(rng)}")
        else:
            lines.append(f"{key}: {value(rng)}")
    return "\n".join(lines) + "\n"


def run_batch(folder: Path, expected: set[str]) -> tuple[Counter, list[str]]:
    """Run the CLI over ``folder`` (JSON output); (error counts by kind, failures)."""
    res = subprocess.run([*MEDLINT, "check", "--no-cache", "--format", "json", "-j", "2", "."], cwd=folder,
                         capture_output=True, timeout=3600)
    stderr = res.stderr.decode("utf-8", "replace")
    failures = []
    if "Traceback" in stderr:
        failures.append("traceback: " + stderr[stderr.index("Traceback") :][-300:])
    printed = [line for line in stderr.splitlines() if line.strip() and not line.startswith("medlint: ")]  # not notices
    failures += [f"not an error line on standard error: {line[:200]}" for line in printed if not ERROR_LINE.match(line)]
    try:
        errors = json.loads(res.stdout)["errors"]
    except (ValueError, KeyError) as exc:
        return Counter(), [*failures, f"output is not the JSON report ({exc}): {res.stdout[:200]!r}"]
    counts: Counter = Counter()
    named: Counter = Counter()
    prefix = str(folder.resolve()) + "/"
    for error in errors:
        path = error["path"].removeprefix(prefix).removeprefix(str(folder) + "/")
        message = error["message"]
        kind = "config" if path.endswith(".medlint.yaml") else "input"
        where = f"{path}:{error.get('line')}: {message[:160]}"
        if path not in expected:
            failures.append(f"names no file of the batch: {where}")
        if "\n" in message.strip():
            failures.append(f"more than one line: {where}")
        if "internal error" in message:
            failures.append(f"internal error: {where}")
        if error.get("line") is None and kind == "input":
            counts["input errors without a line"] += 1
        named[path] += 1
        counts[f"{kind} errors"] += 1
    failures += [f"{path} reported {n} times" for path, n in named.items() if n > 1]
    if len(printed) != len(errors):
        failures.append(f"{len(errors)} errors in the report, {len(printed)} lines on standard error")
    if res.returncode != (2 if errors else res.returncode if res.returncode in (0, 1) else -1):
        failures.append(f"exit {res.returncode} with {len(errors)} errors")
    return counts, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--configs", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    totals: Counter = Counter()
    failures: list[str] = []
    for kind, count in (("configs", args.configs), ("docs", args.docs)):
        done = 0
        while done < count:
            size = min(args.batch, count - done)
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                expected = set()
                for i in range(size):
                    folder = root / f"f{i}"
                    folder.mkdir()
                    if kind == "docs":
                        name, data = document(rng)
                        (folder / name).write_bytes(data)
                        expected.add(f"f{i}/{name}")
                    else:
                        (folder / ".medlint.yaml").write_text(config(rng), encoding="utf-8")
                        (folder / "a.md").write_text(rng.choice(BODIES), encoding="utf-8")
                        expected |= {f"f{i}/.medlint.yaml", f"f{i}/a.md"}
                counts, failed = run_batch(root, expected)
            totals.update({f"{kind}: {k}": v for k, v in counts.items()})
            failures += failed
            done += size
            print(f"{kind}: {done:,} run, {sum(counts.values())} errors in this batch, {len(failed)} failures", flush=True)
    print(f"documents {args.docs:,}, configs {args.configs:,}")
    for key, n in sorted(totals.items()):
        print(f"  {key}: {n:,}")
    print(f"failures: {len(failures)}")
    for line in failures[:20]:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
