"""The HTML site report, rendered in a real browser (headless Chromium from Debian's package).

The page must load with no network, render (a screenshot with real content), and show the same
numbers as the JSON output of the same run.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import REPO, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _DataAttrs(HTMLParser):
    """Collects elements with data- attributes from a rendered DOM."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if any(k.startswith("data-") for k in attrs):
            self.elements.append((tag, attrs))


@pytest.fixture(scope="module")
def site_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    site = out / "site"
    shutil.copytree(REPO / "fixtures" / "examples", site)
    (site / "broken.md").write_bytes(b"caf\xe9\n")
    data = json.loads(run_cli("check", "--format", "json", "--no-cache", site).stdout)
    res = run_cli("report", "--no-cache", site, "-o", out / "report.html")
    assert res.returncode == 2  # the broken file is reported, the page is still written
    return out, data, (out / "report.html").read_text(encoding="utf-8")


def test_page_is_self_contained(site_report):
    _, _, page = site_report
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page


def _chromium(*args, timeout=120):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run should install Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return subprocess.run([CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=timeout)


def test_rendered_numbers_match_json(site_report, tmp_path):
    out, data, _ = site_report
    res = _chromium(f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", (out / "report.html").as_uri())
    assert "<main>" in res.stdout, res.stderr[-2000:]
    parser = _DataAttrs()
    parser.feed(res.stdout)
    (summary,) = [a for t, a in parser.elements if a.get("id") == "summary"]
    severities = collections.Counter(d["severity"] for d in data["diagnostics"])
    assert int(summary["data-files"]) == data["files"]
    assert int(summary["data-findings"]) == len(data["diagnostics"])
    assert int(summary["data-errors"]) == severities["error"]
    assert int(summary["data-warnings"]) == severities["warning"]
    assert int(summary["data-unreadable"]) == len(data["errors"]) == 1
    per_path = collections.Counter(d["path"] for d in data["diagnostics"])
    rows = [a for t, a in parser.elements if a.get("class") == "article"]
    assert {a["data-path"]: int(a["data-findings"]) for a in rows if int(a["data-findings"])} == dict(per_path)
    order = [(int(a["data-errors"]), int(a["data-warnings"]), int(a["data-findings"])) for a in rows[:-1]]
    assert order == sorted(order, reverse=True) and order[0] > order[-1]  # worst first
    assert rows[-1]["data-path"].endswith("broken.md")  # the unreadable file last
    families = collections.Counter(d["code"][:3] for d in data["diagnostics"])
    bars = {a["data-label"].split()[0]: int(a["data-value"]) for t, a in parser.elements if t == "g" and "data-label" in a and a["data-label"][:3].isupper()}
    assert bars == dict(families)
    codes = {a["data-code"] for t, a in parser.elements if a.get("class") == "finding"}
    assert codes == {d["code"] for d in data["diagnostics"]}
    assert all(f'id="rule-{c}"' in res.stdout for c in codes)


def test_screenshot_shows_the_page(site_report, tmp_path):
    out, _, _ = site_report
    shot = tmp_path / "report.png"
    _chromium(f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,1600", (out / "report.html").as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 30_000  # a blank page compresses to a few KB; this one has text and charts


def test_findings_show_their_text_in_context_and_words_match_check(site_report):
    out, data, page = site_report
    assert page.count('<div class="context">') >= len([d for d in data["diagnostics"] if d["end"] > d["start"]]) // 2
    d = next(d for d in data["diagnostics"] if d["code"] == "SAF001")
    flagged = open(d["path"], encoding="utf-8").read()[d["start"] : d["end"]]
    assert f"<mark>{flagged}</mark>" in page
    assert "by 0.00" not in page
    words = {m.group(1): int(m.group(2)) for m in re.finditer(r'id="a\d+" data-path="([^"]+)"><h2>[^<]*</h2>\s*<p class="muted" data-words="(\d+)"', page)}
    grade_findings = [d for d in data["diagnostics"] if d["code"] == "RDB001"]
    assert grade_findings and len(words) == data["files"] - len(data["errors"])
    for d in grade_findings:  # check's readability message names the words it counted
        assert f"; {words[d['path']]} words," in d["message"]
