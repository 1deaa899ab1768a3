"""Output formats and command-line options for code hosts, CI and editors: SARIF as GitHub code
scanning reads it, GitLab Code Quality, JUnit, --stdin-filename, --severity, --color, the text
summary, grouped site duplicates, run notices, and --diff-base errors. Schemas are vendored in
tests/data (see its README)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from conftest import run_cli

DATA = Path(__file__).resolve().parent / "data"
BAD = "He committed suicide in 2019. Many anorexics hide it.\n"
PARAGRAPH = (
    "Seasonal depression tends to return each autumn as the days shorten, and many people notice "
    "low energy, longer sleep and a craving for carbohydrates well before the first frost arrives."
)


def _git(repo, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    """A git repository with an article in a folder whose name needs percent-encoding."""
    root = tmp_path / "repo"
    folder = root / "content" / "grief and loss"
    folder.mkdir(parents=True)
    (folder / "brüder.md").write_text(BAD, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "first")
    return root


def _schema(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_sarif_for_code_scanning(repo):
    (repo / "content" / "broken.md").write_bytes(b"caf\xe9\n")
    res = run_cli("check", "--format", "sarif", "--no-cache", "content", cwd=repo)
    assert res.returncode == 2  # the broken file; the others are still in the SARIF
    sarif = json.loads(res.stdout)
    jsonschema.validate(sarif, _schema("sarif-schema-2.1.0.json"))
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["informationUri"] == "https://pypi.org/project/medlint-content/"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    saf = rules["SAF001"]
    assert saf["helpUri"].startswith("https://") and "### Why it matters" in saf["help"]["markdown"]
    assert saf["properties"]["tags"] == ["SAF", "safe messaging about suicide", "warning"]
    (result,) = [r for r in run["results"] if r["ruleId"] == "SAF001"]
    where = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": "content/grief%20and%20loss/br%C3%BCder.md", "uriBaseId": "%SRCROOT%"}
    assert result["partialFingerprints"]["medlintFinding/v1"]
    prints = [r["partialFingerprints"]["medlintFinding/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_paths_do_not_depend_on_the_folder_medlint_runs_in(repo):
    from_root = json.loads(run_cli("check", "--format", "sarif", "--no-cache", "content", cwd=repo).stdout)
    from_inside = json.loads(run_cli("check", "--format", "sarif", "--no-cache", ".", cwd=repo / "content" / "grief and loss").stdout)
    def uris(s):
        return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in s["runs"][0]["results"]]
    assert uris(from_root) == uris(from_inside)


def test_fingerprints_survive_lines_added_above(repo):
    article = repo / "content" / "grief and loss" / "brüder.md"
    before = json.loads(run_cli("check", "--format", "sarif", "--no-cache", article, cwd=repo).stdout)
    article.write_text("# A new title\n\nA new opening paragraph.\n\n" + BAD, encoding="utf-8")
    after = json.loads(run_cli("check", "--format", "sarif", "--no-cache", article, cwd=repo).stdout)
    def prints(s):
        return {r["ruleId"]: r["partialFingerprints"]["medlintFinding/v1"] for r in s["runs"][0]["results"]}

    def lines(s):
        return {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in s["runs"][0]["results"]}

    assert lines(before)["SAF001"] != lines(after)["SAF001"]
    assert prints(before)["SAF001"] == prints(after)["SAF001"]


def test_gitlab_code_quality(repo):
    (repo / "content" / "copy.md").write_text("He committed suicide in 2019. He committed suicide in 2019.\n", encoding="utf-8")
    (repo / "content" / "broken.md").write_bytes(b"caf\xe9\n")
    res = run_cli("check", "--format", "gitlab", "--no-cache", "content", cwd=repo)
    issues = json.loads(res.stdout)
    jsonschema.validate(issues, _schema("gitlab-codequality.schema.json"))
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab keeps one issue per fingerprint
    saf = [i for i in issues if i["check_name"] == "SAF001"]
    assert {i["location"]["path"] for i in saf} >= {"content/grief and loss/brüder.md", "content/copy.md"}
    assert any(i["check_name"] == "medlint-input-error" and i["location"]["path"] == "content/broken.md" for i in issues)


def test_junit(repo):
    (repo / "content" / "clean.md").write_text("Depression is common and treatable.\n", encoding="utf-8")
    (repo / "content" / "broken.md").write_bytes(b"caf\xe9\n")
    res = run_cli("check", "--format", "junit", "--no-cache", "content", cwd=repo)
    schema = xmlschema.XMLSchema(str(DATA / "junit.xsd"))
    schema.validate(res.stdout)
    tree = schema.to_dict(res.stdout)
    suites = {s["@name"]: s for s in tree["testsuite"]}
    assert len(suites) == 3
    bad = suites["content/grief and loss/brüder.md"]
    assert {c["failure"][0]["@type"] for c in bad["testcase"]} >= {"SAF001", "LNG004"}
    assert "failure" not in suites["content/clean.md"]["testcase"][0]
    assert suites["content/broken.md"]["testcase"][0]["error"]


def test_missing_diff_base_is_named_exits_2_and_still_writes_sarif(repo):
    res = run_cli("check", "--format", "sarif", "--exit-zero", "--diff-base", "origin/main", "content", cwd=repo)
    assert res.returncode == 2
    assert "'origin/main'" in res.stderr and "fetch" in res.stderr
    sarif = json.loads(res.stdout)
    jsonschema.validate(sarif, _schema("sarif-schema-2.1.0.json"))
    (note,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "origin/main" in note["message"]["text"]


def test_exit_zero_forgives_findings_not_input_errors(repo):
    assert run_cli("check", "--exit-zero", "content", cwd=repo).returncode == 0
    (repo / "content" / "broken.md").write_bytes(b"caf\xe9\n")
    res = run_cli("check", "--format", "sarif", "--exit-zero", "content", cwd=repo)
    assert res.returncode == 2
    assert any(r["ruleId"] == "SAF001" for r in json.loads(res.stdout)["runs"][0]["results"])


def test_stdin_filename_uses_that_files_config_and_name(tmp_path):
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / ".medlint.yaml").write_text("select: [LNG]\n", encoding="utf-8")
    res = run_cli("check", "--format", "json", "--stdin-filename", "strict/draft.md", cwd=tmp_path, input=BAD)
    data = json.loads(res.stdout)
    assert {d["code"] for d in data["diagnostics"]} == {"LNG004"}  # the folder's config applied
    assert {d["path"] for d in data["diagnostics"]} == {"strict/draft.md"}
    assert not (tmp_path / "strict" / "draft.md").exists()
    text = run_cli("check", "--stdin-filename", "post.md", cwd=tmp_path, input=BAD).stdout
    assert "post.md:1:4: SAF001" in text and "    He committed suicide in 2019." in text  # the line shown is stdin's
    fixed = run_cli("check", "--fix", "--stdin-filename", "post.md", cwd=tmp_path, input=BAD)
    assert fixed.stdout == BAD.replace("committed suicide", "died by suicide")
    clean = "Depression is common and treatable.\n"
    assert run_cli("check", "--fix", "--stdin-filename", "post.md", cwd=tmp_path, input=clean).stdout == clean
    assert run_cli("check", "--stdin-filename", "post.md", "other.md", cwd=tmp_path, input=BAD).returncode == 2


def test_severity_threshold(tmp_path):
    (tmp_path / ".medlint.yaml").write_text("severity: {LNG004: error}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    errors_only = run_cli("check", "--severity", "error", "--format", "json", "a.md", cwd=tmp_path)
    assert {d["code"] for d in json.loads(errors_only.stdout)["diagnostics"]} == {"LNG004"}
    assert errors_only.returncode == 1
    (tmp_path / ".medlint.yaml").write_text("", encoding="utf-8")
    assert run_cli("check", "--severity", "error", "a.md", cwd=tmp_path).returncode == 0
    assert run_cli("check", "--severity", "warning", "a.md", cwd=tmp_path).returncode == 1


def test_colour_only_when_asked(tmp_path):
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    assert "\x1b[" not in run_cli("check", "a.md", cwd=tmp_path).stdout  # not a terminal
    assert "\x1b[" in run_cli("check", "--color", "always", "a.md", cwd=tmp_path).stdout
    assert "\x1b[" in run_cli("check", "--color", "always", "a.md", cwd=tmp_path, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run_cli("check", "--color", "never", "a.md", cwd=tmp_path).stdout


def test_summary_counts_safe_and_unsafe_fixes(tmp_path):
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    out = run_cli("check", "a.md", cwd=tmp_path).stdout
    assert out.splitlines()[-1] == "Found 3 findings in 1 file (1 fixable with --fix, 1 more with --unsafe-fixes)."


def test_shared_paragraphs_grouped_per_pair_of_files(tmp_path):
    article = "\n\n".join(f"{PARAGRAPH} Note {n}." for n in ("one", "two", "three")) + "\n"
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    (tmp_path / "b.md").write_text(article, encoding="utf-8")
    data = json.loads(run_cli("check", "--select", "DUP003", "--format", "json", ".", cwd=tmp_path).stdout)
    assert len(data["diagnostics"]) == 6  # every paragraph, for scripts and code scanning
    text = run_cli("check", "--select", "DUP003", ".", cwd=tmp_path).stdout
    entries = [line for line in text.splitlines() if ": DUP003 " in line]
    assert len(entries) == 2
    assert "3 paragraphs of this article also appear in b.md (lines 1, 3, 5 here; 1, 3, 5 there)" in entries[0]


def test_grammar_notice_only_when_grammar_was_asked_for(tmp_path):
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    env = {"MEDLINT_LT_URL": "", "LTP_PATH": ""}
    assert "grammar" not in run_cli("check", "a.md", cwd=tmp_path, env=env).stderr
    asked = run_cli("check", "--select", "GRM,SAF", "a.md", cwd=tmp_path, env=env).stderr
    assert asked.count("grammar checks (GRM) skipped") == 1
    (tmp_path / ".medlint.yaml").write_text("extend-select: [GRM]\n", encoding="utf-8")
    assert "grammar checks (GRM) skipped" in run_cli("check", "a.md", cwd=tmp_path, env=env).stderr
