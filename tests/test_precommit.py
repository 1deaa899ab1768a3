"""The pre-commit hooks, run by the real pre-commit tool in a throwaway git repository.

The hooks repository is a snapshot of this working tree committed to a temporary repo, so the
test exercises exactly the code under test (pre-commit installs it with pip, as users get it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

GOOD = "# Coping with winter\n\nShort walks in daylight can lift your mood.\n"
FIXABLE = "# After a loss\n\nHer brother committed suicide in 2019. If you are struggling, call or text 988.\n"
UNFIXABLE = "# After a loss\n\nMany anorexics hide it.\n"
PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")


def _git(repo, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory):
    """A committed snapshot of the working tree (tracked and untracked, not ignored files)."""
    snap = tmp_path_factory.mktemp("hooks-repo")
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, files):
        src = REPO / name
        if src.is_file():
            (snap / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / name)
    _git(snap, "init", "-q")
    _git(snap, "add", ".")
    _git(snap, "commit", "-qm", "snapshot")
    rev = _git(snap, "rev-parse", "HEAD").stdout.strip()
    return snap, rev


@pytest.fixture
def blog(tmp_path, hooks_repo):
    snap, rev = hooks_repo
    repo = tmp_path / "blog"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snap}\n    rev: {rev}\n    hooks:\n      - id: medlint\n      - id: medlint-fix\n",
        encoding="utf-8",
    )
    (repo / ".medlint.yaml").write_text("exclude: ['archive/**']\n", encoding="utf-8")
    return repo


def _run(repo, hook, *files):
    env = dict(os.environ, PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"))
    env.pop("CI", None)
    return subprocess.run([PRE_COMMIT, "run", hook, "--files", *files], cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def test_hooks_with_the_real_pre_commit(blog):
    (blog / "good.md").write_text(GOOD, encoding="utf-8")
    (blog / "fixable.md").write_text(FIXABLE, encoding="utf-8")
    (blog / "bad.md").write_text(UNFIXABLE, encoding="utf-8")
    (blog / "archive").mkdir()
    (blog / "archive" / "old.md").write_text(UNFIXABLE, encoding="utf-8")
    _git(blog, "add", ".")

    clean = _run(blog, "medlint", "good.md", "archive/old.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    bad = _run(blog, "medlint", "bad.md")
    assert bad.returncode == 1
    assert "LNG004" in bad.stdout and "bad.md:3:6" in bad.stdout

    # MDX and HTML files reach the hook (pre-commit filters files by the hook's types).
    (blog / "page.mdx").write_text("import Note from './note'\n\n" + UNFIXABLE, encoding="utf-8")
    (blog / "page.html").write_text("<html><body><p>Many anorexics hide it.</p></body></html>\n", encoding="utf-8")
    _git(blog, "add", ".")
    formats = _run(blog, "medlint", "page.mdx", "page.html")
    assert formats.returncode == 1, formats.stdout + formats.stderr
    assert "page.mdx:5:6" in formats.stdout and "page.html:1:21" in formats.stdout

    first = _run(blog, "medlint-fix", "fixable.md")
    assert first.returncode == 1, first.stdout
    assert "files were modified by this hook" in first.stdout
    assert (blog / "fixable.md").read_text(encoding="utf-8") == FIXABLE.replace("committed suicide", "died by suicide")
    second = _run(blog, "medlint-fix", "fixable.md")
    assert second.returncode == 0, second.stdout
    assert _run(blog, "medlint", "fixable.md").returncode == 0
