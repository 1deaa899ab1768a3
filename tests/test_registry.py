"""The one registry: every rule it holds is documented in full, and no code it holds was ever
retired (rules/retired-codes.yaml); a check that brings a retired code, or a rule without its
doc, is refused when it registers."""

from __future__ import annotations

import pytest

from medlint.engine import registry
from medlint.knowledge.resources import retired_codes
from medlint.model.rule import Check, rule_doc

_PARTS = ("summary", "what", "why", "example", "fix", "source")


def test_every_registered_rule_has_a_complete_doc():
    rules = registry.all_rules()
    assert len(rules) > 40
    for rule in rules:
        for part in _PARTS:
            assert str(getattr(rule, part)).strip(), f"{rule.code}: its doc lacks {part}"
        assert rule.origin, f"{rule.code}: the registry did not fill in where it is declared"
        text = rule.explain()
        assert all(heading in text for heading in ("What it does", "Why it matters", "Example", "Fix", "Source")), rule.code


def test_no_registered_code_is_retired():
    registered = {rule.code for rule in registry.all_rules()}
    assert not registered & set(retired_codes())


def _check(code: str, blank: str | None = None) -> Check:
    """A check with one rule ``code``, documented in full but for the ``blank`` part."""
    doc = {part: " " if part == blank else f"The {part} of {code}." for part in _PARTS}
    summary = doc.pop("summary")

    class Fake(Check):
        name = "fake-check"
        rules = (rule_doc(code, "fake-rule", summary, **doc),)

    return Fake()


def test_a_retired_code_is_refused(monkeypatch):
    monkeypatch.setattr(registry, "retired_codes", lambda: {"CLM950": "merged into CLM001 (test)"})
    fresh = registry._Registry()
    with pytest.raises(ValueError, match=r"CLM950 .*is retired \(merged into CLM001 \(test\)\)"):
        fresh.add(_check("CLM950"), "tests/test_registry.py")
    fresh.add(_check("CLM951"), "tests/test_registry.py")  # a code never used before is fine
    assert [r.code for r in fresh.rules.values()] == ["CLM951"]


@pytest.mark.parametrize("part", _PARTS)
def test_a_rule_without_its_doc_is_refused(part):
    fresh = registry._Registry()
    with pytest.raises(ValueError, match=f"lacks '{part}'"):
        fresh.add(_check("CLM952", blank=part), "tests/test_registry.py")


def test_the_modules_of_family_packages_are_searched():
    """Every module under medlint/checks, in a family package (checks/regulatory/) too, is one
    the registry imports, and the checks such a package defines are registered."""
    from pathlib import Path

    from medlint import checks

    root = Path(checks.__file__).parent
    on_disk = {".".join(("medlint", "checks", *p.relative_to(root).with_suffix("").parts)).removesuffix(".__init__") for p in root.rglob("*.py")}
    assert set(registry.check_modules()) == on_disk - {"medlint.checks"}
    nested = [c for c in registry.checks() if c.__module__.count(".") > 2]
    assert nested, "a check defined in a family package is registered"
