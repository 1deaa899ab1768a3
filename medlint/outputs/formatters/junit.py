"""JUnit XML, the test-report format CI systems display (GitLab's ``junit`` report, Jenkins,
Azure Pipelines): one ``testsuite`` per article, one failing ``testcase`` per finding (its
``failure`` type is the rule code), a passing ``testcase`` for an article without findings, and
an ``error`` for a file that could not be checked. Elements and attributes are those of the
common JUnit schema (Jenkins xunit plugin's ``junit-10.xsd``).
"""

from __future__ import annotations

import collections
import itertools
import xml.etree.ElementTree as ET

from collections.abc import Iterator

from medlint import __version__


def _case(suite, name: str, classname: str):
    return ET.SubElement(suite, "testcase", {"name": name, "classname": classname, "time": "0"})


def render(result, sources=None) -> Iterator[str]:
    """The report, one ``testsuite`` at a time as each file's findings stream past; the total
    of test cases, which the root states first, comes from a counting pass."""
    errors = {e.path: e for e in result.errors}
    checked = [f.path for f in result.files]
    paths = checked + [p for p in errors if p not in set(checked)]
    per_path = collections.Counter(d.path for d in result.diagnostics)
    total = sum(max(1, per_path[path]) for path in paths)
    root = ET.Element(
        "testsuites",
        {"name": f"medlint {__version__}", "tests": str(total), "failures": str(len(result.diagnostics)), "errors": str(len(errors)), "time": "0"},
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not paths:
        yield head + ET.tostring(root, encoding="unicode") + "\n"
        return
    root.text = "-"
    yield head + ET.tostring(root, encoding="unicode").removesuffix("-</testsuites>")
    groups = itertools.groupby(result.diagnostics, key=lambda d: d.path)
    group = next(groups, None)
    for path in paths:
        found: list = []
        if group is not None and group[0] == path:
            found = list(group[1])
            group = next(groups, None)
        suite = _suite(path, found, errors.get(path))
        ET.indent(suite, level=1)
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n</testsuites>\n"


def _suite(path: str, found: list, error):
    """One article's ``testsuite``: its findings as failing cases, else one passing case."""
    suite = ET.Element(
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
    return suite
