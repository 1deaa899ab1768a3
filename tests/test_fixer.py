"""The fixer: only edit spans change, BOM and newlines kept, idempotent, atomic writes."""

from __future__ import annotations

import os

import pytest

from conftest import run_cli
from medlint.engine.config import Config
from medlint.model.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from medlint.model.document import Document
from medlint.model.span import Span
from medlint.engine.files import write_atomic
from medlint.engine.fixer import apply_edits, choose, fix_document


def _diag(start, end, repl, safe=True):
    fix = Fix("t", (Edit(start, end, repl),), Applicability.SAFE if safe else Applicability.UNSAFE)
    return Diagnostic("SAF001", "n", Severity.WARNING, "m", Span(start, end, 1, 1, 1, 1), "-", fix)


def test_apply_edits_and_reject_overlap():
    assert apply_edits("abcdef", [Edit(1, 3, "X"), Edit(4, 4, "Y")]) == "aXdYef"
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(1, 3, "X"), Edit(2, 4, "Y")])


def test_choose_skips_overlaps_and_unsafe():
    diags = [_diag(0, 5, "a"), _diag(3, 8, "b"), _diag(10, 12, "c", safe=False)]
    assert [f.edits[0].start for f in choose(diags, unsafe=False)] == [0]
    assert [f.edits[0].start for f in choose(diags, unsafe=True)] == [0, 10]


def test_fix_changes_only_edit_spans_keeps_crlf_and_is_idempotent():
    text = "Intro line\r\n\r\nHe committed suicide. She commits suicide.\r\n\r\nOutro ünïcode\r\n"
    doc = Document(text, "a.md")
    settings = Config().settings_for("-")
    out = fix_document(doc, settings)
    assert out.text == text.replace("committed", "died by").replace("commits suicide", "dies by suicide").replace("died by suicide", "died by suicide")
    assert out.text.count("\r\n") == text.count("\r\n")
    assert out.applied == 2
    again = fix_document(Document(out.text, "a.md"), settings)
    assert again.text == out.text and again.applied == 0


def test_cli_fix_keeps_bom_and_second_run_changes_nothing(tmp_path):
    post = tmp_path / "post.md"
    original = "\ufeff# Title\n\nHe committed suicide.\n".encode("utf-8")
    post.write_bytes(original)
    os.chmod(post, 0o640)
    first = run_cli("check", "--fix", post, cwd=tmp_path)
    data = post.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == original.replace(b"committed suicide", b"died by suicide")
    assert oct(post.stat().st_mode & 0o777) == "0o640"
    assert "fixed 1 finding" in first.stderr
    second = run_cli("check", "--fix", post, cwd=tmp_path)
    assert post.read_bytes() == data
    assert "fixed" not in second.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".medlint-tmp")]


def test_diff_writes_nothing(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("He committed suicide.\n", encoding="utf-8")
    res = run_cli("check", "--diff", post, cwd=tmp_path)
    assert res.returncode == 1
    assert "-He committed suicide." in res.stdout and "+He died by suicide." in res.stdout
    assert post.read_text(encoding="utf-8") == "He committed suicide.\n"


def test_unsafe_fixes_need_the_flag(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Many anorexics hide it.\n", encoding="utf-8")
    run_cli("check", "--fix", post, cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == "Many anorexics hide it.\n"
    run_cli("check", "--fix", "--unsafe-fixes", post, cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == "Many people with anorexia hide it.\n"


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_cli_fix_lists_each_change_per_file_and_quiet_silences_it(tmp_path):
    post = tmp_path / "post.md"
    text = "# Tapering\n\nMy doctor switched me from Sertaline to trazadone last spring.\n"
    post.write_text(text, encoding="utf-8")
    res = run_cli("check", "--fix", "--select", "SPL", post, cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == text.replace("Sertaline", "Sertraline").replace("trazadone", "trazodone")
    lines = res.stderr.splitlines()
    assert f"fixed 2 findings in {post}:" in lines
    assert f"  {post}:3: SPL001 Replace “Sertaline” with “Sertraline”" in lines
    assert f"  {post}:3: SPL001 Replace “trazadone” with “trazodone”" in lines
    post.write_text(text, encoding="utf-8")
    quiet = run_cli("check", "--fix", "--quiet", "--select", "SPL", post, cwd=tmp_path)
    assert "Sertraline" in post.read_text(encoding="utf-8")
    assert "fixed" not in quiet.stderr and "Replace" not in quiet.stderr
