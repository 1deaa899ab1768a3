"""docs/ci.md, run: the GitHub workflow's and GitLab job's steps (all but installing from PyPI
and uploading) in a throwaway repository with an origin and a pull-request branch, and the
pre-commit hook's --diff-base arguments. The docs and this test change together."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO
from medlint import DISTRIBUTION

DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", DOC, re.S)]
WORKFLOW = next(b for b in BLOCKS if isinstance(b, dict) and "jobs" in b)
GITLAB = next(b for b in BLOCKS if isinstance(b, dict) and "medlint" in b and "script" in b["medlint"])
HOOK_ARGS = next(h["args"] for b in BLOCKS if isinstance(b, dict) and "hooks" in b for h in b["hooks"] if "args" in h)
BACKLOG = "# Old post\n\nMany anorexics hide it.\n"
NEW = "# New post\n\nHer brother committed suicide in 2019. If you are struggling, call or text 988.\n"
BIN = str(Path(sys.executable).parent)


def _git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture
def pull_request(tmp_path):
    """A clone whose branch adds one article to a site with a backlog; origin/main is the base."""
    seed = tmp_path / "seed"
    (seed / "content").mkdir(parents=True)
    (seed / "content" / "old.md").write_text(BACKLOG, encoding="utf-8")
    _git(seed, "init", "-q")
    _git(seed, "add", ".")
    _git(seed, "commit", "-qm", "backlog")
    _git(tmp_path, "clone", "-q", "--bare", str(seed), "origin.git")
    _git(tmp_path, "clone", "-q", "origin.git", "work")
    work = tmp_path / "work"
    _git(work, "checkout", "-qb", "new-post")
    (work / "content" / "new.md").write_text(NEW, encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "new post")
    _git(work, "push", "-q", "origin", "new-post")
    return work


def test_workflow_shape():
    assert set(WORKFLOW[True] if True in WORKFLOW else WORKFLOW["on"]) == {"push", "pull_request"}  # YAML reads `on` as True
    triggers = WORKFLOW.get(True) or WORKFLOW["on"]
    for event in ("push", "pull_request"):
        paths = triggers[event]["paths"]
        assert {".medlint.yaml", "pyproject.toml", "styles/**"} <= set(paths), "config and packs must trigger a run"
    assert WORKFLOW["permissions"]["security-events"] == "write"
    steps = WORKFLOW["jobs"]["lint"]["steps"]
    (upload,) = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    assert "head.repo.full_name == github.repository" in upload["if"]  # forks get a read-only token
    assert next(s for s in steps if "checkout" in s.get("uses", ""))["with"]["fetch-depth"] == 0
    (install,) = [s for s in steps if "pip install" in s.get("run", "")]
    assert install["run"].split()[2].split("==")[0] == DISTRIBUTION


def _runs(event: str):
    """The workflow's run steps that GitHub would run for ``event``, install step excluded."""
    conditions = {None: True, "always()": True, "github.event_name == 'pull_request'": event == "pull_request"}
    for step in WORKFLOW["jobs"]["lint"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        assert step.get("if") in conditions, f"teach this test the condition {step.get('if')!r}"
        if conditions[step.get("if")]:
            yield step["name"], step["run"]


def _bash(script, cwd, **env):
    full = dict(os.environ, PATH=BIN + os.pathsep + os.environ["PATH"], **env)
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, env=full, timeout=300)


def test_workflow_steps_on_a_pull_request(pull_request):
    ran = {}
    for name, script in _runs("pull_request"):
        ran[name] = _bash(script, pull_request, GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main")
    annotate = next(r for n, r in ran.items() if "Annotate" in n)
    assert annotate.returncode == 1, annotate.stderr
    annotations = annotate.stdout.splitlines()
    assert annotations and all("content/new.md" in a for a in annotations)  # the backlog stays quiet
    assert any("SAF001" in a for a in annotations)
    sarif_step = next(r for n, r in ran.items() if "SARIF" in n)
    assert sarif_step.returncode == 0, sarif_step.stderr
    sarif = json.loads((pull_request / "medlint.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"content/old.md", "content/new.md"}  # every article: code scanning compares itself


def test_workflow_steps_on_a_push(pull_request):
    names = [name for name, _ in _runs("push")]
    assert not any("Annotate" in n for n in names)
    for _, script in _runs("push"):
        assert _bash(script, pull_request, GITHUB_EVENT_NAME="push").returncode == 0


def test_workflow_without_history_fails_naming_the_base(pull_request, tmp_path):
    """Forgetting fetch-depth: 0 gives a shallow clone without the base: exit 2, and a message
    that names the revision and the fix."""
    _git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "new-post", f"file://{tmp_path / 'origin.git'}", "shallow")
    annotate = next(script for name, script in _runs("pull_request") if "Annotate" in name)
    res = _bash(annotate, tmp_path / "shallow", GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main")
    assert res.returncode == 2
    assert "'origin/main'" in res.stderr and "fetch-depth: 0" in res.stderr


def test_pre_commit_diff_base_args_report_only_new_lines(pull_request):
    res = subprocess.run([Path(BIN) / "medlint", "check", *HOOK_ARGS, "content/old.md", "content/new.md"], cwd=pull_request, capture_output=True, text=True)
    assert res.returncode == 1
    assert "content/new.md:3:" in res.stdout and "content/old.md" not in res.stdout


def test_gitlab_job_script(pull_request):
    for line in GITLAB["medlint"]["script"]:
        if line.startswith("pip install"):
            assert line.split()[2].split("==")[0] == DISTRIBUTION
            continue
        assert _bash(line, pull_request).returncode in (0, 1), line
    for report in GITLAB["medlint"]["artifacts"]["reports"].values():
        assert (pull_request / report).stat().st_size > 0
