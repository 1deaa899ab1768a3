"""The medicines KB (rules/medicines.json) tested like code: sourced and dated, a class tree, one
owner per name, in step with the inputs it is built from, and consistent with FCT's checks
(every true class statement the KB can make passes; every fix wording of the facts passes)."""

from __future__ import annotations

import copy
import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from medlint.checks.terminology.kb_claims import _shapes
from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.engine.runner import lint_document
from medlint.knowledge.kb import FactDate
from medlint.knowledge.medicines import CLOSED, ROOT, MedicinesKB, load_medicines
from medlint.knowledge.resources import load_data, read_data, rules_dir
from medlint.model.document import Document
from medlint.model.errors import PackError

ROOT_DIR = Path(__file__).resolve().parents[1]
DATA = ROOT_DIR / "tools" / "data"


def raw():
    return json.loads((rules_dir() / "medicines.json").read_text(encoding="utf-8"))


def findings(text: str, *codes: str) -> list[str]:
    registry.load()
    settings = parse_config({"select": list(codes) or ["FCT"]}, "t.yaml").settings_for("-")
    return [d.code for d in lint_document(Document(text, "t.md"), settings).diagnostics]


def plain(pattern: str) -> str:
    """A class name pattern as a writer would spell it, singular: 'selective serotonin
    re-?uptake inhibitors?' -> 'selective serotonin reuptake inhibitor'."""
    out = re.sub(r"\(\?:([^()|]*)(?:\|[^()]*)?\)\?", "", pattern)  # optional groups dropped
    out = re.sub(r"\(\?:([^()|]*)(?:\|[^()]*)?\)", r"\1", out)  # first alternative
    out = out.replace("[- ]", "-").replace("[sz]", "z").replace("-?", "-").replace("\\", "")
    return re.sub(r"s\?$", "", out).replace("s? ", " ")


# -- sourced and dated ----------------------------------------------------------------------------
def test_counts_cover_the_field():
    kb = load_medicines()
    assert len(kb.medicines) >= 150
    assert len(kb.devices) >= 10
    assert sum(1 for m in kb.medicines.values() if m.atc) >= 150


def test_every_source_is_dated_with_a_real_past_date():
    for key, source in raw()["sources"].items():
        when = FactDate.parse(str(source["date"]))
        assert when.first_day() <= date.today(), f"source {key} is dated in the future"
        assert source["ref"].strip(), key


def test_every_field_of_every_entry_names_its_sources():
    data = raw()
    for med in data["medicines"]:
        fields = set(med) - {"id", "sources", "atc_name"}
        assert fields <= set(med["sources"]), f"{med['id']}: fields without a source: {fields - set(med['sources'])}"
        for keys in med["sources"].values():
            assert keys and all(k in data["sources"] for k in keys), med["id"]
    for device in data["devices"]:
        assert device["source"] in data["sources"], device["id"]
    for brand, maker in data["makers"].items():
        assert all(k in data["sources"] for k in maker["source"]), brand


# -- structure -------------------------------------------------------------------------------
def test_classes_form_one_tree():
    kb = load_medicines()
    roots = [c for c in kb.classes.values() if c.parent is None]
    assert [c.id for c in roots] == [ROOT]
    for cid in kb.classes:
        chain = kb.up(cid)
        assert chain[-1] == ROOT and len(chain) == len(set(chain))


def test_no_name_has_two_owners_and_no_name_is_a_class():
    kb = load_medicines()
    owners: dict[str, set[str]] = {}
    for med in kb.medicines.values():
        for name in med.names + med.other_names:
            owners.setdefault(name.lower(), set()).add(med.id)
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}
    pattern = kb.class_pattern[0]
    assert [n for n in owners if pattern.fullmatch(n)] == []


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d["classes"]["ssri"].update(parent="snri") or d["classes"]["snri"].update(parent="ssri"), "cycle"),
    (lambda d: d["classes"]["ssri"].update(parent="nothing"), "not a class"),
    (lambda d: d["medicines"][1]["other_names"].append(d["medicines"][0]["names"][0]), "two medicines"),
    (lambda d: d["medicines"][0].update(classes=["nothing"]), "unknown class"),
    (lambda d: d["medicines"][0]["sources"].pop("classes"), "no source"),
    (lambda d: d["medicines"][0]["sources"].update(atc=["nowhere"]), "not in the sources table"),
    (lambda d: d["makers"].update(Notabrand={"companies": ["pfizer"], "source": ["atc"]}), "not a brand"),
    (lambda d: d["devices"][0].update(technology=["telepathy"]), "unknown technology"),
])
def test_a_broken_kb_is_an_error_naming_the_problem(breakage, message):
    data = copy.deepcopy(raw())
    breakage(data)
    text = json.dumps(data)
    with pytest.raises(PackError, match=message):
        MedicinesKB(read_data("medicines.json", text))


def test_the_generated_file_agrees_with_its_inputs():
    """rules/medicines.json is built by tools/build_medicines.py: the hand-kept facts and the ATC
    rows must be what it says (a hand edit of the output, or a stale build, fails here)."""
    overlay = yaml.safe_load((DATA / "psych-overlay.yaml").read_text(encoding="utf-8"))
    lines = [ln for ln in (DATA / "atc-psych.csv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    atc = {row["atc_code"]: row["atc_name"] for row in csv.DictReader(lines)}
    built = {m["id"]: m for m in raw()["medicines"]}
    assert set(built) == set(overlay["medicines"])
    for mid, facts_in in overlay["medicines"].items():
        out = built[mid]
        assert out["classes"] == facts_in["classes"], mid
        assert out.get("roles", []) == facts_in.get("roles", []), mid
        assert out.get("schedule_us") == facts_in.get("schedule"), mid
        if "atc" in facts_in:
            assert out["atc"] == facts_in["atc"] and out["atc_name"] == atc[facts_in["atc"]], mid
    assert raw()["classes"] == overlay["classes"]


# -- consistency with the checks --------------------------------------------------------------
def test_every_true_class_statement_of_the_kb_passes():
    kb = load_medicines()
    statements = []
    for med in kb.medicines.values():
        for cid in med.classes + med.roles:
            for ancestor in kb.up(cid):
                for name in kb.classes[ancestor].names[:1]:
                    noun = plain(name)
                    article = "an" if re.match(r"[aeiouAEIOU]|SSRI|SNRI|MAOI|FGA|SGA", noun) else "a"
                    statements.append(f"{med.names[0].capitalize()} is {article} {noun}.")
    assert len(statements) > 200
    failing = [s for s in statements if findings(s + "\n", "FCT002")]
    assert failing == []


def test_a_closed_class_claimed_for_a_medicine_outside_it_is_reported():
    kb = load_medicines()
    sample = [m for m in kb.medicines.values() if m.classes == (ROOT,)][:3] + [kb.medicines["bupropion"], kb.medicines["buspirone"]]
    for cid in sorted(CLOSED):
        noun = plain(kb.classes[cid].names[0])
        for med in sample:
            if cid in kb.fair(med):
                continue
            text = f"{med.names[0].capitalize()} is one of the {noun}s.\n"
            assert findings(text, "FCT002") == ["FCT002"], text


def test_every_fix_wording_of_the_facts_passes_the_checks():
    """Each replacement a fact's fix writes, said of each of the fact's terms, is no finding."""
    checked = 0
    for fact in load_data("terminology-facts.yaml")["facts"]:
        terms = [plain(t) for t in fact.get("terms", ()) if re.fullmatch(r"[\w ]+|[\w]+\[- \][\w ]+", t)]
        for wrong in fact.get("wrong", ()):
            if "replacement" not in wrong:
                continue
            singular, plural = wrong["replacement"]["singular"], wrong["replacement"]["plural"]
            for term in terms:
                if fact["rule"] == "FCT003":
                    texts = [f"{term} is the main {singular} neurotransmitter."]
                elif wrong.get("proper"):
                    texts = [f"{term} is {singular}."]
                else:
                    article = "an" if re.match(r"[aeiouAEIOU]|NMDA", singular) else "a"
                    texts = [f"{term} is {article} {singular}.", f"{term} and other {plural} help."]
                for text in texts:
                    checked += 1
                    assert findings(text[0].upper() + text[1:] + "\n") == [], (fact["id"], text)
    assert checked >= 10


def test_the_kb_loads_only_when_a_rule_needs_it():
    load_medicines.cache_clear()
    _shapes.cache_clear()
    assert findings("Sertraline is an SSRI.\n", "FCT001") == []
    assert load_medicines.cache_info().currsize == 0
    assert findings("Bupropion is an SSRI.\n", "FCT002") == ["FCT002"]
    assert load_medicines.cache_info().currsize == 1


def test_the_name_matcher_places_a_name_only_where_a_word_reads_it():
    """``WordMatcher.find`` looks each distinct word up once and places the names found with
    ``str.find``; it agrees with reading the text word by word: a name run on into letters
    ("xlithium", "lithiums") is no mention, one after digits or a hyphen ("5lithium",
    "-lithium") is, a trailing apostrophe or hyphen is left out, an acronym counts in capitals
    only, and the span bounds the words."""
    from medlint.knowledge.medicines import _WORD, Mention, WordMatcher

    matcher = WordMatcher([("lithium", "li"), ("SSRI", "ssri"), ("Prozac", "fluoxetine")], "t")

    def word_by_word(text: str, start: int, end: int) -> list[Mention]:
        out = []
        for m in _WORD.finditer(text, start, end):
            name = m.group().rstrip("’'-")
            owner = matcher.capitals.get(name) or matcher.words.get(name.lower())
            if owner:
                out.append(Mention(m.start(), m.start() + len(name), owner))
        return out

    text = "Lithium, xlithium lithiums 5lithium -lithium lithium’ ssri (SSRI) SSRI-based PROZAC_x prozac a5lithium lithium"
    assert matcher.find(text, 0, len(text)) == word_by_word(text, 0, len(text))
    assert [m.id for m in matcher.find(text, 0, len(text))] == ["li", "li", "li", "li", "ssri", "fluoxetine", "li"]
    for start, end in ((1, len(text)), (0, 16), (27, 60), (len(text) - 3, len(text))):
        assert matcher.find(text, start, end) == word_by_word(text, start, end)


def test_names_of_several_words_are_found_in_any_case_and_only_where_their_literals_are():
    """The names of several words run only in a text holding one of their literals; the test
    reads them case-insensitively, so no match is lost, in any case."""
    from medlint.knowledge.medicines import Mention, WordMatcher

    matcher = WordMatcher([("lithium", "li"), ("lithium carbonate", "li2"), ("St\\.? John['’]?s wort", "sjw")], "t")
    text = "LITHIUM CARBONATE, st johns wort and lithium."
    assert matcher.find(text, 0, len(text)) == [Mention(0, 17, "li2"), Mention(19, 32, "sjw"), Mention(37, 44, "li")]
    assert matcher.rest is not None and not matcher.rest_needs.possible("lithium alone", 0, 13)
