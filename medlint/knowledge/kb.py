"""The regulatory knowledge base (``rules/regulatory-facts.yaml``), loaded and validated.

The KB is data that clinical findings rest on, so it is checked like code when it loads. Its
declared format (``formats.REGULATORY_FACTS``, checked by ``resources.read_data``) makes every
key known, every product, event, negative fact and change name its source, and every status,
agency, kind and stale kind come from its vocabulary; here the KB checks what a format cannot
say: every event has a parseable date or says why it has none, every condition an entry names
exists, and no alias belongs to two products (ketamine and esketamine must stay apart). A broken
file is a PackError naming the file and line, never a silent gap in the checks.

Besides the facts, the KB answers the questions the REG checks ask: which products and
conditions a stretch of prose names, whether one condition is a kind of another (TRD is a kind
of MDD), which approvals cover a claimed indication, and what the KB says is *not* approved.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from medlint.knowledge.formats import MARKETING_STATUSES
from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of
from medlint.model.errors import PackError
from medlint.text.prefilter import Needs, Starts, fold

FILE = "regulatory-facts.yaml"
PATH = f"rules/{FILE}"

#: How each status is said in messages.
STATUS_WORDS = {
    "approved": "approved",
    "cleared": "cleared (510(k))",
    "de_novo": "granted De Novo marketing authorization",
    "reclassified": "reclassified",
    "breakthrough_designation": "Breakthrough Therapy designation",
    "complete_response_letter": "complete response letter (not approved)",
    "advisory_committee_against": "advisory committee voted against",
    "withdrawn": "approval withdrawn",
    "rems_eliminated": "REMS eliminated",
    "authorised_prescribing": "authorised-prescriber access",
    "state_program": "state-licensed program",
}
#: In ``not_approved``, this stands for every condition marked ``psychiatric: true``.
PSYCHIATRIC = "psychiatric"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class FactDate:
    """A date as precise as its source: a year, a month or a day. ``verified`` False means the
    reference marks it UNVERIFIED, and no check may state or compare it."""

    year: int
    month: int | None = None
    day: int | None = None
    verified: bool = True

    @classmethod
    def parse(cls, text: str, verified: bool = True) -> FactDate:
        m = _DATE.match(str(text).strip())
        if not m:
            raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None  # _DATE requires the year
        out = cls(year, month, day, verified)
        try:
            out.first_day()
        except ValueError as exc:
            raise ValueError(f"date {text!r} does not exist ({exc})") from None
        return out

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            assert self.month is not None  # a day comes with its month
            return date(self.year, self.month, self.day)
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out


@dataclass(frozen=True)
class Condition:
    id: str
    label: str
    psychiatric: bool
    broader: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """One regulatory event: an approval, a clearance, a designation, a withdrawal…"""

    status: str
    agency: str
    date: FactDate | None
    undated: str
    indication: str
    conditions: tuple[str, ...]
    product: str
    note: str
    source: tuple[str, ...]

    @property
    def marketing(self) -> bool:
        return self.status in MARKETING_STATUSES

    @property
    def dated(self) -> str:
        """The event's date when verified (for messages), else empty."""
        return str(self.date) if self.date and self.date.verified else ""

    def describe(self) -> str:
        """One line for a message: "cleared (510(k)) 2008-10 (NeuroStar (Neuronetics)): MDD …"."""
        when = f" {self.dated}" if self.dated else ""
        what = f" ({self.product})" if self.product else ""
        return f"{STATUS_WORDS[self.status]}{when}{what}: {self.indication}"


@dataclass(frozen=True)
class NegativeFact:
    """What the KB says a product is not approved for (or, for ``complete``, that its listed
    approvals are all it has)."""

    conditions: tuple[str, ...]
    agency: str
    note: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """A dated change that makes an older claim out of date (Spravato alone, Zulresso gone)."""

    id: str
    date: FactDate
    stale: str
    summary: str
    wording: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    confused_with: tuple[str, ...]
    events: tuple[Event, ...]
    complete: NegativeFact | None
    not_approved: tuple[NegativeFact, ...]
    changes: tuple[Change, ...]
    restrictions: str
    wording: str
    source: tuple[str, ...]

    def marketing_events(self, agency: str) -> list[Event]:
        return [e for e in self.events if e.agency == agency and e.marketing]

    def events_of(self, agency: str, statuses: set[str]) -> list[Event]:
        return [e for e in self.events if e.agency == agency and e.status in statuses]


@dataclass(frozen=True)
class Mention:
    """A product or condition named in the text: its span and id."""

    start: int
    end: int
    id: str


class KnowledgeBase:
    """Products, conditions and the matchers that find them in prose."""

    def __init__(self, data, path: str = PATH):
        """``data``: the file as ``resources.read_data`` gives it (checked against its format)."""
        self.path = path
        self.reference = data.get("reference", "")
        conditions = data["conditions"]
        self.conditions = {
            cid: Condition(cid, raw["label"], raw["psychiatric"], tuple(raw.get("broader", ())), tuple(raw["aliases"]))
            for cid, raw in conditions.items()
        }
        for cond in self.conditions.values():
            for b in cond.broader:
                if b not in self.conditions:
                    raise PackError(path, f"condition {cond.id}: broader condition '{b}' is not defined",
                                    line_of(conditions[cond.id], "broader"))
        self.products: dict[str, Product] = {}
        raws = {}
        for raw in data["products"]:
            product = self._product(raw)
            if product.id in self.products:
                raise PackError(path, f"product id '{product.id}' is defined twice", line_of(raw, "id"))
            self.products[product.id] = product
            raws[product.id] = raw
        owners: dict[str, str] = {}
        for product in self.products.values():
            for other in product.confused_with:
                if other not in self.products:
                    raise PackError(path, f"product {product.id}: confused_with '{other}' is not a product",
                                    line_of(raws[product.id], "confused_with"))
            for alias in product.aliases:
                first = owners.setdefault(alias.lower(), product.id)
                if first != product.id:
                    raise PackError(path, f"alias '{alias.lower()}' belongs to several products: {first}, {product.id}",
                                    line_of(raws[product.id], "aliases"))
        self.distinct = [(d["term"], d.get("note", "")) for d in data.get("distinct_terms", ())]
        self._products = AliasMatcher([(alias, p.id) for p in self.products.values() for alias in p.aliases], path)
        self._conditions = AliasMatcher([(alias, c.id) for c in self.conditions.values() for alias in c.aliases], path)
        self._distinct_re = _compile("|".join(f"(?:{bounded(t)})" for t, _ in self.distinct) or r"(?!x)x", path)
        self._distinct_needs = Needs(self._distinct_re)
        self._ancestors = {cid: self._closure(cid) for cid in self.conditions}

    # -- building ----------------------------------------------------------------------------
    def _product(self, raw) -> Product:
        pid = raw["id"]
        complete = None
        if "indications_complete" in raw:
            c = raw["indications_complete"]
            complete = NegativeFact((), c["agency"], c["reason"], _sources(c))
        negatives = []
        for n in raw.get("not_approved", ()):
            conds = tuple(n["conditions"])
            self._known(pid, [c for c in conds if c != PSYCHIATRIC], n)
            negatives.append(NegativeFact(conds, n["agency"], n["note"], _sources(n)))
        changes = tuple(Change(c["id"], self._date(pid, c), c["stale"], c["summary"], c["wording"], _sources(c))
                        for c in raw.get("changes", ()))
        return Product(
            id=pid,
            name=raw["name"],
            kind=raw["kind"],
            aliases=tuple(raw["aliases"]),
            confused_with=tuple(raw.get("confused_with", ())),
            events=tuple(self._event(pid, e) for e in raw.get("events", ())),
            complete=complete,
            not_approved=tuple(negatives),
            changes=changes,
            restrictions=raw.get("restrictions", ""),
            wording=raw["wording"],
            source=_sources(raw),
        )

    def _event(self, pid: str, raw) -> Event:
        when = self._date(pid, raw) if "date" in raw else None
        undated = raw.get("undated", "")
        if when is None and not undated:
            raise PackError(self.path, f"product {pid}: an event needs a 'date' or an 'undated' reason", line_of(raw))
        conds = tuple(raw.get("conditions", ()))
        self._known(pid, conds, raw)
        return Event(raw["status"], raw["agency"], when, undated, raw["indication"], conds,
                     raw.get("product", ""), raw.get("note", ""), _sources(raw))

    def _known(self, pid: str, conditions, raw) -> None:
        """Every condition an entry names is defined."""
        for cid in conditions:
            if cid not in self.conditions:
                raise PackError(self.path, f"product {pid}: unknown condition '{cid}'", line_of(raw, "conditions"))

    def _date(self, pid: str, raw) -> FactDate:
        try:
            return FactDate.parse(raw["date"], raw.get("verified", True))
        except ValueError as exc:
            raise PackError(self.path, f"product {pid}: {exc}", line_of(raw, "date")) from None

    def _closure(self, cid: str) -> frozenset[str]:
        """The condition and every condition it is a kind of."""
        seen, todo = set(), [cid]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.conditions[c].broader)
        return frozenset(seen)

    # -- matching ----------------------------------------------------------------------------
    def product_mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Products named in ``text[start:end]`` (longest alias wins; distinct terms excluded)."""
        end = len(text) if end is None else end
        found = self._products.find(text, start, end)
        if not found:
            return []
        masked = []
        if self._distinct_needs.possible(fold(text), start, end):
            masked = [(m.start(), m.end()) for m in self._distinct_re.finditer(text, start, end)]
        return [x for x in found if not any(s < x.end and x.start < e for s, e in masked)]

    def condition_mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        end = len(text) if end is None else end
        return self._conditions.find(text, start, end)

    # -- reasoning ---------------------------------------------------------------------------
    def within(self, narrow: str, broad: str) -> bool:
        """True when condition ``narrow`` is ``broad`` or a kind of it (TRD within depression)."""
        return broad in self._ancestors[narrow]

    def covering(self, product: Product, condition: str, agency: str) -> list[Event]:
        """Marketing events whose indication covers ``condition`` (the claim is no broader)."""
        return [e for e in product.marketing_events(agency) if any(self.within(condition, c) for c in e.conditions)]

    def narrower(self, product: Product, condition: str, agency: str) -> list[Event]:
        """Marketing events for a narrower kind of ``condition`` only (TRD when depression is claimed)."""
        return [e for e in product.marketing_events(agency)
                if not any(self.within(condition, c) for c in e.conditions)
                and any(self.within(c, condition) for c in e.conditions)]

    def listed_not_approved(self, product: Product, condition: str, agency: str) -> NegativeFact | None:
        """The negative fact that names ``condition`` exactly (or every psychiatric condition)."""
        for fact in product.not_approved:
            if fact.agency != agency:
                continue
            if condition in fact.conditions:
                return fact
            if PSYCHIATRIC in fact.conditions and self.conditions[condition].psychiatric:
                return fact
        return None

    def related(self, a: str, b: str) -> bool:
        return self.within(a, b) or self.within(b, a)


def _sources(raw) -> tuple[str, ...]:
    """An entry's source or sources (the format requires one)."""
    value = raw["source"]
    return (value,) if isinstance(value, str) else tuple(value)


# -- matchers ----------------------------------------------------------------------------------
def case_sensitive(alias: str) -> bool:
    """An acronym (TMS, rTMS, MDD, COMP360) matches only in its own capitals: "ect" is not ECT."""
    core = alias.lstrip("abcdefghijklmnopqrstuvwxyz")
    return len(core) >= 2 and len(alias) - len(core) <= 2 and re.fullmatch(r"[A-Z][A-Z0-9]+", core) is not None


#: Short words that scraped pages glue to the word before them ("Esketamineis an FDA-approved…").
_GLUED = r"(?:is|are|was|were|and|or|has|have|for|to|in|the)"


def bounded(alias: str) -> str:
    """The alias with word boundaries. Scraped pages glue words together ("approvedTMSfor",
    "Esketamineis"), so acronyms are bounded by capitals only, and other aliases may be followed
    by a glued short function word."""
    if case_sensitive(alias):
        before = "A-Za-z0-9" if alias[0].islower() else "A-Z0-9"  # "rTMS", but not the "dTMS" of "approvedTMS"
        return f"(?-i:(?<![{before}]){alias}(?![A-Z0-9]))"
    return rf"(?<![\w-]){alias}(?:(?![\w])(?!-\w)|(?={_GLUED}(?![\w])))"


def _compile(pattern: str, path: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise PackError(path, f"bad alias pattern: {exc}") from None


class AliasMatcher:
    """Finds many aliases in one pass: one pattern for words (case-insensitive, word boundaries
    outside the alternation so the engine only tries aliases where a word starts) and one for
    acronyms (case-sensitive). Longest alias wins; overlapping matches keep the earlier, longer.

    Each pattern is tried only where one of its aliases may begin (``prefilter.Starts``: one
    scan of the text finds those places), which gives exactly its ``finditer`` matches; the
    scan of a long alternation at every character is the cost saved."""

    def __init__(self, aliases: list[tuple[str, str]], path: str):
        self.owners: dict[str, str] = {}
        words, upper, lower = [], [], []
        for i, (alias, owner) in enumerate(sorted(aliases, key=lambda a: -len(a[0]))):
            _compile(alias, path)
            self.owners[f"a{i}"] = owner
            group = f"(?P<a{i}>{alias})"
            if not case_sensitive(alias):
                words.append(group)
            elif alias[0].islower():
                lower.append(group)
            else:
                upper.append(group)
        never = r"(?!x)x"
        self.words = _compile(rf"(?<![\w-])(?:{'|'.join(words) or never})(?:(?![\w])(?!-\w)|(?={_GLUED}(?![\w])))", path)
        try:
            self.acronyms = re.compile(
                rf"(?:(?<![A-Z0-9])(?:{'|'.join(upper) or never})|(?<![A-Za-z0-9])(?:{'|'.join(lower) or never}))(?![A-Z0-9])")
        except re.error as exc:
            raise PackError(path, f"bad alias pattern: {exc}") from None
        self.starts = Starts([self.words, self.acronyms])

    def find(self, text: str, start: int, end: int) -> list[Mention]:
        places = self.starts.places(fold(text), start, end)
        return longest_first([Mention(m.start(), m.end(), self.owners[m.lastgroup])
                              for i in range(len(self.starts.patterns)) for m in self.starts.finditer(i, places, text, start, end)])


def longest_first(found: list[Mention]) -> list[Mention]:
    """Mentions in text order without overlaps: of two that overlap, the earlier (and then the
    longer) wins."""
    found.sort(key=lambda x: (x.start, x.start - x.end))
    out: list[Mention] = []
    for x in found:
        if not out or x.start >= out[-1].end:
            out.append(x)
    return out


def alias_owners(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Every alias, normalised to lower case, with the products that list it."""
    owners: dict[str, set[str]] = {}
    for p in kb.products.values():
        for alias in p.aliases:
            owners.setdefault(alias.lower(), set()).add(p.id)
    return owners


@cache
def load_kb() -> KnowledgeBase:
    """The shipped KB, parsed and validated once per process."""
    return KnowledgeBase(load_data(FILE))
