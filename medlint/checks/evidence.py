"""CLM010–CLM011: appeals to research and statistics with no citation nearby.

"Studies show", "has been shown", "a large body of research" and "over 50% of patients" ask
the reader to trust evidence the article does not name. A claim is supported when its paragraph
(a whole list or table counts as one; with ``citation-scope: sentence``, only its sentence) has
a citation: a link, a footnote or numbered reference, an "(Author, year)", a named source
("according to the CDC", "a 2019 study in JAMA"), or the surname of an entry in the article's
own reference list. Negated appeals ("no
study has shown") and questions pass; appeals in quoted speech are reported as info.

The patterns are data (``rules/evidence.yaml``); ``Citations`` is also used by SRC004.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..hedging import QUOTED_SPEECH, default_context, report_claim, spaced
from ..registry import Check, Option, register, rule_doc
from ..resources import load_data

_ORIGIN = "medlint/checks/evidence.py"

APPEAL = rule_doc(
    "CLM010",
    "uncited-research-appeal",
    "An appeal to research ('studies show', 'has been shown') with no citation nearby.",
    what=(
        "Flags appeals to unnamed evidence — 'studies show', 'research proves', 'has been "
        "shown to', 'a large body of research', 'according to extensive research', 'experts "
        "agree' — when the paragraph has no link, footnote, numbered reference, '(Author, "
        "year)', named source, or pointer to an entry in the article's reference list. "
        "Hedged appeals ('early studies suggest') and negated ones ('no study has shown') pass."
    ),
    why=(
        "DISCERN (Q4) and the JAMA benchmarks ask that sources be explicit. An unnamed appeal "
        "cannot be checked, and HealthNewsReview found it hid the weakest evidence: small, "
        "early, animal or uncontrolled studies."
    ),
    example=(
        "Bad: Studies show that ketamine works within hours.\n"
        "Good: In one small trial (Smith et al., 2020), ketamine eased symptoms within a day for some patients."
    ),
    fix="No automatic fix: name the study and link it, or say how strong the evidence is.",
    source="DISCERN Q4 (Charnock et al. 1999); JAMA benchmark, attribution (Silberg et al. 1997); HealthNewsReview.org criteria",
    origin=_ORIGIN,
)
STATISTIC = rule_doc(
    "CLM011",
    "uncited-statistic",
    "A statistic about people or outcomes ('over 50% of the patients') with no citation nearby.",
    what=(
        "Flags percentages, 'N in M', 'N times more likely', 'twice as likely' and 'half / "
        "two-thirds / the majority of patients' in a sentence about people or outcomes when "
        "the paragraph has no citation (see CLM010 for what counts). Prices, discounts, "
        "dosing arithmetic ('a 10% taper'), forecasts ('50% chance') and questions are not "
        "statistics. One finding per sentence."
    ),
    why=(
        "A number looks like evidence. Without its source the reader cannot tell whether it "
        "comes from a trial, a clinic's own patients or nowhere; HealthNewsReview asked that "
        "benefits be quantified *from a named study*."
    ),
    example=(
        "Bad: Ketamine helps over 50% of patients with depression.\n"
        "Good: In one trial, about half of the patients improved within a week (Smith et al., 2020)."
    ),
    fix="No automatic fix: add the source of the number, or remove it.",
    source="HealthNewsReview.org criteria (benefits quantified, quality of evidence); JAMA benchmark, attribution (Silberg et al. 1997)",
    origin=_ORIGIN,
)


def _phrases(patterns) -> re.Pattern:
    body = "|".join(f"(?:{spaced(p)})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


class Citations:
    """Where a document cites its sources: citation patterns, and its reference-list surnames."""

    _SURNAME = re.compile(r"^\W*([A-Z][A-Za-z'’-]{2,})(?=,|\s+[A-Z]\.|\s+\(|\s+et al)")

    def __init__(self, doc):
        data = evidence_data()
        self.doc = doc
        self.pattern = re.compile("|".join(f"(?:{p})" for p in data["citations"]))
        self.surnames = self._reference_surnames(doc, re.compile(rf"^\W*{data['reference_headings']}\W*$", re.IGNORECASE))

    @staticmethod
    def _reference_surnames(doc, heading: re.Pattern) -> frozenset:
        """First authors' surnames of the entries under a "References" heading (or line)."""
        names = set()
        level = None  # the open reference section's heading level (7: a plain "References:" line)
        for block in doc.blocks:
            if block.kind == "heading" and level is not None and block.level <= level:
                level = None
            for line in doc.block_text(block).splitlines():
                if heading.match(line):
                    level = block.level if block.kind == "heading" else 7
                elif level is not None:
                    m = Citations._SURNAME.match(line)
                    if m:
                        names.add(m.group(1))
        return frozenset(names)

    def cites(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` holds a citation or names a reference-list author."""
        if self.pattern.search(self.doc.text, start, end):
            return True
        if self.surnames:
            words = set(re.findall(r"[A-Z][A-Za-z'’-]{2,}", self.doc.prose[start:end]))
            return bool(words & self.surnames)
        return False

    def anywhere(self) -> bool:
        """True when the article cites anything at all (front matter excluded)."""
        body = self.doc.front_matter_span[1] if self.doc.front_matter_span else 0
        return bool(self.surnames) or bool(self.pattern.search(self.doc.text, body))


@lru_cache(maxsize=1)
def evidence_data() -> dict:
    return load_data("evidence.yaml")


@lru_cache(maxsize=1)
def _compiled():
    data = evidence_data()
    return (
        _phrases(data["appeals"]),
        _phrases(data["statistics"]),
        _phrases(data["statistic_exceptions"]),
        re.compile(data["statistic_context"], re.IGNORECASE),
        re.compile(data["statistic_skip"], re.IGNORECASE),
        re.compile(data["appeal_skip_before"], re.IGNORECASE),
    )


def _numbers(statistic: str) -> tuple[str, ...]:
    """The figures in a statistic ("over 50% of the patients" → ("50",)), to spot repeats."""
    return tuple(re.findall(r"\d+(?:\.\d+)?", statistic)) or (statistic.lower(),)


def _unit(doc, index: int) -> tuple[int, int]:
    """The blocks that count as one paragraph for citations: a block, or a whole list or table.

    A list is a paragraph broken into points, so a source given in one bullet ("For more
    information, see PMID …") supports its neighbours.
    """
    kind = doc.blocks[index].kind
    if kind not in ("list_item", "table_cell"):
        return index, index
    first = last = index
    while first > 0 and doc.blocks[first - 1].kind == kind:
        first -= 1
    while last + 1 < len(doc.blocks) and doc.blocks[last + 1].kind == kind:
        last += 1
    return first, last


_SOURCE_LINE = re.compile(r"^\W*(?:Sources?|Data sources?)\s*:", re.IGNORECASE)


@register
class UncitedEvidence(Check):
    """Appeals to research and statistics that name no source (CLM010, CLM011)."""

    name = "uncited-evidence"
    rules = (APPEAL, STATISTIC)
    options = {
        "citation_scope": Option(
            "paragraph",
            "Where a citation must be to support a claim: 'paragraph' (the claim's block, or a "
            "'Source:' line right after it) or 'sentence'.",
            choices=("paragraph", "sentence"),
        ),
        "quoted_speech": QUOTED_SPEECH,
    }

    def check(self, doc, ctx):
        appeals, statistics, exceptions, about_people, dosing, indirect = _compiled()
        context = default_context()
        citations = Citations(doc)
        enabled = ctx.settings.enabled_codes
        scope = ctx.options["citation_scope"]
        pending = []
        cited_numbers = set()
        for sentence in doc.sentences:
            s, e = sentence.start, sentence.end
            hits = []
            question = doc.prose[s:e].rstrip().endswith("?")
            if "CLM010" in enabled and not question:
                for m in appeals.finditer(doc.prose, s, e):
                    stance = context.stance(doc.prose, s, e, m.start(), m.end())
                    if not stance.denied and not indirect.search(doc.prose, s, m.start()):
                        hits.append(("CLM010", m, stance.reported))
                        break
            claims_about_people = about_people.search(doc.prose, s, e) and not dosing.search(doc.prose, s, e)
            if "CLM011" in enabled and not question and claims_about_people:
                for m in statistics.finditer(doc.prose, s, e):
                    window = exceptions.finditer(doc.prose, max(s, m.start() - 20), min(e, m.end() + 30))
                    if not any(x.start() < m.end() and m.start() < x.end() for x in window):
                        hits.append(("CLM011", m, context.stance(doc.prose, s, e, m.start(), m.end()).reported))
                        break
            if not hits:
                continue
            if self._cited(doc, citations, sentence, scope):
                cited_numbers.update(_numbers(x.group()) for x in statistics.finditer(doc.prose, s, e))
            else:
                pending.append((sentence, hits))
        for sentence, hits in pending:
            for code, m, reported in hits:
                if code == "CLM011" and _numbers(m.group()) in cited_numbers:
                    continue  # the same figure is cited where the article first gives it
                diag = self._report(doc, ctx, code, m, sentence, reported)
                if diag is not None:
                    yield diag

    @staticmethod
    def _cited(doc, citations: Citations, sentence, scope: str) -> bool:
        if citations.cites(sentence.start, sentence.end):
            return True
        if scope == "sentence":
            return False
        first, last = _unit(doc, sentence.block)
        end = doc.blocks[last].end
        line_end = doc.text.find("\n", end)  # markup after the prose (a footnote marker, a link) counts
        if citations.cites(doc.blocks[first].start, len(doc.text) if line_end < 0 else line_end):
            return True
        following = doc.blocks[last + 1] if last + 1 < len(doc.blocks) else None
        return following is not None and bool(_SOURCE_LINE.match(doc.block_text(following)))

    @staticmethod
    def _report(doc, ctx, code, m, sentence, reported):
        words = " ".join(m.group().split())
        if code == "CLM010":
            message = (
                f"“{words}” appeals to research without naming it; cite the study (link, footnote "
                "or author and year) or say how strong the evidence is"
            )
        else:
            message = f"“{words}” is a statistic with no source nearby; cite where the number comes from"
        return report_claim(ctx, doc, code, m.start(), m.end(), message, sentence_quoted=sentence.quoted, reported=reported)
