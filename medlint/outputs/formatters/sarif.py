"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning reads every field used here).

- Rules carry their full doc as text and Markdown (``help``), a ``helpUri``, and tags naming
  their family and default severity; ``problem.severity`` is GitHub's ranking of non-security
  alerts.
- Locations are relative to the repository (the folder holding ``.git`` above the current
  one), percent-encoded, with ``uriBaseId`` ``%SRCROOT%`` declared in ``originalUriBaseIds``:
  code scanning then finds the file whatever folder the linter ran from. Files outside the
  repository keep an absolute ``file:`` URI.
- ``partialFingerprints`` identify a finding by rule, file, flagged text and occurrence, not by
  line: an alert survives edits above it instead of closing and reopening.
- Columns count Unicode code points, and the run says so (``columnKind``). Fixes are
  ``replacements``. Input errors are tool notifications; the results of the files that were
  checked are still written.
- Results are written as the findings stream past (``json_format.spliced``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from medlint import DISTRIBUTION, HOMEPAGE, __version__
from medlint.engine import registry
from medlint.outputs.rulesinfo import help_markdown
from medlint.outputs.formatters.json_format import PLACEHOLDER, spliced
from medlint.outputs.formatters.locations import fingerprints, relative, source_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "%SRCROOT%"
FINGERPRINT = "medlintFinding/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


class _Locator:
    """Turns paths into SARIF artifact locations relative to one root."""

    def __init__(self, root: Path):
        self.root = root

    def artifact(self, path: str) -> dict:
        if path == "-":
            return {"uri": "stdin"}
        rel = relative(path, self.root)
        if rel is None:
            return {"uri": Path(os.path.realpath(path)).as_uri()}
        return {"uri": quote(rel, safe="/"), "uriBaseId": BASE_ID}


def _region(line, column, end_line, end_column) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _span_region(span) -> dict:
    """A finding's region: lines and columns, and its offsets in code points."""
    return {**_region(span.line, span.column, span.end_line, span.end_column), "charOffset": span.start, "charLength": span.end - span.start}


def _rule(rule) -> dict:
    severity = rule.severity.value
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": rule.explain(), "markdown": help_markdown(rule)},
        "helpUri": f"{HOMEPAGE}#rule-families",
        "defaultConfiguration": {"level": _LEVEL[severity], "enabled": rule.default_enabled},
        "properties": {
            "tags": [rule.family, registry.family_name(rule.family), severity],
            "problem.severity": _PROBLEM_SEVERITY[severity],
            "family": rule.family,
            "source": rule.source,
            "fixable": rule.fixable,
        },
    }


def _result(d, index: dict, locator: _Locator, fingerprint: str) -> dict:
    where = locator.artifact(d.path)
    res = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[d.severity.value],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": where, "region": _span_region(d.span)}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if d.related:
        res["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": r.message},
                "physicalLocation": {
                    "artifactLocation": locator.artifact(r.path),
                    "region": _region(r.line, r.column, r.end_line or r.line, r.end_column or r.column),
                },
            }
            for i, r in enumerate(d.related)
        ]
    if d.fix:
        res["fixes"] = [
            {
                "description": {"text": d.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": where,
                        "replacements": [
                            {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start}, "insertedContent": {"text": e.replacement}}
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
        res["properties"] = {"fixApplicability": d.fix.applicability.value}
    return res


def _notification(e, locator: _Locator) -> dict:
    note: dict[str, Any] = {"level": "error", "message": {"text": e.message}}
    if e.path and not e.path.startswith("--"):  # "--diff-base" names an option, not a file
        location = {"artifactLocation": locator.artifact(e.path)}
        if e.line:
            location["region"] = {"startLine": e.line}
        note["locations"] = [{"physicalLocation": location}]
    else:
        note["message"]["text"] = f"{e.path}: {e.message}" if e.path else e.message
    return note


def render(result, sources=None, root: str | os.PathLike | None = None) -> Iterator[str]:
    sources = sources or {}
    locator = _Locator(Path(os.path.realpath(root)) if root else source_root())
    rules = registry.all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    prints = fingerprints(result.diagnostics, sources, lambda path: locator.artifact(path)["uri"])
    run = {
        "tool": {
            "driver": {
                "name": "medlint",
                "fullName": f"medlint ({DISTRIBUTION} on PyPI)",
                "version": __version__,
                "informationUri": HOMEPAGE,
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {BASE_ID: {"uri": locator.root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": PLACEHOLDER,
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": [_notification(e, locator) for e in result.errors],
            }
        ],
    }
    results = (_result(d, index, locator, fp) for d, fp in zip(result.diagnostics, prints))
    return spliced({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, results, 3)
