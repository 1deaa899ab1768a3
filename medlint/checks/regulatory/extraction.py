"""Finding a document's regulatory claims: ``Claim`` (who, what, for what, when) and the
``Extractor`` that reads them from sentences and tables with the claim grammar."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from medlint.analysis.reading import reading
from medlint.checks.regulatory.grammar import Cue, Grammar
from medlint.knowledge.kb import KnowledgeBase, Mention, Product
from medlint.model.document import Document
from medlint.model.sentences import Sentence
from medlint.text.prefilter import Needs, fold

#: How far after the claim words an indication may start (characters).
TAIL = 110
#: How far before the claim words a negation or hedge counts when the subject comes later.
WINDOW = 45
#: Quotes up to this long (characters, marks included) are scare quotes, not speech.
SCARE_QUOTE = 40
_TIGHT_GAP = re.compile(r"^[\s\-]*(?:(?:the|a|an|its|their|this|new|first|only|drug|medication|medicine|treatment|therapy|device|pill|tablet|nasal|spray|injection|infusion|called|named|known|as|of|for|brand)\s+){0,4}$", re.I)
_YEAR_AFTER = re.compile(
    r"\b(?:in|since|by)\s+(?:(?:early|late|mid)[-\s]+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_YEAR_LEAD = re.compile(r"^\W*(?:in|since|by)\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?(?P<year>(?:19|20)\d\d)\b", re.I)
_YEAR_BEFORE = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s+(?:U\.?S\.?\s+)?$", re.I)
_CELL_NO = re.compile(r"\W*(?:no\b|not\b|none\b|n/?a\b|unapproved\b|[—–✗✘❌×-]\W*$)", re.I)
_CELL_YES = re.compile(r"\W*(?:yes\b|approved\b|[✓✔✅]\W*$)", re.I)
_THESE_CONDITIONS = re.compile(
    r"\b(?:these|those|such|the\s+same|both|either|any\s+of\s+(?:these|those|them)|the\s+above)\s+"
    r"(?:(?:\w+\s+)?(?:conditions?|disorders?|illness(?:es)?|uses?|indications?|diagnos[ie]s|problems|symptoms))\b",
    re.I,
)
_TAIL_NOT = re.compile(r"^\W*(?:but|and)\s+(?:(?:it\s+)?(?:is|was|has|'s)\s+)?(?:been\s+)?not\s+(?:(?:yet|currently)\s+)?(?:(?:FDA[\s-]+)?(?:approved|cleared)\s+)?(?:for|to\s+treat|as)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|became|did)\b", re.I)
_PRESENT_AUX = re.compile(r"\b(?:has|have)\b", re.I)
_AGENCY_IDS = (("EMA", "EC/EMA"), ("European", "EC/EMA"), ("Health Canada", "Health Canada"), ("MHRA", "MHRA"), ("TGA", "TGA"))
_PLACE_AGENCY = re.compile(r"\bin\s+(?P<place>Europe|the\s+EU|the\s+European\s+Union|Canada|the\s+UK|Britain|Australia)\b", re.I)
_PLACES = {"europe": "EC/EMA", "the eu": "EC/EMA", "the european union": "EC/EMA", "canada": "Health Canada",
           "the uk": "MHRA", "britain": "MHRA", "australia": "TGA"}
_VERB_CLASS = (
    (re.compile(r"^clear", re.I), "cleared"),
    (re.compile(r"^authori[sz]", re.I), "authorized"),
)


#: A claim's subject: the product, how the text names it, where (None: named in an earlier
#: sentence), and where its naming ends in this sentence (None: not in this sentence).
_Subject = tuple[Product, str, tuple[int, int] | None, int | None]


@dataclass(frozen=True)
class Claim:
    """One regulatory claim: who (product), what (kind, polarity, verb), for what, when."""

    kind: str
    positive: bool
    verb: str
    verb_span: tuple[int, int]
    cue_span: tuple[int, int]
    agency: str
    product: Product | None
    subject_text: str
    subject_span: tuple[int, int] | None  # None: the subject was named in an earlier sentence
    condition: str | None
    condition_span: tuple[int, int] | None
    year: int | None
    year_span: tuple[int, int] | None
    present: bool
    sentence: tuple[int, int]

    @property
    def span(self) -> tuple[int, int]:
        """What a finding underlines: the subject (when in this sentence) to the indication."""
        points = [self.cue_span[0], self.cue_span[1]]
        if self.subject_span and abs(self.subject_span[0] - self.cue_span[0]) < 120:
            points.extend(self.subject_span)
        if self.condition_span:
            points.append(self.condition_span[1])
        return min(points), max(points)

    @property
    def verb_class(self) -> str:
        for pattern, name in _VERB_CLASS:
            if pattern.match(self.verb):
                return name
        return "approved"



def _agency_of(text: str | None) -> str:
    if not text:
        return "FDA"
    for needle, agency in _AGENCY_IDS:
        if needle.lower() in text.lower():
            return agency
    return "FDA"


class Extractor:
    """Finds the claims of one document."""

    def __init__(self, doc: Document, kb: KnowledgeBase, g: Grammar, window: int, quotes: bool):
        self.doc, self.kb, self.g, self.window, self.quotes = doc, kb, g, window, quotes
        self.text = doc.prose
        self.folded = fold(doc.prose)
        self.sentences = doc.sentences
        self._block_mentions: dict[int, list[Mention]] = {}
        self.reading = reading(doc)

    def mentions(self, start: int, end: int) -> list[Mention]:
        """The products named within ``[start, end)``, in order. Each block is searched the
        first time a claim needs it: most blocks hold no claim (blocks and their mentions are
        disjoint and in document order)."""
        blocks = self.doc.blocks
        k = self.doc.block_index(start)
        if k is None:  # not inside a block (claims, sentences and table rows always are): from the first
            k = 0
        out: list[Mention] = []
        while k < len(blocks) and blocks[k].start < end:
            found = self._block_mentions.get(k)
            if found is None:
                found = self._block_mentions[k] = self.kb.product_mentions(self.text, blocks[k].start, blocks[k].end)
            out.extend(x for x in found if start <= x.start and x.end <= end)
            k += 1
        return out

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        chosen = sorted(self.holding(self.g.prefilter_needs))
        for index in chosen:
            sent = self.sentences[index]
            if sent.quoted and not self.quotes:
                continue
            if not self.g.prefilter.search(self.text, sent.start, sent.end):
                continue
            out.extend(self._sentence(index, sent))
        out.extend(self._table_claims({c.sentence for c in out}))
        return out

    def _table_claims(self, done: set) -> list[Claim]:
        """Claims a table makes under a column header that holds the claim words ("FDA-approved
        for", "FDA approval"): each body cell of that column is the claim for its row's entity —
        its conditions, or a "no" ("No", "Not approved", "—") that makes it negative."""
        out: list[Claim] = []
        read = self.reading
        for index, sent in enumerate(self.sentences):
            cell = read.cell(index)
            if cell is None or cell.is_header or cell.header is None or (sent.start, sent.end) in done:
                continue
            h_start, h_end = cell.header
            if not self.g.prefilter.search(self.text, h_start, h_end):
                continue
            row = self.mentions(*cell.row)
            if not row or self.mentions(sent.start, sent.end):
                continue
            for cue in self.g.cues:
                m = cue.pattern.search(self.text, h_start, h_end)
                if not m or cue.kind not in ("approval", "negative", "off_label") or self.g.hedge.search(self.text, h_start, h_end):
                    continue
                x = row[0]
                no = bool(_CELL_NO.match(self.text, sent.start, sent.end))
                groups = m.groupdict()
                agency = _agency_of(groups.get("agency")) if groups.get("agency") else "FDA"
                base = Claim(kind=cue.kind, positive=cue.kind == "approval" and not no, verb=m["verb"],
                             verb_span=m.span("verb"), cue_span=(sent.start, sent.end), agency=agency,
                             product=self.kb.products[x.id], subject_text=self.text[x.start : x.end],
                             subject_span=(x.start, x.end), condition=None, condition_span=None, year=None,
                             year_span=None, present=True, sentence=(sent.start, sent.end))
                conditions = self.kb.condition_mentions(self.text, sent.start, sent.end)
                if conditions:
                    out.extend(replace(base, condition=c.id, condition_span=(c.start, c.end)) for c in conditions)
                elif no or _CELL_YES.match(self.text, sent.start, sent.end):
                    out.append(base)
                break
        return out

    def holding(self, needs: Needs) -> set[int]:
        """The indices of the sentences that hold a literal of ``needs`` (all when it has none)."""
        return self.doc.sentences_holding(needs.offsets(self.folded))

    def _sentence(self, index: int, sent: Sentence) -> list[Claim]:
        """Claims of one sentence: each verb is claimed by the first cue (in file order) that
        matches it, so "legal and approved" is not also read as a plain "approved"."""
        s, e = sent.start, sent.end
        taken: list[tuple[int, int]] = []
        out = []
        for cue in self.g.cues:
            if not cue.needs.possible(self.folded, s, e):
                continue
            for m in cue.pattern.finditer(self.text, s, e):
                vs, ve = m.span("verb")
                if any(a < ve and vs < b for a, b in taken):
                    continue
                if not self.quotes and self._speech(m.start(), m.end()):
                    continue
                claims = self._claims(index, sent, cue, m)
                if claims is not None:
                    taken.append((vs, ve))
                    out.extend(claims)
        return out

    def _speech(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is inside quoted speech. Short quotes are scare quotes
        ("off label", “breakthrough therapy”), the writer's own words, not speech."""
        return any(q_start <= start and end <= q_end and q_end - q_start > SCARE_QUOTE
                   for q_start, q_end in self.doc.quotes)

    def _clause_start(self, s: int, pos: int) -> int:
        start = s
        for m in self.g.clause_break.finditer(self.text, s, pos):
            start = m.end()
        return start

    def _tail_end(self, pos: int, e: int) -> int:
        """Where the indications of a claim end: the next clause break."""
        m = self.g.tail_break.search(self.text, pos, e)
        return m.start() if m else e

    def _claims(self, index: int, sent: Sentence, cue: Cue, m: re.Match) -> list[Claim] | None:
        """The claims one cue match makes, or None when it is not a claim (hedged, no subject)."""
        text, s, e = self.text, sent.start, sent.end
        vs, ve = m.span("verb")
        clause = self._clause_start(s, m.start())
        subject = self._subject(index, sent, cue, m, clause)
        if subject is None and cue.kind != "designation_means":
            return None
        product, subject_text, subject_span, said_at = subject if subject else (None, "", None, None)
        # Negations and hedges count between the subject and the verb ("X is not FDA-approved"),
        # or, when the subject comes later, in the clause before the claim words ("If approved
        # by the FDA, X …"): "Although it is not cheap, Spravato is approved" is positive.
        # (Never before the claim's clause: in "X is not approved for A; it is approved for B" the
        # second claim is not negated.)
        start = max(clause, said_at) if said_at is not None and said_at <= m.start() else max(clause, m.start() - WINDOW)
        window = text[start:vs]
        checked = cue.kind not in ("negative", "off_label")
        if checked and (self.g.hedge.search(window) or self.g.hedge_after.match(text, m.end(), e)):
            return None
        negated = bool(self.g.negation.search(window))
        if cue.kind == "designation" and negated:
            return None
        if cue.frame and not self.g.frame.search(window):
            return None
        positive = cue.kind not in ("negative", "off_label") and not negated
        if cue.agencyless and cue.kind != "off_label" and self.g.non_regulatory.search(text, s, e):
            return None
        groups = m.groupdict()
        agency = _agency_of(groups.get("agency")) if groups.get("agency") else "FDA"
        tail_end = self._tail_end(m.end(), e)
        if cue.agencyless and not groups.get("agency"):
            place = _PLACE_AGENCY.search(text, m.end(), tail_end)
            if place:
                agency = _PLACES[re.sub(r"\s+", " ", place["place"].lower())]
        conditions = self._conditions(cue, m, clause, tail_end, subject_span)
        year, year_span = self._year(m, clause, tail_end)
        present = self._present(cue, m, window, year)
        base = Claim(kind=cue.kind, positive=positive, verb=m["verb"], verb_span=(vs, ve), cue_span=m.span(),
                     agency=agency, product=product, subject_text=subject_text, subject_span=subject_span,
                     condition=None, condition_span=None, year=year, year_span=year_span, present=present,
                     sentence=(s, e))
        if not conditions:
            return [base]
        out = [replace(base, condition=c.id, condition_span=(c.start, c.end)) for c in conditions]
        if positive and cue.kind == "approval":
            out.extend(self._negated_tail(tail_end, e, base))
        return out

    def _negated_tail(self, tail_end: int, e: int, base: Claim) -> list[Claim]:
        """ "approved as an anesthetic but not for depression": the second part is a negative claim."""
        m = _TAIL_NOT.match(self.text, tail_end, e)
        if not m:
            return []
        stop = self._tail_end(m.end(), e)
        return [replace(base, positive=False, condition=c.id, condition_span=(c.start, c.end))
                for c in self.kb.condition_mentions(self.text, m.end(), stop)]

    def _subject(self, index: int, sent: Sentence, cue: Cue, m: re.Match, clause: int) -> _Subject | None:
        """(product, how it was named, its span or None, where its naming ends) for the claim,
        or None. The span is None when "it" or "this treatment" names a product of an earlier
        sentence; the last value is where the subject's words end in this sentence."""
        text = self.text
        inside = self.mentions(sent.start, sent.end)
        after = [x for x in inside if x.start >= m.end()]
        tight = [x for x in after if _TIGHT_GAP.match(text[m.end() : x.start])]
        before = [x for x in inside if x.end <= m.start()]
        within = [x for x in inside if m.start() <= x.start and x.end <= m.end()]
        anaphor = self._anaphor(clause, m, sent.end)
        steps = ["tight", "before"] if cue.subject == "after" else ["before", "tight"]
        cell = self.reading.cell(index)
        if cell is not None and not inside:
            # In a table, a claim is about its row's entity (the row's first cell).
            row = self.mentions(*cell.row)
            if row:
                x = row[0]
                return (self.kb.products[x.id], text[x.start : x.end], (x.start, x.end), None)
        for step in steps + ["anaphor", "after", "within"]:
            if step == "tight" and tight:
                x = tight[0]
            elif step == "before" and before:
                x = before[-1]
            elif step == "after" and after:
                x = after[0]
            elif step == "within" and within:  # "breakthrough status means psilocybin is approved"
                x = within[0]
            elif step == "anaphor" and anaphor is not None:
                found = self.antecedent(index)
                if found is None:
                    return None
                return (self.kb.products[found.id], text[anaphor[0] : anaphor[1]].strip(), None, anaphor[1])
            else:
                continue
            return (self.kb.products[x.id], text[x.start : x.end], (x.start, x.end), x.end)
        return None

    def _anaphor(self, clause: int, m: re.Match, end: int) -> tuple[int, int] | None:
        """ "it" or "this treatment" before the claim words in their clause, or right after them."""
        last = None
        for a in self.g.anaphora.finditer(self.text, clause, end):
            if a.start() < m.start():
                last = a.span()
            elif not self.text[m.end() : a.start()].strip():
                return last or a.span()
            else:
                break
        return last

    def antecedent(self, index: int, depth: int = 0) -> Mention | None:
        """The product "it" or "this treatment" in sentence ``index`` stands for: the topic of
        the sentences before (within ``window``), not the nearest name. In the nearest sentence
        that names a product, the topic is the product in its subject, else the first one in its
        main clause that is not after a preposition ("derived from ketamine") or in parentheses;
        when that sentence's own subject is "it", the topic carries on from before it. With no
        such product in the window, the nearest product named."""
        if index == 0 or self.window <= 0:
            return None
        read = self.reading
        for j in range(index - 1, max(-1, index - self.window - 1), -1):
            sent = self.sentences[j]
            found = self.mentions(sent.start, sent.end)
            subject = read.subject(j)
            if depth < self.window and subject and self.g.anaphora.match(self.text, subject[0], subject[1]) and not any(
                subject[0] <= x.start < subject[1] for x in found
            ):
                carried = self.antecedent(j, depth + 1)
                if carried is not None:
                    return carried
            if not found:
                continue
            topic = read.salient(j, found)
            if topic is not None and not read._demoted(j, topic.start):
                return topic
        first = self.sentences[max(0, index - self.window)].start
        found = self.mentions(first, self.sentences[index].start)
        return found[-1] if found else None

    def _conditions(self, cue: Cue, m: re.Match, clause: int, tail_end: int, subject_span: tuple[int, int] | None) -> list[Mention]:
        """The indications of a claim: the conditions after the claim words in their clause, else
        those between the subject and the claim words ("ketamine for depression is off-label").
        A condition named twice ("obsessive-compulsive disorder (OCD)") counts once."""
        text = self.text
        found = [c for c in self.kb.condition_mentions(text, m.end(), tail_end) if c.start < m.end() + TAIL]
        if not found and _THESE_CONDITIONS.search(text, m.end(), tail_end):
            # "it is not approved for these conditions": the conditions named just before.
            found = self._conditions_before(m.start())
        if not found and (cue.kind == "off_label" or (subject_span and subject_span[1] <= m.start())):
            start = max(clause, subject_span[1]) if subject_span and subject_span[1] <= m.start() else clause
            found = self.kb.condition_mentions(text, start, m.start())
        unique, ids = [], set()
        for c in found:
            if c.id not in ids:
                ids.add(c.id)
                unique.append(c)
        return unique

    def _conditions_before(self, at: int) -> list[Mention]:
        """The conditions named in the sentence holding ``at`` before it, else in the sentence
        before that one (what "these conditions" refers to)."""
        i = self.reading.index_at(at)
        if i is None:
            return []
        sent = self.sentences[i]
        found = self.kb.condition_mentions(self.text, sent.start, at)
        if not found and i > 0:
            prev = self.sentences[i - 1]
            found = self.kb.condition_mentions(self.text, prev.start, prev.end)
        return found

    def _year(self, m: re.Match, clause: int, tail_end: int) -> tuple[int, tuple[int, int]] | tuple[None, None]:
        text = self.text
        for y in _YEAR_AFTER.finditer(text, m.end(), min(tail_end, m.end() + 90)):
            if not self.g.year_of_other.match(text, y.end()):
                return int(y["year"]), y.span("year")
        lead = _YEAR_LEAD.match(text, clause, m.start())
        if lead and not self.g.year_of_other.match(text, lead.end()):
            return int(lead["year"]), lead.span("year")
        before = _YEAR_BEFORE.search(text, max(clause, m.start() - 12), m.start())
        if before:
            return int(before["year"]), before.span("year")
        return None, None

    def _present(self, cue: Cue, m: re.Match, window: str, year: int | None) -> bool:
        """Whether an approval claim speaks of now ("is approved", "FDA-approved X") rather than
        of a past event ("was approved in 2019", "the FDA approved X")."""
        if year is not None or _PAST.search(window):
            return False
        if cue.id == "agency-verb":
            between = self.text[m.start("agency") : m.start("verb")]
            simple_past = "-" not in between and not _PRESENT_AUX.search(between) and m["verb"].lower().endswith("ed")
            if simple_past and re.search(r"\bthe\s*$", self.text[max(0, m.start() - 5) : m.start("agency")], re.I):
                return False
        return True
