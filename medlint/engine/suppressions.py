"""In-document suppression comments, and the report of ones that suppress nothing.

    <!-- medlint-disable CLM001, SAF -->      … <!-- medlint-enable CLM001, SAF -->
    <!-- medlint-disable-next-line LNG* -->
    <!-- medlint-disable-file RDB -->

In MDX, where HTML comments are not allowed, the same directives are written as JSX comments:
``{/* medlint-disable-next-line LNG */}``. Targets are codes, families, rule names or globs, separated by commas or spaces; no target
means every rule. A directive that suppresses nothing is reported (severity info) under the
family it names, as ``<FAMILY>900 unused-suppression``, so stale suppressions get cleaned up.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from collections.abc import Callable

from medlint.model.diagnostics import FAMILIES, Diagnostic, Severity
from medlint.model.lines import LineIndex, unify_breaks
from medlint.model.rule import Check, Rule
from medlint.model.span import Span

_DIRECTIVE = re.compile(
    r"(?:(?P<html><!--)|\{/\*)\s*medlint-(?P<verb>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<targets>[^>]*?)\s*(?(html)-->|\*/\})"
)
UNUSED_NUMBER = "900"


@dataclass
class Directive:
    """One suppression comment: what it covers (lines, inclusive) and which targets."""

    verb: str
    targets: tuple[str, ...]  # empty: all rules
    span: Span  # the comment itself
    first_line: int
    last_line: int
    used: bool = False
    used_targets: set = field(default_factory=set)

    def to_dict(self) -> dict:
        """Plain data for the cache (usage is not kept: it belongs to one run)."""
        return {"verb": self.verb, "targets": list(self.targets), "span": self.span.to_dict(), "first_line": self.first_line, "last_line": self.last_line}

    @classmethod
    def from_dict(cls, data: dict) -> Directive:
        return cls(data["verb"], tuple(data["targets"]), Span.from_dict(data["span"]), data["first_line"], data["last_line"])

    def covers(self, diag: Diagnostic) -> bool:
        if not (self.first_line <= diag.line <= self.last_line):
            return False
        return not self.targets or any(_matches(t, diag) for t in self.targets)


def _matches(target: str, diag: Diagnostic) -> bool:
    t = target.strip()
    if any(c in t for c in "*?["):
        return fnmatch.fnmatchcase(diag.code, t.upper()) or fnmatch.fnmatchcase(diag.name, t.lower())
    return t.upper() in (diag.code, diag.family) or t.lower() == diag.name


def parse(text: str) -> list[Directive]:
    """All directives in ``text``, with the line ranges they cover."""
    index = LineIndex(text)
    n_lines = index.count
    lines = unify_breaks(text).split("\n")
    out: list[Directive] = []
    open_ranges: dict[tuple, Directive] = {}
    for m in _DIRECTIVE.finditer(text):
        verb = m.group("verb")
        targets = tuple(t for t in re.split(r"[,\s]+", m.group("targets")) if t)
        span = Span.of(index, m.start(), m.end())
        if verb == "disable-file":
            out.append(Directive(verb, targets, span, 1, n_lines))
        elif verb == "disable-next-line":
            nxt = span.end_line + 1
            while nxt <= n_lines and not lines[nxt - 1].strip():
                nxt += 1
            out.append(Directive(verb, targets, span, nxt, nxt))
        elif verb == "disable":
            d = Directive(verb, targets, span, span.line, n_lines)
            out.append(d)
            open_ranges[targets] = d
        else:  # enable: closes the matching disable (same targets), or all when it names none
            keys = list(open_ranges) if not targets else [targets] if targets in open_ranges else []
            for key in keys:
                open_ranges.pop(key).last_line = span.line
    return out


def apply(
    diagnostics: list[Diagnostic],
    directives: list[Directive],
    path: str,
    enabled: frozenset,
    find_rule: Callable[[str], Rule | None],
    not_checked=frozenset(),
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add an info finding for each directive target never used,
    when its family's unused-suppression rule is ``enabled`` for this file and the family was
    checked (not ``not_checked``: a check that could not run). ``find_rule`` looks a rule up by
    name, to file a target named by rule name under its family."""
    if not directives:
        return diagnostics
    kept = []
    for diag in diagnostics:
        hit = [d for d in directives if d.covers(diag)]
        for d in hit:
            d.used = True
            d.used_targets.update(t for t in d.targets if _matches(t, diag))
        if not hit:
            kept.append(diag)
    for d in directives:
        if d.verb == "enable":
            continue
        unused = [t for t in d.targets if t not in d.used_targets] if d.targets else ([] if d.used else ["*"])
        for target in unused:
            family = _family_of(target, find_rule)
            if family is None or family in not_checked:
                continue  # "all rules" or a cross-family glob: nothing to file it under
            rule = UNUSED_RULES[family]
            if rule.code not in enabled:
                continue
            kept.append(rule.diagnostic(path, d.span, f"suppression of '{target}' ({d.verb}) matches no finding; remove it"))
    return kept


def _family_of(target: str, find_rule: Callable[[str], Rule | None]) -> str | None:
    """The medlint family an unused target is filed under (None: all rules, a cross-family
    glob, or a user family, which has no unused-suppression rule)."""
    m = re.match(r"([A-Z]{2,5})(?=\d|\*|$)", target.strip().upper())
    if m and m.group(1) in UNUSED_RULES:
        return m.group(1)
    rule = find_rule(target)
    return rule.family if rule and rule.family in UNUSED_RULES else None


def _unused_rule(family: str) -> Rule:
    return Rule(
        code=f"{family}{UNUSED_NUMBER}",
        name=f"unused-suppression-{family.lower()}",
        severity=Severity.INFO,
        summary=f"A medlint-disable comment for {family} ({FAMILIES[family]}) suppresses nothing.",
        what="Reports a suppression comment (medlint-disable, -next-line, -file) whose target "
        "matched no finding in the lines it covers.",
        why="Stale suppressions hide future problems: once the text they excused is gone, they "
        "silently swallow new findings of the same rule.",
        example=f"<!-- medlint-disable-next-line {family} -->\nA line with no {family} finding.",
        fix="Delete the comment, or narrow it to the rule that still fires. No automatic fix.",
        source="sqlfluff reports unused noqa directives; ruff RUF100 (unused-noqa).",
    )


UNUSED_RULES = {family: _unused_rule(family) for family in FAMILIES}


class UnusedSuppression(Check):
    """Declares the unused-suppression rules; the engine reports them after suppression."""

    name = "unused-suppression"
    rules = tuple(UNUSED_RULES.values())
