"""The regulatory knowledge base checked like code: sources, dates, aliases, wording.

Clinical findings rest on rules/regulatory-facts.yaml, so a missing source, an invented date
or an alias shared by two products is a failing test, not a silent wrong finding.
"""

from __future__ import annotations

import copy
import re
from medlint.knowledge.resources import read_data, rules_dir

import pytest
import yaml

from conftest import DATA
from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.engine.runner import lint_document
from medlint.model.errors import PackError
from medlint.knowledge.kb import FactDate, KnowledgeBase, alias_owners, load_kb

#: The verified regulatory facts medlint's KB is built from (a copy of shared/reference; the
#: benchmark benchmarks/corpus_checks.py says whether it still matches the original).
REFERENCE = DATA / "reference" / "regulatory-facts.yaml"
_META = re.compile(r"[\\\[\](){}?*+|^$.]")


def _raw():
    """The KB as plain YAML data (to break on purpose)."""
    text = (rules_dir() / "regulatory-facts.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _kb_from(data) -> KnowledgeBase:
    """The KB read from ``data`` written as YAML, as ``load_kb`` reads the shipped file."""
    return KnowledgeBase(read_data("regulatory-facts.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))


def test_the_shipped_kb_loads():
    kb = load_kb()
    assert {"ketamine", "esketamine", "tms", "brexanolone", "psilocybin"} <= set(kb.products)


def test_every_entry_has_a_source():
    kb = load_kb()
    for p in kb.products.values():
        assert p.source, p.id
        for e in p.events:
            assert e.source and all(s.strip() for s in e.source), (p.id, e.indication)
        for n in p.not_approved:
            assert n.source, (p.id, n.note)
        for c in p.changes:
            assert c.source, (p.id, c.id)
        if p.complete:
            assert p.complete.source and p.complete.note, p.id


def test_every_event_has_a_date_or_says_why_not():
    kb = load_kb()
    for p in kb.products.values():
        for e in p.events:
            assert e.date is not None or e.undated.strip(), (p.id, e.indication)


def test_every_date_in_the_file_parses():
    for entry in _raw()["products"]:
        for item in [*(entry.get("events") or []), *(entry.get("changes") or [])]:
            if "date" in item:
                FactDate.parse(item["date"])  # raises on anything else


def test_unverified_dates_are_marked_and_never_stated():
    kb = load_kb()
    unverified = [(p.id, e) for p in kb.products.values() for e in p.events if e.date and not e.date.verified]
    assert unverified, "the reference has UNVERIFIED dates; the KB must keep them marked"
    for pid, e in unverified:
        assert e.dated == "" and str(e.date.year) not in e.describe(), pid


def test_no_date_is_invented():
    """Every verified date in the KB appears in the reference (or, to the day, in its source)."""
    reference = REFERENCE.read_text(encoding="utf-8")
    kb = load_kb()
    for p in kb.products.values():
        dated = [(e.date, e.source) for e in p.events if e.date and e.date.verified]
        dated += [(c.date, c.source) for c in p.changes]
        for when, sources in dated:
            text = str(when)
            assert text in reference or any(text in s for s in sources), f"{p.id}: {text} is not in the reference"


def test_no_alias_belongs_to_two_products():
    clashes = {a: o for a, o in alias_owners(load_kb()).items() if len(o) > 1}
    assert not clashes


def test_each_plain_alias_finds_only_its_own_product():
    kb = load_kb()
    for p in kb.products.values():
        for alias in p.aliases:
            if _META.search(alias):
                continue
            found = kb.product_mentions(f"About {alias} today.")
            assert [(m.id, m.end - m.start) for m in found] == [(p.id, len(alias))], alias


@pytest.mark.parametrize(
    "text, product",
    [("ketamine", "ketamine"), ("Ketalar", "ketamine"), ("esketamine", "esketamine"), ("Spravato", "esketamine"),
     ("S-ketamine", "esketamine"), ("racemic ketamine", "ketamine")],
)
def test_ketamine_and_esketamine_stay_apart(text, product):
    assert [m.id for m in load_kb().product_mentions(f"Take {text} now.")] == [product]


def test_distinct_terms_are_not_the_product():
    kb = load_kb()
    assert kb.product_mentions("A taVNS earpiece is not an implant.") == []
    assert kb.product_mentions("Ketamine-like drugs are in trials.") == []


@pytest.mark.parametrize("alias", ["esk(etamine", "tms[", "a)|(b"])
def test_a_bad_alias_pattern_is_a_load_error_naming_it(alias):
    data = _raw()
    data["products"][0]["aliases"].append(alias)
    with pytest.raises(PackError, match="bad alias pattern"):
        _kb_from(data)


def test_conditions_form_a_hierarchy_without_unknown_names():
    kb = load_kb()
    assert kb.within("trd", "depression") and kb.within("trd", "mdd")
    assert not kb.within("depression", "trd")
    for c in kb.conditions.values():
        assert all(b in kb.conditions for b in c.broader)


def test_every_condition_named_by_a_fact_exists():
    kb = load_kb()
    for p in kb.products.values():
        for e in p.events:
            assert all(c in kb.conditions for c in e.conditions)


def _lint(text):
    registry.load()
    settings = parse_config({"select": ["REG", "FCT"]}, "t.yaml").settings_for("-")
    return lint_document(Document(text + "\n", "wording.md"), settings).diagnostics


def test_every_wording_a_fix_offers_passes_reg_and_fct():
    """A fix that the next pass would flag again would never settle (and would be wrong)."""
    for p in load_kb().products.values():
        assert _lint(p.wording) == [], p.id
        for c in p.changes:
            assert _lint(c.wording) == [], c.id


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda d: d["products"][0].pop("source"), "source"),
        (lambda d: d["products"][0]["events"][0].__setitem__("date", "1970-13"), "date"),
        (lambda d: d["products"][0]["events"][0].pop("date"), "undated"),
        (lambda d: d["products"][0].__setitem__("colour", "red"), "unknown key"),
        (lambda d: d["products"][1]["aliases"].append("ketamine"), "several products"),
        (lambda d: d["products"][0]["events"][0].__setitem__("conditions", ["no-such-condition"]), "unknown condition"),
        (lambda d: d["products"][0]["events"][0].__setitem__("status", "approvedish"), "status"),
    ],
)
def test_a_broken_kb_is_an_error_naming_the_problem(breakage, message):
    data = copy.deepcopy(_raw())
    breakage(data)
    with pytest.raises(PackError) as err:
        _kb_from(data)
    assert message in str(err.value)
    assert err.value.path == "rules/regulatory-facts.yaml" and err.value.line, "the error names the file and line"
