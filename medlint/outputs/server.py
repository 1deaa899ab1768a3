"""``medlint server``: a Language Server Protocol server on standard input and output, for
writers' editors (VS Code, Neovim, Zed, Obsidian with an LSP plugin).

- Diagnostics on open, on change (debounced: ``DEBOUNCE`` seconds after the last keystroke)
  and on save, for every format medlint reads. The buffer's text is checked as the file it
  will be saved as: the configuration found from the file's folder (as on the command line),
  its format by suffix, its suppression comments; results go through the engine's result cache
  (``.medlint_cache/`` in the workspace root). Site-wide checks need a whole site and do not
  run here: ``medlint check`` on the site reports them.
- Code actions: each fix is a quick fix; safe ones are marked preferred (an editor's "auto
  fix" applies them), unsafe ones say in their title that the meaning must be checked. One
  ``source.fixAll.medlint`` action applies every safe fix, as ``--fix`` does.
- Hover over a finding shows its rule's documentation.
- A configuration or input error is published as a diagnostic on the first line, naming the
  file and line at fault; a run notice (grammar selected but no LanguageTool server) is shown
  once per session.

Positions: medlint's offsets count code points; the LSP counts UTF-16 code units unless the
client offers UTF-8 or UTF-32, and ends lines at ``\\n``, ``\\r\\n`` or ``\\r``. ``_Lines``
converts between the two for the negotiated encoding. Linting runs in one worker thread, so
the event loop keeps answering while a long article is checked and checks never overlap.
"""

from __future__ import annotations

import asyncio
import bisect
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from medlint import HOMEPAGE, __version__
from medlint.engine import config as engine_config
from medlint.engine import fixer, registry, runner
from medlint.engine.cache import CACHE_DIR, Cache
from medlint.model.diagnostics import Applicability, Diagnostic, Severity
from medlint.model.document import Document
from medlint.model.errors import MedlintError
from medlint.outputs.rulesinfo import help_markdown

#: Seconds of quiet after a change before the buffer is checked.
DEBOUNCE = 0.4
SOURCE = "medlint"
FIX_ALL = "source.fixAll.medlint"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_BREAK = re.compile(r"\r\n|\r|\n")


class _Lines:
    """Offsets (code points) ↔ LSP positions (client units) over one text."""

    def __init__(self, text: str, units):
        self.text = text
        self.units = units  # str -> number of client code units
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return lsp.Position(line=line, character=self.units(self.text[self.starts[line] : offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: lsp.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        stop = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else len(self.text)
        count = 0
        for i in range(start, stop):
            if count >= position.character:
                return i
            count += self.units(self.text[i])
        return stop


@dataclass
class _Checked:
    """One buffer's last check: the text it was run on and what it found."""

    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    settings: engine_config.Settings | None = None


class MedlintServer(LanguageServer):
    def __init__(self):
        super().__init__("medlint", __version__)
        self.checked: dict[str, _Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.configs = engine_config.Configs()  # each configuration file read once, until one is saved
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medlint-check")
        self.cache_root: str | None = None
        self.shown: set[str] = set()

    # -- checking ------------------------------------------------------------------------
    def lines(self, text: str) -> _Lines:
        codec = self.workspace.position_codec
        return _Lines(text, codec.client_num_units)

    def check_text(self, uri: str, text: str) -> tuple[_Checked, list[MedlintError], list[str]]:
        """Check ``text`` as the file ``uri`` names (in the worker thread)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        name = path or "-"
        try:
            registry.load()
            config = self.configs.for_path(name)
            if path and config.is_excluded(path):
                return _Checked(text), [], []
            cache = Cache(self.cache_root) if self.cache_root and path else None
            result = runner.check_file(name, config, text.encode("utf-8"), cache)
            settings = config.settings_for(name)
        except MedlintError as exc:
            return _Checked(text), [exc], []
        if result.error is not None:
            return _Checked(text), [result.error], []
        run = runner.finish([result], {}, lambda _: settings)
        return _Checked(text, list(run.diagnostics), settings), [], run.notices

    async def refresh(self, uri: str, delay: float = 0.0) -> None:
        """Check the buffer ``uri`` (after ``delay``) and publish its diagnostics."""
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        checked, errors, notices = await loop.run_in_executor(self.worker, self.check_text, uri, text)
        current = self.workspace.get_text_document(uri)
        if current.source != text:
            return  # edited meanwhile: the newer change has its own refresh scheduled
        self.checked[uri] = checked
        self.publish(uri, version, checked, errors)
        for line in notices:
            if line not in self.shown:
                self.shown.add(line)
                self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"medlint: {line}"))

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the check of ``uri``: a newer change cancels a pending one."""
        task = self.pending.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        self.pending[uri] = asyncio.ensure_future(self.refresh(uri, delay))

    def publish(self, uri: str, version, checked: _Checked, errors: list[MedlintError]) -> None:
        lines = self.lines(checked.text)
        items = [self.to_lsp(d, lines) for d in checked.diagnostics]
        for e in errors:
            line = (e.line - 1) if e.line and os.path.realpath(e.path) == os.path.realpath(to_fs_path(uri) or "") else 0
            where = lsp.Range(start=lsp.Position(line=line, character=0), end=lsp.Position(line=line + 1, character=0))
            items.append(lsp.Diagnostic(range=where, message=str(e), severity=lsp.DiagnosticSeverity.Error, source=SOURCE, code=e.kind))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=items))

    @staticmethod
    def to_lsp(d: Diagnostic, lines: _Lines) -> lsp.Diagnostic:
        related = []
        for r in d.related:
            if r.path == "-":
                continue
            where = lsp.Range(
                start=lsp.Position(line=r.line - 1, character=r.column - 1),
                end=lsp.Position(line=(r.end_line or r.line) - 1, character=(r.end_column or r.column) - 1),
            )
            related.append(lsp.DiagnosticRelatedInformation(location=lsp.Location(uri=from_fs_path(os.path.abspath(r.path)), range=where), message=r.message))
        message = d.message
        if d.fix is not None:
            message += f" (fix: {d.fix.title}{'' if d.fix.applicability == Applicability.SAFE else '; unsafe'})"
        return lsp.Diagnostic(
            range=lines.range(d.start, d.end),
            message=message,
            severity=_SEVERITY[d.severity],
            code=d.code,
            code_description=lsp.CodeDescription(href=f"{HOMEPAGE}#rule-families"),
            source=SOURCE,
            related_information=related or None,
        )

    # -- requests ------------------------------------------------------------------------
    def findings_at(self, uri: str, start: int, end: int) -> tuple[_Checked | None, list[Diagnostic]]:
        """The last check of ``uri`` if it is of the current text, and its findings that
        overlap ``[start, end]``."""
        checked = self.checked.get(uri)
        if checked is None or checked.text != self.workspace.get_text_document(uri).source:
            return None, []
        return checked, [d for d in checked.diagnostics if d.start <= end and start <= d.end]

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None:
            return []
        lines = self.lines(checked.text)
        _, found = self.findings_at(uri, lines.offset(params.range.start), lines.offset(params.range.end))
        only = params.context.only
        actions = []
        if not only or any(k.startswith(lsp.CodeActionKind.QuickFix) for k in only):
            for d in found:
                if d.fix is None:
                    continue
                safe = d.fix.applicability == Applicability.SAFE
                edits = [lsp.TextEdit(range=lines.range(e.start, e.end), new_text=e.replacement) for e in d.fix.edits]
                actions.append(
                    lsp.CodeAction(
                        title=f"{d.fix.title} ({d.code})" if safe else f"{d.fix.title} ({d.code}; unsafe: check the meaning)",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[self.to_lsp(d, lines)],
                        is_preferred=safe,
                        edit=lsp.WorkspaceEdit(changes={uri: edits}),
                    )
                )
        wants_fix_all = not only or any(FIX_ALL.startswith(k) for k in only)
        if wants_fix_all and checked.settings is not None and any(d.fix and d.fix.applicability == Applicability.SAFE for d in checked.diagnostics):
            path = to_fs_path(uri) if uri.startswith("file:") else None
            try:
                outcome = fixer.fix_document(Document(checked.text, path or "-", format=None if path else "markdown", ignores=checked.settings.ignores), checked.settings, unsafe=False)
            except MedlintError:
                outcome = None
            if outcome is not None and outcome.changed:
                whole = lines.range(0, len(checked.text))
                actions.append(
                    lsp.CodeAction(
                        title=f"Apply every safe medlint fix ({outcome.applied})",
                        kind=FIX_ALL,
                        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=whole, new_text=outcome.text)]}),
                    )
                )
        return actions

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None:
            return None
        lines = self.lines(checked.text)
        at = lines.offset(params.position)
        _, found = self.findings_at(uri, at, at)
        parts = []
        for d in found:
            rule = registry.find_rule(d.code)
            parts.append(f"**{d.code}** {d.message}\n\n" + (help_markdown(rule) if rule else ""))
        if not parts:
            return None
        first = min(found, key=lambda d: d.start)
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=lines.range(first.start, max(d.end for d in found)),
        )


def build() -> MedlintServer:
    """The server with its handlers (a function, so tests can build one per session)."""
    server = MedlintServer()

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: MedlintServer, params: lsp.InitializedParams) -> None:
        root = ls.workspace.root_path
        if root:  # the result cache lives where `medlint check` run from the root keeps it
            ls.cache_root = os.path.join(root, CACHE_DIR)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: MedlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: MedlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MedlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if _is_config(params.text_document.uri):
            ls.configs = engine_config.Configs()  # a saved .medlint.yaml applies from now on
        for uri in list(ls.checked) if _is_config(params.text_document.uri) else [params.text_document.uri]:
            ls.schedule(uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MedlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: MedlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(c.uri) for c in params.changes):
            ls.configs = engine_config.Configs()
            for uri in list(ls.checked):
                ls.schedule(uri, 0.0)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
    )
    def code_action(ls: MedlintServer, params: lsp.CodeActionParams):
        return ls.code_actions(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: MedlintServer, params: lsp.HoverParams):
        return ls.hover(params)

    return server


def _is_config(uri: str) -> bool:
    name = uri.rsplit("/", 1)[-1]
    return name in engine_config.CONFIG_NAMES


def main() -> None:
    build().start_io()
