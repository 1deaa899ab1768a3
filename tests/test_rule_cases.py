"""Every rule's YAML cases (tests/cases/*.yaml): failing text, passing text, fixed text.

A case names one rule and gives ``text`` and ``expect`` (the codes that rule must report, in
order; ``[]`` for a passing case). ``fixed`` is the text after ``--fix`` (``unsafe: true`` for
``--unsafe-fixes``); the fix must also be idempotent. ``format: txt`` lints as plain text,
``config`` adds options, ``front_matter`` is prepended as YAML front matter. ``site`` maps
other file names to their texts, checked in the same run (for site-wide rules).
"""

from __future__ import annotations

import pytest
import yaml

from conftest import load_cases
from medlint.engine import registry
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.engine.runner import lint_document, site_pass
from medlint.engine.fixer import fix_document

CASES = load_cases()


def _config(case):
    data = {"select": [case["rule"]]}
    data.update(case.get("config", {}))
    return parse_config(data, "case-config.yaml")


def _settings(case):
    return _config(case).settings_for("-")


def _found(case, doc):
    """Diagnostics for ``doc``, with the site-wide pass over the ``site`` files when given."""
    result = lint_document(doc, _settings(case))
    diagnostics = list(result.diagnostics)
    if case.get("site"):
        others = [lint_document(Document(text, name), _settings(case)) for name, text in case["site"].items()]
        config = _config(case)
        site = site_pass([result, *others], {r.path: config for r in [result, *others]})
        diagnostics = sorted(diagnostics + site.get(doc.path, []), key=lambda d: d.sort_key())
    return diagnostics


def _doc(case, text=None):
    text = case["text"] if text is None else text
    if case.get("front_matter") is not None:
        text = "---\n" + yaml.safe_dump(case["front_matter"], sort_keys=False) + "---\n" + text
    return Document(text, "case.txt" if case.get("format") == "txt" else "case.md")


@pytest.mark.parametrize("case", CASES, ids=[c["_id"] for c in CASES])
def test_case(case):
    registry.load()
    assert registry.find_rule(case["rule"]) is not None, f"unknown rule {case['rule']}"
    doc = _doc(case)
    found = [d.code for d in _found(case, doc)]
    assert found == case["expect"], f"{case['_id']}: got {found}"
    if "message" in case:
        messages = " | ".join(d.message for d in _found(case, doc))
        assert case["message"].lower() in messages.lower()
    if "fixed" in case:
        outcome = fix_document(doc, _settings(case), unsafe=case.get("unsafe", False))
        expected = _doc(case, case["fixed"]).text
        assert outcome.text == expected
        again = fix_document(_doc(case, case["fixed"]), _settings(case), unsafe=case.get("unsafe", False))
        assert again.text == expected, "fixing twice changed the text the second time"


def test_every_rule_has_cases_and_docs():
    """A rule without its doc, a failing case, a passing case or (if it fixes) a fix case fails."""
    registry.load()
    by_rule: dict[str, list] = {}
    for case in CASES:
        by_rule.setdefault(case["rule"], []).append(case)
    problems = []
    for rule in registry.all_rules():
        if rule.code.endswith("900"):
            continue  # unused-suppression rules: covered family by family in test_suppressions.py
        cases = by_rule.get(rule.code, [])
        if not any(c["expect"] for c in cases):
            problems.append(f"{rule.code}: no failing case")
        if not any(not c["expect"] for c in cases):
            problems.append(f"{rule.code}: no passing case")
        if rule.fixable and not any("fixed" in c for c in cases):
            problems.append(f"{rule.code}: fixable but no fix case")
        for part in ("summary", "what", "why", "example", "fix", "source"):
            if not getattr(rule, part).strip():
                problems.append(f"{rule.code}: doc lacks {part}")
    assert not problems, "\n".join(problems)


def test_shipped_pack_patterns_compile():
    """Shipped packs compile lazily at run time; here every pattern is compiled eagerly."""
    from medlint.checks.packs import load_pack, shipped_pack_files

    packs = shipped_pack_files()
    assert len(packs) >= 2
    for item in packs:
        check = load_pack(item.read_text(encoding="utf-8"), f"rules/{item.name}", eager=True)
        assert check.pattern.pattern.startswith("(?<!")


def test_pack_prefilter_does_not_change_findings():
    """A pack with its prefilter and the same pack without it find the same on varied text."""
    from medlint.engine.config import Config
    from medlint.model.document import Document
    from medlint.checks.packs import shipped_pack_files, load_pack
    from medlint.model.rule import Context

    text = "".join(c["text"] for c in CASES if c["rule"][:3] in ("SAF", "LNG"))
    doc = Document(text, "all.md")
    settings = Config().settings_for("-")
    for item in shipped_pack_files():
        with_filter = load_pack(item.read_text(encoding="utf-8"), item.name)
        without = load_pack(item.read_text(encoding="utf-8"), item.name)
        without.prefilter = False
        assert with_filter.needs.literals, "the prefilter found no literals: it would filter nothing"
        found = [(d.code, d.start) for d in with_filter.check(doc, Context(doc, settings, with_filter))]
        assert found and found == [(d.code, d.start) for d in without.check(doc, Context(doc, settings, without))]
