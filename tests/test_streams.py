"""Standard input and outputs (issue 20, item 5): a filter never swallows its input, every
failure says why in one line, only regular files are written, and one unwritable file is an
error of that file while the others are still fixed."""

from __future__ import annotations

import os
import stat
import subprocess

from click.testing import CliRunner

from conftest import MEDLINT, run_cli
from medlint.engine import files
from medlint.outputs import cli

FIXABLE = "He committed suicide last year.\n"


def test_fixing_standard_input_writes_binary_input_back_and_says_why():
    data = b"ab\0cd\xff\n"
    res = subprocess.run([*MEDLINT, "check", "-", "--fix", "--no-cache"], input=data, capture_output=True)
    assert res.returncode == 2
    assert res.stdout == data, "the input is passed through, not lost"
    assert b"binary" in res.stderr and b"Traceback" not in res.stderr


def test_fixing_standard_input_writes_clean_and_fixed_text():
    clean = run_cli("check", "-", "--fix", "--no-cache", input="Hello world.")
    assert clean.stdout == "Hello world." and clean.returncode == 0
    fixed = run_cli("check", "-", "--fix", "--no-cache", input=FIXABLE)
    assert fixed.stdout == "He died by suicide last year.\n"


def test_closed_standard_input_is_one_error():
    for command in (["check", "-"], ["stats", "-"]):
        res = subprocess.run([*MEDLINT, *command], capture_output=True, text=True, preexec_fn=lambda: os.close(0))
        assert res.returncode == 2, res.stderr
        assert "Traceback" not in res.stderr and "standard input" in res.stderr


def test_diff_prints_the_error_of_an_unreadable_file(tmp_path):
    (tmp_path / "good.md").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    res = run_cli("check", "--diff", "--no-cache", "good.md", "bad.md", cwd=tmp_path)
    assert res.returncode == 2
    assert "bad.md" in res.stderr and "+He died by suicide" in res.stdout


def test_report_refuses_a_fifo_and_an_unwritable_path(tmp_path):
    (tmp_path / "a.md").write_text(FIXABLE, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    res = run_cli("report", "--no-cache", "-o", str(fifo), "a.md", cwd=tmp_path)
    assert res.returncode == 2 and "not a regular file" in res.stderr and "Traceback" not in res.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is left alone"
    res = run_cli("report", "--no-cache", "-o", str(tmp_path / "no" / "such" / "r.html"), "a.md", cwd=tmp_path)
    assert res.returncode == 2 and "r.html" in res.stderr and "Traceback" not in res.stderr
    res = run_cli("report", "--no-cache", "-o", "r.html", "a.md", cwd=tmp_path)
    assert res.returncode == 0 and (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!")


def test_an_unwritable_file_under_fix_is_its_own_error(tmp_path, monkeypatch):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(FIXABLE, encoding="utf-8")
    real = files.write_atomic

    def refuse_b(path, data):
        if str(path).endswith("b.md"):
            raise PermissionError(13, "Permission denied")
        real(path, data)

    monkeypatch.setattr(files, "write_atomic", refuse_b)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli.main, ["check", "--fix", "--no-cache", "--jobs", "1", "a.md", "b.md", "c.md"])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "b.md: write error: cannot write file: Permission denied" in res.output
    for name in ("a.md", "c.md"):
        assert (tmp_path / name).read_text(encoding="utf-8") == "He died by suicide last year.\n"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == FIXABLE


def test_pack_and_config_reads_are_capped(tmp_path):
    (tmp_path / "a.md").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("packs: [/dev/zero]\n", encoding="utf-8")
    res = run_cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert res.returncode == 2 and "/dev/zero" in res.stderr + res.stdout and "Traceback" not in res.stderr
    (tmp_path / ".medlint.yaml").write_text("# " + "x" * (5 * 1024 * 1024) + "\n", encoding="utf-8")
    res = run_cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert res.returncode == 2 and ".medlint.yaml" in res.stderr + res.stdout and "limit" in res.stderr + res.stdout
