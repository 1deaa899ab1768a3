"""DUP and BPL beyond the rule cases: a whole article published twice (restarting inside a
paragraph, as the first seed is), fix idempotence, cross-article findings with their related
location (JSON and SARIF), the furniture spans other families use, and the real seeds."""

from __future__ import annotations

import json

import pytest

from conftest import ARTICLES
from medlint.engine import registry
from medlint.analysis.furniture import detect
from medlint.analysis.furniture import spans as furniture_spans
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.engine.runner import lint_document, lint_paths
from medlint.engine.fixer import fix_document
from medlint.outputs.formatters import FORMATTERS
from medlint.text.similarity import key, shingles, sketch, sketch_similarity

FIRST_COPY = """\
Light therapy at home

Winter depression follows the seasons: it starts as the days shorten and lifts in spring. A light box that gives ten thousand lux can ease it for many people.

How to use the lamp

Sit near the lamp for about thirty minutes soon after waking. Keep your eyes open but do not stare at the light.

Most people feel better within two weeks. Side effects such as headache or eye strain are usually mild and pass quickly."""

#: The first copy's body (from its first paragraph on), published again: the restart begins
#: inside the last paragraph, as in the first seed, and takes the second heading with it.
REPEATED = FIRST_COPY[FIRST_COPY.index("Winter depression") :]
TAIL = "\n\nshare by:\nthumb_up Helpful reply Comment\n"
ARTICLE = FIRST_COPY + " " + REPEATED + TAIL


def _settings(*select):
    return parse_config({"select": list(select)}, "test.yaml").settings_for("-")


def _lint(text, *select, path="article.txt"):
    registry.load()
    return lint_document(Document(text, path), _settings(*select)).diagnostics


def test_restarted_article_is_one_finding_over_the_repeated_run():
    found = _lint(ARTICLE, "DUP")
    assert [d.code for d in found] == ["DUP001"]
    d = found[0]
    assert d.start == ARTICLE.index("Winter depression", len(FIRST_COPY))
    assert d.end == len(FIRST_COPY) + 1 + len(REPEATED)
    assert d.line == FIRST_COPY.count("\n") + 1  # the restart is inside the last paragraph
    assert "lines 3–9" in d.message
    assert d.related[0].line == 3 and d.related[0].end_line == 9


def test_fix_leaves_the_first_copy_without_stray_blank_lines_and_is_idempotent():
    registry.load()
    doc = Document(ARTICLE, "article.txt")
    out = fix_document(doc, _settings("DUP"))
    assert out.text == FIRST_COPY + TAIL
    assert "\n\n\n" not in out.text and " \n" not in out.text
    again = fix_document(Document(out.text, "article.txt"), _settings("DUP"))
    assert again.text == out.text and again.applied == 0


def test_markdown_copy_fix_keeps_valid_structure():
    text = (
        "# Title\n\n## Section\n\nOne paragraph of text that is long enough to count here.\n\n"
        "- item one of the list\n\n## Section\n\nOne paragraph of text that is long enough to count here.\n\n"
        "- item one of the list\n"
    )
    registry.load()
    out = fix_document(Document(text, "a.md"), _settings("DUP"))
    assert out.text == "# Title\n\n## Section\n\nOne paragraph of text that is long enough to count here.\n\n- item one of the list\n"


def test_near_copy_fix_is_unsafe():
    first = (
        "People who take lithium for bipolar disorder need a blood test every three months to check "
        "that the level in the blood is neither too low to help nor high enough to harm."
    )
    text = f"{first}\n\nOther text here.\n\n{first.replace('every three months', 'every few months')}\n"
    found = _lint(text, "DUP", path="a.md")
    assert [d.code for d in found] == ["DUP002"]
    assert found[0].fix.applicability.value == "unsafe"


def test_a_near_copy_is_found_among_sentences_sharing_a_stock_phrase():
    """The near-copy search probes each sentence's rarest shingles (which keeps it small in a
    long article), not every sentence sharing a stock phrase with it: a near copy is still
    found, and only it, among 120 sentences that end alike."""
    import random

    first = (
        "People who take lithium for bipolar disorder need a blood test every three months to check "
        "that the level in the blood is neither too low to help nor high enough to harm."
    )
    rng = random.Random(3)
    vocabulary = ("sleep appetite mood energy pain worry focus memory skin weight thirst dreams balance hearing vision "
                  "speech grip stamina temper patience hunger").split()
    stock = "\n\n".join(
        f"Changes in {' and '.join(rng.sample(vocabulary, 6))} after week {i} mean you should talk to your doctor soon."
        for i in range(120)
    )
    text = f"{first}\n\n{stock}\n\n{first.replace('every three months', 'every few months')}\n"
    found = _lint(text, "DUP002", path="a.md")
    assert [(d.code, d.start) for d in found] == [("DUP002", text.rindex("People who take"))]


def test_copy_with_an_image_at_its_edge_is_not_deleted_silently():
    para = "Exercise three times a week helps mild depression in many adults."
    text = f"{para}\n\nMiddle paragraph.\n\n{para} ![chart](chart.png)\n"
    found = _lint(text, "DUP001", "DUP002", path="a.md")
    assert len(found) == 1 and found[0].fix.applicability.value == "unsafe"


def test_shared_paragraph_across_articles_points_at_the_other_file(tmp_path):
    shared = "This page gives general information and does not replace advice from your own doctor or nurse."
    (tmp_path / "a.md").write_text(f"# A\n\nFirst article text that is its own.\n\n{shared}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# B\n\n{shared}\n\nSecond article text.\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# C\n\nNothing in common with the others at all, in any paragraph here.\n", encoding="utf-8")
    result = lint_paths([str(tmp_path)], select=["DUP003"])
    found = {d.path.rsplit("/", 1)[-1]: d for d in result.diagnostics}
    assert sorted(found) == ["a.md", "b.md"]
    a, b = found["a.md"], found["b.md"]
    assert (a.line, b.line) == (5, 3)
    assert a.related[0].path.endswith("b.md") and a.related[0].line == 3
    assert b.related[0].path.endswith("a.md") and b.related[0].line == 5
    assert a.fix is None
    sarif = json.loads("".join(FORMATTERS["sarif"](result)))
    locations = [r["relatedLocations"] for r in sarif["runs"][0]["results"]]
    assert all(loc[0]["physicalLocation"]["region"]["startLine"] in (3, 5) for loc in locations)


def test_near_shared_paragraph_across_articles(tmp_path):
    base = (
        "Ketamine is given in a clinic as an infusion over about forty minutes, and patients are "
        "watched for two hours afterwards because it can raise blood pressure and cause dissociation. "
        "Most clinics ask patients to arrange a lift home and not to drive until the next day, and "
        "they check mood and blood pressure again before each later session."
    )
    (tmp_path / "a.md").write_text(base + "\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(base.replace("two hours", "three hours") + "\n", encoding="utf-8")
    result = lint_paths([str(tmp_path)], select=["DUP003"])
    assert [d.code for d in result.diagnostics] == ["DUP003", "DUP003"]
    assert "nearly the same" in result.diagnostics[0].message


def test_similarity_normalises_typography():
    assert key("Don’t  STOP—suddenly!") == key("don't stop - suddenly")
    a = shingles(key("one two three four five six seven eight nine ten").split())
    assert sketch_similarity(sketch(a), sketch(a)) == 1.0


def test_furniture_spans_cover_the_furniture_lines_only():
    registry.load()
    doc = Document(ARTICLE, "article.txt")
    spans = furniture_spans(doc)
    assert [ARTICLE[s:e] for s, e in spans] == ["share by:", "thumb_up Helpful reply Comment"]
    assert detect(doc) is detect(doc)  # computed once per document


# -- whole articles in the seeds' shapes (tests/data/articles, our own words) -------------------
def _article(name):
    path = ARTICLES / name
    return Document(path.read_text(encoding="utf-8"), str(path))


def test_article_pasted_twice_one_duplicate_run_and_fix_keeps_one_copy():
    registry.load()
    doc = _article("clinic-explainer.txt")
    found = lint_document(doc, _settings("DUP")).diagnostics
    assert [d.code for d in found] == ["DUP001"]
    d = found[0]
    restart = doc.text.index("Low mood is among", doc.text.index("How ketamine acts"))
    assert d.start == restart
    last = doc.text.rindex("useful changes in the body.")
    assert d.end == last + len("useful changes in the body.")
    out = fix_document(doc, _settings("DUP"))
    assert out.text.count("Low mood is among") == 1
    assert out.text == doc.text[:restart].rstrip(" ") + doc.text[d.end :]
    assert "\n\n\n" not in out.text


@pytest.mark.parametrize(
    "name, lines",
    [
        ("clinic-explainer.txt", [3, 5, 7, 29, 31]),  # byline, widgets; a layout label and a widget at the foot
        ("hype-blog.txt", [1, 25, 27]),  # "Blog Layout"; "More Posts" and "Share by:"
        ("explainer.txt", []),
        ("hedged-answer.txt", [1, 5, 7, 25]),  # vote and answer widgets; the forum's welcome line
    ],
)
def test_article_furniture(name, lines):
    registry.load()
    found = lint_document(_article(name), _settings("BPL")).diagnostics
    assert [d.line for d in found] == lines
