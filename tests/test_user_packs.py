"""User packs with their own family prefix, and what explain, rules and config say about rules,
their options and the settings resolved for a file (option names spelled kebab-case)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from medlint.checks.packs import load_pack
from medlint.model.errors import PackError

PACK = """\
pack: house-style
family: HSE
description: house style of the clinic
source: "Our editorial guide, 2024"
rules:
  - code: HSE001
    name: utilise
    kind: substitution
    swap: {utilise: use}
    message: "Say “{replacement}”, not “{match}”."
    summary: "“Utilise”; say “use”."
    what: Flags "utilise".
    why: Plain words read faster.
    example: "Bad: We utilise CBT.\\nGood: We use CBT."
    fix: "Safe: same meaning."
"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text(
        "packs: [house.yaml]\nignore: [RDB]\noptions:\n  readability: {target-grade: 10}\n", encoding="utf-8"
    )
    (tmp_path / "post.md").write_text("We utilise CBT. <!-- medlint-disable-next-line HSE -->\n", encoding="utf-8")
    return tmp_path


def test_own_prefix_is_checked_suppressed_and_fixed(site):
    (site / "other.md").write_text("We utilise CBT.\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "other.md", cwd=site).stdout)
    (d,) = [d for d in data["diagnostics"] if d["code"] == "HSE001"]
    assert d["fix"]["edits"][0]["replacement"] == "use"
    assert run_cli("check", "--select", "HSE", "--format", "json", "other.md", cwd=site).returncode == 1
    sarif = json.loads(run_cli("check", "--format", "sarif", "other.md", cwd=site).stdout)
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "HSE001")
    assert rule["properties"]["tags"][:2] == ["HSE", "house style of the clinic"]


def test_explain_and_rules_know_user_rules(site):
    out = run_cli("explain", "HSE001", cwd=site)
    assert out.returncode == 0 and "HSE001 utilise (house style of the clinic;" in out.stdout
    listed = json.loads(run_cli("rules", "--format", "json", cwd=site).stdout)
    assert any(r["code"] == "HSE001" and r["family_name"] == "house style of the clinic" for r in listed)
    assert run_cli("explain", "HSE001", cwd=site.parent).returncode == 2  # no config there, no pack


@pytest.mark.parametrize(
    "family, code, message",
    [("hse", "hse001", "2 to 5 capital letters"), ("HSE", "HSX001", "not in this pack's family"), ("HOUSES", "HOUSES001", "2 to 5 capital letters")],
)
def test_bad_prefixes_are_pack_errors(family, code, message):
    text = PACK.replace("family: HSE", f"family: {family}").replace("code: HSE001", f"code: {code}")
    with pytest.raises(PackError) as info:
        load_pack(text, "house.yaml")
    assert message in info.value.message


def test_explain_lists_options_with_defaults():
    out = run_cli("explain", "RDB001").stdout
    assert "Options (in .medlint.yaml: options: {readability: {NAME: VALUE}}" in out
    assert "  target-grade (default 8.0): Highest acceptable reading grade." in out
    dup = run_cli("explain", "DUP003").stdout
    assert "  min-words (default 15)" in dup and "min_words" not in dup
    data = {r["code"]: r for r in json.loads(run_cli("rules", "--format", "json").stdout)}
    assert data["DUP003"]["options"]["min-words"]["default"] == 15


def test_config_prints_the_resolved_settings(site):
    (site / "clinicians").mkdir()
    (site / ".medlint.yaml").write_text(
        (site / ".medlint.yaml").read_text(encoding="utf-8")
        + "overrides:\n  - files: ['clinicians/**']\n    options: {readability: {target-grade: 12}}\n    severity: {HSE001: error}\n",
        encoding="utf-8",
    )
    (site / "clinicians" / "a.md").write_text("x\n", encoding="utf-8")
    data = json.loads(run_cli("config", "--format", "json", "clinicians/a.md", cwd=site).stdout)
    assert data["config"].endswith(".medlint.yaml")
    assert "HSE001" in data["enabled"] and "RDB001" in data["disabled"]
    assert data["severity"] == {"HSE001": "error"}
    general = json.loads(run_cli("config", "--format", "json", "post.md", cwd=site).stdout)
    assert general["severity"] == {}
    assert general["packs"] == [{"file": "house.yaml", "rules": 1, "phrases": 1, "plain-word phrases": 1, "bytes": len(PACK.encode())}]
    text = run_cli("config", "post.md", cwd=site).stdout
    assert "fail-on: warning" in text


def test_option_names_are_kebab_case_in_errors(tmp_path):
    (tmp_path / ".medlint.yaml").write_text("options:\n  shared-paragraphs: {min-word: 3}\n", encoding="utf-8")
    (tmp_path / "x.md").write_text("Text.\n", encoding="utf-8")
    res = run_cli("check", "x.md", cwd=tmp_path)
    assert res.returncode == 2 and "known: min-words, threshold" in res.stderr + res.stdout


# -- validation at load (issue 20, item 6) -----------------------------------------------------
@pytest.mark.parametrize(
    "message",
    ["Avoid {0}.", "Avoid {word}.", "Avoid {match.", "Say {replacement}} now.", "Avoid {match!z}.", "Avoid {}."],
    ids=["positional", "unknown-field", "unclosed", "stray-close", "bad-conversion", "empty-field"],
)
def test_a_message_template_that_cannot_be_filled_is_refused_at_load(message):
    """Such a message used to fail on every match, in every article, as an internal error."""
    text = PACK.replace('message: "Say “{replacement}”, not “{match}”."', f"message: {json.dumps(message)}")
    with pytest.raises(PackError) as caught:
        load_pack(text, "house.yaml")
    error = caught.value
    assert error.path == "house.yaml" and error.line == 10 and "rules[0].message" in error.message
    assert "\n" not in str(error)


@pytest.mark.parametrize("message", ["Say “{replacement}”, not “{match}”.", "Use {{braces}} around {match}.", "No fields."])
def test_a_message_template_with_known_fields_loads(message):
    text = PACK.replace('message: "Say “{replacement}”, not “{match}”."', f"message: {json.dumps(message)}")
    check = load_pack(text, "house.yaml")
    assert check.specs[0].message == message


SYNTAX = """\
pack: syntax
family: SYN
rules:
  - code: SYN001
    name: holic
    kind: existence
    tokens: ['{token}']
    message: m
    summary: s
    what: w
    why: y
    example: e
    fix: f
    source: test
"""


@pytest.mark.parametrize("token", ["[[:alpha:]]+holic", "(?V1)[[a-z]--[q]]+holic", r"\p{L}+holic", "work(?:aholic|holic)"])
def test_pack_syntax_that_only_regex_reads_right_is_matched_without_warnings(tmp_path, token):
    """Pack patterns run on the regex module; the prefilter reads them with ``re``. Where
    ``re`` rejects the syntax or reads it as something else (a POSIX class, a set operation:
    plain characters to it, with a FutureWarning), the prefilter must stand aside, not look for
    literals a match need not hold, and print nothing."""
    (tmp_path / "syntax.yaml").write_text(SYNTAX.format(token=token), encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("packs: [syntax.yaml]\nselect: [SYN]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("She was a workaholic, and a [:holic too.\n", encoding="utf-8")
    res = run_cli("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    found = [d["start"] for d in json.loads(res.stdout)["diagnostics"]]
    assert found[:1] == [10], res.stdout
    assert "Warning" not in res.stderr, res.stderr
