"""Static checks as tests: ``ruff check`` and ``mypy`` (configured in pyproject.toml) must pass,
so the README's test command, which CI runs, keeps the code lint- and type-clean.

They run from this interpreter (``sys.executable -m``) so the versions are the ones the test
extra installs; without them (a bare ``pip install -e .``) the tests skip and say why."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (it comes with the test extra: pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    out = _run("ruff", "check", "--no-cache", "medlint", "tests", "benchmarks", "tools")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_finds_nothing():
    out = _run("mypy")  # the files and settings are in pyproject.toml's [tool.mypy]
    assert out.returncode == 0, out.stdout + out.stderr
