"""No network unless configured: a default run opens no socket.

The CLI runs in a subprocess whose ``sitecustomize`` replaces socket creation and name lookup
with a function that records the attempt and fails; the test fails if anything tried.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ARTICLES, EXAMPLES, run_cli

SITECUSTOMIZE = '''
import socket, sys
def _blocked(*args, **kwargs):
    sys.stderr.write("NETWORK-ATTEMPT %r\\n" % (args[:2],))
    raise OSError("network disabled by test")
class _NoSocket(socket.socket):
    def connect(self, *a, **k): _blocked(*a)
    def connect_ex(self, *a, **k): _blocked(*a)
    def sendto(self, *a, **k): _blocked(*a)
socket.socket = _NoSocket
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
'''


def test_default_run_opens_no_socket(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    targets = [EXAMPLES, ARTICLES]
    res = run_cli("check", "--format", "json", "--no-cache", *targets, env={"PYTHONPATH": str(guard)})
    assert "NETWORK-ATTEMPT" not in res.stderr, res.stderr
    data = json.loads(res.stdout)
    assert data["files"] >= 10 and data["diagnostics"]
    # the guard itself works: a socket connection in that environment is recorded
    check = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env={"PYTHONPATH": str(guard)},
        capture_output=True,
        text=True,
    )
    assert "NETWORK-ATTEMPT" in check.stderr
