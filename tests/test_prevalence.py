"""The prevalence figures of FCT012 (rules/prevalence.yaml) treated as code: every figure sourced
and dated, inside its own tolerance, naming a condition, populations and a publisher the file
defines; each official figure, said in a plain sentence, passes and a figure several times
larger is reported; the file is read only when FCT012 runs on a document with a figure."""

from __future__ import annotations

import re

import pytest

from medlint.checks.terminology.prevalence import FIGURE, _figures, load_prevalence
from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.engine.runner import lint_document
from medlint.knowledge.resources import load_data
from medlint.model.document import Document
from medlint.text.prefilter import fold

DATA = load_data("prevalence.yaml")

#: How a test sentence names each population and measure.
POPULATION = {"us-adults": "US adults", "americans": "Americans", "us": "people in the US", "england-adults": "adults in England",
              "world": "people worldwide", "world-adults": "adults worldwide"}
MEASURE = {"12-month": " in the past year", "lifetime": " at some point in their lives", "point": ""}


def findings(text: str, *codes: str) -> list[str]:
    registry.load()
    settings = parse_config({"select": list(codes) or ["FCT012"]}, "t.yaml").settings_for("-")
    return [d.code for d in lint_document(Document(text, "t.md"), settings).diagnostics]


def test_every_figure_is_sourced_dated_and_inside_its_tolerance():
    ids = [f["id"] for f in DATA["figures"]]
    assert len(ids) == len(set(ids))
    for f in DATA["figures"]:
        low, high = f["accept"]
        assert low <= f["figure"] <= high, f["id"]
        first, last = f["years"]
        assert first <= last, f["id"]
        assert f["condition"] in DATA["conditions"], f["id"]
        assert set(f["populations"]) <= set(DATA["populations"]), f["id"]
        assert f["publisher"] in DATA["publishers"], f["id"]
        assert f["source"]["url"].startswith("https://") and f["source"]["date"] and f["source"]["read"], f["id"]
        assert f["publisher"] in f["source"]["title"], f["id"]


def test_every_pattern_compiles():
    kb = load_prevalence()
    assert {c.name for c in kb.conditions} == set(DATA["conditions"])
    for names in DATA["publishers"].values():
        for name in names:
            re.compile(name)


def _sentence(f: dict, value: float) -> str:
    population = POPULATION[f["populations"][0]]
    measure = MEASURE[f["measure"]]
    if f["condition"] == "suicide-deaths":
        return f"Each year, {value:,.0f} {population} die by suicide.\n"
    plain = (t.replace("?", "") for t in reversed(DATA["conditions"][f["condition"]]["terms"]))
    condition = next(t for t in plain if re.fullmatch(r"[\w' -]+", t))
    if f["unit"] == "percent":
        return f"About {value:g}% of {population} have {condition}{measure}.\n"
    return f"About {value / 1e6:g} million {population} have {condition}{measure}.\n"


@pytest.mark.parametrize("figure", DATA["figures"], ids=lambda f: f["id"])
def test_the_official_figure_passes_and_a_far_one_is_reported(figure):
    assert findings(_sentence(figure, figure["figure"])) == [], figure["id"]
    assert findings(_sentence(figure, figure["accept"][1] * 4)) == ["FCT012"], figure["id"]


def test_the_file_is_read_only_when_fct012_runs_on_a_figure():
    load_prevalence.cache_clear()
    assert findings("About 12% of US adults have bipolar disorder in a given year.\n", "FCT001") == []
    assert load_prevalence.cache_info().currsize == 0
    assert findings("Bipolar disorder is common in the United States.\n") == []
    assert load_prevalence.cache_info().currsize == 0
    assert findings("About 12% of US adults have bipolar disorder in a given year.\n") == ["FCT012"]
    assert load_prevalence.cache_info().currsize == 1


@pytest.mark.parametrize("text", [
    "Roughly 7 percent of adults, or one in 14, said so; 12–15% did not.",
    "Some 21 million people (about 8.3%) and NINE OUT OF TEN doctors agree.",
    "None in the room knew; seven in every 100 did, and 1,200,000 more in 2019.",
    "Between 3 and 5 per cent, not 40 per\u00a0cent: two out of three.",
    "No figure at all here, only words about one thing.",
])
def test_figures_found_only_where_a_hint_begins_are_every_figure(text):
    """``_figures`` tries FIGURE only where a digit or a number word begins: the same matches as
    FIGURE's own scan, over the whole text and over any slice of it."""
    folded = fold(text)
    for start in range(0, len(text), 7):
        for end in (len(text), len(text) - 9, start + 20):
            if start <= end <= len(text):
                want = [m.span() for m in FIGURE.finditer(text, start, end)]
                assert [m.span() for m in _figures(text, folded, start, end)] == want
