"""SARIF 2.1.0 for code-scanning tools: every rule with its full doc, results with regions,
related locations, and fixes as replacements. Columns count Unicode code points, and the run
says so (``columnKind``)."""

from __future__ import annotations

import json
from pathlib import Path

from medlint import __version__
from medlint.engine import registry

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def _region(line, column, end_line, end_column, start=None, end=None) -> dict:
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    if start is not None:
        region["charOffset"] = start
        region["charLength"] = end - start
    return region


def _rule(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": rule.explain()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value], "enabled": rule.default_enabled},
        "properties": {"family": rule.family, "source": rule.source, "fixable": rule.fixable},
    }


def _result(d, index: dict) -> dict:
    res = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[d.severity.value],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": _region(d.line, d.column, d.end_line, d.end_column, d.start, d.end),
                }
            }
        ],
    }
    if d.related:
        res["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": r.message},
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(r.path)},
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
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                "insertedContent": {"text": e.replacement},
                            }
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
        res["properties"] = {"fixApplicability": d.fix.applicability.value}
    return res


def render(result, sources=None) -> str:
    rules = registry.all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "medlint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/medlint/",
                "rules": [_rule(r) for r in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index) for d in result.diagnostics],
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": e.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": _uri(e.path)},
                                    **({"region": {"startLine": e.line}} if e.line else {}),
                                }
                            }
                        ],
                    }
                    for e in result.errors
                ],
            }
        ],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"
