"""The fix-safety policy (docs/fix-safety.md), checked over every rule in the registry at once.

For every fixable rule, the rule's own cases that produce a safe fix in running prose are put
into places a safe fix must not touch (a heading, a block quote, quotation marks, a table, a
reference list, a cited title, code, a link target); no safe fix may edit the text there. The
spelling rules are also fed words of every accepted dictionary (none may be "corrected") and
capitalised names (none may be fixed unread).
"""

from __future__ import annotations

import random

import pytest

from conftest import load_cases
from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.engine.runner import lint_document
from medlint.knowledge.dictionary import dictionary
from medlint.knowledge.lexicon import lexicon
from medlint.knowledge.speller import speller
from medlint.model.diagnostics import Applicability
from medlint.model.document import Document

CASES = [c for c in load_cases() if "fixed" in c and not c.get("unsafe") and not c.get("site")]


def _settings(case):
    data = {"select": [case["rule"]]}
    data.update(case.get("config", {}))
    return parse_config(data, "case-config.yaml").settings_for("-")


def _safe_edits(text: str, path: str, case) -> list[tuple[int, int]]:
    registry.load()
    found = lint_document(Document(text, path), _settings(case)).diagnostics
    return [(e.start, e.end, e.replacement) for d in found if d.fix and d.fix.applicability == Applicability.SAFE for e in d.fix.edits]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Each context returns the whole document and the span of the embedded case text.
def _heading(text):
    body = _one_line(text)
    doc = f"# {body}\n\nOrdinary text follows the heading here.\n"
    return doc, 2, 2 + len(body)


def _block_quote(text):
    lines = text.strip("\n").split("\n")
    doc = "Before the quote.\n\n" + "\n".join("> " + line if line.strip() else ">" for line in lines) + "\n\nAfter the quote.\n"
    return doc, len("Before the quote.\n\n"), len(doc) - len("\n\nAfter the quote.\n")


def _quotation(text):
    body = _one_line(text)
    doc = f"Her message read: “{body}” Then she left.\n"
    start = doc.index("“") + 1
    return doc, start, start + len(body)


def _table(text):
    body = _one_line(text).replace("|", "/")
    doc = f"| Item | Note |\n|---|---|\n| one | {body} |\n"
    start = doc.index(body)
    return doc, start, start + len(body)


def _references(text):
    body = _one_line(text)
    doc = f"Text of the article.\n\n## References\n\n1. Smith J, Jones K. {body} J Psychiatr Res. 2019;12(3):45-50.\n"
    start = doc.index(body)
    return doc, start, start + len(body)


def _cited_title(text):
    if len(text) > 150 or any(c in text for c in "*_[`"):
        return None  # a title is short and holds no markup of its own
    body = " ".join(w[:1].upper() + w[1:] for w in _one_line(text).split())
    doc = f"We recommend the book *{body}* to every reader.\n"
    start = doc.index(body)
    return doc, start, start + len(body)


def _code(text):
    body = _one_line(text).replace("`", "'")
    doc = f"Type `{body}` into the search box.\n"
    start = doc.index(body)
    return doc, start, start + len(body)


def _link_target(text):
    body = "-".join(_one_line(text).split())
    doc = f"Read [the guide](https://example.org/{body}) before you start.\n"
    start = doc.index(body)
    return doc, start, start + len(body)


CONTEXTS = {
    "heading": _heading,
    "block quote": _block_quote,
    "quotation": _quotation,
    "table": _table,
    "reference list": _references,
    "cited title": _cited_title,
    "code": _code,
    "link target": _link_target,
}


def _safe_cases_by_rule():
    """The rules that can emit a safe fix (found by running their cases), each with the cases
    that show it in running prose."""
    registry.load()
    by_rule: dict[str, list] = {}
    for rule in registry.all_rules():
        for case in (c for c in CASES if c["rule"] == rule.code):
            path = "case.txt" if case.get("format") == "txt" else "case.md"
            if _safe_edits(case["text"], path, case):
                by_rule.setdefault(rule.code, []).append(case)
    return by_rule


SAFE_CASES = _safe_cases_by_rule()


def test_the_policy_covers_the_rules_that_fix_safely():
    """The registry's safe fixers are all exercised below (a rule cannot slip through by
    having no safe-fix case: test_rule_cases requires a fix case of every fixable rule)."""
    assert {"SPL001", "SPL002", "SPL003", "DUP001", "SAF001", "GRM003"} <= set(SAFE_CASES)


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize("code", sorted(SAFE_CASES))
def test_no_safe_fix_outside_running_prose(code, context):
    problems = []
    for case in SAFE_CASES[code]:
        made = CONTEXTS[context](case["text"])
        if made is None:
            continue
        text, start, end = made
        for s, e, replacement in _safe_edits(text, "case.md", case):
            if context == "heading" and not replacement and s <= start - 2 and end <= e:
                continue  # a whole heading deleted as furniture or with a repeated section
            if s < end and start < e or (s == e and start <= s <= end):
                problems.append(f"{case['_id']}: safe edit {text[s:e]!r} in {context}")
    assert not problems, "\n".join(problems)


def test_spelling_never_replaces_a_word_of_an_accepted_dictionary():
    """Words of every spelling (US, British, Canadian, Australian, their variants) and of the
    lexicon, in ordinary sentences: no spelling rule reports any of them."""
    words = dictionary()
    sp = speller()
    obscure = {w for w, c in sp.misspellings.items() if w in words}  # the curated exception
    rng = random.Random(14)
    pool = sorted(w for w in words.words if w.isalpha() and w.isascii() and len(w) > 3 and w not in obscure)
    sample = rng.sample(pool, 3000) + ["sceptical", "coronial", "carbs", "keto", "chia", "influencers", "cliches", "unrooted", "colour", "organise", "paediatric", "judgement", "benefitted"]
    sample += rng.sample(sorted(lexicon().folded), 300)
    text = "\n\n".join(f"We wrote about {w} in this article today." for w in sample) + "\n"
    registry.load()
    settings = parse_config({"select": ["SPL001", "SPL002", "SPL003"]}, "t.yaml").settings_for("-")
    found = lint_document(Document(text, "words.md"), settings).diagnostics
    assert [text[d.start : d.end] for d in found] == []


def test_spelling_never_fixes_a_name_unread():
    """A capitalised word inside a sentence is a name unless it is a listed misspelling or a
    near miss of a lexicon term: the general typos of the SPL003 cases, written as names."""
    registry.load()
    settings = parse_config({"select": ["SPL"]}, "t.yaml").settings_for("-")
    for word in ("Reationships", "Activty", "Embarassed", "Homless", "Sherm", "Coronial"):
        text = f"Yesterday we met Dr {word} and her team at the clinic.\n"
        found = lint_document(Document(text, "a.md"), settings).diagnostics
        assert not [d for d in found if d.fix and d.fix.applicability == Applicability.SAFE], word
