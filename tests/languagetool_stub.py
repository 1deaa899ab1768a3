"""A stand-in LanguageTool server for tests: the real HTTP protocol, a handful of real rules.

No package registry ships LanguageTool itself, so the grammar tests run language_tool_python's
real client against this server on 127.0.0.1. It speaks LanguageTool's API v2 as the client
uses it: ``GET /v2/languages`` (a JSON list of ``name``/``code``/``longCode``) and ``POST
/v2/check`` (form fields ``text``, ``language``, ``disabledRules``, ``disabledCategories``…;
a JSON object whose ``matches`` carry ``offset``/``length`` in UTF-16 code units, as Java
counts them, with ``rule.id``, ``rule.category.id`` and ``rule.issueType``). Its rules imitate
LanguageTool rules of the same ids, on small fixed patterns:

- ENGLISH_WORD_REPEAT_RULE: a word repeated ("the the");
- EN_A_VS_AN: "a" before a vowel-initial word ("a apple");
- UPPERCASE_SENTENCE_START: a sentence starting with a lower-case letter;
- COMMA_PARENTHESIS_WHITESPACE: a space before a comma;
- MORFOLOGIK_RULE_EN_US (category TYPOS): the words in ``UNKNOWN_WORDS``, which include
  domain terms a general speller does not know and two misspellings.

``Stub(delay=…, languages_delay=…, check_status=…, languages_body=…)`` misbehaves on purpose
for the failure tests. Every check request's form is kept in ``requests``.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
UNKNOWN_WORDS = {"ketamine": [], "esketamine": [], "glun2b": [], "mtor": ["motor"], "anhedonia": [], "recieve": ["receive"], "reationships": ["relationships"]}
_VOWEL_WORD = re.compile(r"\b([Aa]) ([aeiouAEIOU]\w*)")
_REPEAT = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*\n\s*)([a-z]\w*)")
_SPACE_COMMA = re.compile(r"\s+,")
_WORD = re.compile(r"[\w']+")


def _match(text, start, end, message, rule_id, category, issue_type, replacements):
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": start,
        "length": end - start,
        "context": {"text": text[max(0, start - 20) : end + 20], "offset": min(start, 20), "length": end - start},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": message, "issueType": issue_type, "category": {"id": category, "name": category.title()}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def find_matches(text: str) -> list[dict]:
    """The stub's rules over ``text``; offsets in code points (converted before sending)."""
    out = []
    for m in _REPEAT.finditer(text):
        out.append(_match(text, m.start(1), m.end(2), "Possible typo: you repeated a word.", "ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", [m.group(1)]))
    for m in _VOWEL_WORD.finditer(text):
        article = "An" if m.group(1) == "A" else "an"
        out.append(_match(text, m.start(1), m.end(1), "Use “an” instead of “a” if the following word starts with a vowel sound.", "EN_A_VS_AN", "MISC", "misspelling", [article]))
    for m in _SENTENCE_START.finditer(text):
        word = m.group(1)
        out.append(_match(text, m.start(1), m.end(1), "This sentence does not start with an uppercase letter.", "UPPERCASE_SENTENCE_START", "CASING", "typographical", [word[0].upper() + word[1:]]))
    for m in _SPACE_COMMA.finditer(text):
        out.append(_match(text, m.start(), m.end(), "Put a space after the comma, but not before the comma.", "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace", [","]))
    for m in _WORD.finditer(text):
        suggestions = UNKNOWN_WORDS.get(m.group().lower())
        if suggestions is not None:
            out.append(_match(text, m.start(), m.end(), "Possible spelling mistake found.", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", suggestions))
    return sorted(out, key=lambda d: d["offset"])


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class Stub:
    """A LanguageTool-protocol server on 127.0.0.1 in a thread; use as a context manager."""

    def __init__(self, delay=0.0, languages_delay=0.0, check_status=200, languages_body=None):
        self.delay = delay
        self.languages_delay = languages_delay
        self.check_status = check_status
        self.languages_body = languages_body
        self.requests: list[dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body: bytes, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = urllib.parse.urlsplit(self.path).path
                if path.endswith("/v2/languages"):
                    time.sleep(stub.languages_delay)
                    body = stub.languages_body if stub.languages_body is not None else json.dumps(LANGUAGES).encode()
                    self._send(200, body)
                elif path.endswith("/v2/healthcheck"):
                    self._send(200, b"OK", "text/plain")
                else:
                    self._send(404, b"not found", "text/plain")

            def do_POST(self):
                path = urllib.parse.urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True).items()}
                if not path.endswith("/v2/check"):
                    self._send(404, b"not found", "text/plain")
                    return
                stub.requests.append(form)
                time.sleep(stub.delay)
                if stub.check_status != 200:
                    self._send(stub.check_status, b"Error: internal error on the stub", "text/plain")
                    return
                text = form.get("text", "")
                disabled_rules = set(filter(None, form.get("disabledRules", "").split(",")))
                disabled_categories = set(filter(None, form.get("disabledCategories", "").split(",")))
                matches = [m for m in find_matches(text) if m["rule"]["id"] not in disabled_rules and m["rule"]["category"]["id"] not in disabled_categories]
                for m in matches:
                    start, end = m["offset"], m["offset"] + m["length"]
                    m["offset"], m["length"] = _utf16(text, start), _utf16(text, end) - _utf16(text, start)
                language = {"name": "English (US)", "code": form.get("language", "en-US")}
                self._send(200, json.dumps({"software": {"name": "medlint-stub", "apiVersion": 1}, "language": language, "matches": matches}).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Stub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
