"""Suppression comments, and the unused-suppression report for every family."""

from __future__ import annotations

import pytest
import yaml

from conftest import load_cases
from medlint import lint_text
from medlint.engine import registry
from medlint.engine.config import parse_config
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


def _usable(case) -> bool:
    """A failing Markdown case of one file (suppression comments are Markdown comments)."""
    return bool(case["expect"]) and case.get("format") != "txt" and not case.get("site")


FAIL_CASES = {}
for case in sorted((c for c in load_cases() if _usable(c)), key=lambda c: bool(c.get("front_matter") or c.get("config"))):
    FAIL_CASES.setdefault(case["rule"][:3], case)  # a plain case where the family has one


def _case_text(case, body: str) -> str:
    if case.get("front_matter") is None:
        return body
    return "---\n" + yaml.safe_dump(case["front_matter"], sort_keys=False) + "---\n" + body


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
    case = FAIL_CASES[family]
    config = parse_config(dict(case.get("config", {})), "case.yaml")
    assert case["rule"] in [d.code for d in lint_text(_case_text(case, case["text"]), config=config)]
    verb = "disable-file" if case.get("front_matter") is not None else "disable"  # findings on front matter sit above the comment
    text = _case_text(case, f"<!-- medlint-{verb} {family} -->\n{case['text']}")
    codes = [d.code for d in lint_text(text, config=config)]
    assert f"{family}900" not in codes, (case["_id"], codes)
    assert case["rule"] not in codes
