"""REG: regulatory-status claims ("X is FDA-approved for Y"), checked against sourced facts.

For each sentence outside quotations, the claim words of ``rules/regulatory-claims.yaml``
("FDA-approved", "approved by the Food and Drug Administration", "lacks approval from the FDA",
"off-label", "breakthrough status", "legal and approved"…) give a claim: its polarity (negation
before the verb makes it negative; a hedge such as "if approved" drops it), its agency, its
year and its tense. The claim's subject is the product named next to the claim words; for "it"
or "this treatment" it is the topic of the sentences before (the product in a sentence's
subject, not one after a preposition such as "derived from ketamine": the shared reading,
``medlint/analysis/reading.py``); in a table, the row's entity, and a column header with claim
words makes a claim for each row. Its indications are the conditions named in the claim's
clause ("these conditions": the ones just named). The knowledge base
(``rules/regulatory-facts.yaml``, loaded by ``medlint/kb.py``) then decides, and every message
names the fact and its source:

REG001 approval claimed for an indication (or a product) the KB says is not approved;
REG002 "approved" said of a device that is cleared or De Novo-authorized (or the reverse);
REG003 the wrong year; REG004 a designation, complete response letter or state law presented
as approval; REG005 the claim is true of a product it is often confused with (ketamine and
esketamine); REG006 "not approved" said of an approved use; REG007 a claim a dated change made
out of date, reported as information when the article predates the change.

Fixes are always unsafe (a human must read a clinical sentence): the sentence is replaced with
the KB's wording, or the verb or year is corrected, only inside one sentence of running prose
(never a heading's sentence, a table cell or a quotation), and the fix title says what to check.

Over 500 lines: the claim grammar's loader, the extractor and the judge share the ``Claim``
record and are read together; the site-wide contradiction check is apart (``regulatory_site``).
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, cache

from medlint.analysis.reading import reading
from medlint.model.dates import ArticleDate, article_date
from medlint.model.diagnostics import Severity
from medlint.model.errors import PackError
from medlint.knowledge.kb import Event, KnowledgeBase, Mention, Product, load_kb
from medlint.text.prefilter import Needs, fold
from medlint.model.rule import Check, Option, make_fix, match_case, rule_doc
from medlint.knowledge.resources import load_data

CLAIMS_FILE = "regulatory-claims.yaml"
#: How far after the claim words an indication may start (characters).
TAIL = 110
#: How far before the claim words a negation or hedge counts when the subject comes later.
WINDOW = 45
#: Quotes up to this long (characters, marks included) are scare quotes, not speech.
SCARE_QUOTE = 40
_SOURCE = (
    "rules/regulatory-facts.yaml, built from the project reference regulatory-facts.yaml (FDA, "
    "EMA and Health Canada records, sponsor releases and labels named per fact); claim patterns "
    "from regulatory-claim-patterns.txt"
)

NOT_APPROVED = rule_doc(
    "REG001",
    "not-approved-for-indication",
    "Claims a regulator approved a product for an indication it is not approved for, or at all.",
    what=(
        "Finds approval claims ('X is FDA-approved for Y', 'the FDA approved X', 'FDA approval "
        "of X') and checks the product and the indication against the knowledge base. Reports "
        "the claim when the KB lists the indication as not approved, when the product's listed "
        "approvals are all it has and none covers the indication, or when the product has no "
        "approval at all. 'Approved for depression' said of a product approved only for a "
        "narrower indication (postpartum or treatment-resistant depression) is a warning, not "
        "an error. 'It' is the product the sentences before are about (the one in their "
        "subject, not one after 'derived from'); a claim in a table is about its row's entity, "
        "under its column's header."
    ),
    why=(
        "Readers decide on treatment, and pay for it, on the strength of 'FDA-approved'. Racemic "
        "ketamine, psilocybin and MDMA therapy are often said to be approved for depression or "
        "PTSD; they are not."
    ),
    example="Bad: Zurzuvae is FDA-approved for major depressive disorder.\nGood: Zurzuvae is FDA-approved for postpartum depression in adults.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the product's approvals. Read it before keeping it.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
CLEARED_NOT_APPROVED = rule_doc(
    "REG002",
    "cleared-not-approved",
    "Calls a device 'FDA-approved' when it is FDA-cleared (510(k)) or De Novo-authorized, or the reverse.",
    what=(
        "For devices, compares the claim's verb with the KB's events: TMS devices were cleared "
        "through 510(k) for depression and granted De Novo authorization for OCD, so 'approved' "
        "is wrong; VNS Therapy was approved through a PMA, so 'cleared' is wrong."
    ),
    why=(
        "Clearance means the FDA found a device substantially equivalent to one already on the "
        "market; approval (PMA) means the FDA reviewed evidence of safety and effectiveness. "
        "'FDA-approved' borrows an authority the device's clearance does not give."
    ),
    example="Bad: TMS is an FDA-approved treatment for depression.\nGood: TMS is an FDA-cleared treatment for depression.",
    fix="Unsafe fix: the verb is replaced ('approved' → 'cleared' or 'authorized', 'approval' → 'clearance').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
WRONG_YEAR = rule_doc(
    "REG003",
    "wrong-regulatory-year",
    "Gives a year for an approval, clearance or designation that does not match the KB.",
    what=(
        "Reads the year bound to a claim ('approved in 2024', 'in 2019, the FDA approved', "
        "'its 2008 clearance') and compares it with the verified dates of the matching events. "
        "Dates the reference marks UNVERIFIED are never used."
    ),
    why="A wrong year is a small error that tells the careful reader the rest may not have been checked either.",
    example="Bad: Exxua was approved in 2024 for major depressive disorder.\nGood: Exxua was approved in 2023 for major depressive disorder.",
    fix="Unsafe fix: the year is replaced when the KB has one year for the matching events.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
DESIGNATION_AS_APPROVAL = rule_doc(
    "REG004",
    "designation-as-approval",
    "Presents a breakthrough designation, a complete response letter or a state law as an approval.",
    what=(
        "Reports 'breakthrough status means it is approved', 'legal and approved psilocybin "
        "therapy', 'federally approved' and approval claims for products whose only regulatory "
        "events are designations, complete response letters or state programmes, when the "
        "sentence itself brings up the designation or the law."
    ),
    why=(
        "A Breakthrough Therapy designation speeds development and review; it is not approval. "
        "Oregon's licensed psilocybin services are state law; the FDA has approved no "
        "psilocybin product."
    ),
    example="Bad: Breakthrough status means psilocybin therapy is now approved.\nGood: Psilocybin has Breakthrough Therapy designation; it is not FDA-approved.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the product's status.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
CONFUSED_PRODUCT = rule_doc(
    "REG005",
    "confused-product",
    "Attributes one product's approval to a product it is often confused with (ketamine and esketamine).",
    what=(
        "When an approval claim is wrong for its product but true of a product the KB names as "
        "'confused_with' it (racemic ketamine vs its S-enantiomer esketamine, Spravato), the "
        "finding names both products and both sets of facts. Also reports a year that belongs "
        "to the other product ('the FDA approved ketamine in 2019')."
    ),
    why=(
        "Ketamine clinics sell off-label racemic ketamine infusions on the strength of "
        "esketamine's approval. Readers who hear 'ketamine is FDA-approved for depression' "
        "expect an approved, insured, supervised treatment."
    ),
    example=(
        "Bad: Ketamine has been approved by the FDA for the treatment of depression.\n"
        "Good: Ketamine is FDA-approved as an anesthetic; its use for depression is off-label. "
        "Its S-enantiomer, esketamine (Spravato), is FDA-approved for treatment-resistant depression."
    ),
    fix="Unsafe fix: the sentence is replaced with the KB's wording for the product named.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
FALSE_NEGATIVE = rule_doc(
    "REG006",
    "approved-use-called-unapproved",
    "Says a product is not approved (or used off-label) for a use the KB says is approved.",
    what=(
        "Finds negative claims ('X is not FDA-approved for Y', 'lacks approval', 'unapproved', "
        "'off-label') and reports them when the KB has an approval covering the indication, or "
        "(for an unqualified 'X is not approved') any approval for a psychiatric indication. "
        "A true negative, such as 'ketamine is not FDA-approved for depression', passes; so "
        "do 'not approved' said of a device that is only cleared, a negative that agrees with a "
        "use the KB lists as not approved, and 'it is not approved for these conditions' after "
        "conditions it is not approved for."
    ),
    why="Telling readers an approved treatment is unapproved steers them away from it, or toward the off-label version.",
    example="Bad: Spravato is not FDA-approved.\nGood: Spravato (esketamine) is FDA-approved for treatment-resistant depression.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the product's approvals.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
OUTDATED = rule_doc(
    "REG007",
    "outdated-regulatory-claim",
    "A regulatory claim a dated change has made out of date (Spravato alone since 2025-01; Zulresso withdrawn 2025-04).",
    what=(
        "Uses the KB's dated changes: Spravato may be used without an oral antidepressant since "
        "2025-01, brexanolone's (Zulresso's) approval was withdrawn effective 2025-04-14, and "
        "the clozapine REMS was removed in 2025-06. A claim made out of date by a change is "
        "information when the article's date (front matter 'updated'/'date', or a dateline) "
        "is before the change, or when the article has no date; a warning when the article was "
        "written or updated after it."
    ),
    why="Health pages stay online for years. A claim that was true when written misleads the reader who finds it now.",
    example="Bad (2026): Spravato must be used together with an oral antidepressant.\nGood: Since January 2025, Spravato has been FDA-approved for treatment-resistant depression in adults either on its own or with an oral antidepressant.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the current status.",
    source=_SOURCE,
    severity=Severity.INFO,
    fixable=True,
)

_DESIGNATION_WORDS = re.compile(
    r"breakthrough|designation|fast[\s-]track|complete\s+response|advisory\s+(?:committee|panel)|"
    r"\blegal|\bstate\b|oregon|colorado|federally|government[\s-]approved|emergency\s+use|(?-i:\bEUA\b|\bCRL\b|\bBTD\b)",
    re.I,
)
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
_SWAP_WORDS = {
    "cleared": {"approved": "cleared", "approves": "clears", "approve": "clear", "approving": "clearing",
                "approval": "clearance", "approvals": "clearances"},
    "authorized": {"approved": "authorized", "approves": "authorizes", "approve": "authorize", "approving": "authorizing",
                   "approval": "marketing authorization", "approvals": "marketing authorizations"},
    "approved": {"cleared": "approved", "clears": "approves", "clearance": "approval", "clearances": "approvals"},
}


# -- the claim grammar --------------------------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    id: str
    kind: str
    subject: str
    agencyless: bool
    frame: bool
    pattern: re.Pattern
    needs: Needs  # literals every match contains (medlint.text.prefilter)


@dataclass(frozen=True)
class Grammar:
    """The compiled claim patterns and guards of rules/regulatory-claims.yaml."""

    cues: tuple[Cue, ...]
    prefilter: re.Pattern
    frame: re.Pattern
    negation: re.Pattern
    hedge: re.Pattern
    hedge_after: re.Pattern
    non_regulatory: re.Pattern
    clause_break: re.Pattern
    tail_break: re.Pattern
    year_of_other: re.Pattern
    anaphora: re.Pattern
    stale: dict  # kind -> ((pattern, its Needs), …)
    prefilter_needs: Needs




@cache
def grammar() -> Grammar:
    """Load and compile the claim patterns (keys and vocabulary are checked against the file's
    format when read; here, that every pattern compiles and every cue has its verb group)."""
    path = f"rules/{CLAIMS_FILE}"
    data = load_data(CLAIMS_FILE)
    macros = {k: str(v) for k, v in data["macros"].items()}

    def expand(pattern: str) -> str:
        for _ in range(5):
            pattern = re.sub(r"\{(\w+)\}", lambda m: macros.get(m[1], m[0]), pattern)
        return pattern

    def compile_(pattern: str, flags=re.I, line: int | None = None) -> re.Pattern:
        try:
            return re.compile(expand(pattern), flags)
        except re.error as exc:
            raise PackError(path, f"bad pattern {pattern[:60]!r}: {exc}", line) from None

    cues = []
    for raw in data["cues"]:
        pattern = compile_(raw["pattern"], line=raw.lines["pattern"])
        if "verb" not in pattern.groupindex:
            raise PackError(path, f"cue {raw['id']}: the pattern needs a (?P<verb>…) group", raw.line)
        cues.append(Cue(raw["id"], raw["kind"], raw["subject"], bool(raw.get("agencyless", False)),
                        bool(raw.get("frame", False)), pattern, Needs(pattern)))
    guards = {name: compile_(text, re.I | re.M, data["guards"].lines[name]) for name, text in data["guards"].items()}
    stale = {kind: tuple((c, Needs(c)) for c in map(compile_, patterns)) for kind, patterns in data["stale_claims"].items()}
    return Grammar(tuple(cues), anaphora=compile_(data["anaphora"]), stale=stale,
                   prefilter_needs=Needs(guards["prefilter"]), **guards)


# -- claims -------------------------------------------------------------------------------------
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


@dataclass(frozen=True)
class Finding:
    """What the KB says of one claim: a rule, a message and, when it can, a fix."""

    code: str
    span: tuple[int, int]
    message: str
    severity: Severity | None = None
    fix: tuple | None = None  # (title, [(start, end, replacement)])


@dataclass
class Analysis:
    """Everything REG found in one document (shared with the site-wide contradiction check)."""

    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    verdicts: dict = field(default_factory=dict)  # claim index -> "wrong" | "right"
    reasons: dict = field(default_factory=dict)  # claim index -> the message of a "wrong" verdict


def _agency_of(text: str | None) -> str:
    if not text:
        return "FDA"
    for needle, agency in _AGENCY_IDS:
        if needle.lower() in text.lower():
            return agency
    return "FDA"


class _Extractor:
    """Finds the claims of one document."""

    def __init__(self, doc, kb: KnowledgeBase, g: Grammar, window: int, quotes: bool):
        self.doc, self.kb, self.g, self.window, self.quotes = doc, kb, g, window, quotes
        self.text = doc.prose
        self.folded = fold(doc.prose)
        self.sentences = doc.sentences
        self._block_starts = [b.start for b in doc.blocks]
        self._block_mentions: dict[int, list[Mention]] = {}
        self.reading = reading(doc)

    def mentions(self, start: int, end: int) -> list[Mention]:
        """The products named within ``[start, end)``, in order. Each block is searched the
        first time a claim needs it: most blocks hold no claim (blocks and their mentions are
        disjoint and in document order)."""
        blocks = self.doc.blocks
        k = max(0, bisect.bisect_right(self._block_starts, start) - 1)
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
                base = dict(kind=cue.kind, verb=m["verb"], verb_span=m.span("verb"), cue_span=(sent.start, sent.end),
                            agency=agency, product=self.kb.products[x.id], subject_text=self.text[x.start : x.end],
                            subject_span=(x.start, x.end), year=None, year_span=None, present=True,
                            sentence=(sent.start, sent.end))
                positive = cue.kind == "approval" and not no
                conditions = self.kb.condition_mentions(self.text, sent.start, sent.end)
                if conditions:
                    out.extend(Claim(positive=positive, condition=c.id, condition_span=(c.start, c.end), **base) for c in conditions)
                elif no or _CELL_YES.match(self.text, sent.start, sent.end):
                    out.append(Claim(positive=positive, condition=None, condition_span=None, **base))
                break
        return out

    def holding(self, needs: Needs) -> set[int]:
        """The indices of the sentences that hold a literal of ``needs`` (all when it has none)."""
        return self.doc.sentences_holding(needs.offsets(self.folded))

    def _sentence(self, index: int, sent) -> list[Claim]:
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

    def _claims(self, index: int, sent, cue: Cue, m: re.Match) -> list[Claim] | None:
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
        base = dict(kind=cue.kind, verb=m["verb"], verb_span=(vs, ve), cue_span=m.span(), agency=agency,
                    product=product, subject_text=subject_text, subject_span=subject_span, year=year,
                    year_span=year_span, present=present, sentence=(s, e))
        if not conditions:
            return [Claim(positive=positive, condition=None, condition_span=None, **base)]
        out = [Claim(positive=positive, condition=c.id, condition_span=(c.start, c.end), **base) for c in conditions]
        if positive and cue.kind == "approval":
            out.extend(self._negated_tail(tail_end, e, base))
        return out

    def _negated_tail(self, tail_end: int, e: int, base: dict) -> list[Claim]:
        """ "approved as an anesthetic but not for depression": the second part is a negative claim."""
        m = _TAIL_NOT.match(self.text, tail_end, e)
        if not m:
            return []
        stop = self._tail_end(m.end(), e)
        return [Claim(positive=False, condition=c.id, condition_span=(c.start, c.end), **base)
                for c in self.kb.condition_mentions(self.text, m.end(), stop)]

    def _subject(self, index: int, sent, cue: Cue, m: re.Match, clause: int):
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
                found = self._antecedent(index)
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

    def _antecedent(self, index: int, depth: int = 0) -> Mention | None:
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
                carried = self._antecedent(j, depth + 1)
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

    def _conditions(self, cue: Cue, m: re.Match, clause: int, tail_end: int, subject_span) -> list[Mention]:
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

    def _year(self, m: re.Match, clause: int, tail_end: int):
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


# -- judging claims against the KB ---------------------------------------------------------------
def _sources(*groups) -> str:
    """The sources of KB items (events, negative facts, changes, products), each once."""
    seen: list[str] = []
    for group in groups:
        for item in group:
            for source in item.source:
                if source not in seen:
                    seen.append(source)
    return "; ".join(seen)


def _complete(p: Product, agency: str) -> bool:
    """Whether the KB says ``p``'s listed approvals by ``agency`` are all it has."""
    return p.complete is not None and p.complete.agency == agency


def _events_text(events: list[Event], limit: int = 3) -> str:
    return "; ".join(e.describe() for e in events[:limit])


class _Judge:
    """Decides what the KB says of each claim."""

    def __init__(self, doc, kb: KnowledgeBase, today: date):
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

    def _sentence_fix(self, c: Claim, wording: str, title: str):
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
    def judge(self, c: Claim) -> tuple[list[Finding], str | None]:
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

    def _positive(self, c: Claim):
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

    def _wrong_approval(self, c: Claim, listed, narrower: list[Event]) -> Finding:
        assert c.product is not None  # a claim without a product is designation_means, which judge() answers first
        p, a = c.product, c.agency
        note = f" ({listed.note})" if listed else ""
        facts = [listed] if listed else []
        if _complete(p, a):
            facts.append(p.complete)
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

    def _broader_only(self, c: Claim, listed, covering: list[Event]) -> Finding:
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

    def _confused(self, c: Claim):
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

    def _legal(self, c: Claim):
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

    def _verb_fix(self, c: Claim, right: str | None):
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

    def _negative(self, c: Claim):
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

    def stale_finding(self, p: Product, change, span, sentence) -> Finding:
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


def _stale_patterns(doc, kb: KnowledgeBase, g: Grammar, ex: _Extractor, judge: _Judge) -> list[Finding]:
    """REG007 from stale-claim patterns (Spravato only with an antidepressant; clozapine REMS)."""
    out = []
    wanted = {ch.stale for p in kb.products.values() for ch in p.changes if ch.stale in g.stale}
    # Each pattern runs only in the sentences that hold one of its literals (most hold none).
    where = {pattern: ex.holding(needs) for kind in wanted for pattern, needs in g.stale[kind]}
    chosen = set().union(*where.values())
    for index in sorted(chosen):
        sent = ex.sentences[index]
        if sent.quoted and not ex.quotes:
            continue
        for kind in wanted:
            for pattern, _ in g.stale[kind]:
                if index not in where[pattern]:
                    continue
                m = pattern.search(doc.prose, sent.start, sent.end)
                if not m:
                    continue
                products = ex.mentions(sent.start, m.end())
                if not products:
                    found = ex._antecedent(index) if g.anaphora.search(doc.prose, sent.start, m.start()) else None
                    products = [found] if found else []
                for x in reversed(products):
                    p = kb.products[x.id]
                    changes = [ch for ch in p.changes if ch.stale == kind and ch.date.first_day() <= judge.today]
                    if changes:
                        out.append(judge.stale_finding(p, changes[0], (m.start(), m.end()), (sent.start, sent.end)))
                        break
                break
    return out


_ANALYSES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Document -> {options: Analysis}


def analyse(doc, window: int = 5, quotes: bool = False, as_of: date | None = None) -> Analysis:
    """All REG claims, findings and verdicts for ``doc``, made once per document and options:
    the per-file and the site-wide checks share one pass (kept while the document lives)."""
    today = as_of or date.today()
    key = (window, quotes, today)
    cached = _ANALYSES.setdefault(doc, {})
    if key in cached:
        return cached[key]
    kb, g = load_kb(), grammar()
    ex = _Extractor(doc, kb, g, window, quotes)
    judge = _Judge(doc, kb, today)
    result = Analysis()
    for claim in ex.claims():
        findings, verdict = judge.judge(claim)
        if verdict:
            result.verdicts[len(result.claims)] = verdict
        if verdict == "wrong" and findings:
            first = findings[0]
            head, _, source = first.message.partition(" Source: ")
            short = re.split(r"; |: |\. ", head, maxsplit=1)[0]
            result.reasons[len(result.claims)] = f"{short} ({first.code}). Source: {source}"
        result.claims.append(claim)
        result.findings.extend(findings)
    result.findings.extend(_stale_patterns(doc, kb, g, ex, judge))
    cached[key] = result
    return result


def options_of(values: dict) -> dict:
    """The keyword arguments of ``analyse`` from a check's resolved options."""
    as_of = values.get("as_of") or ""
    when = date.fromisoformat(as_of) if as_of else None
    return {"window": values["anaphora_window"], "quotes": values["quotes"] == "report", "as_of": when}


def _date_or_empty(value: str) -> None:
    """``as-of`` is vetted when the configuration loads (a ConfigError with its line)."""
    try:
        if value:
            date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


OPTIONS = {
    "anaphora-window": Option(5, "How many sentences back 'it' or 'this treatment' may look for the product it refers to.", (int,)),
    "quotes": Option("skip", "Claims inside quotations: skip them (quotes are the writer's evidence) or report them.", (str,), ("skip", "report")),
    "as-of": Option("", "Today's date for time-aware checks (YYYY-MM-DD); empty means the real date.", (str,), check=_date_or_empty),
}


class RegulatoryClaims(Check):
    """Per-article regulatory claim checks (REG001–REG007)."""

    name = "regulatory-claims"
    rules = (NOT_APPROVED, CLEARED_NOT_APPROVED, WRONG_YEAR, DESIGNATION_AS_APPROVAL, CONFUSED_PRODUCT, FALSE_NEGATIVE, OUTDATED)
    options = OPTIONS

    def environment(self, options: dict) -> str:
        """Time-aware findings depend on today's date unless ``as-of`` pins it."""
        return options.get("as_of") or date.today().isoformat()

    def check(self, doc, ctx):
        result = analyse(doc, **options_of(ctx.options))
        reported = set()
        for f in result.findings:
            key = (f.code, f.span)
            if key in reported:
                continue
            reported.add(key)
            fix = make_fix(f.fix[0], f.fix[1], safe=False) if f.fix else None
            yield ctx.report(f.code, f.span[0], f.span[1], f.message, fix=fix, severity=f.severity)
