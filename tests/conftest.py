"""Test helpers: paths to the test data, a CLI runner, and rule-case loading.

Every test runs from a clean clone with nothing beside it: the articles tests read are in the
repo (``tests/data/articles``: whole articles in our own words with the defects medlint was
built for; ``fixtures/examples``). Evaluations on ../shared/corpus live in ``benchmarks/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ARTICLES = DATA / "articles"
EXAMPLES = REPO / "fixtures" / "examples"
CASES = Path(__file__).resolve().parent / "cases"
#: The installed console script (not ``python -m``, which would import the checkout from cwd).
MEDLINT = [str(Path(sys.executable).parent / "medlint")]
# Start-up snapshots (medlint/model/snapshot.py) of the tests and of the CLIs they start go to a
# folder of this session, never to the user's cache.
os.environ["MEDLINT_SNAPSHOT_DIR"] = tempfile.mkdtemp(prefix="medlint-test-snapshots-")


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="run the long property-based and scale tests")


def pytest_collection_modifyitems(config, items):
    """Without ``--slow``, the slow tests are deselected (counted as such), not skipped."""
    if config.getoption("--slow"):
        return
    slow = [item for item in items if "slow" in item.keywords]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if "slow" not in item.keywords]


def run_cli(*args, cwd=None, input=None, env=None):
    """Run the installed medlint CLI in a subprocess; returns CompletedProcess (text)."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(
        [*MEDLINT, *map(str, args)],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


def load_cases() -> list[dict]:
    """Every rule case in tests/cases/*.yaml, each tagged with its file."""
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            case = dict(case)
            case["_id"] = f"{path.stem}:{case['rule']}:{case.get('name', i)}"
            out.append(case)
    return out


@pytest.fixture(autouse=True, scope="session")
def languagetool_stub():
    """A LanguageTool-protocol server on 127.0.0.1 (tests/languagetool_stub.py) for the whole
    session; the GRM rule cases name it as ``server: ${MEDLINT_TEST_LT_STUB}``."""
    from languagetool_stub import Stub

    with Stub() as stub:
        os.environ["MEDLINT_TEST_LT_STUB"] = stub.url
        yield stub
        os.environ.pop("MEDLINT_TEST_LT_STUB", None)
