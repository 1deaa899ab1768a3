"""REG and FCT beyond the rule cases: the seeds' sentences, subjects named before, article
dates, the site-wide contradiction check, and the known corpus cases.

Seed and corpus files are read where they are (skipped cleanly when absent); the sentences
written here are our own equivalents of their defects.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, REPO, SEEDS, run_cli
from medlint.engine import registry
from medlint.model.dates import article_date
from medlint.engine.config import parse_config
from medlint.model.diagnostics import Applicability, Severity
from medlint.model.document import Document
from medlint.engine.runner import lint_document, lint_paths
from medlint.engine.fixer import fix_document

SEED_000_LIKE = (
    "Ketamine is used in many clinics. There are a few things about ketamine we are sure of, "
    "and on the strength of them it has been approved by the FDA for the treatment of depression.\n"
)
SEED_002_LIKE = (
    "While ketamine is not Food and Drug Administration (FDA) approved to treat major depressive "
    "disorder or bipolar depression, doctors use it for both.\n"
)
SEED_003_LIKE = (
    "Blocking NMDA receptors raises the levels of another neurotransmitter called "
    "brain-derived neurotrophic factor (BDNF), which helps synapses grow.\n"
)


def _settings(*select, **options):
    data = {"select": list(select)}
    if options:
        data["options"] = {"regulatory-claims": options}
    return parse_config(data, "test.yaml").settings_for("-")


def _lint(text, *select, path="article.md", **options):
    registry.load()
    return lint_document(Document(text, path), _settings(*select or ("REG", "FCT"), **options)).diagnostics


# -- the three seed sentences, in our own words ---------------------------------------------------
def test_seed_000_like_it_is_ketamine_and_the_message_has_both_facts_and_sources():
    found = _lint(SEED_000_LIKE)
    assert [d.code for d in found] == ["REG005"]
    message = found[0].message
    assert "ketamine is not FDA-approved for depression" in message
    assert "esketamine (Spravato)" in message and "2019-03" in message
    assert "Ketalar label" in message and "FDA news release 2019-03-05" in message
    assert found[0].fix and found[0].fix.applicability == Applicability.UNSAFE


def test_seed_002_like_true_negative_passes():
    assert _lint(SEED_002_LIKE) == []


def test_seed_003_like_bdnf_is_not_a_neurotransmitter():
    found = _lint(SEED_003_LIKE)
    assert [d.code for d in found] == ["FCT001"]
    assert "neurotrophic factor" in found[0].message and "Source:" in found[0].message


def test_the_seed_000_fix_replaces_the_sentence_and_settles():
    registry.load()
    settings = _settings("REG")
    outcome = fix_document(Document(SEED_000_LIKE, "a.md"), settings, unsafe=True)
    assert outcome.text.startswith("Ketamine is used in many clinics. Ketamine is FDA-approved as an anesthetic;")
    assert lint_document(Document(outcome.text, "a.md"), settings).diagnostics == []
    assert fix_document(Document(SEED_000_LIKE, "a.md"), settings, unsafe=False).text == SEED_000_LIKE


# -- the real seeds, where they are ---------------------------------------------------------------
def _seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.exists() else []
    if not found:
        pytest.skip("the shared seeds are not available")
    return found[0]


def test_real_seed_000_is_flagged_at_its_fda_sentence():
    path = _seed("000")
    result = lint_paths([str(path)], select=["REG"])
    text = path.read_text(encoding="utf-8")
    flagged = [d for d in result.diagnostics if d.code == "REG005"]
    assert flagged, "seed 000's approval claim was not flagged"
    for d in flagged:
        assert "approved by the FDA for the treatment of depression" in text[d.start : d.end]
        assert "esketamine" in d.message and "Source:" in d.message


def test_real_seed_002_negative_is_not_flagged():
    result = lint_paths([str(_seed("002"))], select=["REG"])
    assert result.diagnostics == []


def test_real_seed_003_bdnf_sentence_gets_fct():
    path = _seed("003")
    result = lint_paths([str(path)], select=["FCT"])
    text = path.read_text(encoding="utf-8")
    assert [d.code for d in result.diagnostics] == ["FCT001"]
    assert "neurotrophic factor" in text[result.diagnostics[0].start : result.diagnostics[0].end]


def test_real_seeds_000_and_002_contradict_each_other():
    paths = [str(_seed("000")), str(_seed("002"))]
    found = [d for d in lint_paths(paths, select=["REG008"]).diagnostics]
    assert found and all(d.path == paths[0] for d in found)
    assert all(r.path == paths[1] for d in found for r in d.related)


# -- subjects named before the claim ------------------------------------------------------------
def test_it_resolves_to_the_nearest_treatment_named_before():
    text = "TMS uses magnets. Ketamine is an infusion. It is FDA-approved for depression.\n"
    found = _lint(text, "REG")
    assert [d.code for d in found] == ["REG005"]
    assert "“It” (ketamine, named just before)" in found[0].message


def test_the_anaphora_window_limits_how_far_back_it_looks():
    text = "Ketamine is an infusion. Clinics are busy. Prices vary. It is FDA-approved for depression.\n"
    assert [d.code for d in _lint(text, "REG")] == ["REG005"]
    assert _lint(text, "REG", **{"anaphora-window": 2}) == []


def test_a_sentence_naming_no_treatment_and_no_it_makes_no_claim():
    assert _lint("Many FDA-approved treatments for depression fail for some people.\n", "REG") == []


# -- article dates -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, path, expected, origin",
    [
        ("---\ndate: 2023-02-01\nupdated: 2026-01-08\n---\nBody.\n", "a.md", date(2026, 1, 8), "front matter 'updated'"),
        ("---\npublishedAt: \"2025-10-16\"\n---\nBody.\n", "a.md", date(2025, 10, 16), "front matter 'publishedAt'"),
        ("DENVER, March 17, 2016 /PRNewswire/ -- A new study.\n", "a.txt", date(2016, 3, 17), "dateline"),
        ("Vancouver (Newsworthy.ai) Tuesday Nov 21, 2023 @ 5:00 PM Eastern — TMS.\n", "a.txt", date(2023, 11, 21), "dateline"),
        ("A title\n\nJune 2, 2023\n\nBody text.\n", "a.txt", date(2023, 6, 2), "dateline"),
    ],
)
def test_article_dates(text, path, expected, origin):
    found = article_date(Document(text, path))
    assert found is not None and found.date == expected and found.origin == origin


def test_an_article_without_a_date_has_none():
    assert article_date(Document("Body text about 2019 and ketamine.\n", "a.txt")) is None


def test_the_same_outdated_claim_is_info_before_the_change_and_a_warning_after():
    claim = "Spravato must be used with an oral antidepressant.\n"
    before = _lint("---\ndate: 2024-06-01\n---\n" + claim, "REG")
    after = _lint("---\ndate: 2025-06-01\n---\n" + claim, "REG")
    assert [(d.code, d.severity) for d in before] == [("REG007", Severity.INFO)]
    assert [(d.code, d.severity) for d in after] == [("REG007", Severity.WARNING)]
    assert "true when written" in before[0].message and "J&J release 2025-01-21" in before[0].message


def test_as_of_pins_today():
    claim = "The FDA has approved brexanolone for postpartum depression.\n"
    assert [d.code for d in _lint(claim, "REG", **{"as-of": "2025-05-01"})] == ["REG007"]
    assert _lint(claim, "REG", **{"as-of": "2024-05-01"}) == []


# -- site-wide contradictions -------------------------------------------------------------------
def _write(tmp_path, files: dict) -> list[str]:
    out = []
    for name, text in files.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        out.append(str(p))
    return out


def test_contradiction_finding_is_on_the_wrong_article_with_the_right_one_related(tmp_path):
    wrong, right, other = _write(tmp_path, {
        "clinic.md": "# Ketamine\n\nKetamine is FDA-approved for depression.\n",
        "faq.md": "# FAQ\n\nIs it approved? Ketamine is not FDA-approved for depression.\n",
        "tms.md": "# TMS\n\nTMS is FDA-cleared for major depressive disorder.\n",
    })
    found = lint_paths([wrong, right, other], select=["REG008"]).diagnostics
    assert [(d.code, Path(d.path).name) for d in found] == [("REG008", "clinic.md")]
    d = found[0]
    assert d.line == 3 and "sides with them" in d.message and "Source:" in d.message
    assert [(Path(r.path).name, r.line) for r in d.related] == [("faq.md", 3)]


def test_contradiction_in_json_output(tmp_path):
    paths = _write(tmp_path, {
        "a.md": "Spravato is not FDA-approved.\n",
        "b.md": "Spravato is FDA-approved.\n",
    })
    proc = run_cli("check", *paths, "--select", "REG008", "--format", "json")
    data = json.loads(proc.stdout)
    found = data["diagnostics"]
    assert [Path(d["path"]).name for d in found] == ["a.md"]
    assert Path(found[0]["related"][0]["path"]).name == "b.md"


# -- messages, fixes, quotes ----------------------------------------------------------------------
def test_every_reg_and_fct_finding_in_the_cases_names_a_source():
    from conftest import load_cases

    checked = 0
    for case in load_cases():
        if case["rule"][:3] not in ("REG", "FCT") or not case["expect"] or case.get("site"):
            continue
        text = case["text"]
        if case.get("front_matter"):
            text = "---\n" + yaml.safe_dump(case["front_matter"]) + "---\n" + text
        for d in _lint(text, case["rule"], path="case.txt" if case.get("format") == "txt" else "case.md"):
            assert "Source: " in d.message, (case["_id"], d.message)
            checked += 1
    assert checked > 40


def test_no_reg_or_fct_fix_is_safe():
    text = "TMS is FDA-approved for depression. Ketamine is an SSRI. The DSM-V lists it.\n"
    found = _lint(text)
    assert found and all(d.fix and d.fix.applicability == Applicability.UNSAFE for d in found)


def test_markup_inside_a_sentence_means_no_sentence_replacement():
    text = "Ketamine is [FDA-approved](https://example.org/fda) for depression.\n"
    found = _lint(text, "REG")
    assert [d.code for d in found] == ["REG005"] and found[0].fix is None


def test_quoted_claims_can_be_reported_on_request():
    text = "The seller said: “Our ketamine nasal spray is FDA-approved for depression and anxiety.”\n"
    assert _lint(text, "REG") == []
    assert [d.code for d in _lint(text, "REG", quotes="report")] == ["REG005", "REG001"]


# -- the known corpus cases -----------------------------------------------------------------------
def _corpus(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the shared corpus is not available")
    return str(path)


@pytest.mark.parametrize("name", ["050-clinic-tms-therapy-long-island.md", "043-pr-vancouver-tms-groundbreaking.md"])
def test_corpus_tms_approved_claims_are_cleared_not_approved(name):
    found = lint_paths([_corpus(name)], select=["REG"]).diagnostics
    assert [d.code for d in found] == ["REG002"]
    assert "510(k)" in found[0].message


def test_corpus_nimh_esketamine_sentence_passes():
    path = _corpus("001-nimh-mental-health-medications.md")
    text = Path(path).read_text(encoding="utf-8")
    assert "FDA-approved medication for treatment-resistant depression" in text
    assert lint_paths([path], select=["REG"]).diagnostics == []


def test_corpus_npr_lacks_approval_sentence_passes():
    path = _corpus("024-news-npr-club-drug-ketamine-depression.md")
    assert "lacks approval" in Path(path).read_text(encoding="utf-8")
    assert lint_paths([path], select=["REG"]).diagnostics == []


def test_the_example_fixture_shows_the_defects():
    path = REPO / "fixtures" / "examples" / "tms-clinic-update.md"
    found = lint_paths([str(path)], select=["REG", "FCT"]).diagnostics
    assert [(d.code, d.line) for d in found] == [("REG002", 8), ("REG007", 10)]
    assert found[1].severity == Severity.WARNING  # updated 2026-02-10, after the 2025-01 change
