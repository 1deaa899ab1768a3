"""Running at scale: --jobs keeps output identical, the cache, --diff-base, quiet progress."""

from __future__ import annotations

import json
import subprocess

from conftest import run_cli

BAD = "# Note {i}\n\nHer brother committed suicide in 2019. Call 988 for help.\n\nMany anorexics hide it.\n"


def _site(tmp_path, n=20):
    tmp_path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (tmp_path / f"post{i:02d}.md").write_text(BAD.format(i=i), encoding="utf-8")
    return tmp_path


def test_jobs_do_not_change_output(tmp_path):
    site = _site(tmp_path)
    one = run_cli("check", "--format", "json", "--no-cache", "-j", "1", site)
    two = run_cli("check", "--format", "json", "--no-cache", "-j", "2", site)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["files"] == 20


def test_cache_reuses_results_and_notices_edits(tmp_path):
    site = _site(tmp_path / "site")
    first = run_cli("check", "--format", "json", site, cwd=tmp_path)
    entries = sorted((tmp_path / ".medlint_cache").rglob("*.json"))
    assert len(entries) == 20
    assert (tmp_path / ".medlint_cache" / "CACHEDIR.TAG").exists()
    second = run_cli("check", "--format", "json", site, cwd=tmp_path)
    assert second.stdout == first.stdout
    assert sorted((tmp_path / ".medlint_cache").rglob("*.json")) == entries
    (site / "post03.md").write_text("Depression is treatable.\n", encoding="utf-8")
    third = json.loads(run_cli("check", "--format", "json", site, cwd=tmp_path).stdout)
    assert not [d for d in third["diagnostics"] if d["path"].endswith("post03.md")]
    assert len(list((tmp_path / ".medlint_cache").rglob("*.json"))) == 21
    nocache = run_cli("check", "--format", "json", "--no-cache", site, cwd=tmp_path)
    assert json.loads(nocache.stdout) == third


def test_cache_entries_are_json_not_code(tmp_path):
    site = _site(tmp_path / "site", n=1)
    run_cli("check", site, cwd=tmp_path)
    (entry,) = (tmp_path / ".medlint_cache").rglob("*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["diagnostics"]


def _git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True)


def test_diff_base_reports_only_changed_lines(tmp_path):
    repo = tmp_path
    (repo / "old.md").write_text("He committed suicide. Call 988.\n", encoding="utf-8")
    (repo / "post.md").write_text("Line one is fine.\n\nMany anorexics hide it.\n\nCall 988 any time.\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    (repo / "post.md").write_text("Line one is fine.\n\nMany anorexics hide it.\n\nShe committed suicide. Call 988 any time.\n", encoding="utf-8")
    (repo / "new.md").write_text("Addicts need compassion.\n", encoding="utf-8")
    everything = json.loads(run_cli("check", "--format", "json", "--no-cache", ".", cwd=repo).stdout)
    assert {d["path"] for d in everything["diagnostics"]} == {"old.md", "post.md", "new.md"}
    res = run_cli("check", "--format", "json", "--no-cache", "--diff-base", "HEAD", ".", cwd=repo)
    found = {(d["path"], d["line"], d["code"]) for d in json.loads(res.stdout)["diagnostics"]}
    assert found == {("post.md", 5, "SAF001"), ("new.md", 1, "LNG009")}
    bad = run_cli("check", "--diff-base", "no-such-ref", ".", cwd=repo)
    assert bad.returncode == 2 and "--diff-base" in bad.stderr


def test_no_progress_bar_without_a_terminal(tmp_path):
    site = _site(tmp_path, n=60)
    res = run_cli("check", "--no-cache", site)
    assert "files" not in res.stderr


def test_cache_hit_reports_the_path_as_this_run_names_it(tmp_path):
    """One cache entry serves "site/post00.md" and its absolute path; findings and site-wide
    checks use the name given in each run (a regression: a hit once kept the old name)."""
    site = _site(tmp_path / "site", n=3)
    absolute = run_cli("check", "--format", "json", site.resolve(), cwd=tmp_path)
    assert json.loads(absolute.stdout)["diagnostics"][0]["path"].startswith("/")
    relative = run_cli("check", "--format", "json", "site", cwd=tmp_path)
    assert relative.returncode == 1, relative.stderr
    paths = {d["path"] for d in json.loads(relative.stdout)["diagnostics"]}
    assert paths == {f"site/post0{i}.md" for i in range(3)}
    assert len(list((tmp_path / ".medlint_cache").rglob("*.json"))) == 3
