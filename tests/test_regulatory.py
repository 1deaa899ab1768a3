"""REG and FCT beyond the rule cases: the seeds' sentences, subjects named before, article
dates, the site-wide contradiction check, and the known corpus cases.

Seed and corpus files are read where they are (skipped cleanly when absent); the sentences
written here are our own equivalents of their defects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARTICLES, REPO
from medlint.engine import registry
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
    "Doctors use it for both, though ketamine is not Food and Drug Administration (FDA) approved "
    "to treat bipolar depression or major depression.\n"
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
    assert "neurotrophic factor" in found[0].message and "(health-writing-standards.md)" in found[0].message  # the fact and its source


def test_the_seed_000_fix_replaces_the_sentence_and_settles():
    registry.load()
    settings = _settings("REG")
    outcome = fix_document(Document(SEED_000_LIKE, "a.md"), settings, unsafe=True)
    assert outcome.text.startswith("Ketamine is used in many clinics. Ketamine is FDA-approved as an anesthetic;")
    assert lint_document(Document(outcome.text, "a.md"), settings).diagnostics == []
    assert fix_document(Document(SEED_000_LIKE, "a.md"), settings, unsafe=False).text == SEED_000_LIKE


# -- whole articles in the seeds' shapes (tests/data/articles, our own words) ---------------------
def _article(name: str) -> Path:
    return ARTICLES / name


def test_article_is_flagged_at_its_fda_sentence():
    path = _article("clinic-explainer.txt")
    result = lint_paths([str(path)], select=["REG"])
    text = path.read_text(encoding="utf-8")
    flagged = [d for d in result.diagnostics if d.code == "REG005"]
    assert flagged, "the article's approval claim was not flagged"
    for d in flagged:
        assert "approved by the FDA for the treatment of depression" in text[d.start : d.end]
        assert "esketamine" in d.message and "Source:" in d.message


def test_article_with_a_true_negative_is_not_flagged():
    result = lint_paths([str(_article("explainer.txt"))], select=["REG"])
    assert result.diagnostics == []


def test_article_bdnf_sentence_gets_fct():
    path = _article("hype-blog.txt")
    result = lint_paths([str(path)], select=["FCT"])
    text = path.read_text(encoding="utf-8")
    assert [d.code for d in result.diagnostics] == ["FCT001"]
    assert "neurotrophic factor" in text[result.diagnostics[0].start : result.diagnostics[0].end]


def test_articles_contradicting_each_other():
    paths = [str(_article("clinic-explainer.txt")), str(_article("explainer.txt"))]
    found = [d for d in lint_paths(paths, select=["REG008"]).diagnostics]
    assert found and all(d.path == paths[0] for d in found)
    assert all(r.path == paths[1] for d in found for r in d.related)


def test_quoted_claims_can_be_reported_on_request():
    text = "The seller said: “Our ketamine nasal spray is FDA-approved for depression and anxiety.”\n"
    assert _lint(text, "REG") == []
    assert [d.code for d in _lint(text, "REG", quotes="report")] == ["REG005", "REG001"]


# -- shapes that the corpus showed, in our own words --------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Transcranial magnetic stimulation (TMS) is FDA-approved for depression, and many insurers cover it.\n",
        "Our new TMS suite offers an FDA approved treatment for depression without medication.\n",
    ],
)
def test_tms_approved_claims_are_cleared_not_approved(text, tmp_path):
    path = tmp_path / "tms.md"
    path.write_text(text, encoding="utf-8")
    found = lint_paths([str(path)], select=["REG"]).diagnostics
    assert [d.code for d in found] == ["REG002"]
    assert "510(k)" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Esketamine, sold as Spravato, is an FDA-approved medication for treatment-resistant depression.\n",
        "Ketamine still lacks approval from the FDA as a treatment for depression.\n",
    ],
)
def test_true_statements_of_status_pass(text, tmp_path):
    path = tmp_path / "ok.md"
    path.write_text(text, encoding="utf-8")
    assert lint_paths([str(path)], select=["REG"]).diagnostics == []


def test_the_example_fixture_shows_the_defects():
    path = REPO / "fixtures" / "examples" / "tms-clinic-update.md"
    found = lint_paths([str(path)], select=["REG", "FCT"]).diagnostics
    assert [(d.code, d.line) for d in found] == [("REG002", 8), ("REG007", 10)]
    assert found[1].severity == Severity.WARNING  # updated 2026-02-10, after the 2025-01 change
