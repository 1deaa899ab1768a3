"""Property-based tests over the document model, every rule and the fixer.

Documents are random Unicode mixed with Markdown edge cases (nested lists, tables, HTML blocks,
setext headings, CRLF, BOM, no final newline, very long lines) and phrases that trigger rules,
so fixes are exercised too. By default a few hundred documents; ``pytest --slow`` runs 10,000.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.engine import registry
from medlint.engine.config import Config
from medlint.model.document import Document
from medlint.engine.runner import run_checks
from medlint.engine.fixer import apply_edits, choose, fix_document

FRAGMENTS = [
    "# Heading\n", "Title\n=====\n", "Sub\n---\n", "- item one\n  - nested item\n    1. deeper\n",
    "| a | b |\n|---|---|\n| committed suicide | anorexics |\n", "<div>\n<p>html block committed suicide</p>\n</div>\n",
    "> quoted committed suicide\n", "```\ncode committed suicide\n```\n", "    indented code\n",
    "Her brother committed suicide. ", "Many anorexics hide it. ", "Call 1-800-273-8255 now. ",
    "It is a groundbreaking cure that is proven to be effective. ", "Ketamine blocks the MNDA receptor. ",
    "The reationships improved. ", "It has been approved by the FDA for depression. ",
    "“He said it cured him,” she said. ", "[link text](https://example.org/x) and `code`. ",
    "<!-- medlint-disable-next-line SAF -->\n", "<!-- medlint-disable LNG -->", "\r\n", "\n\n", "\ufeff",
    "Dr. Smith, e.g. 2.5 mg, U.S. ", "x" * 3000, "* ", "_", "**", "\t", "ﬁ", "😀", "\u200b", "\x0b",
]


def documents():
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=25).map("".join)


SETTINGS = None


def _settings():
    global SETTINGS
    if SETTINGS is None:
        registry.load()
        SETTINGS = Config().settings_for("-")
    return SETTINGS


def _profile(f):
    f = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])(f)
    return f


def _check_model(doc: Document):
    n = len(doc.text)
    assert len(doc.prose) == n
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= n
    for s in doc.sentences:
        assert doc.blocks[s.block].start <= s.start < s.end <= doc.blocks[s.block].end
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text


@pytest.mark.parametrize("suffix", [".md", ".txt"])
@_profile
@given(text=documents())
def test_model_rules_and_fixer(suffix, text):
    try:
        doc = Document(text, "doc" + suffix)
    except Exception as exc:  # only a clear input error is allowed (broken front matter)
        from medlint.model.errors import InputError

        assert isinstance(exc, InputError)
        return
    _check_model(doc)
    diagnostics, _ = run_checks(doc, _settings())
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        assert (d.line, d.column) == doc.position(d.start)
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text)
    fixes = choose(diagnostics, unsafe=True)
    edits = sorted(e for f in fixes for e in f.edits)
    fixed = apply_edits(text, edits)
    # every character outside the edit spans is unchanged and in order
    pos = 0
    out = 0
    for e in edits:
        assert fixed[out : out + e.start - pos] == text[pos : e.start]
        out += e.start - pos + len(e.replacement)
        pos = e.end
    assert fixed[out:] == text[pos:]
    once = fix_document(doc, _settings(), unsafe=True)
    twice = fix_document(Document(once.text, "doc" + suffix), _settings(), unsafe=True)
    assert twice.text == once.text


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=documents())
def test_many_documents(text):
    test_model_rules_and_fixer.hypothesis.inner_test(".md", text)
