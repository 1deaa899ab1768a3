"""CLM and SRC: seed-like articles in our own words, the hedging model, the data files, fixes.

The rule cases (tests/cases/CLM.yaml, SRC.yaml) test each rule on single sentences; here whole
paragraphs that reproduce the defects of the seed articles are checked end to end, along with
the context model (medlint/hedging.py) that decides when a claim is asserted.
"""

from __future__ import annotations

import pytest

from conftest import ARTICLES
from medlint.engine import registry
from medlint.checks.claims.judgement import fix_case
from medlint.checks.claims.lexicon import Lexicon
from medlint.engine.config import parse_config
from medlint.model.diagnostics import Applicability, Severity
from medlint.model.document import Document
from medlint.engine.runner import lint_document
from medlint.engine.fixer import fix_document
from medlint.analysis.hedging import default_context, spaced
from medlint.knowledge.resources import load_data, read_data, rules_dir
from medlint.model.errors import PackError


def _settings(*select, options=None):
    data = {"select": list(select)}
    if options:
        data["options"] = options
    return parse_config(data, "test.yaml").settings_for("-")


def _lint(text, *select, path="a.txt", options=None):
    registry.load()
    doc = Document(text, path)
    return doc, lint_document(doc, _settings(*(select or ("CLM",)), options=options)).diagnostics


def _flagged(doc, diags, code=None):
    return [doc.text[d.start : d.end] for d in diags if code is None or d.code == code]


# -- seed-like articles (our own wording) -----------------------------------------------------
CLINIC_EXPLAINER = (
    "How infusions work\n\n"
    "Talk therapy is used widely, vitamin drips have proven to be effective as well, but infusion "
    "therapy stays on the top since it helps people other medicines could not. It can also help "
    "more than 60% of the patients with low mood, even those who tried everything.\n\n"
    "We know this from a large body of research and from our own results.\n\n"
    "There are no other drugs of its class which have been shown to have such a strong mood "
    "effect or any mood effect at all.\n"
)
HYPE_BLOG = (
    "While the spray holds promise as a revolutionary option, more research is needed. With "
    "time, it may bring new hope to people who have not responded to pills, revolutionizing the "
    "field of mental health care. We explore its potential as a groundbreaking treatment.\n"
)
EXPLAINER = (
    "The drug acts within hours. It has also been found to be very effective even in those with "
    "hard-to-treat depression.\n"
)
HEDGED_ANSWER = (
    "Its effect on new connections may contribute to the change in mood. Some researchers think "
    "inflammation plays a part, and the drug's effect on it might be contributing as well. "
    "Research suggests several systems are involved. The effects are usually temporary rather "
    "than permanent, and not everyone will notice a benefit.\n"
)


def test_clinic_explainer_every_overclaim_found():
    doc, diags = _lint(CLINIC_EXPLAINER)
    found = {(d.code, doc.text[d.start : d.end]) for d in diags}
    assert ("CLM002", "have proven to be effective") in found
    assert ("CLM006", "stays on the top") in found
    assert ("CLM011", "more than 60% of the patients") in found
    assert ("CLM010", "a large body of research") in found
    assert any(code == "CLM005" and span.startswith("no other") and span.endswith("at all") for code, span in found)


def test_hype_blog_hedges_do_not_cure_hype():
    doc, diags = _lint(HYPE_BLOG, "CLM001")
    assert _flagged(doc, diags) == ["revolutionary", "new hope", "revolutionizing", "groundbreaking"]
    assert all(d.severity is Severity.WARNING for d in diags)


def test_intensified_efficacy_found():
    doc, diags = _lint(EXPLAINER)
    assert "very effective" in _flagged(doc, diags, "CLM006")


def test_hedged_answer_has_no_findings():
    assert _lint(HEDGED_ANSWER)[1] == []


# -- whole articles in the seeds' shapes (tests/data/articles, our own words) ----------------------
def _article(name):
    path = ARTICLES / name
    doc = Document(path.read_text(encoding="utf-8"), str(path))
    return doc, lint_document(doc, _settings("CLM")).diagnostics


def _covered(doc, diags, phrase):
    """Every occurrence of ``phrase`` overlaps a CLM finding."""
    starts = [i for i in range(len(doc.text)) if doc.text.startswith(phrase, i)]
    assert starts, phrase
    return all(any(d.start < s + len(phrase) and s < d.end for d in diags) for s in starts)


@pytest.mark.parametrize(
    "name, phrase",
    [
        ("clinic-explainer.txt", "have proven to be effective"),
        ("clinic-explainer.txt", "stays on the top"),
        ("clinic-explainer.txt", "help over 50% of the patients"),
        ("clinic-explainer.txt", "a large body of research"),
        ("clinic-explainer.txt", "no other drugs of its class"),
        ("clinic-explainer.txt", "any mood effect at all"),
        ("hype-blog.txt", "a groundbreaking treatment"),
        ("hype-blog.txt", "revolutionizing the field"),
        ("hype-blog.txt", "new hope"),
        ("explainer.txt", "very effective even in people whose depression resisted other treatment"),
    ],
)
def test_article_overclaims_are_found(name, phrase):
    registry.load()
    doc, diags = _article(name)
    assert _covered(doc, diags, phrase)


def test_hedged_forum_answer_is_clean():
    registry.load()
    assert _article("hedged-answer.txt")[1] == []



# -- the hedging model ------------------------------------------------------------------------
def _stance(sentence, claim):
    start = sentence.index(claim)
    return default_context().stance(sentence, 0, len(sentence), start, start + len(claim))


@pytest.mark.parametrize(
    "sentence, claim, attr",
    [
        ("There is no cure for it.", "cure", "negated"),
        ("It is not a miracle.", "miracle", "negated"),
        ("A cure for it does not exist.", "cure", "negated"),
        ("It felt more like fiction than a breakthrough.", "breakthrough", "negated"),
        ("The pill may cure it.", "cure", "hedged"),
        ("It cures worry in some patients.", "cures", "hedged"),
        ("Avoid the so-called breakthrough.", "breakthrough", "distanced"),
        ("Clinics are promising instant relief.", "instant relief", "distanced"),
        ("Is it a cure?", "cure", "question"),
        ("She said that it cured her.", "cured", "reported"),
        ("A ‘breakthrough’ therapy.", "breakthrough", "reported"),
    ],
)
def test_stance(sentence, claim, attr):
    stance = _stance(sentence, claim)
    assert getattr(stance, attr), stance


@pytest.mark.parametrize(
    "sentence, claim",
    [
        ("No doubt it is a breakthrough.", "breakthrough"),
        ("It is not cheap, but it cures worry.", "cures"),
        ("People who have not responded to pills, revolutionizing care.", "revolutionizing"),
        ("The drug cures worry.", "cures"),
        ("People who walk are less likely to be sad, so walking prevents sadness.", "prevents"),
    ],
)
def test_asserted(sentence, claim):
    assert _stance(sentence, claim).asserted


def test_spaced_patterns():
    assert spaced("100 ?% of [- ]x") == r"100\s*%\s+of\s+[-\s]x"
    # An escaped space or bracket is kept; a class runs to its unescaped closing bracket.
    assert spaced(r"a\ b [\] ]c d") == r"a\ b\s+[\]\s]c\s+d"
    assert spaced("no spaces [x]") == r"no\s+spaces\s+[x]"
    assert spaced("[a ") == r"[a\s"  # an unclosed class to the end


# -- data and fixes ---------------------------------------------------------------------------
def test_claims_data_rejects_unknown_keys_and_sources():
    """A typo in a key and a pattern citing no listed source are errors at their lines."""
    text = (rules_dir() / "claims.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = lines.index("    context: hype\n")
    typo = "".join(lines[:at] + ["    contxt: hype\n"] + lines[at + 1 :])
    with pytest.raises(PackError, match="unknown key 'contxt'") as err:
        read_data("claims.yaml", typo)
    assert (err.value.path, err.value.line) == ("rules/claims.yaml", at + 1)
    at = next(i for i, line in enumerate(lines) if "source: hnr}" in line)
    unknown = "".join(lines[:at] + [lines[at].replace("source: hnr}", "source: nowhere}")] + lines[at + 1 :])
    with pytest.raises(PackError, match="'nowhere' is not one of the sources") as err:
        Lexicon(read_data("claims.yaml", unknown))
    assert (err.value.path, err.value.line) == ("rules/claims.yaml", at + 1)


def test_every_pattern_names_a_known_source():
    data = load_data("claims.yaml")
    for code, spec in data["rules"].items():
        for entry in spec["patterns"]:
            assert entry["source"] in data["sources"], (code, entry)


def test_fixes_are_unsafe_titled_and_idempotent():
    text = "The spray is groundbreaking. Ketamine cures depression. It is completely safe.\n"
    doc, diags = _lint(text, path="a.md")
    fixes = [d.fix for d in diags if d.fix]
    assert fixes and all(f.applicability is Applicability.UNSAFE for f in fixes)
    assert all(f.title.startswith("Replace “") and "calibrated wording" in f.title for f in fixes)
    once = fix_document(doc, _settings("CLM"), unsafe=True).text
    assert once == "The spray is new. Ketamine may ease depression. It is generally safe.\n"
    assert fix_document(Document(once, "a.md"), _settings("CLM"), unsafe=True).text == once
    assert fix_document(doc, _settings("CLM"), unsafe=False).text == text  # never without --unsafe-fixes


def test_no_fix_across_markup():
    doc, diags = _lint("The **very** effective spray.\n", "CLM006", path="a.md")
    assert [d.code for d in diags] == ["CLM006"] and diags[0].fix is None


def test_fix_case():
    assert fix_case("Groundbreaking", "new") == "New"
    assert fix_case("A Breakthrough Therapy", "a new Therapy") == "A New Therapy"
    assert fix_case("cures", "may ease") == "may ease"


def test_quoted_speech_option():
    unattributed = "Patients call it “a miracle drug for the whole family, every time”.\n"
    named = "“It is a miracle drug,” the founder said.\n"
    assert [d.severity for d in _lint(unattributed, "CLM001")[1]] == [Severity.INFO]
    assert _lint(named, "CLM001")[1] == []  # a named speaker's words are theirs
    for text in (unattributed, named):
        assert _lint(text, "CLM001", options={"overclaiming": {"quoted-speech": "skip"}})[1] == []
        reported = _lint(text, "CLM001", options={"overclaiming": {"quoted-speech": "report"}})[1]
        assert [d.severity for d in reported] == [Severity.WARNING]


def test_citation_scope_sentence():
    text = "Studies show that sleep helps. See [the review](https://example.org/r).\n"
    assert _lint(text, "CLM010", path="a.md")[1] == []
    narrow = _lint(text, "CLM010", path="a.md", options={"uncited-evidence": {"citation-scope": "sentence"}})[1]
    assert [d.code for d in narrow] == ["CLM010"]


def test_sources_report_at_front_matter_and_first_claim():
    text = "---\ntitle: Infusions\n---\nIntro.\n\nInfusions relieve depression fast. Most people with anxiety improve with treatment.\n"
    doc, diags = _lint(text, "SRC", path="a.md")
    by_code = {d.code: d for d in diags}
    assert set(by_code) == {"SRC001", "SRC002", "SRC003", "SRC004"}
    assert by_code["SRC001"].line == 1 and by_code["SRC003"].severity is Severity.INFO
    assert doc.text[by_code["SRC004"].start :].startswith("Infusions relieve")


def test_statistics_page_citations_are_recognised():
    """Footnote numbers flattened by copying, figure pointers, a source in one bullet of a list,
    and a figure repeated from a cited bullet all count as cited."""
    text = (
        "Rates of the condition rose about 30% over a decade.4 More adults were affected.\n\n"
        "- Figure 2 shows that 6.1% of adults reported symptoms last year.\n"
        "- 6.1% of adults reported symptoms last year.\n\n"
        "Survey response:\n\n"
        "- Non-response was 25.5% of the people sampled.\n"
        "- For more information, seePMID: 12345678.\n"
    )
    assert _lint(text, "CLM011", path="a.md")[1] == []
    bare = "Non-response was 25.5% of the people sampled.\n"
    assert [d.code for d in _lint(bare, "CLM011", path="a.md")[1]] == ["CLM011"]


def test_plain_text_reference_list_surnames():
    text = "Okafor and colleagues showed that studies show sleep matters.\n\nReferences:\nOkafor, A. (2020). Sleep and mood.\n"
    assert _lint(text, "CLM010")[1] == []
    assert [d.code for d in _lint(text.replace("Okafor and", "Mensah and"), "CLM010")[1]] == ["CLM010"]
