"""SAF (document level): an article that discusses suicide but gives no way to get help.

The word-level SAF rules are data (``rules/pack-saf-safe-messaging.yaml``). This check needs the
whole document. It reads the article's mentions of suicide and self-harm the way an editor
does, and reports once, at the first mention, when the article *discusses* suicide and
nowhere gives help-seeking information (front matter excluded).

What counts as a mention: not one in quoted speech, a title of a work or a reference list, not one inside "assisted suicide" or "suicide bomber", not a negated one ("I'm not
suicidal"; "suicidal ideation has not been part of my depression", which also cancels the same
experience named in the sentence before). The article discusses suicide when one mention names
suicidal *experience* (thoughts, ideation, urges, attempts, self-harm, "feeling suicidal"), when
a heading names suicide, or when it names suicide at least ``passing`` times in different
sentences. One clause naming suicide in an article about something else ("suicide prevention"
in a list of programmes, "mortality from suicide, heart disease …") is a passing mention.
Help is a crisis line or text line in any country, a named helpline, an emergency number with
its verb ("dial 911"), or an article that is itself a free, confidential counselling service,
anywhere in the article; or advice to get help right away next to a mention (the same block or
the next: such advice elsewhere is about something else, an overdose).
"""

from __future__ import annotations

import re

from medlint.analysis import verbatim
from medlint.analysis.hedging import default_context
from medlint.knowledge.resources import load_data
from medlint.model.diagnostics import Severity
from medlint.model.rule import Check, rule_doc
from medlint.text.prefilter import Starts, fold

MISSING_HELP = rule_doc(
    "SAF007",
    "missing-crisis-resources",
    "An article that discusses suicide or self-harm gives no help-seeking information.",
    what=(
        "Reads the article's mentions of suicide, suicidal thoughts and self-harm (not in "
        "quotations, titles of works or reference lists; not negated; 'assisted suicide' and "
        "'suicide bomber' do not count). When the article discusses suicide — one mention of "
        "suicidal experience (thoughts, attempts, self-harm), suicide in a heading, or repeated "
        "mentions; not a single passing one — and nowhere gives help (a crisis or text line of "
        "any country, a named helpline, 'dial 911'; 'get help right away' next to a mention), "
        "reports it once, at the first mention."
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


_NEAR = 60  # characters around a mention where the phrase naming an experience can lie


def _compile(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


class MissingCrisisResources(Check):
    """Document-level help-seeking check (SAF007)."""

    name = "crisis-resources"
    rules = (MISSING_HELP,)

    def __init__(self):
        data = load_data("safe-messaging.yaml")
        self.mentions = _compile(data["mentions"])
        self.experience = _compile(data["experience"])
        self.not_mentions = _compile(data["not_mentions"])
        self.help = _compile(data["help"])
        # The one prefilter: mentions and help are tried only where one of their leading
        # literals occurs (each case-insensitive pattern run over a whole article took 3-4 ms).
        self.mention_starts = Starts([self.mentions])
        self.help_starts = Starts([self.help])
        self.advice = _compile(data["advice"])
        self.passing = int(data["passing"])

    def _excluded(self, doc, start: int, end: int) -> bool:
        """True when the mention sits inside a phrase such as "assisted suicide"."""
        line_start = doc.text.rfind("\n", 0, start) + 1
        line_end = doc.text.find("\n", end)
        line_end = len(doc.text) if line_end < 0 else line_end
        return any(m.start() <= start and end <= m.end() for m in self.not_mentions.finditer(doc.prose, line_start, line_end))

    def _mentions(self, doc, places) -> list[tuple[re.Match, int, bool]]:
        """The article's own, affirmed mentions: (match, sentence index, names an experience);
        ``places``: where mentions may begin (``Starts.places``)."""
        hedges = default_context()
        spans = verbatim.of(doc)
        found = []  # (match, sentence index, experience head or "", negated)
        for m in self.mention_starts.finditer(0, places, doc.prose):  # the masked prose: only blocks hold text
            start, end = m.start(), m.end()
            if doc.is_quoted(start, end) or spans.in_single_quotes(start, end) or spans.verbatim(start, end):
                continue
            if self._excluded(doc, start, end):
                continue
            index = doc.sentence_index(start)
            if index is None or doc.sentences[index].quoted:
                continue
            sentence = doc.sentences[index]
            # An experience phrase holding the mention lies within a few words of it.
            near = (max(sentence.start, start - _NEAR), min(sentence.end, end + _NEAR))
            experience = next(
                (e for e in self.experience.finditer(doc.prose, *near) if e.start() <= start and end <= e.end()),
                None,
            )
            head = experience.group().lower().split()[-1] if experience else ""
            negated = hedges.stance(doc.prose, sentence.start, sentence.end, start, end).negated
            found.append((m, index, head, negated))
        # A denial cancels the same experience named in the sentence before it: "I was afraid
        # of suicide ideation. Thankfully, suicidal ideation has not been part of it."
        denied = {(i, head) for _, i, head, negated in found if negated and head}
        return [(m, i, bool(head)) for m, i, head, negated in found if not negated and (i + 1, head) not in denied]

    def _discusses(self, doc, mentions) -> bool:
        """One mention of suicidal experience, suicide in a heading, or repeated mentions."""
        if any(experience or _in_heading(doc, m.start()) for m, _, experience in mentions):
            return True
        return len({i for _, i, _ in mentions}) >= self.passing

    def _advised(self, doc, mentions) -> bool:
        """Advice to get help at once ("get medical help right away") in the block of a mention
        or the block after it: advice elsewhere is about something else (an overdose)."""
        blocks = doc.blocks
        for m, _, _ in mentions:
            block = doc.block_at(m.start())
            if block is None:
                continue
            i = blocks.index(block)
            end = blocks[i + 1].end if i + 1 < len(blocks) else block.end
            if self.advice.search(doc.prose, block.start, end):
                return True
        return False

    def check(self, doc, ctx):
        places = self.mention_starts.places(fold(doc.prose))
        if places[0] == []:
            return  # most articles: one scan for the leading literals
        mentions = self._mentions(doc, places)
        if not mentions or not self._discusses(doc, mentions):
            return
        body_start = doc.front_matter_span[1] if doc.front_matter_span else 0
        text = doc.text
        if self.help_starts.first(0, fold(text), text, body_start) or self._advised(doc, mentions):
            return
        first = mentions[0][0]
        yield ctx.report(
            "SAF007",
            first.start(),
            first.end(),
            f"the article discusses suicide or self-harm (“{first.group()}”) but gives no "
            "help-seeking information; add a crisis line such as “call or text 988” (US) or "
            "Samaritans 116 123 (UK and Ireland)",
        )


def _in_heading(doc, offset: int) -> bool:
    block = doc.block_at(offset)
    return block is not None and block.kind == "heading"
