"""Streaming a run's results: findings spooled to disk come back in the same order and give
the same output in every format as findings held in memory, and the runner lets each file's
result go once it is spooled (a site's findings never all live at once)."""

from __future__ import annotations

import gc
import json
import weakref
import xml.etree.ElementTree as ET

import pytest

from medlint.engine import runner
from medlint.engine.results import Findings, Spool
from medlint.outputs.formatters import FORMATTERS
from medlint.outputs.formatters.display import displayable

SHARED = (
    "Sleep problems and low mood often travel together, and treating one of them tends to ease "
    "the other over a few weeks of steady routine."
)
BAD = "# Note {i}\n\nHer brother committed suicide in 2019. Call 988 for help.\n\n{shared}\n\nMany anorexics hide it.\n"


def _site(folder, n=12):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        shared = SHARED if i % 3 else f"Paragraph {i} is about something else entirely and shares nothing with its neighbours here."
        (folder / f"post{i:02d}.md").write_text(BAD.format(i=i, shared=shared), encoding="utf-8")
    return folder


def _outputs(folder) -> dict[str, str]:
    result = runner.lint_paths([str(folder), str(folder / "missing.md")], jobs=1)
    sources = {p: open(p, encoding="utf-8").read() for p in {d.path for d in result.diagnostics}}
    result, sources = displayable(result, sources)
    out = {}
    for name, render in FORMATTERS.items():
        rendered = render(result, sources)
        out[name] = rendered if isinstance(rendered, str) else "".join(rendered)
    return out


def test_spooled_findings_give_the_same_output_in_every_format(tmp_path, monkeypatch):
    site = _site(tmp_path / "site")
    held = _outputs(site)
    monkeypatch.setattr(Findings, "BATCH", 3)  # every file's findings spooled, in several batches
    monkeypatch.setattr(runner.SiteFindings, "CHUNK", 2)
    spooled = _outputs(site)
    assert spooled == held
    data = json.loads(held["json"])
    codes = {d["code"] for d in data["diagnostics"]}
    assert "DUP003" in codes and len(codes) > 2 and data["errors"]
    paths = [d["path"] for d in data["diagnostics"]]
    assert paths == sorted(paths)  # file by file, in the order the files were found
    for name in ("json", "sarif", "gitlab"):  # streamed pieces, exactly as json.dumps writes the whole
        assert held[name] == json.dumps(json.loads(held[name]), indent=2, ensure_ascii=False) + "\n"
    root = ET.fromstring(held["junit"].split("\n", 1)[1])
    assert int(root.get("failures")) == len(data["diagnostics"])
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in root)
    ET.indent(root)
    assert held["junit"] == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def test_a_small_run_writes_no_spool(tmp_path, monkeypatch):
    """A pre-commit hook's few files: their findings stay in memory (no temporary file, no
    pickling); past Findings.BATCH they are spooled, with the same findings."""
    site = _site(tmp_path / "site", n=3)
    puts: list[int] = []
    put = Spool.put

    def counted(self, value):
        puts.append(1)
        return put(self, value)

    monkeypatch.setattr(Spool, "put", counted)
    held = runner.lint_paths([str(site)], jobs=1)
    assert not puts and len(held.diagnostics) > 3
    monkeypatch.setattr(Findings, "BATCH", 2)
    spooled = runner.lint_paths([str(site)], jobs=1)
    assert puts and list(spooled.diagnostics) == list(held.diagnostics)


def test_findings_iterate_in_order_any_number_of_times(monkeypatch):
    monkeypatch.setattr(Findings, "BATCH", 4)
    items = list(range(23))
    found = Findings()
    found.extend(items[:2])
    found.extend(items[2:9])  # a file's findings filling a batch: one batch of their own
    for i in items[9:]:
        found.append(i)
    assert len(found) == 23
    assert list(found) == items and list(found) == items
    assert [(a, b) for a, b in zip(found, found)] == [(i, i) for i in items]  # two readers at once


def test_runner_lets_each_files_result_go_once_spooled(tmp_path, monkeypatch):
    site = _site(tmp_path / "site", n=10)
    made: list[weakref.ref] = []
    alive_at_progress: list[int] = []
    check_file = runner.check_file

    def watched(*args, **kwargs):
        result = check_file(*args, **kwargs)
        made.extend(weakref.ref(d) for d in result.diagnostics)
        made.append(weakref.ref(result))
        return result

    def progress(done, total):
        gc.collect()
        alive_at_progress.append(sum(ref() is not None for ref in made))

    monkeypatch.setattr(runner, "check_file", watched)
    monkeypatch.setattr(Findings, "BATCH", 1)  # the stash spools from the first finding on
    result = runner.lint_paths([str(site)], jobs=1, progress=progress)
    assert len(alive_at_progress) == 10 and len(made) >= 10 * 3  # each file: its result and two findings or more
    assert alive_at_progress == [0] * 10  # each file's result and findings gone once spooled
    gc.collect()
    assert not [ref for ref in made if ref() is not None]
    assert len(result.diagnostics) > 10 and all(not f.diagnostics and not f.summaries for f in result.files)


@pytest.mark.parametrize("size", [0, 1, 1000])
def test_json_array_pieces_match_a_whole_dump(size):
    from medlint.outputs.formatters.json_format import array

    items = [{"n": i, "text": "curly ’quote’"} for i in range(size)]
    assert "".join(array(iter(items), 0)) == json.dumps(items, indent=2, ensure_ascii=False)
