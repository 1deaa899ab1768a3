"""The engine's promises about a run: configuration loaded once and reported once, one exit-code
rule for every mode, unused-suppression findings selected like any rule, a registry that is
whole or absent, and a checkout that finds its own rule data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, run_cli
from medlint.engine import config as config_module
from medlint.engine import registry, runner
from medlint.model.errors import ConfigError

BAD = "He committed suicide in 2019.\n"
UNUSED = "<!-- medlint-disable-next-line SAF -->\nNothing to see on this line.\n\n" + BAD


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(res):
    return [d["code"] for d in json.loads(res.stdout)["diagnostics"]]


# -- <FAMILY>900 is selected and ignored like every other rule ----------------------------------
def test_unused_suppression_reported_by_default(tmp_path):
    post = _write(tmp_path / "p.md", UNUSED)
    assert "SAF900" in _codes(run_cli("check", "--format", "json", "--no-cache", post, cwd=tmp_path))


def test_unused_suppression_honours_cli_ignore(tmp_path):
    post = _write(tmp_path / "p.md", UNUSED)
    codes = _codes(run_cli("check", "--format", "json", "--no-cache", "--ignore", "SAF900", post, cwd=tmp_path))
    assert "SAF900" not in codes and "SAF001" in codes


def test_unused_suppression_honours_config_ignore(tmp_path):
    _write(tmp_path / ".medlint.yaml", "ignore: [SAF900]\n")
    post = _write(tmp_path / "p.md", UNUSED)
    codes = _codes(run_cli("check", "--format", "json", "--no-cache", post, cwd=tmp_path))
    assert "SAF900" not in codes and "SAF001" in codes


def test_unused_suppression_honours_config_select(tmp_path):
    _write(tmp_path / ".medlint.yaml", "select: [LNG]\n")
    post = _write(tmp_path / "p.md", UNUSED + "\nMany anorexics hide it.\n")
    codes = _codes(run_cli("check", "--format", "json", "--no-cache", post, cwd=tmp_path))
    assert codes and all(c.startswith("LNG") for c in codes), codes


# -- a check module that fails to import leaves no half-filled registry -------------------------
def test_failed_check_import_fails_every_time(monkeypatch):
    import importlib

    real = importlib.import_module
    holding = sorted({c.__module__ for c in registry.checks()} & set(registry.check_modules()))
    broken = holding[len(holding) // 2]  # a module that defines a check (not a family's helper module)

    def failing(name, *args, **kwargs):
        if name == broken:
            raise ImportError(f"simulated failure importing {name}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(registry, "_REG", None)
    monkeypatch.setattr(registry.importlib, "import_module", failing)
    for _ in range(2):  # the second call must fail again, not run with the checks loaded so far
        with pytest.raises(ImportError):
            registry.checks()
        assert registry._REG is None
    monkeypatch.setattr(registry.importlib, "import_module", real)
    assert any(c.__module__ == broken for c in registry.checks())


# -- a checkout (python -m pytest, PYTHONPATH=repo) reads the repo's rules/ ---------------------
def test_checkout_finds_its_rule_data(tmp_path):
    script = (
        "import medlint, json; from medlint.knowledge.resources import rules_dir, load_data;"
        "print(json.dumps([medlint.__file__, str(rules_dir()), sorted(load_data('retired-codes.yaml'))]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    res = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    package, rules, _ = json.loads(res.stdout)
    assert package == str(REPO / "medlint" / "__init__.py")
    assert rules == str(REPO / "rules")


# -- a bad option value is a config error with file and line, reported once ---------------------
AS_OF = "select: [REG]\noptions:\n  regulatory-claims:\n    as-of: next tuesday\n"


def test_bad_option_value_is_a_config_error_with_line(tmp_path):
    cfg = _write(tmp_path / ".medlint.yaml", AS_OF)
    with pytest.raises(ConfigError) as info:
        config_module.load_config_file(cfg)
    assert info.value.path == str(cfg) and info.value.line == 4 and "next tuesday" in info.value.message


def test_an_unquoted_yaml_date_is_read_as_its_text(tmp_path):
    """YAML reads ``as-of: 2026-01-01`` as a date: a writer should not have to quote it."""
    settings = [
        config_module.load_config_file(_write(tmp_path / name, AS_OF.replace("next tuesday", value))).settings_for("a.md")
        for name, value in (("plain.yaml", "2026-01-01"), ("quoted.yaml", '"2026-01-01"'))
    ]
    check = next(c for c in registry.checks() if c.name == "regulatory-claims")
    assert [s.options_for(check)["as_of"] for s in settings] == ["2026-01-01", "2026-01-01"]
    assert settings[0].fingerprint() == settings[1].fingerprint()
    with pytest.raises(ConfigError):  # a timestamp is not a date
        config_module.load_config_file(_write(tmp_path / "t.yaml", AS_OF.replace("next tuesday", "2026-01-01T10:00:00")))


@pytest.mark.parametrize("explicit", [True, False], ids=["--config", "discovered"])
def test_bad_config_is_reported_once_and_exits_2(tmp_path, explicit):
    cfg = _write(tmp_path / ".medlint.yaml", AS_OF)
    for name in ("a.md", "b.md", "c.md"):
        _write(tmp_path / name, BAD)
    args = ["--config", cfg] if explicit else []
    res = run_cli("check", "--no-cache", *args, tmp_path, cwd=tmp_path)
    assert res.returncode == 2
    out = res.stdout + res.stderr
    assert out.count(f"{cfg}:4: config error") == 1, out
    assert "could not be checked" not in out or "3 files could not be checked" in out


# -- --config is loaded once per run, not once per file -----------------------------------------
PACK = (
    "pack: house\nfamily: CLM\nrules:\n  - code: CLM990\n    name: house-miracle\n    kind: existence\n"
    "    tokens: [miracle cure]\n    message: m\n    summary: s\n    what: w\n    why: y\n    example: e\n"
    "    fix: f\n    source: test\n"
)


@pytest.mark.parametrize("jobs", [1, 2])
def test_explicit_config_and_its_pack_load_once_per_run(tmp_path, monkeypatch, jobs):
    """With ``jobs=2`` the files go to worker processes, which get the run's configs."""
    monkeypatch.setattr(registry, "_REG", None)  # a registry of this test's own: the pack leaves with it
    _write(tmp_path / "house.yaml", PACK)
    cfg = _write(tmp_path / "medlint.yaml", "packs: [house.yaml]\nignore: [RDB]\n")
    for i in range(runner.PARALLEL_THRESHOLD):
        _write(tmp_path / "site" / f"p{i}.md", "A miracle cure, they say.\n")
    loads, packs = [], []
    real_load, real_pack = config_module.load_config_file, config_module.load_pack_file
    monkeypatch.setattr(config_module, "load_config_file", lambda p: loads.append(p) or real_load(p))
    monkeypatch.setattr(config_module, "load_pack_file", lambda p: packs.append(p) or real_pack(p))
    result = runner.lint_paths([str(tmp_path / "site")], config_path=str(cfg), select=["CLM990"], jobs=jobs)
    assert len(loads) == 1 and len(packs) == 1
    assert sorted({d.path for d in result.diagnostics if d.code == "CLM990"}) == sorted(str(p) for p in (tmp_path / "site").iterdir())
    assert result.exit_code() == 1


# -- one exit-code rule: --diff, --fix and plain check agree -----------------------------------
@pytest.mark.parametrize("mode", [[], ["--diff"], ["--fix"]], ids=["check", "diff", "fix"])
def test_unreadable_file_exits_2_in_every_mode(tmp_path, mode):
    _write(tmp_path / "good.md", BAD)
    (tmp_path / "broken.md").write_bytes(b"caf\xe9\n")
    res = run_cli("check", "--no-cache", *mode, tmp_path, cwd=tmp_path)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "broken.md" in res.stdout + res.stderr


def test_diff_exit_codes(tmp_path):
    post = _write(tmp_path / "p.md", BAD)
    assert run_cli("check", "--no-cache", "--diff", post, cwd=tmp_path).returncode == 1
    assert run_cli("check", "--no-cache", "--diff", "--exit-zero", post, cwd=tmp_path).returncode == 0
    clean = _write(tmp_path / "clean.md", "Depression is common and treatable.\n")
    assert run_cli("check", "--no-cache", "--diff", clean, cwd=tmp_path).returncode == 0


# -- one Span: built from the line index, the JSON contract's fields in its order ---------------
def test_span_from_line_index_and_json_field_order():
    from medlint import lint_text
    from medlint.model.diagnostics import Diagnostic
    from medlint.model.lines import LineIndex
    from medlint.model.span import Span

    text = "Fine first line.\n\nShe said “café” then committed suicide.\n"
    start = text.index("committed")
    span = Span.of(LineIndex(text), start, start + len("committed suicide"))
    assert (span.line, span.column, span.end_line, span.end_column) == (3, start - text.index("She") + 1, 3, span.column + 17)
    (d,) = [d for d in lint_text(text) if d.code == "SAF001"]
    assert d.span == span
    data = d.to_dict()
    assert list(data)[:12] == ["path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "start", "end", "fix"]
    assert Diagnostic.from_dict(data) == d


def test_a_parallel_run_gives_what_a_serial_run_gives(tmp_path):
    """With workers, the parent checks the first file itself (warming what checks build on first
    use) and the workers the rest: findings, their order and the files counted are the same."""
    from conftest import ARTICLES

    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.iterdir())]
    for i in range(runner.PARALLEL_THRESHOLD + 2):  # enough files for workers to start
        _write(tmp_path / "site" / f"{i:02d}.md", texts[i % len(texts)] + f"\n\nPage {i}.\n" + (BAD if i % 3 == 0 else ""))
    serial = runner.lint_paths([str(tmp_path / "site")], jobs=1)
    parallel = runner.lint_paths([str(tmp_path / "site")], jobs=2)
    assert [d.to_dict() for d in parallel.diagnostics] == [d.to_dict() for d in serial.diagnostics]
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert any(d.path.endswith("00.md") and d.code.startswith("SAF") for d in parallel.diagnostics)


def test_no_document_outlives_its_run(tmp_path):
    """Per-document analyses live as long as their document: a site of thousands of files must
    not keep every document it read (a weak-keyed cache whose value refers to its key did)."""
    import gc

    from conftest import ARTICLES
    from medlint.model.document import Document

    for path in sorted(ARTICLES.iterdir()):
        _write(tmp_path / "site" / (path.stem + ".md"), path.read_text(encoding="utf-8"))
    result = runner.lint_paths([str(tmp_path / "site")], jobs=1)
    assert result.diagnostics  # the checks (and their analyses) ran
    del result
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Document) and o.path.startswith(str(tmp_path))]
