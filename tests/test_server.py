"""``medlint server`` end to end: a real LSP client (pygls's LanguageClient) starts the installed
``medlint server`` as a subprocess and talks to it over stdio, as an editor does: initialize,
didOpen, publishDiagnostics, codeAction, hover, didChange (debounced), didSave, shutdown, exit.
When Neovim is installed, its built-in LSP client does the same, headless.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess

import pytest
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from conftest import MEDLINT

TEXT = "# After a loss\n\nHer brother committed suicide in 2019. Many anorexics hide it 😔 — call or text 988.\n"
TIMEOUT = 60


class _Editor:
    """A language client that records what the server publishes."""

    def __init__(self):
        self.client = LanguageClient("medlint-test", "1")
        self.published: asyncio.Queue = asyncio.Queue()
        self.messages: list[str] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams):
            self.published.put_nowait(params)

        @self.client.feature(lsp.WINDOW_SHOW_MESSAGE)
        def on_message(params: lsp.ShowMessageParams):
            self.messages.append(params.message)

    async def next_diagnostics(self, uri: str) -> lsp.PublishDiagnosticsParams:
        while True:
            params = await asyncio.wait_for(self.published.get(), TIMEOUT)
            if params.uri == uri:
                return params


def _span(text: str, needle: str) -> lsp.Range:
    """The LSP range (UTF-16) of ``needle`` in ``text`` (single line)."""
    start = text.index(needle)
    line = text.count("\n", 0, start)
    col = len(text[text.rfind("\n", 0, start) + 1 : start].encode("utf-16-le")) // 2
    return lsp.Range(start=lsp.Position(line=line, character=col), end=lsp.Position(line=line, character=col + len(needle.encode("utf-16-le")) // 2))


async def _session(root, article):
    editor = _Editor()
    client = editor.client
    await client.start_io(*MEDLINT, "server", cwd=str(root))
    uri = article.as_uri()
    try:
        init = await asyncio.wait_for(
            client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri(), process_id=None)),
            TIMEOUT,
        )
        assert init.server_info.name == "medlint"
        assert init.capabilities.code_action_provider and init.capabilities.hover_provider
        client.initialized(lsp.InitializedParams())

        # didOpen -> diagnostics for the buffer's text (not the file on disk, which is empty)
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=TEXT)))
        opened = await editor.next_diagnostics(uri)
        by_code = {d.code: d for d in opened.diagnostics}
        assert {"SAF001", "LNG004"} <= set(by_code), [d.code for d in opened.diagnostics]
        assert "RDB001" not in by_code  # the config beside the article ignores RDB
        assert by_code["SAF001"].range == _span(TEXT, "committed suicide")
        assert by_code["SAF001"].source == "medlint" and by_code["SAF001"].severity == lsp.DiagnosticSeverity.Warning

        # codeAction: the safe fix is a preferred quick fix, the unsafe one says so
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), range=by_code["SAF001"].range, context=lsp.CodeActionContext(diagnostics=[by_code["SAF001"]]))
        )
        (safe,) = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
        assert safe.is_preferred and "died by suicide" in safe.title
        (edit,) = safe.edit.changes[uri]
        assert edit.new_text == "died by suicide" and edit.range == _span(TEXT, "committed suicide")
        assert any(a.kind == "source.fixAll.medlint" for a in actions)
        unsafe_actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), range=by_code["LNG004"].range, context=lsp.CodeActionContext(diagnostics=[by_code["LNG004"]], only=[lsp.CodeActionKind.QuickFix]))
        )
        (unsafe,) = unsafe_actions
        assert not unsafe.is_preferred and "unsafe" in unsafe.title

        # hover: the rule's documentation
        hover = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=by_code["SAF001"].range.start))
        assert "SAF001" in hover.contents.value and "Why it matters" in hover.contents.value

        # didChange (the writer applies the fix): fresh diagnostics after the debounce
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[lsp.TextDocumentContentChangePartial(range=by_code["SAF001"].range, text="died by suicide")],
            )
        )
        changed = await editor.next_diagnostics(uri)
        assert changed.version == 2
        assert "SAF001" not in {d.code for d in changed.diagnostics} and "LNG004" in {d.code for d in changed.diagnostics}
        # the emoji before it counts two UTF-16 units: LNG004's range is unchanged on its line
        assert {d.code: d for d in changed.diagnostics}["LNG004"].range.start.character == by_code["LNG004"].range.start.character - 2

        # didSave re-checks too
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
        saved = await editor.next_diagnostics(uri)
        assert {d.code for d in saved.diagnostics} == {d.code for d in changed.diagnostics}

        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
        await asyncio.wait_for(client.stop(), TIMEOUT)
        return client._server.returncode, editor.messages
    finally:
        if client._server is not None and client._server.returncode is None:
            client._server.kill()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / ".medlint.yaml").write_text("ignore: [RDB]\n", encoding="utf-8")
    article = root / "loss.md"
    article.write_text("", encoding="utf-8")
    return root, article


def test_lsp_session_over_stdio(site):
    root, article = site
    returncode, messages = asyncio.run(_session(root, article))
    assert returncode == 0
    assert not any("grammar" in m for m in messages)  # grammar was neither selected nor configured
    assert (root / ".medlint_cache").is_dir()  # results went through the engine's cache


def test_config_error_is_published_on_the_article(site):
    root, article = site
    (root / ".medlint.yaml").write_text("ignroe: [RDB]\n", encoding="utf-8")

    async def session():
        editor = _Editor()
        await editor.client.start_io(*MEDLINT, "server", cwd=str(root))
        try:
            await editor.client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri()))
            editor.client.initialized(lsp.InitializedParams())
            editor.client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=article.as_uri(), language_id="markdown", version=1, text=TEXT)))
            return await editor.next_diagnostics(article.as_uri())
        finally:
            editor.client._server.kill()

    published = asyncio.run(session())
    (d,) = published.diagnostics
    assert d.severity == lsp.DiagnosticSeverity.Error and "ignroe" in d.message and ".medlint.yaml:1" in d.message


NVIM_SCRIPT = r"""
local out = {}
local function log(kind, value) table.insert(out, vim.fn.json_encode({kind = kind, value = value})) end
vim.cmd('edit ' .. vim.fn.fnameescape(ARTICLE))
local client_id = vim.lsp.start_client({cmd = {MEDLINT, 'server'}, root_dir = ROOT, name = 'medlint'})
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do
  log('diagnostic', {code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message})
end
local client = vim.lsp.get_client_by_id(client_id)
local diag = vim.lsp.diagnostic.get_line_diagnostics(0, 2)
local params = {textDocument = vim.lsp.util.make_text_document_params(), range = {start = {line = 2, character = 0}, ['end'] = {line = 2, character = 100}}, context = {diagnostics = diag}}
local res = client.request_sync('textDocument/codeAction', params, 30000, 0)
for _, a in ipairs((res and res.result) or {}) do log('action', {title = a.title, kind = a.kind, preferred = a.isPreferred}) end
client.stop()
vim.wait(5000, function() return client.is_stopped() end, 100)
vim.fn.writefile(out, OUT)
vim.cmd('qa!')
"""


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim not installed (apt-get install neovim)")
def test_neovim_headless_session(site, tmp_path):
    root, article = site
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "nvim-out.jsonl"
    script = tmp_path / "session.lua"
    script.write_text(f"ARTICLE={json.dumps(str(article))}\nROOT={json.dumps(str(root))}\nMEDLINT={json.dumps(MEDLINT[0])}\nOUT={json.dumps(str(out))}\n" + NVIM_SCRIPT, encoding="utf-8")
    subprocess.run(["nvim", "--headless", "--clean", "-u", "NONE", "-c", f"luafile {script}"], cwd=root, timeout=120, capture_output=True, check=False)
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    codes = {e["value"]["code"] for e in events if e["kind"] == "diagnostic"}
    assert {"SAF001", "LNG004"} <= codes
    actions = [e["value"] for e in events if e["kind"] == "action"]
    assert any(a["preferred"] and "died by suicide" in a["title"] for a in actions)
    assert any(not a["preferred"] and "unsafe" in a["title"] for a in actions if a["kind"] == "quickfix")
