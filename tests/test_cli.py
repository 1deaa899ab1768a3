"""The CLI: exit codes, formats, input errors, stdin, explain and rules."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ARTICLES, DATA, run_cli

BAD = "He committed suicide in 2019.\n"
CLEAN = "Depression is common and treatable.\n"


@pytest.fixture
def site(tmp_path):
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_exit_codes(site):
    assert run_cli("check", site / "clean.md").returncode == 0
    assert run_cli("check", site / "bad.md").returncode == 1
    assert run_cli("check", "--exit-zero", site / "bad.md").returncode == 0
    assert run_cli("check", "--select", "NOPE", site / "bad.md").returncode == 2


def test_text_format_shows_line_caret_and_fix(site):
    res = run_cli("check", site / "bad.md")
    out = res.stdout
    assert f"{site / 'bad.md'}:1:4: SAF001" in out
    assert "    He committed suicide in 2019." in out
    assert "       ^^^^^^^^^^^^^^^^^" in out
    assert "fix: Replace “committed suicide” with “died by suicide”" in out


def test_json_contract(site):
    data = json.loads(run_cli("check", "--format", "json", site).stdout)
    assert data["version"] == 1 and data["files"] == 2
    (d,) = [x for x in data["diagnostics"] if x["code"] == "SAF001"]
    assert set(d) >= {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "start", "end", "fix"}
    assert (d["line"], d["column"], d["end_column"], d["start"], d["end"]) == (1, 4, 21, 3, 20)
    assert d["fix"] == {"title": "Replace “committed suicide” with “died by suicide”", "applicability": "safe", "edits": [{"start": 3, "end": 20, "replacement": "died by suicide"}]}


def test_github_format(site):
    out = run_cli("check", "--format", "github", site / "bad.md").stdout
    line = next(ln for ln in out.splitlines() if "SAF001" in ln)
    assert line.startswith("::warning file=")
    assert ",line=1,col=4,endLine=1,endColumn=21,title=SAF001 committed-suicide::" in line


def test_sarif_validates_against_schema(site, tmp_path):
    schema_path = DATA / "sarif-schema-2.1.0.json"  # the OASIS SARIF 2.1.0 schema (tests/data/README.md)
    (site / "broken.md").write_bytes(b"caf\xe9\n")
    res = run_cli("check", "--format", "sarif", site)
    assert res.returncode == 2
    sarif = json.loads(res.stdout)
    jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "Why it matters" in rules["SAF001"]["help"]["text"]
    (res0,) = [r for r in run["results"] if r["ruleId"] == "SAF001"]
    assert res0["locations"][0]["physicalLocation"]["region"]["startColumn"] == 4
    assert res0["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "died by suicide"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_bad_input_exits_2_and_other_files_still_checked(site):
    (site / "utf16.md").write_bytes("\ufeffhello".encode("utf-16"))
    (site / "latin1.txt").write_bytes(b"caf\xe9 au lait\n")
    res = run_cli("check", "--format", "json", site)
    assert res.returncode == 2
    data = json.loads(res.stdout)
    assert {e["path"].rsplit("/", 1)[-1] for e in data["errors"]} == {"utf16.md", "latin1.txt"}
    assert any(d["code"] == "SAF001" for d in data["diagnostics"])
    assert "utf16.md" in res.stderr and "UTF-16" in res.stderr


def test_missing_path_is_an_error(tmp_path):
    res = run_cli("check", tmp_path / "nope.md")
    assert res.returncode == 2 and "no such file" in res.stdout


def test_stdin(site):
    res = run_cli("check", "--format", "json", "-", input=BAD)
    data = json.loads(res.stdout)
    assert res.returncode == 1 and data["diagnostics"][0]["path"] == "-"
    fixed = run_cli("check", "--fix", "-", input=BAD)
    assert fixed.stdout == "He died by suicide in 2019.\n"


def test_explain_and_rules():
    out = run_cli("explain", "SAF001").stdout
    for section in ("What it does", "Why it matters", "Example", "Fix", "Source"):
        assert section in out
    assert run_cli("explain", "committed-suicide").stdout == out
    assert run_cli("explain", "XYZ123").returncode == 2
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert any(r["code"] == "SAF001" and r["fixable"] for r in listed)
    assert run_cli("--version").stdout.startswith("medlint, version ")


def test_articles_missing_crisis_resources():
    data = json.loads(run_cli("check", "--format", "json", "--exit-zero", "--no-cache", ARTICLES).stdout)
    saf7 = {d["path"].rsplit("/", 1)[-1] for d in data["diagnostics"] if d["code"] == "SAF007"}
    assert saf7 == {"clinic-explainer.txt", "explainer.txt"}
