"""The result cache is untrusted data: it cannot be aimed at other files, a bad entry is a miss
(never a traceback, a hang or a memory blow-up), and every input that changes findings is in
its key (issue 20, item 4)."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_cli

from medlint.engine.cache import Cache
from medlint.engine.config import parse_config
from medlint.engine.runner import check_file

ARTICLE = "He committed suicide last year. Call 988.\n\nThe alot of people agree.\n"


@pytest.fixture
def site(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _run(site, cache_dir=None):
    config = parse_config({}, str(site / "c.yaml"))
    cache = Cache(cache_dir or site / "cache")
    return check_file(str(site / "a.md"), config, None, cache), cache


def _entry(site):
    [entry] = list((site / "cache").rglob("*.json"))
    return entry


def _codes(result):
    return [d.to_dict() for d in result.diagnostics], [(d.verb, d.line) for d in result.directives], result.words, result.notices


def _no_linting(monkeypatch):
    def refuse(*args):
        raise AssertionError("linted again: the cache entry was not used")
    monkeypatch.setattr("medlint.engine.runner.lint_document", refuse)


def test_a_clean_run_and_a_cached_run_agree(site, monkeypatch):
    first, _ = _run(site)
    _no_linting(monkeypatch)
    again, _ = _run(site)
    assert first.error is None and first.diagnostics and _codes(again) == _codes(first)
    assert (site / "cache" / "CACHEDIR.TAG").is_file() and (site / "cache" / ".gitignore").read_text() == "*\n"


def test_links_in_the_cache_are_never_written_through(site):
    victim = site / "victim.txt"
    victim.write_text("precious\n")
    cache = site / "cache"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(victim)
    (cache / "CACHEDIR.TAG").symlink_to(victim)
    first, c = _run(site)
    assert victim.read_text() == "precious\n"
    entry = _entry(site)
    entry.unlink()
    entry.symlink_to(victim)  # an entry that is a link: not read, and replaced rather than written through
    again, _ = _run(site)
    assert victim.read_text() == "precious\n" and _codes(again) == _codes(first)


def test_a_linked_folder_in_the_cache_is_not_used(site, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    first, cache = _run(site)
    entry = _entry(site)
    bucket = entry.parent
    for f in bucket.iterdir():
        f.rename(elsewhere / f.name)
    bucket.rmdir()
    bucket.symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    again, _ = _run(site)
    assert _codes(again) == _codes(first)
    assert sorted(p.name for p in elsewhere.iterdir()) == before, "nothing written through the link"


def _poison(site, mutate):
    first, _ = _run(site)
    entry = _entry(site)
    data = json.loads(entry.read_text())
    out = mutate(data)
    if isinstance(out, (bytes, str)):
        entry.write_bytes(out if isinstance(out, bytes) else out.encode())
    else:
        entry.write_text(json.dumps(data))
    again, _ = _run(site)
    assert again.error is None
    assert _codes(again) == _codes(first), "a bad entry is a miss: the file is linted again"


def _set(path, value):
    def mutate(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return mutate


@pytest.mark.parametrize(
    "mutate",
    [
        _set(["diagnostics", 0, "line"], 10**9),
        _set(["diagnostics", 0, "start"], -5),
        _set(["diagnostics", 0, "line"], "3"),
        _set(["diagnostics", 0, "severity"], "fatal"),
        _set(["diagnostics", 0, "code"], "ZZZ999"),
        _set(["diagnostics", 0, "message"], ["not", "text"]),
        _set(["diagnostics", 0, "extra"], 1),
        _set(["diagnostics", 0, "fix"], {"title": "t", "applicability": "safe", "edits": [{"start": 0, "end": 10**9, "replacement": "x"}]}),
        _set(["directives"], [{"verb": "format-disk"}]),
        _set(["notices"], [{"key": 1}]),
        _set(["summaries"], {"shared-paragraphs": {"threshold": "high", "paragraphs": 7}}),
        _set(["summaries"], {"shared-paragraphs": {"threshold": 0.8, "paragraphs": [[1, 2, 3]]}}),
        _set(["summaries"], {"regulatory-contradictions": [{"product": 1}]}),
        _set(["summaries"], {"no-such-check": []}),
        _set(["words"], -1),
        lambda data: "[" * 200_000 + "]" * 200_000,
        lambda data: b"\xff\xfe not json",
        lambda data: "[]",
    ],
    ids=[
        "line-1e9", "negative-offset", "line-as-text", "unknown-severity", "unknown-code", "message-list",
        "unknown-key", "edit-beyond-file", "bad-directive", "bad-notice", "garbage-dup-summary",
        "short-paragraph-summary", "bad-claim-summary", "unknown-summary", "negative-words",
        "deeply-nested", "not-utf8", "wrong-top-type",
    ],
)
def test_a_poisoned_entry_is_a_miss(site, mutate):
    _poison(site, mutate)


def test_a_summary_written_by_medlint_is_valid(tmp_path, monkeypatch):
    text = "Fluoxetine is FDA approved for depression. " * 3 + "\n\n" + " ".join(f"word{i}" for i in range(40)) + "\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    first, _ = _run(tmp_path)
    assert set(first.summaries) == {"shared-paragraphs", "regulatory-contradictions"}
    _no_linting(monkeypatch)
    again, _ = _run(tmp_path)
    assert again.summaries == first.summaries


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "oversized"])
def test_entries_that_are_not_small_regular_files_are_not_read(site, kind, monkeypatch):
    first, _ = _run(site)
    entry = _entry(site)
    entry.unlink()
    if kind == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)  # opening it for reading would block forever without O_NONBLOCK
    else:
        monkeypatch.setattr("medlint.engine.cache.MAX_ENTRY", 100)
        entry.write_text(json.dumps({"path": "x"}) + " " * 200)
    again, _ = _run(site)
    assert _codes(again) == _codes(first)


def test_editing_a_user_pack_makes_a_new_key(tmp_path):
    pack = tmp_path / "house.yaml"
    rule = (
        "pack: house\nfamily: HSE\nrules:\n  - code: HSE001\n    name: house-word\n    kind: existence\n"
        "    tokens: ['{word}']\n    message: m\n    summary: s\n    what: w\n    why: y\n    example: e\n    fix: f\n    source: test\n"
    )
    (tmp_path / ".medlint.yaml").write_text("packs: [house.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("The cat sat on the mat.\n", encoding="utf-8")

    def run(word):
        pack.write_text(rule.replace("{word}", word), encoding="utf-8")
        res = run_cli("check", "--format", "json", "a.md", cwd=tmp_path)
        return [d["code"] for d in json.loads(res.stdout)["diagnostics"] if d["code"].startswith("HSE")]

    assert run("cat") == ["HSE001"]
    assert run("dog") == [], "the edited pack is a new cache key, not the old result"
    assert list((tmp_path / ".medlint_cache").rglob("*.json"))
