"""GRM through LanguageTool: the real language_tool_python client against a LanguageTool-protocol
server on 127.0.0.1 (tests/languagetool_stub.py), the ways it can fail, and what the user sees.

The last test runs against a real LanguageTool server when MEDLINT_LT_URL names one, and is
skipped otherwise.
"""

from __future__ import annotations

import os
import socket
import time

import pytest
from languagetool_stub import Stub

from conftest import run_cli
from medlint.engine import registry
from medlint.engine.cache import Cache
from medlint.engine.config import Config, parse_config
from medlint.model.document import Document
from medlint.engine.runner import check_file, lint_document


@pytest.fixture(autouse=True)
def _no_languagetool_in_environment(monkeypatch):
    """Each test says where LanguageTool is; the developer's own settings must not leak in."""
    monkeypatch.delenv("MEDLINT_LT_URL", raising=False)
    monkeypatch.delenv("LTP_PATH", raising=False)


def _settings(select=("GRM",), **grammar):
    registry.load()
    options = {k.replace("_", "-"): v for k, v in grammar.items()}
    return parse_config({"select": list(select), "options": {"grammar": options}}, "test-config.yaml").settings_for("-")


def _lint(text, path="article.md", select=("GRM",), **grammar):
    return lint_document(Document(text, path), _settings(select, **grammar))


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _notice(result) -> str:
    assert len(result.notices) == 1, result.notices
    return result.notices[0].line


# -- the real client against the protocol stub ------------------------------------------------


def test_matches_become_findings_at_file_offsets_after_markup_and_astral_characters():
    text = "# Notes 🙂\n\nSee the [guide](https://example.org/x) 🙂 on the the brain.\n"
    with Stub() as stub:
        result = _lint(text, server=stub.url)
        sent = stub.requests[-1]["text"]
    assert "https://" not in sent and "](" not in sent, "markup and URLs are blanked before sending"
    assert [d.code for d in result.diagnostics] == ["GRM001"]
    d = result.diagnostics[0]
    assert text[d.start : d.end] == "the the"
    assert "ENGLISH_WORD_REPEAT_RULE" in d.message
    assert d.fix is not None and d.fix.applicability.value == "unsafe"
    assert not result.notices


def test_spelling_is_spl_s_while_spl_is_on_so_no_word_is_reported_twice():
    text = "Patients recieve ketamine by infusion.\n"
    with Stub() as stub:
        both = _lint(text, select=("GRM", "SPL"), server=stub.url)
        assert stub.requests[-1].get("disabledCategories") == "TYPOS"
        grammar_only = _lint(text, server=stub.url)
        assert "TYPOS" not in stub.requests[-1].get("disabledCategories", "")
    assert [d.code for d in both.diagnostics] == ["SPL001"]
    assert [(d.code, text[d.start : d.end]) for d in grammar_only.diagnostics] == [("GRM002", "recieve")]


def test_disabled_rules_reach_the_server_with_whitespace_rule_always_off():
    with Stub() as stub:
        result = _lint("Ketamine is a anesthetic.\n", server=stub.url, disabled_rules=["EN_A_VS_AN"])
        rules = set(stub.requests[-1]["disabledRules"].split(","))
    assert rules == {"EN_A_VS_AN", "WHITESPACE_RULE"}
    assert result.diagnostics == []


def test_style_issues_are_info_and_grammar_issues_warnings():
    with Stub() as stub:
        result = _lint("Ketamine works. it acts on the the brain.\n", server=stub.url)
    severities = {d.message.split("(LanguageTool ")[1].rstrip(")"): d.severity.value for d in result.diagnostics}
    assert severities == {"UPPERCASE_SENTENCE_START": "info", "ENGLISH_WORD_REPEAT_RULE": "warning"}


def test_long_articles_go_in_chunks_of_whole_blocks():
    paragraph = "Ketamine acts on the brain within hours. " * 60 + "\n\n"
    text = paragraph * 12 + "The end of the the article.\n"
    with Stub() as stub:
        result = _lint(text, server=stub.url)
        chunks = [r["text"] for r in stub.requests]
    assert len(chunks) > 1 and all(len(c) <= 20000 for c in chunks)
    assert [text[d.start : d.end] for d in result.diagnostics] == ["the the"]


def test_server_option_expands_environment_variables(monkeypatch):
    with Stub() as stub:
        monkeypatch.setenv("MY_LT", stub.url)
        result = _lint("It is a apple.\n", server="${MY_LT}")
    assert [d.code for d in result.diagnostics] == ["GRM001"]
    monkeypatch.delenv("MY_LT")
    assert "no LanguageTool server is configured" in _notice(_lint("It is a apple.\n", server="${MY_LT}"))


def test_medlint_lt_url_configures_the_server(monkeypatch):
    with Stub() as stub:
        monkeypatch.setenv("MEDLINT_LT_URL", stub.url.replace("http://", ""))  # scheme optional
        result = _lint("It is a apple.\n")
    assert [d.code for d in result.diagnostics] == ["GRM001"]


# -- failure and fallback paths ---------------------------------------------------------------


def test_not_configured_gives_one_notice_and_the_other_rules_run():
    result = _lint("Ask about reationships here today.\n", select=("GRM", "SPL"))
    assert [d.code for d in result.diagnostics] == ["SPL003"]
    line = _notice(result)
    assert line.startswith("grammar checks (GRM) skipped: no LanguageTool server is configured")
    assert "MEDLINT_LT_URL" in line and "LTP_PATH" in line
    assert result.notices[0].transient is False


def test_unreachable_server_is_a_transient_notice_and_the_other_rules_run():
    result = _lint("Ask about reationships here today.\n", select=("GRM", "SPL"), server=_closed_port_url())
    assert [d.code for d in result.diagnostics] == ["SPL003"]
    assert "is not reachable" in _notice(result)
    assert result.notices[0].transient is True


def test_probe_gives_up_after_its_short_timeout():
    with Stub(languages_delay=3) as stub:
        started = time.monotonic()
        result = _lint("It is a apple.\n", server=stub.url, probe_timeout=0.3)
        elapsed = time.monotonic() - started
    assert "did not answer within 0.3 s" in _notice(result)
    assert elapsed < 2.5


def test_a_check_that_times_out_stops_grammar_checks_for_the_run():
    with Stub(delay=2) as stub:
        started = time.monotonic()
        first = _lint("It is a apple.\n", server=stub.url, request_timeout=0.3)
        second = _lint("It is a apple.\n", server=stub.url, request_timeout=0.3)
        elapsed = time.monotonic() - started
    assert _notice(first).startswith("grammar checks (GRM) stopped:") and "failed" in _notice(first)
    assert _notice(second).startswith("grammar checks (GRM) skipped:"), "a failed server is not asked again"
    assert first.diagnostics == [] and second.diagnostics == []
    assert elapsed < 5


def test_a_server_error_stops_grammar_checks():
    with Stub(check_status=500) as stub:
        result = _lint("It is a apple.\n", server=stub.url)
    assert "failed" in _notice(result) and result.notices[0].transient


def test_something_that_is_not_languagetool_is_named_as_such():
    with Stub(languages_body=b"<html>hello</html>") as stub:
        result = _lint("It is a apple.\n", server=stub.url)
    assert "did not answer like a LanguageTool server" in _notice(result)


def test_an_unsupported_language_is_named():
    with Stub() as stub:
        result = _lint("It is a apple.\n", server=stub.url, language="fr-FR")
    assert "does not support language 'fr-FR'" in _notice(result)


def test_public_server_is_never_contacted_without_explicit_permission(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("medlint tried to reach the public server")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    monkeypatch.setattr("requests.Session.request", no_network)
    for url in ("https://api.languagetool.org", "https://languagetool.org/api/", "https://api.languagetoolplus.com/v2/"):
        line = _notice(_lint("It is a apple.\n", server=url))
        assert "public LanguageTool server" in line and "allow-public-server" in line


def test_public_server_is_used_when_the_config_allows_it(monkeypatch):
    asked = []

    def offline(url, timeout):
        asked.append(url)
        raise OSError("network is unreachable")

    monkeypatch.setattr("urllib.request.urlopen", offline)
    line = _notice(_lint("It is a apple.\n", server="https://api.languagetool.org", allow_public_server=True))
    assert asked == ["https://api.languagetool.org/v2/languages"]
    assert "not reachable" in line


def test_the_library_never_downloads_languagetool(monkeypatch, tmp_path):
    def no_download(*args, **kwargs):
        raise AssertionError("language_tool_python tried to download LanguageTool")

    import language_tool_python.download_lt as download_lt

    monkeypatch.setattr(download_lt.LocalLanguageTool, "download", no_download)
    monkeypatch.setattr(download_lt, "http_get", no_download)
    monkeypatch.setattr(download_lt, "download_zip", no_download)
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    line = _notice(_lint("It is a apple.\n"))
    assert "holds no LanguageTool install" in line and "does not download" in line


def test_a_broken_local_install_fails_fast_without_downloading(monkeypatch, tmp_path):
    import shutil

    if shutil.which("java") is None:
        pytest.skip("no Java on PATH")
    import language_tool_python.download_lt as download_lt

    monkeypatch.setattr(download_lt, "http_get", lambda *a, **k: pytest.fail("download attempted"))
    (tmp_path / "LanguageTool-6.8").mkdir()
    (tmp_path / "LanguageTool-6.8" / "languagetool-server.jar").write_bytes(b"not a jar")
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    started = time.monotonic()
    line = _notice(_lint("It is a apple.\n"))
    assert "could not be used" in line
    assert time.monotonic() - started < 30


# -- what the user sees: one line per run, suppressions, and the cache -------------------------


def test_grammar_suppressions_are_not_called_unused_when_grammar_was_not_checked():
    from medlint.engine.runner import lint_text

    text = "<!-- medlint-disable-next-line GRM -->\nIt is fine.\n"
    assert "GRM900" not in [d.code for d in lint_text(text)]
    with Stub() as stub:
        config = parse_config({"options": {"grammar": {"server": stub.url}}}, "c.yaml")
        assert "GRM900" in [d.code for d in lint_text(text, config=config)]



def _articles(folder, n):
    for i in range(n):
        (folder / f"a{i:02}.md").write_text("Ask questions about reationships and mental health.\n", encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_says_once_per_run_that_grammar_was_skipped(tmp_path, jobs):
    _articles(tmp_path, 17)  # over the engine's threshold for worker processes
    env = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_LT_URL", "LTP_PATH")}
    res = run_cli("check", str(tmp_path), "--select", "SPL,GRM", "--jobs", jobs, "--no-cache", "-q", env=env)
    lines = [line for line in res.stderr.splitlines() if "grammar checks (GRM)" in line]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("medlint: grammar checks (GRM) skipped: no LanguageTool server is configured")
    assert res.stdout.count("SPL003") == 17 and res.returncode == 1


def test_cli_unreachable_server_named_once(tmp_path):
    _articles(tmp_path, 3)
    res = run_cli("check", str(tmp_path), "--select", "SPL,GRM", "--no-cache", "-q", env={"MEDLINT_LT_URL": _closed_port_url()})
    lines = [line for line in res.stderr.splitlines() if "grammar checks (GRM)" in line]
    assert len(lines) == 1 and "is not reachable" in lines[0], res.stderr
    assert res.stdout.count("SPL003") == 3


def test_cache_keeps_a_not_configured_result_but_not_an_unreachable_one(tmp_path, monkeypatch):
    article = tmp_path / "a.md"
    article.write_text("Ask about reationships here today.\n", encoding="utf-8")
    config = parse_config({"select": ["GRM", "SPL"]}, str(tmp_path / "c.yaml"))
    cache = Cache(tmp_path / "cache")
    first = check_file(str(article), config, None, cache)
    again = check_file(str(article), config, None, cache)
    assert _notice(again) == _notice(first), "the notice comes back from the cache with the findings"
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1

    monkeypatch.setenv("MEDLINT_LT_URL", _closed_port_url())
    unreachable = check_file(str(article), config, None, cache)
    assert "not reachable" in _notice(unreachable), "a new server is a new cache key"
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1, "a transient failure is not cached"


def test_the_server_in_use_is_part_of_the_cache_key(monkeypatch):
    registry.load()
    settings = Config().settings_for("-")
    unconfigured = settings.fingerprint()
    monkeypatch.setenv("MEDLINT_LT_URL", "http://localhost:8081")
    assert settings.fingerprint() != unconfigured


# -- a real LanguageTool, when one is configured ----------------------------------------------


@pytest.mark.skipif(not os.environ.get("MEDLINT_LT_URL"), reason="set MEDLINT_LT_URL to a LanguageTool server to run")
def test_against_a_real_languagetool_server():
    text = "This are a example of a sentence. Ketamine blocks NMDA receptors and raises BDNF in mice.\n"
    result = _lint(text, server=os.environ["MEDLINT_LT_URL"])
    assert not result.notices, result.notices
    assert "GRM001" in [d.code for d in result.diagnostics]
    flagged = {text[d.start : d.end] for d in result.diagnostics}
    assert not flagged & {"Ketamine", "NMDA", "BDNF"}, "lexicon terms are never LanguageTool findings"
