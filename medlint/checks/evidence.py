"""CLM010–CLM011: appeals to research and statistics with no citation nearby.

"Studies show", "has been shown", "a large body of research" and "over 50% of patients" ask
the reader to trust evidence the article does not name. A claim is supported when its paragraph
(a whole list or table counts as one; a scraped one-line paragraph with the reference markers a
scraper split off after it; with ``citation-scope: sentence``, only its sentence) has a
citation: a link, a footnote or numbered reference, an "(Author, year)", a named source
("according to the CDC", "a 2019 study in JAMA"), or the surname of an entry in the article's
own reference list. It is also supported by the source the shared reading
(``medlint/analysis/reading.py``) finds for its sentence: a study, survey, institution or person
named in the sentence, the one before, its list's lead-in, the research it refers back to ("the
study", "they found"), the next sentence, the paragraph before, a press release's own study, or
the next paragraphs for a headline or lede; a named speaker's quotation or indirect speech.
Negated, asked and supposed appeals ("after studies show it is safe") pass, and so does an
appeal whose sentence already says how strong the evidence is ("animal studies show", "modest
effects"); thresholds and definitions ("in >10% of patients", "defined as a 50% drop") are not
figures; unattributed quotations are reported as info.

The patterns are data (``rules/evidence.yaml``); ``Citations`` is also used by SRC004. Appeals
and statistics are tried only where they may begin, found by the scan the claim checks share
(``claims.lexicon.claim_places``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from medlint.analysis.hedging import QUOTED_SPEECH, default_context, report_claim, word_pattern
from medlint.analysis.reading import reading
from medlint.analysis.reading_lexicon import citations
from medlint.text.prefilter import Starts, fold
from medlint.model.rule import Check, Option, rule_doc
from medlint.knowledge.resources import load_data
from medlint.checks.claims.lexicon import claim_places, lexicon


APPEAL = rule_doc(
    "CLM010",
    "uncited-research-appeal",
    "An appeal to research ('studies show', 'has been shown') with no citation nearby.",
    what=(
        "Flags appeals to unnamed evidence — 'studies show', 'research proves', 'has been "
        "shown to', 'a large body of research', 'according to extensive research', 'experts "
        "agree' — when the paragraph has no link, footnote, numbered reference, '(Author, "
        "year)', named source, or pointer to an entry in the article's reference list, and no "
        "study, institution or person is named where a reader looks for it: in the sentence, "
        "the one before, the list's lead-in, the research it refers back to ('the study "
        "found'), or, for a headline or lede, the next paragraphs; a press release's appeal to "
        "its own study is named by the release. Hedged appeals ('early studies suggest'), "
        "negated ones ('no study has shown'), supposed ones ('after studies show it is safe'), "
        "a named speaker's quoted appeal, and appeals whose sentence says how strong the "
        "evidence is ('animal studies show', 'modest effects') pass."
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
)
STATISTIC = rule_doc(
    "CLM011",
    "uncited-statistic",
    "A statistic about people or outcomes ('over 50% of the patients') with no citation nearby.",
    what=(
        "Flags percentages, 'N in M', 'N times more likely', 'twice as likely' and 'half / "
        "two-thirds / the majority of patients' in a sentence about people or outcomes when "
        "the paragraph has no citation (see CLM010 for what counts), and large population "
        "counts ('nearly 40 million adults'). A figure from a study or source named nearby, "
        "or given by a named speaker, is sourced. Prices, discounts, dosing arithmetic ('a 10% "
        "taper'), forecasts ('50% chance'), thresholds ('>10% of patients'), definitions "
        "('defined as a 50% drop') and questions are not statistics. One finding per sentence."
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
)


class Citations:
    """Where a document cites its sources: citation patterns, and its reference-list surnames."""

    _SURNAME = re.compile(r"^\W*([A-Z][A-Za-z'’-]{2,})(?=,|\s+[A-Z]\.|\s+\(|\s+et al)")

    def __init__(self, doc):
        data = evidence_data()
        self.doc = doc
        self.surnames = self._reference_surnames(doc, re.compile(rf"^\W*{data['reference_headings']}\W*$", re.IGNORECASE))
        self._found: dict[tuple[int, int], bool] = {}  # spans searched (sentences share a paragraph)

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

    def _pattern_in(self, start: int, end: int) -> bool:
        """True when a citation pattern matches in ``text[start:end]``.

        The patterns are tried one by one, each only where its literals occur: the same answer
        as one alternation of them all, at a fraction of the cost.
        """
        key = (start, end)
        if key not in self._found:
            text = self.doc.text
            folded = fold(text)
            seen: dict[str, bool] = {}  # patterns share literals ("study", "data")
            self._found[key] = any(
                needs.possible(folded, start, end, seen) and pattern.search(text, start, end)
                for pattern, needs in citations()
            )
        return self._found[key]

    def cites(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` holds a citation or names a reference-list author."""
        if self._pattern_in(start, end):
            return True
        if self.surnames:
            words = set(re.findall(r"[A-Z][A-Za-z'’-]{2,}", self.doc.prose[start:end]))
            return bool(words & self.surnames)
        return False

    def anywhere(self) -> bool:
        """True when the article cites anything at all (front matter excluded)."""
        body = self.doc.front_matter_span[1] if self.doc.front_matter_span else 0
        return bool(self.surnames) or self._pattern_in(body, len(self.doc.text))


@lru_cache(maxsize=1)
def evidence_data() -> dict:
    return load_data("evidence.yaml")


@dataclass(frozen=True)
class _Patterns:
    """``rules/evidence.yaml`` compiled (the appeals and statistics are in ``claims.lexicon.lexicon()``,
    whose scan finds where they may begin); the people a statistic is about are searched only
    where they may begin in the sentence."""

    about_people: Starts
    exceptions: re.Pattern
    dosing: re.Pattern
    indirect: re.Pattern
    threshold: re.Pattern
    definition: re.Pattern
    strength: re.Pattern


@lru_cache(maxsize=1)
def _compiled() -> _Patterns:
    data = evidence_data()
    return _Patterns(
        Starts([re.compile(data["statistic_context"], re.IGNORECASE)]),
        word_pattern(data["statistic_exceptions"]),
        re.compile(data["statistic_skip"], re.IGNORECASE),
        re.compile(data["appeal_skip_before"], re.IGNORECASE),
        re.compile(data["statistic_threshold"]),
        re.compile(data["statistic_definition"], re.IGNORECASE),
        re.compile(data["evidence_strength"], re.IGNORECASE),
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


_SHORT_LINE = re.compile(r"\n[ \t]*[^\n]{0,12}(?=\n|$)")


def _scraped_line(doc, sentence, start: int, end: int) -> tuple[int, int]:
    """In a block copied from a web page with one paragraph per line (a line too long to be
    hard-wrapped), the paragraph of a sentence is its line, with the short lines after it that
    a scraper split off ("(1)", "."); otherwise the whole block."""
    text = doc.text
    lines = text[start:end].split("\n")
    if len(lines) < 2 or max(len(x) for x in lines) <= 100:
        return start, end
    line_start = max(start, text.rfind("\n", 0, sentence.start) + 1)
    line_end = text.find("\n", sentence.end)
    line_end = end if line_end < 0 or line_end > end else line_end
    while True:
        m = _SHORT_LINE.match(text, line_end)
        if not m or m.end() > end:
            break
        line_end = m.end()
    return line_start, line_end


_SOURCE_LINE = re.compile(r"^\W*(?:Sources?|Data sources?)\s*:", re.IGNORECASE)


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
        p = _compiled()
        read = reading(doc)
        citations = None  # read on the first claim (most articles make few)
        enabled = ctx.settings.enabled_codes
        scope = ctx.options["citation_scope"]
        prose, sentences = doc.prose, doc.sentences
        lex, places = lexicon(), claim_places(prose)
        appeals, statistics = lex.appeals_index, lex.statistics_index
        may_appeal = doc.sentences_holding(places[appeals]) if "CLM010" in enabled else set()
        may_count = doc.sentences_holding(places[statistics]) if "CLM011" in enabled else set()
        pending = []
        cited_numbers = set()
        for i in sorted(may_appeal | may_count):
            sentence = sentences[i]
            s, e = sentence.start, sentence.end
            hits = []
            if prose[s:e].rstrip().endswith("?"):
                continue
            if i in may_appeal:
                for m in lex.starts.finditer(appeals, places, prose, s, e):
                    if self._appeal_counts(read, p, i, m):
                        hits.append(("CLM010", m, read.stance(m.start(), m.end()).reported))
                        break
            if i in may_count:
                for m in lex.starts.finditer(statistics, places, prose, s, e):
                    if self._statistic_counts(read, p, i, m):
                        hits.append(("CLM011", m, read.stance(m.start(), m.end()).reported))
                        break
            if not hits:
                continue
            if citations is None:
                citations = Citations(doc)
            support = read.source(i) if scope == "sentence" else read.support(i)
            cited = self._cited(doc, citations, sentence, scope)
            if cited or (support is not None and support.how == "sentence" and support.kind not in ("speaker", "named-person")):
                # A figure cited here (not merely inherited from a neighbour) is cited wherever
                # the article repeats it.
                cited_numbers.update(_numbers(x.group()) for x in lex.starts.finditer(statistics, places, prose, s, e))
            if not cited and support is None:
                pending.append((sentence, hits))
        for sentence, hits in pending:
            for code, m, reported in hits:
                if code == "CLM011" and _numbers(m.group()) in cited_numbers:
                    continue  # the same figure is cited where the article first gives it
                diag = self._report(doc, ctx, code, m, sentence, reported)
                if diag is not None:
                    yield diag

    @staticmethod
    def _appeal_counts(read, p: _Patterns, i: int, m: re.Match) -> bool:
        """An appeal counts unless it is denied, asked, supposed ("after studies show it is
        safe"), or its sentence (or the one before it) already says how strong the evidence is."""
        prose = read.doc.prose
        s = read.sentences[i]
        stance = read.stance(m.start(), m.end())
        if stance.denied or p.indirect.search(prose, s.start, m.start()):
            return False
        if read.lex.conditional.search(prose, default_context().clause_start(prose, s.start, m.start()), m.start()):
            return False
        if p.strength.search(prose, s.start, s.end):
            return False
        prev = read.previous(i)
        return not (prev is not None and p.strength.search(prose, read.sentences[prev].start, read.sentences[prev].end))

    @staticmethod
    def _statistic_counts(read, p: _Patterns, i: int, m: re.Match) -> bool:
        """A figure counts in a sentence about people or outcomes (not dosing), unless it is a
        threshold or a definition's cut-off, or a percentage of something other than people."""
        prose = read.doc.prose
        s = read.sentences[i]
        window = p.exceptions.finditer(prose, max(s.start, m.start() - 20), min(s.end, m.end() + 30))
        if any(x.start() < m.end() and m.start() < x.end() for x in window):
            return False
        if p.threshold.search(prose, max(s.start, m.start() - 3), m.start()) or p.definition.search(prose, s.start, s.end):
            return False
        people = p.about_people.places(fold(prose), s.start, s.end)
        return bool(p.about_people.search(0, people, prose, s.start, s.end)) and not p.dosing.search(prose, s.start, s.end)

    @staticmethod
    def _cited(doc, citations: Citations, sentence, scope: str) -> bool:
        if citations.cites(sentence.start, sentence.end):
            return True
        if scope == "sentence":
            return False
        first, last = _unit(doc, sentence.block)
        start, end = doc.blocks[first].start, doc.blocks[last].end
        if first == last:
            start, end = _scraped_line(doc, sentence, start, end)
        line_end = doc.text.find("\n", end)  # markup after the prose (a footnote marker, a link) counts
        if citations.cites(start, len(doc.text) if line_end < 0 else line_end):
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
