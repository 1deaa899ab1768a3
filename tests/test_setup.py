"""The set-up promise: README's two commands, .ci/run, and rule packs shipped in the wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from medlint.knowledge.resources import rules_dir

from conftest import REPO


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", text)


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    main, tests = commands
    assert "medlint check fixtures/examples" in main
    assert "pytest" in tests
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines(), ".ci/run must run the README's test command as written"


def test_installed_package_carries_every_rule_file():
    """The rules the installed medlint reads are the repo's rules/ files, byte for byte."""
    shipped = {p.name: p.read_bytes() for p in rules_dir().iterdir() if p.name.endswith(".yaml")}
    in_repo = {p.name: p.read_bytes() for p in (REPO / "rules").glob("*.yaml")}
    assert in_repo, "no rule files in the repo"
    assert shipped == in_repo


def test_wheel_contains_rule_packs(tmp_path):
    """Build the wheel as pip would and look inside: every rules/*.yaml is in medlint/rules/."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("medlint_content-*.whl"))  # the distribution name (docs/ci.md)
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "rules").glob("*.yaml"):
        assert f"medlint/rules/{path.name}" in names
    assert "medlint/outputs/cli.py" in names
