"""Bad input: each gets one clear message naming the file, exit 2, and the other files are
still checked. A good file with a finding sits beside every bad one to prove it."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_cli

GOOD = "He committed suicide. Call 988.\n"


def _check(folder, *extra, cwd=None):
    res = run_cli("check", "--format", "json", "--no-cache", *extra, folder, cwd=cwd)
    data = json.loads(res.stdout) if res.stdout.strip().startswith("{") else None
    return res, data


def _assert_isolated(res, data, bad_name, words):
    assert res.returncode == 2, res.stdout + res.stderr
    errors = [e for e in data["errors"] if e["path"].endswith(bad_name)]
    assert len(errors) == 1, data["errors"]
    assert words.lower() in errors[0]["message"].lower()
    assert [d for d in data["diagnostics"] if d["path"].endswith("good.md") and d["code"] == "SAF001"]
    assert bad_name in res.stderr  # one clear line on stderr names the file


@pytest.fixture
def site(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("binary.md", bytes(range(256)) * 4, "binary"),
        ("invalid.md", b"Caf\xe9 society\n", "not valid UTF-8"),
        ("utf16.md", "\ufeffHello there\n".encode("utf-16-le"), "UTF-16"),
        ("frontmatter.md", b"---\ntitle: [broken\n---\nBody.\n", "invalid YAML"),
        ("laughs.md", b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\nBody.\n", "aliases"),
        ("listfm.md", b"---\n- just\n- a list\n---\nBody.\n", "not a YAML mapping"),
    ],
)
def test_bad_files(site, name, data, words):
    (site / name).write_bytes(data)
    res, out = _check(site)
    _assert_isolated(res, out, name, words)


def test_empty_file_is_fine(site):
    (site / "empty.md").write_bytes(b"")
    res, out = _check(site)
    assert res.returncode == 1 and not out["errors"]


def test_huge_file(site):
    with open(site / "huge.md", "wb") as fh:
        fh.write((b"word " * 20 + b"\n") * (50 * 1024 * 1024 // 101))
    res, out = _check(site)
    _assert_isolated(res, out, "huge.md", "MB limit")


def test_unreadable_and_dangling(site):
    (site / "dangling.md").symlink_to(site / "missing-target.md")
    res, out = _check(site)
    _assert_isolated(res, out, "dangling.md", "cannot read")
    if os.geteuid() != 0:  # root reads anything; the dangling link covers that case
        secret = site / "secret.md"
        secret.write_text("x", encoding="utf-8")
        secret.chmod(0)
        res, out = _check(site)
        assert any(e["path"].endswith("secret.md") for e in out["errors"])


def test_symlink_loops(site):
    (site / "loop-a.md").symlink_to(site / "loop-b.md")
    (site / "loop-b.md").symlink_to(site / "loop-a.md")
    (site / "sub").mkdir()
    (site / "sub" / "up").symlink_to(site)  # a folder loop: not followed
    res, out = _check(site)
    assert res.returncode == 2
    assert {e["path"].rsplit("/", 1)[-1] for e in out["errors"]} == {"loop-a.md", "loop-b.md"}
    assert out["files"] == 3


def test_config_billion_laughs_and_unknown_keys(site):
    (site / ".medlint.yaml").write_text("a: &a [1,1]\nb: [*a,*a]\n", encoding="utf-8")
    res, _ = _check(site, cwd=site)
    assert res.returncode == 2 and ".medlint.yaml" in res.stdout + res.stderr and "aliases" in res.stdout + res.stderr
    (site / ".medlint.yaml").write_text("select: [SAF]\nfrobnicate: true\n", encoding="utf-8")
    res, _ = _check(site, cwd=site)
    assert res.returncode == 2 and ".medlint.yaml:2" in res.stdout + res.stderr


def test_catastrophic_user_regex_is_bounded(site):
    (site / "slow.yaml").write_text(
        "pack: slow\nfamily: CLM\nrules:\n  - code: CLM990\n    name: slow-pattern\n    kind: existence\n"
        "    tokens: ['(a|aa)+$']\n    message: m\n    summary: s\n    what: w\n    why: y\n    example: e\n    fix: f\n    source: test\n",
        encoding="utf-8",
    )
    (site / ".medlint.yaml").write_text("packs: [slow.yaml]\n", encoding="utf-8")
    (site / "evil.md").write_text("a" * 40 + "!\n", encoding="utf-8")
    res, out = _check(site, cwd=site)
    assert res.returncode == 2
    (err,) = out["errors"]
    assert err["path"].endswith("evil.md") and "backtracks" in err["message"]
    assert [d for d in out["diagnostics"] if d["path"].endswith("good.md")]


def test_packs_hold_no_code(site):
    (site / "code.yaml").write_text("pack: x\nfamily: CLM\nrules: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    (site / ".medlint.yaml").write_text("packs: [code.yaml]\n", encoding="utf-8")
    res, _ = _check(site, cwd=site)
    assert res.returncode == 2
    assert "pwned" not in res.stdout + res.stderr.replace("echo pwned", "")
    assert "code.yaml" in res.stdout + res.stderr
