"""JUnit XML, the test-report format CI systems display (GitLab's ``junit`` report, Jenkins,
Azure Pipelines): one ``testsuite`` per article, one failing ``testcase`` per finding (its
``failure`` type is the rule code), a passing ``testcase`` for an article without findings, and
an ``error`` for a file that could not be checked. Elements and attributes are those of the
common JUnit schema (Jenkins xunit plugin's ``junit-10.xsd``).
"""

from __future__ import annotations

import collections
import xml.etree.ElementTree as ET

from medlint import __version__


def _case(suite, name: str, classname: str):
    return ET.SubElement(suite, "testcase", {"name": name, "classname": classname, "time": "0"})


def render(result, sources=None) -> str:
    by_path = collections.defaultdict(list)
    for d in result.diagnostics:
        by_path[d.path].append(d)
    errors = {e.path: e for e in result.errors}
    paths = [f.path for f in result.files] + [p for p in errors if p not in {f.path for f in result.files}]
    root = ET.Element(
        "testsuites",
        {"name": f"medlint {__version__}", "tests": "0", "failures": str(len(result.diagnostics)), "errors": str(len(errors)), "time": "0"},
    )
    total = 0
    for path in paths:
        found = by_path.get(path, [])
        error = errors.get(path)
        suite = ET.SubElement(
            root,
            "testsuite",
            {"name": path, "tests": str(max(1, len(found))), "failures": str(len(found)), "errors": str(int(error is not None)), "skipped": "0", "time": "0"},
        )
        classname = path.replace("/", ".")
        if error is not None:
            case = _case(suite, "medlint", classname)
            ET.SubElement(case, "error", {"message": error.message, "type": error.kind}).text = str(error)
        elif not found:
            _case(suite, "no findings", classname)
        for d in found:
            case = _case(suite, f"{d.code} {d.name} at line {d.line}, column {d.column}", classname)
            detail = f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}"
            if d.fix:
                detail += f"\nfix: {d.fix.title} ({d.fix.applicability.value})"
            ET.SubElement(case, "failure", {"message": d.message, "type": d.code}).text = detail
        total += max(1, len(found))
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
