"""Judging claims against the knowledge base: the ``Judge`` gives each claim its findings
(with fixes where it can) and a verdict; ``kb_record`` says what the KB records of a product,
for messages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from medlint.analysis.reading import reading
from medlint.checks.regulatory.extraction import Claim
from medlint.knowledge.kb import Change, Event, KnowledgeBase, NegativeFact, Product
from medlint.model.document import Document
from medlint.model.dates import ArticleDate, article_date
from medlint.model.diagnostics import Severity
from medlint.model.rule import match_case

_DESIGNATION_WORDS = re.compile(
    r"breakthrough|designation|fast[\s-]track|complete\s+response|advisory\s+(?:committee|panel)|"
    r"\blegal|\bstate\b|oregon|colorado|federally|government[\s-]approved|emergency\s+use|(?-i:\bEUA\b|\bCRL\b|\bBTD\b)",
    re.I,
)
_SWAP_WORDS = {
    "cleared": {"approved": "cleared", "approves": "clears", "approve": "clear", "approving": "clearing",
                "approval": "clearance", "approvals": "clearances"},
    "authorized": {"approved": "authorized", "approves": "authorizes", "approve": "authorize", "approving": "authorizing",
                   "approval": "marketing authorization", "approvals": "marketing authorizations"},
    "approved": {"cleared": "approved", "clears": "approves", "clearance": "approval", "clearances": "approvals"},
}


#: A fix as the judge plans it: its title and its edits, (start, end, replacement).
FixPlan = tuple[str, list[tuple[int, int, str]]]


@dataclass(frozen=True)
class Finding:
    """What the KB says of one claim: a rule, a message and, when it can, a fix."""

    code: str
    span: tuple[int, int]
    message: str
    severity: Severity | None = None
    fix: FixPlan | None = None


#: A claim's findings and its verdict: "wrong", "right", or None when the KB is silent.
Judged = tuple[list[Finding], str | None]


def _sources(*groups: Iterable[Event | NegativeFact | Change | Product]) -> str:
    """The sources of KB items (events, negative facts, changes, products), each once."""
    seen: list[str] = []
    for group in groups:
        for item in group:
            for source in item.source:
                if source not in seen:
                    seen.append(source)
    return "; ".join(seen)


def _complete(p: Product, agency: str) -> NegativeFact | None:
    """The KB's fact that ``p``'s listed approvals by ``agency`` are all it has, if it says so."""
    return p.complete if p.complete is not None and p.complete.agency == agency else None


def _events_text(events: list[Event], limit: int = 3) -> str:
    return "; ".join(e.describe() for e in events[:limit])


class Judge:
    """Decides what the KB says of each claim."""

    def __init__(self, doc: Document, kb: KnowledgeBase, today: date):
        self.doc, self.kb, self.today = doc, kb, today

    @cached_property
    def when(self) -> ArticleDate | None:
        """The article's date, read the first time a time-aware finding needs it."""
        return article_date(self.doc)

    # -- helpers -----------------------------------------------------------------------------
    def _who(self, c: Claim) -> str:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        name = c.product.name
        if c.subject_span is None:
            return f"“{c.subject_text}” ({name}, named just before)"
        if c.subject_text.lower() in name.lower():
            return name
        return f"{c.subject_text} ({name})"

    def _for(self, c: Claim) -> str:
        return f" for {self.kb.conditions[c.condition].label}" if c.condition else ""

    def _sentence_fix(self, c: Claim, wording: str, title: str) -> FixPlan | None:
        """The sentence replaced by the KB's wording: only a whole sentence of running prose
        (``Reading.fixable``: not a heading, a table cell, a quotation, or across markup)."""
        s, e = c.sentence
        if not reading(self.doc).fixable(s, e) or self.doc.text[s:e].strip() == wording:
            return None
        return (f"{title}: check that it says what the paragraph needs and keeps the sentence's point", [(s, e, wording)])

    def _reference(self) -> date:
        return self.when.date if self.when else self.today

    def _withdrawn(self, p: Product, agency: str) -> Event | None:
        for ev in p.events_of(agency, {"withdrawn"}):
            if ev.date and ev.date.first_day() <= self._reference():
                return ev
        return None

    def _status(self, p: Product, agency: str) -> str:
        """A product's standing with an agency, for messages."""
        marketing = p.marketing_events(agency)
        if marketing:
            return f"its {agency} record: {_events_text(marketing)}"
        others = [e for e in p.events if e.agency == agency]
        if others:
            return f"it is not {agency}-approved for any use ({_events_text(others)})"
        return f"it is not {agency}-approved for any use"

    # -- the checks --------------------------------------------------------------------------
    def judge(self, c: Claim) -> Judged:
        """Findings for one claim and its verdict ("wrong", "right" or None: the KB is silent)."""
        if c.kind == "designation_means":
            return [self._designation_means(c)], "wrong"
        p = c.product
        assert p is not None  # only designation_means claims lack a product
        if not any(e.agency == c.agency for e in p.events) and not _complete(p, c.agency):
            return [], None  # the KB says nothing about this agency for this product
        if c.kind == "designation":
            return self._designation_year(c), None
        if c.kind == "legal":
            return self._legal(c)
        if c.kind == "availability":
            return (self._stale_approval(c), None) if c.positive else ([], None)
        if c.positive:
            return self._positive(c)
        return self._negative(c)

    def _positive(self, c: Claim) -> Judged:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, kb, a = c.product, self.kb, c.agency
        findings: list[Finding] = []
        marketing = p.marketing_events(a)
        if c.condition:
            covering = kb.covering(p, c.condition, a)
            narrower = kb.narrower(p, c.condition, a)
            listed = kb.listed_not_approved(p, c.condition, a)
            complete = _complete(p, a)
            exact = [e for e in covering if c.condition in e.conditions]
            if listed and covering and not exact:
                return [self._broader_only(c, listed, covering)], "wrong"
            if not covering and (listed or (complete and not narrower)):
                return [self._wrong_approval(c, listed, narrower)], "wrong"
            relevant = covering or narrower or marketing
            verdict = "right" if covering else None
        else:
            if not marketing:
                if _complete(p, a):
                    return [self._wrong_approval(c, None, [])], "wrong"
                return [], None
            relevant, verdict = marketing, "right"
        findings.extend(self._verb(c, relevant))
        year = self._year(c, relevant)
        if year:
            findings.append(year)
            verdict = "wrong"
        findings.extend(self._stale_approval(c))
        if any(f.code == "REG002" for f in findings) and verdict == "right":
            verdict = None  # right product and use, wrong verb: not a contradiction of substance
        return findings, verdict

    def _wrong_approval(self, c: Claim, listed: NegativeFact | None, narrower: list[Event]) -> Finding:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, a = c.product, c.agency
        note = f" ({listed.note})" if listed else ""
        facts = [listed] if listed else []
        if complete := _complete(p, a):
            facts.append(complete)
        swap = self._confused(c)
        if swap is not None:
            other, events = swap
            own = p.marketing_events(a)
            standing = f"its {a} approval: {_events_text(own, 2)}" if own else self._status(p, a)
            message = (
                f"{self._who(c)} is not {a}-approved{self._for(c)}{note}; {standing}. "
                f"The approval{self._for(c)} belongs to {other.name}: {_events_text(events, 2)}. "
                f"Source: {_sources(facts, own, events)}"
            )
            return Finding("REG005", c.span, message, fix=self._sentence_fix(c, p.wording, f"Replace the sentence with the KB's wording for {p.name}"))
        if self._designation_context(c) and not p.marketing_events(a):
            return self._designation_finding(c)
        severity = None
        if narrower and listed:
            severity = Severity.WARNING
            message = (
                f"{self._who(c)} is {a}-approved only for a narrower indication than "
                f"{self.kb.conditions[c.condition].label}{note}: {_events_text(narrower)}. "
                f"Source: {_sources(facts, narrower)}"
            )
        else:
            message = (
                f"{self._who(c)} is not {a}-approved{self._for(c)}{note}; {self._status(p, a)}. "
                f"Source: {_sources(facts, p.events)}"
            )
        return Finding("REG001", c.span, message, severity,
                       self._sentence_fix(c, p.wording, f"Replace the sentence with the KB's wording for {p.name}"))

    def _broader_only(self, c: Claim, listed: NegativeFact, covering: list[Event]) -> Finding:
        """The KB lists the indication as not approved though a broader approval covers it
        (Auvelity: approved for MDD, "not specifically a TRD indication")."""
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, a = c.product, c.agency
        message = (
            f"{self._who(c)} is {a}-approved for a broader indication, not specifically"
            f"{self._for(c)} ({listed.note}): {_events_text(covering)}. Source: {_sources([listed], covering)}"
        )
        return Finding("REG001", c.span, message, Severity.WARNING,
                       self._sentence_fix(c, p.wording, f"Replace the sentence with the KB's wording for {p.name}"))

    def _confused(self, c: Claim) -> tuple[Product, list[Event]] | None:
        """(other product, its events) when the claim is true of a product this one is confused with."""
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        for other_id in c.product.confused_with:
            other = self.kb.products[other_id]
            if c.condition:
                events = self.kb.covering(other, c.condition, c.agency) or self.kb.narrower(other, c.condition, c.agency)
            else:
                events = []
            if events:
                return other, events
        return None

    def _designation_context(self, c: Claim) -> bool:
        s, e = c.sentence
        return bool(_DESIGNATION_WORDS.search(self.doc.prose, s, e))

    def _designation_finding(self, c: Claim) -> Finding:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, a = c.product, c.agency
        held = [e for e in p.events if not e.marketing]
        message = (
            f"{self._who(c)} is presented as {a}-approved{self._for(c)}, but a designation, a "
            f"complete response letter or a state programme is not an approval: "
            f"{_events_text(held) or 'no approval'}. Source: {_sources(held, [p])}"
        )
        return Finding("REG004", c.span, message,
                       fix=self._sentence_fix(c, p.wording, f"Replace the sentence with the KB's wording for {p.name}"))

    def _designation_means(self, c: Claim) -> Finding:
        example = c.product if c.product and not c.product.marketing_events("FDA") else None
        if example is None:
            example = next((p for p in self.kb.products.values()
                            if p.events_of("FDA", {"breakthrough_designation"}) and not p.marketing_events("FDA")), None)
        held = example.events_of("FDA", {"breakthrough_designation"}) if example else []
        message = (
            "a Breakthrough Therapy designation speeds development and review; it is not an "
            "approval and does not make a treatment available"
            + (f" ({example.name}: {_events_text(held)}; still not FDA-approved)" if example else "")
            + (f". Source: {_sources(held)}" if held else "")
        )
        fix = self._sentence_fix(c, c.product.wording, f"Replace the sentence with the KB's wording for {c.product.name}") if c.product else None
        return Finding("REG004", c.span, message, fix=fix)

    def _legal(self, c: Claim) -> Judged:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, a = c.product, c.agency
        covering = self.kb.covering(p, c.condition, a) if c.condition else p.marketing_events(a)
        if covering:
            return [], None
        held = [e for e in p.events if not e.marketing]
        message = (
            f"“{self.doc.prose[c.verb_span[0]:c.verb_span[1]]}” presents {self._who(c)} as approved, "
            f"but legality under state law is not {a} approval and {self._status(p, a)}. "
            f"Source: {_sources(held, [p])}"
        )
        return [Finding("REG004", c.span, message,
                        fix=self._sentence_fix(c, p.wording, f"Replace the sentence with the KB's wording for {p.name}"))], "wrong"

    def _verb(self, c: Claim, events: list[Event]) -> list[Finding]:
        """REG002: approved vs cleared, for devices."""
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p = c.product
        if p.kind != "device" or not events or any(e.status == "reclassified" for e in events):
            return []
        said = c.verb_class
        statuses = {e.status for e in events}
        if said == "approved" and statuses <= {"cleared", "de_novo"}:
            right = "cleared" if statuses == {"cleared"} else "authorized" if statuses == {"de_novo"} else None
            words = {"cleared": "FDA-cleared (510(k))", "authorized": "De Novo-authorized by the FDA"}
            label = words[right] if right else "FDA-cleared (510(k)) or De Novo-authorized"
            message = (
                f"{self._who(c)} is {label}, not approved{self._for(c)}: {_events_text(events)}. "
                f"Source: {_sources(events)}"
            )
            return [Finding("REG002", c.span, message, fix=self._verb_fix(c, right))]
        if said == "cleared" and statuses == {"approved"}:
            message = (
                f"{self._who(c)} is FDA-approved (PMA), not cleared{self._for(c)}: {_events_text(events)}. "
                f"Source: {_sources(events)}"
            )
            return [Finding("REG002", c.span, message, fix=self._verb_fix(c, "approved"))]
        return []

    def _verb_fix(self, c: Claim, right: str | None) -> FixPlan | None:
        if right is None:
            return None
        vs, ve = c.verb_span
        word = self.doc.text[vs:ve]
        new = _SWAP_WORDS[right].get(word.lower())
        if new is None or not reading(self.doc).fixable(vs, ve, headings=True):
            return None
        start, end, replacement = reading(self.doc).article_edit(vs, ve, match_case(word, new))
        return (f"Replace “{self.doc.text[start:end]}” with “{replacement}”: check the device's clearance in the source",
                [(start, end, replacement)])

    def _year(self, c: Claim, events: list[Event]) -> Finding | None:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        if c.year is None:
            return None
        assert c.year_span is not None  # the year was read from the text, so it has a span
        dated = [e for e in events if e.date and e.date.verified]
        years = sorted({e.date.year for e in dated if e.date})
        if not dated or c.year in years:
            return None
        for other_id in c.product.confused_with:
            other = self.kb.products[other_id]
            theirs = [e for e in other.marketing_events(c.agency) if e.date and e.date.verified and e.date.year == c.year]
            if theirs:
                message = (
                    f"{c.year} is when {other.name} was {c.agency}-approved ({_events_text(theirs)}), "
                    f"not {c.product.name}: {self._status(c.product, c.agency)}. "
                    f"Source: {_sources(theirs, dated)}"
                )
                return Finding("REG005", c.span, message,
                               fix=self._sentence_fix(c, c.product.wording, f"Replace the sentence with the KB's wording for {c.product.name}"))
        fix = None
        if len(years) == 1 and reading(self.doc).fixable(*c.year_span, headings=True):
            ys, ye = c.year_span
            fix = (f"Replace {c.year} with {years[0]}: check that the year is the one the sentence means", [(ys, ye, str(years[0]))])
        message = (
            f"{self._who(c)}: the KB dates this to {', '.join(map(str, years))}, not {c.year} "
            f"({_events_text(dated)}). Source: {_sources(dated)}"
        )
        return Finding("REG003", c.year_span, message, fix=fix)

    def _designation_year(self, c: Claim) -> list[Finding]:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        if c.year is None:
            return []
        verb = c.verb.lower()
        status = ("breakthrough_designation" if "breakthrough" in verb or verb == "btd"
                  else "complete_response_letter" if "response" in verb or verb == "crl"
                  else "advisory_committee_against" if "advisory" in verb else None)
        if status is None:
            return []
        events = c.product.events_of(c.agency, {status})
        if c.condition:
            events = [e for e in events if any(self.kb.related(c.condition, x) for x in e.conditions)] or events
        found = self._year(c, events)
        return [found] if found else []

    def _negative(self, c: Claim) -> Judged:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, a = c.product, c.agency
        if self._withdrawn(p, a):
            return [], "right"
        if c.condition:
            listed = self.kb.listed_not_approved(p, c.condition, a)
            if listed:
                return [], "right"  # the KB lists this use as not approved: the claim agrees
            covering = self.kb.covering(p, c.condition, a)
            counted = covering if c.kind == "off_label" else [e for e in covering if e.status == "approved"]
            if not counted:
                complete = _complete(p, a) and not self.kb.narrower(p, c.condition, a)
                return [], "right" if complete else None
        else:
            if c.kind == "off_label":
                return [], None
            counted = [e for e in p.marketing_events(a) if e.status == "approved"
                       and any(self.kb.conditions[x].psychiatric for x in e.conditions)]
            if not counted:
                return [], "right" if not p.marketing_events(a) else None
        said = "used off-label" if c.kind == "off_label" else f"not {a}-approved"
        message = (
            f"says {self._who(c)} is {said}{self._for(c)}, but the KB records: {_events_text(counted)}. "
            f"Source: {_sources(counted)}"
        )
        return [Finding("REG006", c.span, message,
                        fix=self._sentence_fix(c, p.wording, f"Replace the sentence with the KB's wording for {p.name}"))], "wrong"

    # -- time ----------------------------------------------------------------------------------
    def _stale_approval(self, c: Claim) -> list[Finding]:
        """REG007 for present-tense approval or availability claims about a withdrawn product."""
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        if not c.present:
            return []
        return [self.stale_finding(c.product, ch, c.span, c.sentence)
                for ch in c.product.changes if ch.stale == "approved_or_available" and ch.date.first_day() <= self.today]

    def stale_finding(self, p: Product, change: Change, span: tuple[int, int], sentence: tuple[int, int]) -> Finding:
        when = self.when
        if when is None:
            severity, timing = Severity.INFO, f"the article gives no date; this has been out of date since {change.date}"
        elif when.date < change.date.first_day():
            severity, timing = Severity.INFO, f"true when written ({when.origin}: {when.date}), out of date since {change.date}"
        elif when.date > change.date.last_day():
            severity, timing = Severity.WARNING, f"already out of date when written ({when.origin}: {when.date}; changed {change.date})"
        else:
            severity, timing = Severity.INFO, f"written in the month of the change ({when.origin}: {when.date}; changed {change.date})"
        message = f"{p.name}: {change.summary} ({timing}). Source: {_sources([change])}"
        s, e = sentence
        fix = None
        if reading(self.doc).fixable(s, e) and self.doc.text[s:e].strip() != change.wording:
            fix = (f"Replace the sentence with the KB's current wording for {p.name}: check that the article "
                   "should speak of the present", [(s, e, change.wording)])
        return Finding("REG007", span, message, severity, fix)


def kb_record(kb: KnowledgeBase, product: Product, agency: str, condition: str | None) -> str:
    """What the KB records of ``product`` with ``agency`` (for ``condition`` when it lists it),
    with sources: the fact a message names. Empty when the KB has nothing for that agency."""
    events = [e for e in product.events if e.agency == agency]
    listed = kb.listed_not_approved(product, condition, agency) if condition else None
    if not events and not listed:
        return ""
    parts = []
    if listed:
        parts.append(f"not approved for {kb.conditions[condition].label} ({listed.note})")
    marketing = product.marketing_events(agency)
    if marketing:
        parts.append(_events_text(marketing))
    elif events:
        parts.append(f"not {agency}-approved for any use ({_events_text(events)})")
    return f"{product.name}: {'; '.join(parts)}. Source: {_sources([listed] if listed else [], events)}"
