"""SAF (document level): an article that discusses suicide but gives no way to get help.

The word-level SAF rules are data (``rules/pack-saf-safe-messaging.yaml``). This check needs the
whole document: it looks for any mention of suicide or self-harm outside quoted speech, then
for any help-seeking information anywhere in the text (front matter excluded), and reports
once, at the first mention, when there is none.
"""

from __future__ import annotations

import re

from medlint.model.diagnostics import Severity
from medlint.model.rule import Check, rule_doc
from medlint.knowledge.resources import load_data

MISSING_HELP = rule_doc(
    "SAF007",
    "missing-crisis-resources",
    "An article that discusses suicide or self-harm gives no help-seeking information.",
    what=(
        "Looks for mentions of suicide, suicidal thoughts or self-harm (outside quotations; "
        "'assisted suicide' and 'suicide bomber' do not count). "
        "If the article has any, and nowhere gives a crisis line, text line, or emergency "
        "advice (988, Samaritans 116 123, Crisis Text Line, 'call 911'…), reports it once, at "
        "the first mention."
    ),
    why=(
        "Readers of mental-health articles include people in crisis. Every safe-messaging "
        "guideline asks that an article on suicide tell readers where to get help; it is one of "
        "the few measures shown to reduce contagion risk (the 'Papageno effect')."
    ),
    example=(
        "Bad: Ketamine can ease acute suicidal thoughts within hours. (and no helpline anywhere)\n"
        "Good: … add: If you are thinking about suicide, call or text 988 (US) or call "
        "Samaritans on 116 123 (UK and Ireland)."
    ),
    fix="No automatic fix: the right helpline depends on the readers' country. Add one sentence with it.",
    source="reportingonsuicide.org; WHO media guide (2023 update); Samaritans media guidelines; 988lifeline.org",
    severity=Severity.WARNING,
)


def _compile(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


class MissingCrisisResources(Check):
    """Document-level help-seeking check (SAF007)."""

    name = "crisis-resources"
    rules = (MISSING_HELP,)

    def __init__(self):
        data = load_data("safe-messaging.yaml")
        self.mentions = _compile(data["mentions"])
        self.not_mentions = _compile(data["not_mentions"])
        self.help = _compile(data["help"])

    def _excluded(self, doc, start: int, end: int) -> bool:
        """True when the mention sits inside a phrase such as "assisted suicide"."""
        line_start = doc.text.rfind("\n", 0, start) + 1
        line_end = doc.text.find("\n", end)
        line_end = len(doc.text) if line_end < 0 else line_end
        return any(m.start() <= start and end <= m.end() for m in self.not_mentions.finditer(doc.prose, line_start, line_end))

    def check(self, doc, ctx):
        if "suicid" not in doc.prose.lower() and not self.mentions.search(doc.prose):
            return  # most articles: one cheap test
        first = None
        for m in self.mentions.finditer(doc.prose):  # the masked prose: only blocks hold text
            if not doc.is_quoted(m.start(), m.end()) and not self._excluded(doc, m.start(), m.end()):
                first = m
                break
        if first is None:
            return
        body_start = doc.front_matter_span[1] if doc.front_matter_span else 0
        if self.help.search(doc.text, body_start):
            return
        yield ctx.report(
            "SAF007",
            first.start(),
            first.end(),
            f"the article discusses suicide or self-harm (“{first.group()}”) but gives no "
            "help-seeking information; add a crisis line such as “call or text 988” (US) or "
            "Samaritans 116 123 (UK and Ireland)",
        )
