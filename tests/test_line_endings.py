"""One notion of a line (issue 20, item 2): LF, CRLF and a lone CR all end a line, for the
Markdown parsing, positions, suppression comments and the fixer; fixes keep the file's endings."""

from __future__ import annotations

import pytest

from medlint.engine import registry
from medlint.engine.config import Config
from medlint.engine.fixer import fix_document
from medlint.engine.runner import lint_text
from medlint.model.document import Document
from medlint.model.lines import LineIndex

LINES = ["He committed suicide.", "", "```", "He committed suicide.", "```", "", "Call 988 now."]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_code_is_not_prose_and_lines_count_whatever_the_endings(eol):
    text = eol.join(LINES) + eol
    found = [(d.code, d.line, d.column) for d in lint_text(text) if d.code == "SAF001"]
    assert found == [("SAF001", 1, 4)], "the fenced copy is code, and the finding is on line 1"
    assert LineIndex(text).position(text.index("Call")) == (7, 1)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_fixes_keep_the_files_endings_and_leave_code_alone(eol):
    registry.load()
    text = eol.join(LINES) + eol
    outcome = fix_document(Document(text, "a.md", format="markdown"), Config().settings_for("a.md"))
    assert outcome.text == text.replace("He committed suicide.", "He died by suicide.", 1)


def test_a_suppression_comment_covers_the_next_line_after_a_lone_cr():
    text = "<!-- medlint-disable-next-line SAF001 -->\rHe committed suicide.\r\rHe committed suicide. Call 988.\r"
    assert [(d.code, d.line) for d in lint_text(text) if d.code == "SAF001"] == [("SAF001", 4)]
