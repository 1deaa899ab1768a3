"""Linear work on hostile inputs (issue 20, item 3), shown without timing.

The acronym definitions look back over a bounded window of words (``_words_back``) instead of
re-reading the paragraph for each acronym; here it is checked to find the same words the
whole-paragraph search found. Work is counted, not timed: Python bytecodes executed
(``work``) and peak memory, at two sizes of an input 4× apart; linear work grows about 4×,
quadratic 16×. The whole-lint counts trace every bytecode and run with ``--slow``. Growth
figures in seconds per doubling, up to 4 MB: ``benchmarks/growth.py``."""

from __future__ import annotations

import gc
import random
import re
import sys
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.checks.packs import load_pack_file
from medlint.engine.config import load_config_file
from medlint.engine.runner import lint_text
from medlint.knowledge.speller import speller
from medlint.model import yamlio
from medlint.model.errors import MedlintError
from medlint.text.acronyms import _words_back
from medlint.text.readability import _three_words


@given(st.text(alphabet="ab (\n", max_size=40), st.integers(0, 40), st.integers(0, 40), st.integers(1, 4))
def test_words_back_is_the_start_of_the_last_words(text, lo, hi, count):
    lo, hi = min(lo, len(text)), min(hi, len(text))
    if lo > hi:
        lo, hi = hi, lo
    words = list(re.compile(r"\S+").finditer(text, lo, hi))
    expected = words[-count:][0].start() if words else None
    assert _words_back(text, lo, hi, count) == expected


# -- counted work: two sizes of each input class ------------------------------------------
def work(fn) -> int:
    """Python bytecodes executed by ``fn()``: a count of work that, unlike a timing, is the
    same on every machine and under any load."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "opcode":
            count += 1
        return local

    def tracer(frame, event, arg):
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        return local

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def peak_memory(fn) -> int:
    """The most memory ``fn()`` held at once (bytes, tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _grows_linearly(measure, make, small: int, factor: int = 4, slack: float = 1.6) -> tuple[int, int]:
    """``measure`` of the input at ``small`` and at ``factor`` times that: linear work grows
    ``factor``-fold, quadratic ``factor``²-fold; ``slack`` leaves room for fixed costs."""
    a, b = measure(make(small)), measure(make(small * factor))
    assert b <= a * factor * slack, (a, b)
    return a, b


@given(st.integers(0, 2**32))
@settings(max_examples=5, deadline=None)
def test_a_long_token_costs_the_speller_a_bounded_amount(seed):
    """A token without spaces (a scraper's glued text): the run-together and near-miss tests
    stop at the longest word the lists hold, so four times the token is not sixteen times the
    work nor the memory (every split point sliced, every one-edit variant of it built: copies
    made inside the interpreter, which the bytecode count misses and the memory shows)."""
    sp = speller()
    sp.judge("qwzrtplkqwzrtplk", "lower", _Words())  # load every list outside the count

    def judge(token: str):
        return lambda: sp.judge(token, "lower", _Words())

    letters, rng = "abcdefghijklmnopqrstuvwxyz", random.Random(seed)
    make = lambda n: judge("".join(rng.choice(letters) for _ in range(n)))  # noqa: E731
    _grows_linearly(lambda fn: work(fn), make, 400)
    _grows_linearly(lambda fn: peak_memory(fn), make, 400)


class _Words:
    """A paragraph's words, as ``Speller.judge`` asks for them."""

    def words(self) -> frozenset:
        return frozenset()


_UNITS = {
    "long paragraph": (
        "The Mental Health Foundation (MHF) says talking therapy (TT) helps with GAD, or generalised anxiety "
        "disorder. Dr. Lee et al. found 3.5 mg, i.e. a low dose, helped in 2021. ",
        None,
    ),
    "one-word lines": ("\n".join(["anxiety", "sleep", "mood", "therapy"]) + "\n", "lines.txt"),
    "markdown": ("## Sleep {i}\n\nLow mood and poor sleep go together, says review {i}. Keep a routine.\n\n- Walk daily {i}.\n\n", None),
    "long token": ("ab", None),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(_UNITS))
def test_no_stage_is_super_linear(name):
    """Every stage of a lint, counted in bytecodes, on an input class at two sizes (4× apart):
    linear work grows about 4×, a stage that re-reads its input per item 16×. Slow: the count
    traces every bytecode."""
    unit, path = _UNITS[name]
    lint_text("Warm up the rules and dictionaries.")

    def make(size: int):
        if "{i}" in unit:
            text = "".join(unit.format(i=i) for i in range(size // len(unit) + 1))
        elif name == "long token":
            text = "Start " + unit * (size // len(unit)) + " end.\n"
        else:
            text = unit * (size // len(unit) + 1)
        return lambda: lint_text(text, path=path)

    _grows_linearly(work, make, 8000)


def _pack_file(folder, family: str, count: int):
    """A user pack of ``count`` made-up two-word phrases (and one the article holds), with a
    config naming it; the config's path."""
    body = "".join(f"      - qz{i:x}term zv{i % 97}\n" for i in range(count)) + "      - mood support\n"
    (folder / f"{family}.yaml").write_text(
        f"pack: p{family}\nfamily: {family}\nrules:\n  - code: {family}001\n    name: many-{family.lower()}\n"
        "    kind: existence\n    message: 'No “{match}”.'\n    summary: s\n    what: w\n    why: y\n"
        f"    example: e\n    fix: f\n    source: s\n    tokens:\n{body}", encoding="utf-8")
    config = folder / f"{family}.medlint.yaml"
    config.write_text(f"packs: [{family}.yaml]\n", encoding="utf-8")
    return config


def _ignore_file(folder, count: int):
    """A config whose ``ignore`` list has ``count`` entries; its path."""
    config = folder / f"ignore{count}.medlint.yaml"
    config.write_text("ignore:\n" + "".join(f"  - {c}\n" for c in ["RDB", "SPL003", "LNG", "GRM"] * (count // 4)), encoding="utf-8")
    return config


@pytest.mark.slow
def test_a_large_user_pack_and_ignore_list_cost_linear_work(tmp_path):
    """A user pack of many phrases and a config with a long ``ignore`` list: loading and
    linting a fixed article grows with the list, not with the list times the article or the
    rules."""
    article = "We help people with low mood. Mood support matters.\n" * 40
    lint_text("Warm up the rules and dictionaries.")
    families = iter("ABCDEFGH")

    def pack(count: int):
        config = _pack_file(tmp_path, "ZQ" + next(families), count)
        return lambda: lint_text(article, config=load_config_file(config))

    def ignore(count: int):
        config = _ignore_file(tmp_path, count)
        return lambda: lint_text(article, config=load_config_file(config))

    _grows_linearly(work, pack, 2000)
    _grows_linearly(work, ignore, 4000)


def collector_work(fn) -> int:
    """Objects the cyclic garbage collector examined while ``fn()`` ran: the sizes of the
    generations each collection scanned. Bytecode counts miss this work (the collector is C);
    it was a third of loading a 4 MB config, and grew faster than the input."""
    examined = 0

    def count(phase, info):
        nonlocal examined
        if phase == "start":
            examined += sum(len(gc.get_objects(g)) for g in range(info["generation"] + 1))

    gc.callbacks.append(count)
    try:
        fn()
    finally:
        gc.callbacks.remove(count)
    return examined


def test_loading_a_large_config_or_pack_costs_the_collector_linear_work(tmp_path):
    """A long ``ignore`` list and a user pack of many phrases build a million long-lived objects
    at 4 MB. Collected as they were built, each full collection re-scanned all built so far:
    four times the entries made six to eight times the collector's work. Loading now holds the
    collector off (``collector.paused``): what it built is examined once afterwards."""
    lint_text("Warm up the rules and dictionaries.")
    families = iter("ABCDEFGH")

    def ignore(count: int):
        config = _ignore_file(tmp_path, count)
        return lambda: load_config_file(config)

    def pack(count: int):
        config = _pack_file(tmp_path, "ZR" + next(families), count)
        return lambda: load_pack_file(config.with_name(config.name.replace(".medlint", "")))

    _grows_linearly(collector_work, ignore, 20000, slack=1.5)
    _grows_linearly(collector_work, pack, 10000, slack=1.5)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_resumes_as_it_was_after_a_load(enabled):
    """The pause ends with the load (or the parse and checks of an article), also when the YAML
    is refused, and leaves a collector that was already off (a caller's own pause) off."""
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert yamlio.load("a: [1, 2]\n", "x.yaml", MedlintError) == {"a": [1, 2]}
        assert gc.isenabled() is enabled
        with pytest.raises(MedlintError, match="aliases"):
            yamlio.load("a: &x [1]\nb: *x\n", "x.yaml", MedlintError)
        assert gc.isenabled() is enabled
        lint_text("---\ntitle: Low mood\n---\nMany people feel low for a while.\n")  # parsing and checking pause it too
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@given(st.text(alphabet="ab .,'-\n\t\u00a0é_!?", max_size=30))
def test_three_words_reads_tokens_as_the_pattern_did(piece):
    """Readability's sentence count asks whether a piece holds three tokens with a word
    character; read token by token it answers as the one expression did, without backtracking
    over every split of a long token (a 10 KB token without spaces took minutes)."""
    pattern = re.compile(r"\w\S*\s[\s\S]*?\w\S*\s[\s\S]*?\w")
    assert _three_words(piece) == bool(pattern.search(piece))
