"""Output hygiene (issue 20, item 7): file names that are not UTF-8 are escaped the same way in
every format (JSON and SARIF stay valid), control characters never reach the terminal raw, and
the binary check reads the whole file."""

from __future__ import annotations

import json
import os
import subprocess
from urllib.parse import unquote

import pytest

from conftest import MEDLINT

ARTICLE = b"He committed suicide today.\n"


def _run(cwd, *args):
    return subprocess.run([*MEDLINT, "check", "--no-cache", *args], cwd=cwd, capture_output=True)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "github", "junit", "text"])
def test_a_non_utf8_file_name_is_escaped_in_every_format(tmp_path, fmt):
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.md"), "wb") as fh:
        fh.write(ARTICLE)
    res = _run(tmp_path, "--format", fmt, ".")
    assert res.returncode == 1, res.stderr.decode("utf-8", "replace")
    out = res.stdout.decode("utf-8")  # valid UTF-8 whatever the name
    if fmt in ("json", "sarif", "gitlab"):
        out = unquote(json.dumps(json.loads(out), ensure_ascii=False))  # SARIF gives URIs
        assert "caf\\\\xe9.md" in out or "caf\\xe9.md" in out, out[:500]
    else:
        assert "caf\\xe9.md" in out, out[:500]


def test_control_characters_in_text_output_are_escaped(tmp_path):
    (tmp_path / "a.md").write_bytes(b"He committed suicide \x1b]0;pwned\x07 today.\n")
    (tmp_path / "b.md").write_bytes(b"---\nupdated: \"2024-13-01\x1b[2J\"\nx: !!float \"\x1b[2Jabc\"\n---\nHi.\n")
    res = _run(tmp_path, "a.md", "b.md")
    out = res.stdout.decode("utf-8") + res.stderr.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    assert "He committed suicide \\x1b]0;pwned\\x07 today." in out
    lines = out.splitlines()
    shown = lines.index("    He committed suicide \\x1b]0;pwned\\x07 today.")
    assert lines[shown + 1] == "       " + "^" * len("committed suicide"), "the caret still points at the words"


def test_a_nul_byte_late_in_the_file_is_binary(tmp_path):
    (tmp_path / "late.md").write_bytes(b"Plain text line.\n" * 1000 + b"\x00\n")
    res = _run(tmp_path, "--format", "json", "late.md")
    data = json.loads(res.stdout)
    assert res.returncode == 2 and "binary" in data["errors"][0]["message"] and data["errors"][0]["line"] == 1001
