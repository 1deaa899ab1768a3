"""Every fix of every pack rule, applied to its rule cases and to generated contexts, reads as
intended: no "a"/"an" that disagrees with the next word, no doubled word or bracketed
restatement ("988 (988)"), no possessive hung on "people with …" (issue 20, "Fix grammar").

The contexts put each literal phrase of each rule after an article, a noun modifier, a
quantifier and a verb, before a possessive and at a sentence start: the places where a
word-for-word swap breaks a sentence.
"""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import load_cases
from medlint.checks.packs import load_pack, shipped_pack_files
from medlint.engine.config import parse_config
from medlint.engine.fixer import fix_document
from medlint.model.document import Document
from medlint.text.agreement import problems

CONTEXTS = (
    "{m} often go untreated.",
    "Many {m} wait months for care.",
    "She met a {m} at the clinic.",
    "She met an {m} at the clinic.",
    "The {m}'s family asked for help.",
    "We spoke with the {m} last week.",
    "Known {m} were enrolled in the trial.",
    "In the study, {m} was common among adults with depression.",
    "Doctors call them {m} in the ward.",
    "People in the town {m} every winter, and depression is common.",
)


def _literal(phrase: str) -> bool:
    return all(c.isalpha() or c in " -'" for c in phrase)


def _rules():
    """(code, texts): for each fixable shipped pack rule, its case texts and generated contexts."""
    cases = load_cases()
    out = []
    for item in shipped_pack_files():
        check = load_pack(item.read_text(encoding="utf-8"), item.name)
        for index, spec in enumerate(check.specs):
            if not spec.rule.fixable:
                continue
            phrases = [e.phrase for e in check.entries.values() if e.rule == index and _literal(e.phrase)]
            texts = [c["text"] for c in cases if c["rule"] == spec.rule.code and c.get("format") != "txt"]
            texts += [ctx.format(m=p) + "\n" for p in phrases for ctx in CONTEXTS]
            out.append((spec.rule.code, texts))
    return out


RULES = _rules()


@pytest.mark.parametrize("code,texts", RULES, ids=[r[0] for r in RULES])
def test_every_fix_reads_as_intended(code, texts):
    settings = parse_config({"select": [code]}, "case-config.yaml").settings_for("-")
    applied = 0
    for text in texts:
        outcome = fix_document(Document(text, "case.md"), settings, unsafe=True)
        applied += outcome.applied
        new = Counter(problems(outcome.text)) - Counter(problems(text))
        assert not new, f"{code}: fixing {text!r} gave {outcome.text!r}: {sorted(new)}"
    assert applied, f"{code}: no fix applied anywhere; the test would prove nothing"


def test_the_contexts_catch_a_naive_swap():
    """The checks above can fail: a word-for-word swap in these contexts breaks sentences."""
    naive = [ctx.format(m="addicts").replace("addicts", "people with a substance use disorder") for ctx in CONTEXTS]
    naive += [CONTEXTS[3].format(m="alcoholic").replace("alcoholic", "person with an alcohol use disorder")]
    naive += ["Call 1-800-273-TALK (1-800-273-8255).".replace("1-800-273-TALK", "988").replace("1-800-273-8255", "988")]
    assert sum(bool(problems(t)) for t in naive) >= 3
