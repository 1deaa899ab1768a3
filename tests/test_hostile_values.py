"""One bad value never loses the run (issue 20, item 1): a date that does not exist, an
unconstructible tagged scalar, an integer over Python's digit limit or deep nesting — in front
matter or in a config — is an error of that one file or config, with its file and line, exit 2;
nothing raises past the engine. A hypothesis fuzz test over front-matter and config values."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from medlint.engine import registry
from medlint.engine.config import Config, load_config_file
from medlint.engine.runner import check_file
from medlint.model.errors import ConfigError, InputError

GOOD = "He committed suicide. Call 988.\n"
HUGE = "9" * 5000
BAD_VALUES = ["!!float abc", HUGE, "2024-13-01", "2024-02-30", "!!int 0x", "!!timestamp 2024-99-99", "!!binary ***"]


@pytest.mark.parametrize("value", BAD_VALUES, ids=["float-abc", "huge-int", "month-13", "feb-30", "bad-int", "bad-timestamp", "bad-binary"])
def test_a_bad_front_matter_value_is_an_error_of_that_file(tmp_path, value):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(f"---\ntitle: T\nupdated: {value}\n---\nHello.\n", encoding="utf-8")
    for command in (["check", "--format", "json", "--no-cache", "-j", "2"], ["stats", "--format", "json"]):
        res = run_cli(*command, str(tmp_path))
        assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
        assert [line for line in res.stderr.splitlines() if "bad.md:3:" in line], res.stderr
    data = json.loads(run_cli("check", "--format", "json", "--no-cache", str(tmp_path)).stdout)
    assert [e["line"] for e in data["errors"]] == [3]
    assert any(d["path"].endswith("good.md") for d in data["diagnostics"]), "the other file is still checked"


@pytest.mark.parametrize("value", BAD_VALUES[:4], ids=["float-abc", "huge-int", "month-13", "feb-30"])
def test_a_bad_config_value_is_a_config_error_with_its_line(tmp_path, value):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text(f"select: [SAF]\nfail_on: {value}\n", encoding="utf-8")
    res = run_cli("check", "--no-cache", str(tmp_path), cwd=tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert ".medlint.yaml:2: config error" in res.stdout + res.stderr


@pytest.mark.parametrize(
    "front,line",
    [
        ("+++\ntitle = 'T'\nupdated = " + HUGE + "\n+++\n", 3),
        ("+++\ntitle = 'T'\ntags = " + "[" * 3000 + "]" * 3000 + "\n+++\n", 3),
        ('{\n"title": "T",\n"updated": ' + HUGE + "\n}\n", 3),
        ('{\n"title": "T",\n"tags": ' + "[" * 3000 + "]" * 3000 + "\n}\n", 3),
    ],
    ids=["toml-huge-int", "toml-deep", "json-huge-int", "json-deep"],
)
def test_toml_and_json_front_matter_values_python_cannot_build_are_errors_of_that_file(tmp_path, front, line):
    """Valid syntax the parser still cannot turn into values (an integer over Python's digit
    limit, nesting past the recursion limit): an error at the value's line, not a traceback."""
    article = tmp_path / "a.md"
    article.write_text(front + "Hello.\n", encoding="utf-8")
    result = check_file(str(article), Config())
    assert isinstance(result.error, InputError) and result.error.line == line, result.error
    assert "front matter" in result.error.message and "\n" not in result.error.message


def test_yaml_front_matter_nested_too_deeply_is_an_error_at_its_line(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: T\ntags: " + "[" * 500 + "]" * 500 + "\n---\nHello.\n", encoding="utf-8")
    result = check_file(str(article), Config())
    assert isinstance(result.error, InputError) and result.error.line == 3, result.error
    assert "nested too deeply" in result.error.message


def test_a_deeply_nested_pyproject_is_a_config_error(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.medlint]\nselect = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    res = run_cli("check", "--no-cache", "good.md", cwd=tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "pyproject.toml" in res.stdout + res.stderr and "nested too deeply" in res.stdout + res.stderr


# -- fuzz: any value, anywhere, gives a result or one located error ----------------------------------

_dates = st.builds(lambda y, m, d: f"{y:04}-{m:02}-{d:02}", st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99))
_numbers = st.one_of(
    st.integers().map(str),
    st.integers(4000, 6000).map(lambda n: "9" * n),
    st.sampled_from(["1e999", "-.inf", ".nan", "0x", "0o9", "1_000", "!!float abc", "!!int 1.5", "!!float 1e99999"]),
)
_tags = st.sampled_from(["!!str", "!!int", "!!float", "!!bool", "!!timestamp", "!!binary", "!!null", "!!set", "!!omap", ""])
_scalars = st.one_of(_dates, _numbers, st.text(alphabet="ab:-#[]{}!&*|>'\" ,", max_size=8), st.booleans().map(str))
_values = st.one_of(
    _scalars,
    st.tuples(_tags, _scalars).map(lambda t: f"{t[0]} {t[1]}".strip()),
    st.tuples(st.integers(1, 3000), _scalars).map(lambda t: "[" * t[0] + t[1] + "]" * t[0]),
    st.lists(_scalars, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
)
_FRONT_KEYS = st.sampled_from(["updated", "date", "published", "reviewed", "tags", "title", "author", "sources", "x"])
_CONFIG_KEYS = st.sampled_from(["select", "ignore", "fail_on", "severity", "options", "exclude", "overrides", "extend_select"])
_fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


_FORMS = st.sampled_from(["---\n{key}: {value}\n---\n", "+++\n{key} = {value}\n+++\n", '{{\n"{key}": {value}\n}}\n'])


@_fuzz
@given(key=_FRONT_KEYS, value=_values, form=_FORMS)
def test_fuzzed_front_matter_never_raises(tmp_path, key, value, form):
    """YAML, TOML and JSON front matter (Hugo's three forms) with any value."""
    registry.load()
    article = tmp_path / "a.md"
    article.write_text(form.format(key=key, value=value) + "He committed suicide. Call 988.\n", encoding="utf-8")
    result = check_file(str(article), Config())  # raises nothing: an error is part of the result
    if result.error is not None:
        assert isinstance(result.error, InputError) and result.error.path == str(article)
        assert "internal error" not in result.error.message, result.error.message


@_fuzz
@given(key=_CONFIG_KEYS, value=_values)
def test_fuzzed_config_values_never_raise(tmp_path, key, value):
    registry.load()
    path = tmp_path / ".medlint.yaml"
    path.write_text(f"{key}: {value}\n", encoding="utf-8")
    try:
        load_config_file(path)
    except ConfigError as exc:
        assert exc.path == str(path) and "\n" not in exc.message.strip()
