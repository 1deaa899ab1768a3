"""LanguageTool for the grammar rules (GRM): where it runs, whether medlint may use it, and one
client per server for the whole run.

Where (the first that applies):

1. the grammar check's ``server`` option, e.g. ``http://localhost:8081`` (``$VAR`` and
   ``${VAR}`` are expanded, so a shared config can name a per-machine variable);
2. the ``MEDLINT_LT_URL`` environment variable;
3. ``LTP_PATH``: a local LanguageTool install (a ``LanguageTool-X.Y`` folder holding the server
   jar, plus Java), which language_tool_python starts on a free local port.

Drafts are private: a public LanguageTool server (languagetool.org, languagetoolplus.com) is
used only when the config says ``allow-public-server: true``. A server is probed with a short
timeout before its first use (language_tool_python waits 300 s per request), and every request
has a bounded timeout. language_tool_python downloads LanguageTool (about 250 MB) when asked to
start a local server it cannot find; medlint starts one only after finding the install itself,
so that download never happens. When LanguageTool cannot be used, ``Unavailable`` says why in
one sentence; the grammar check turns it into a run notice and every other rule still runs.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ENV_URL = "MEDLINT_LT_URL"
ENV_LOCAL = "LTP_PATH"
#: Hosts of LanguageTool's public API (and its paid tier): text sent there leaves the machine.
PUBLIC_HOSTS = ("languagetool.org", "languagetoolplus.com")
#: A failed server is not asked again for this long (a run over many files probes it once).
RETRY_AFTER = 60.0
_VERSION = re.compile(r"^LanguageTool-(\d+\.\d+|\d{8}|latest)$")
_JARS = ("languagetool-server.jar", "languagetool.jar")


class Unavailable(Exception):
    """LanguageTool cannot be used; the message says why, in one sentence."""


@dataclass(frozen=True)
class Target:
    """Where LanguageTool is: a server URL (``remote``) or a local install folder (``local``)."""

    kind: str
    where: str


def resolve(server_option: str) -> Target | None:
    """The configured LanguageTool, or None when nothing is configured."""
    server = _expand(server_option) or os.environ.get(ENV_URL, "").strip()
    if server:
        if "://" not in server:
            server = "http://" + server
        return Target("remote", server)
    local = os.environ.get(ENV_LOCAL, "").strip()
    if local:
        return Target("local", local)
    return None


def _expand(value: str) -> str:
    """``$VAR``/``${VAR}`` from the environment; an unset variable leaves nothing configured."""
    expanded = re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: os.environ.get(m.group(1) or m.group(2), ""), str(value or ""))
    return expanded.strip()


def is_public(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in PUBLIC_HOSTS)


def api_base(url: str) -> str:
    """The ``…/v2/`` base language_tool_python derives from a server URL (same function)."""
    from language_tool_python.utils import parse_url

    return urllib.parse.urljoin(parse_url(url), "v2/")


def probe(url: str, language: str, timeout: float) -> None:
    """Ask ``/v2/languages`` within ``timeout`` seconds; Unavailable unless it answers like a
    LanguageTool server that supports ``language``."""
    import http.client  # imported here: a run without LanguageTool never needs HTTP
    import json
    import urllib.error
    import urllib.request

    endpoint = urllib.parse.urljoin(api_base(url), "languages")
    try:
        with urllib.request.urlopen(endpoint, timeout=timeout) as response:
            body = response.read(1_000_000)
    except urllib.error.HTTPError as exc:
        raise Unavailable(f"LanguageTool server {url} answered HTTP {exc.code} to {endpoint}") from None
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError) or "timed out" in str(reason):
            raise Unavailable(f"LanguageTool server {url} did not answer within {timeout:g} s") from None
        raise Unavailable(f"LanguageTool server {url} is not reachable ({reason})") from None
    try:
        languages = json.loads(body)
        codes = {c for entry in languages for c in (entry.get("code"), entry.get("longCode")) if c}
    except (ValueError, TypeError, AttributeError):
        raise Unavailable(f"{url} did not answer like a LanguageTool server (no language list at {endpoint})") from None
    if language not in codes and language.split("-")[0] not in codes:
        raise Unavailable(f"LanguageTool server {url} does not support language {language!r}")


def local_install(folder: str) -> str:
    """The version name of the LanguageTool installed under ``folder`` (as language_tool_python
    lays it out), or Unavailable; nothing is downloaded."""
    root = Path(folder)
    versions = [
        m.group(1)
        for p in (root.iterdir() if root.is_dir() else ())
        if (m := _VERSION.match(p.name)) and any((p / jar).is_file() for jar in _JARS)
    ]
    if not versions:
        raise Unavailable(
            f"{ENV_LOCAL}={folder} holds no LanguageTool install (a LanguageTool-X.Y folder with its server jar); "
            "medlint does not download it"
        )
    versions.sort(key=lambda v: [int(n) for n in re.findall(r"\d+", v)], reverse=True)
    if shutil.which("java") is None:
        raise Unavailable(f"a LanguageTool install is in {folder} but Java is not on PATH")
    from language_tool_python.download_lt import LocalLanguageTool

    if LocalLanguageTool.from_version_name(versions[0]) not in LocalLanguageTool.get_installed_versions():
        # the library's own test before it downloads: never let it get that far
        raise Unavailable(f"language_tool_python does not see the LanguageTool install in {folder}; medlint does not download it")
    return versions[0]


@lru_cache(maxsize=1)
def _client_class():
    """language_tool_python's client with a request timeout of medlint's choosing (the library
    reads ``_TIMEOUT`` for every request and would otherwise wait 300 s) and a single attempt
    to start a local server. Built on first use: importing the library costs a run that never
    talks to LanguageTool about 0.15 s."""
    from language_tool_python import LanguageTool

    class Client(LanguageTool):
        def __init__(self, *args, request_timeout: float, **kwargs):
            self._TIMEOUT = request_timeout  # type: ignore[assignment]  # the library types its default (300) as a Literal; any number of seconds works
            super().__init__(*args, **kwargs)

        def _start_server_on_free_port(self) -> None:
            # One start, on the port the library picked: on failure it would try every port
            # from 8081 to 8999, hundreds of Java start-ups for a broken install.
            self._start_local_server()

    return Client


class Connection:
    """One LanguageTool client, shared by every file of a run."""

    def __init__(self, target: Target, tool):
        self.target = target
        self.tool = tool

    @property
    def name(self) -> str:
        return self.target.where if self.target.kind == "remote" else f"local LanguageTool ({self.target.where})"

    def check(self, text: str, disabled_rules=(), disabled_categories=()) -> list:
        """LanguageTool's matches for ``text`` (offsets in code points); Unavailable on failure."""
        from language_tool_python.exceptions import LanguageToolError

        self.tool.disabled_rules = set(disabled_rules)
        self.tool.disabled_categories = set(disabled_categories)
        try:
            return self.tool.check(text)
        except (LanguageToolError, OSError, ValueError, KeyError, TypeError) as exc:
            raise Unavailable(f"{self.name} failed: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


_connections: dict[tuple, tuple[float, Connection | Unavailable]] = {}


def connect(
    server_option: str = "",
    language: str = "en-US",
    allow_public: bool = False,
    probe_timeout: float = 3.0,
    request_timeout: float = 60.0,
) -> Connection:
    """The LanguageTool connection for these settings (made once, then reused); Unavailable
    with the reason when none is configured, the server is public and not allowed, or it does
    not answer. A failure is remembered for RETRY_AFTER seconds."""
    target = resolve(server_option)
    if target is None:
        raise Unavailable(
            f"no LanguageTool server is configured (set {ENV_URL}, e.g. to http://localhost:8081, "
            f"or the grammar option 'server', or {ENV_LOCAL} to a local LanguageTool install)"
        )
    if target.kind == "remote" and is_public(target.where) and not allow_public:
        raise Unavailable(
            f"{target.where} is a public LanguageTool server and drafts are private; "
            "set the grammar option 'allow-public-server: true' to send text there"
        )
    key = (target, language, request_timeout)
    cached = _connections.get(key)
    if cached and (isinstance(cached[1], Connection) or time.monotonic() - cached[0] < RETRY_AFTER):
        if isinstance(cached[1], Unavailable):
            raise cached[1]
        return cached[1]
    try:
        connection = _open(target, language, probe_timeout, request_timeout)
    except Unavailable as exc:
        _connections[key] = (time.monotonic(), exc)
        raise
    _connections[key] = (time.monotonic(), connection)
    return connection


def forget(connection: Connection, failure: Unavailable) -> None:
    """Remember that ``connection`` failed mid-run, so later files skip it for a while."""
    for key, (_, value) in list(_connections.items()):
        if value is connection:
            _connections[key] = (time.monotonic(), failure)


def _open(target: Target, language: str, probe_timeout: float, request_timeout: float) -> Connection:
    try:
        if target.kind == "remote":
            probe(target.where, language, probe_timeout)
            tool = _client_class()(language=language, remote_server=target.where, request_timeout=request_timeout)
        else:
            version = local_install(target.where)
            tool = _client_class()(language=language, language_tool_download_version=version, request_timeout=request_timeout)
    except Unavailable:
        raise
    except Exception as exc:  # the library raises its own errors, ValueError, SystemError…
        raise Unavailable(f"LanguageTool at {target.where} could not be used: {_first_line(exc)}") from None
    return Connection(target, tool)
