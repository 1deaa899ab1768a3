"""Configuration: discovery, validation with file and line, selection, overrides."""

from __future__ import annotations

import pytest

from conftest import run_cli
from medlint.engine.config import config_for, load_config_file, parse_config
from medlint.model.errors import ConfigError

BAD = "Her brother committed suicide. Many anorexics hide it.\n"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_an_error_with_line(tmp_path):
    cfg = _write(tmp_path / ".medlint.yaml", "select: [SAF]\n\nignroe: [LNG]\n")
    with pytest.raises(ConfigError) as info:
        load_config_file(cfg)
    assert info.value.line == 3 and "ignroe" in info.value.message


def test_bad_selector_and_bad_severity_are_errors(tmp_path):
    with pytest.raises(ConfigError) as info:
        parse_config({"select": ["NOPE999"]}, "x.yaml")
    assert "NOPE999" in info.value.message
    with pytest.raises(ConfigError):
        parse_config({"severity": {"SAF001": "fatal"}}, "x.yaml")


def test_unknown_option_is_an_error(tmp_path):
    cfg = _write(tmp_path / ".medlint.yaml", "options:\n  crisis-resources:\n    colour: red\n")
    with pytest.raises(ConfigError) as info:
        load_config_file(cfg)
    assert info.value.line == 3 and "colour" in info.value.message


def test_selection_by_family_name_code_and_glob():
    settings = parse_config({"select": ["LNG", "committed-suicide", "SAF00[67]"]}, "x.yaml").settings_for("-")
    assert "SAF001" in settings.enabled_codes and "SAF006" in settings.enabled_codes
    assert "SAF002" not in settings.enabled_codes
    assert {c for c in settings.enabled_codes if c.startswith("LNG")} >= {"LNG001", "LNG011"}


def test_discovery_nearest_wins_and_pyproject(tmp_path):
    _write(tmp_path / "pyproject.toml", "[tool.medlint]\nignore = ['LNG']\n")
    _write(tmp_path / "sub" / ".medlint.yaml", "ignore: [SAF]\n")
    post = _write(tmp_path / "sub" / "post.md", BAD)
    top = _write(tmp_path / "top.md", BAD)
    assert "SAF001" not in config_for(post).settings_for(post).enabled_codes
    assert "LNG004" not in config_for(top).settings_for(top).enabled_codes
    assert "SAF001" in config_for(top).settings_for(top).enabled_codes


def test_broken_toml_reports_line(tmp_path):
    cfg = _write(tmp_path / "pyproject.toml", "[tool.medlint]\nignore = [\n")
    with pytest.raises(ConfigError) as info:
        load_config_file(cfg)
    assert "invalid TOML" in info.value.message


def test_overrides_apply_per_path(tmp_path):
    _write(tmp_path / ".medlint.yaml", "overrides:\n  - files: ['quotes/**']\n    ignore: [LNG]\n    severity: {SAF001: error}\n")
    a = _write(tmp_path / "quotes" / "a.md", BAD)
    b = _write(tmp_path / "b.md", BAD)
    cfg = config_for(a)
    sa, sb = cfg.settings_for(a), cfg.settings_for(b)
    assert "LNG004" not in sa.enabled_codes and "LNG004" in sb.enabled_codes
    assert sa.severity_of("SAF001").value == "error" and sb.severity_of("SAF001") is None


def test_exclude_is_honoured_even_for_named_files(tmp_path):
    _write(tmp_path / ".medlint.yaml", "exclude: ['drafts/**']\n")
    draft = _write(tmp_path / "drafts" / "d.md", BAD)
    res = run_cli("check", "--format", "json", draft, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert '"files": 0' in res.stdout


def test_broken_config_exits_2_with_file_and_line(tmp_path):
    _write(tmp_path / ".medlint.yaml", "select: [SAF\n")
    post = _write(tmp_path / "p.md", BAD)
    res = run_cli("check", post, cwd=tmp_path)
    assert res.returncode == 2
    assert ".medlint.yaml:" in res.stdout + res.stderr
