"""Suppression comments, and the unused-suppression report for every family."""

from __future__ import annotations

import pytest

from conftest import load_cases
from medlint import lint_text
from medlint.engine import registry
from medlint.model.diagnostics import FAMILIES

BAD = "He committed suicide in 2019."


def _codes(text):
    return [d.code for d in lint_text(text)]


def test_disable_next_line_and_unused_report():
    text = f"<!-- medlint-disable-next-line SAF001 -->\n{BAD}\n\n{BAD}\n"
    assert _codes(text).count("SAF001") == 1
    unused = f"<!-- medlint-disable-next-line LNG -->\n{BAD}\n"
    codes = _codes(unused)
    assert "LNG900" in codes and "SAF001" in codes


def test_disable_enable_range_by_family_and_glob():
    text = f"<!-- medlint-disable SAF00* -->\n\n{BAD}\n\n<!-- medlint-enable SAF00* -->\n\n{BAD}\n"
    diags = [d for d in lint_text(text) if d.code == "SAF001"]
    assert [d.line for d in diags] == [7]


def test_disable_file_by_name():
    text = f"{BAD}\n\n<!-- medlint-disable-file committed-suicide -->\n"
    assert "SAF001" not in _codes(text)


def test_bare_disable_suppresses_everything():
    assert not [c for c in _codes(f"<!-- medlint-disable -->\n{BAD}\n") if not c.endswith("900")]


FAIL_CASES = {}
for case in load_cases():
    if case["expect"] and case.get("format") != "txt" and not case.get("front_matter") and not case.get("config"):
        FAIL_CASES.setdefault(case["rule"][:3], case)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_unused_suppression_rule_per_family(family, languagetool_stub, monkeypatch):
    """XXX900 fires for a directive that suppresses nothing, and not for one that is used.
    (GRM runs against the LanguageTool stub: without a server nothing is checked, and no GRM
    suppression is called unused.)"""
    monkeypatch.setenv("MEDLINT_LT_URL", languagetool_stub.url)
    registry.load()
    rule = registry.find_rule(f"{family}900")
    assert rule.severity.value == "info" and rule.what and rule.why
    assert f"{family}900" in _codes(f"<!-- medlint-disable-next-line {family} -->\nNothing to see here.\n")
    case = FAIL_CASES.get(family)
    if case is None:
        pytest.skip(f"no rule of family {family} with a plain failing case yet")
    first_line = case["text"].splitlines()[0]
    text = f"<!-- medlint-disable {family} -->\n{case['text']}"
    codes = _codes(text)
    assert f"{family}900" not in codes, (first_line, codes)
    assert case["rule"] not in codes
