"""FCT012: a headline prevalence figure outside the official one (``rules/prevalence.yaml``),
called by the family's check (``facts.py``).

A clause is compared with a KB figure only when it is unambiguous: one figure in the clause (no
range), one condition the KB knows (no other condition, no narrower form such as "postpartum
depression"), one population (US adults, Americans, the US, adults in England, the world) and no narrower group (women,
teens, veterans, people with…), a measure that does not contradict the KB's (lifetime against
12-month), no year outside the series, no attribution to a study or body other than the figure's
publisher, no "up to". A clause that names no measure is reported only when its figure is outside
every measure the KB has for it. Rounding is allowed for: "1 in 5" is 18.2–22.2%, "7%" is
6.5–7.5%; "more than X" is wrong only when the official figure is below X.

The KB is read only when a document holds a figure near a condition name (a cheap search first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from medlint.knowledge.resources import load_data
from medlint.model.dates import article_date
from medlint.text.prefilter import fold

FILE = "prevalence.yaml"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUM = r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?!\d)|\d+(?:\.\d+)?"
#: A figure: a percentage, "1 in 5", or a count ("21 million", "700 000", "57,800,000").
FIGURE = re.compile(
    rf"(?P<range>(?:{_NUM})\s*(?:%|percent|per\s*cent)?\s*(?:-|–|—|to|and)\s*(?=\d))?"
    rf"(?:(?P<pct>{_NUM})\s*(?:%|percent\b|per\s*cent\b)"
    rf"|(?P<num>\d+|{'|'.join(_WORDS)})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<den>\d+|{'|'.join(_WORDS)})\b"
    rf"|(?P<count>{_NUM})(?:\s*(?P<scale>million|billion)\b)?)",
    re.I,
)
#: What every FIGURE match holds: a digit, or a number word before "in" / "out of". Searched
#: first in each sentence, case-sensitively in the folded text (``prefilter.fold``: the same
#: offsets): far cheaper than FIGURE, which tries its range prefix at every place.
_FIGURE_HINT = re.compile(rf"\d|(?:{'|'.join(_WORDS)})\s+(?:in|out)")
#: A digit: where there is one FIGURE matches (a bare count), so it answers FIGURE.search
#: without the costly pattern. A single class, which the engine scans for quickly.
_DIGIT = re.compile(r"\d")
#: What a document with a headline figure must hold besides a figure (a percentage, millions,
#: a grouped count, "in 5"), each searched in the folded text where its literal or class start
#: lets the engine skip ahead; ``in(?<!\win)`` is ``\bin`` with the literal first.
_MEASURED = (
    re.compile(r"per\s*cent"),
    re.compile(r"[mb]illion"),
    re.compile(r"\d[\s,]\d{3}\b"),
    re.compile(rf"in(?<!\win)\s+(?:\d|{'|'.join(_WORDS)})"),
)
#: Splits a sentence into clauses that each make one claim.
_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas|although|though|yet|with)\b|\s[—–]\s|\bwhile\b|\bwhereas\b", re.I)
LIFETIME = re.compile(r"\b(?:lifetime|in\s+(?:their|a|his|her|your)\s+li(?:fe|ves)|at\s+(?:some|any)\s+(?:point|time|stage)\s+(?:in|during)\b|"
                      r"during\s+(?:their|a)\s+li(?:fe|ves)|ever\b|will\s+(?:experience|develop|have|suffer|be\s+affected)|over\s+the\s+course)", re.I)
TWELVE_MONTH = re.compile(r"\b(?:each|every|per|a|any\s+given|in\s+a\s+given|a\s+given|any\s+one|in\s+any\s+one)\s+year\b|\bannual(?:ly)?\b|"
                          r"\b(?:past|last|previous)\s+(?:year|12\s+months|twelve\s+months)\b|\byearly\b|\b12-month\b", re.I)
#: A narrower or different group than a whole population.
NARROWER = re.compile(
    r"\b(?:women|men|males?|females?|girls?|boys?|child(?:ren)?|kids?|teens?|teenagers?|adolescents?|youths?|young|students?|"
    r"veterans?|soldiers|service\s+members|military|older|elderly|seniors?|aged?\s+\d|ages\s+\d|\d+\s*(?:-|–|to)\s*\d+\s*years|"
    r"pregnan\w*|mothers?|new\s+parents|black|white|hispanic|latin[oax]s?|asian|native|indigenous|lgbt\w*|gay|lesbian|bisexual|"
    r"transgender|patients?|clients?|people\s+(?:with|who)|those\s+(?:with|who)|of\s+whom|among\s+(?:people|those|adults\s+with)|"
    r"workers?|employees?|physicians?|doctors?|nurses?|residents?|prisoners?|inmates?|homeless|rural|urban|college|university|"
    r"(?<!United\s)states?\b|counties|cities|smokers|users|survivors?|first\s+responders?|refugees?|twins?|relatives?|"
    r"parents?|siblings?|families|spouses?|partners?|caregivers?|low-income|poverty|disabilit\w*)\b",
    re.I,
)
#: A clause about something other than how many have the condition now or in a period: symptoms,
#: care, rates and trends, severity, forecasts, or a part of the total ("accounting for half of all
#: suicide deaths", "firearms", "the most common method").
OTHER_MEASURE = re.compile(
    r"\b(?:accounting\s+for|accounts?\s+for|account\s+for|of\s+all\s+(?:suicides?|suicide\s+deaths|deaths|cases|those|people\s+(?:with|who))|share|proportion|majority|minority|methods?|means|"
    r"firearms?|guns?|overdoses?|poisoning|hanging|symptoms?|signs?|screen\w*|diagnosed|diagnos[ie]s|treat\w*|receiv\w*|sought|seek\w*|access|prescri\w*|medication|"
    r"pandemic|covid|coronavirus|lockdown|rates?|increase\w*|rise|rose|risen|rising|doubled?|tripled?|grew|grown|growth|"
    r"decline\w*|fell|drop\w*|higher|lower|more\s+likely|less\s+likely|likel(?:y|ier)|times|risk|odds|cost\w*|billion\s+dollars|"
    r"\$|per\s+100|disability|burden|dalys?|onset|begin|began|start\w*|recover\w*|relapse\w*|respond\w*|remission|attempt\w*|"
    r"thoughts?|ideation|consider\w*|plan\w*|hospital\w*|emergency|visits?|calls?|uninsured|insured|untreated|unmet|"
    r"subthreshold|sub-threshold|mild|moderate|severe|serious|impair\w*|comorbid\w*|co-occurring|also\s+have|both|heritab\w*|genes?|"
    r"genetic|twin|family\s+history|predict\w*|projected|forecast|by\s+20\d\d|expected|estimate\s+that\s+by|could|might|may|would)\b",
    re.I,
)
ATTRIBUTED = re.compile(r"\b(?:study|studies|survey(?:s|ed)?|poll(?:s|ed)?|research(?:ers)?|analys[ie]s|report(?:s|ed)?|paper|journal|"
                        r"trials?|meta-analys[ie]s|data\s+from|found|finds|according\s+to|estimates?|estimated\s+by|suggests?|shows?|"
                        r"showed|cdc|samhsa|nami|mind|nhs|ons|census|gallup|kff|apa|harvard|university)\b", re.I)
HEDGE_UP = re.compile(r"\b(?:up\s+to|as\s+(?:many|much|high|few|little|low)\s+as|or\s+more|and\s+up)\s*$", re.I)
LOWER_BOUND = re.compile(r"\b(?:more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|above|exceeds?|exceeding|>)\s*$", re.I)
UPPER_BOUND = re.compile(r"\b(?:less\s+than|fewer\s+than|under|below|no\s+more\s+than|<)\s*$", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
#: Conditions the KB has no figure for: a clause that names one besides a KB condition is about two.
OTHER_CONDITIONS = re.compile(
    r"\b(?:anxiety|panic|phobias?|OCD|obsessive|ADHD|attention[- ]deficit|autis\w*|eating\s+disorders?|anorexia|bulimia|binge|"
    r"substance|alcohol|drug|addiction|dementia|alzheimer\w*|personality\s+disorders?|psychosis|psychotic|insomnia|sleep|"
    r"self-harm|suicid\w*|dysthymia|mania|manic|stress|grief|burnout|loneliness|trauma)\b",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """One official figure of ``rules/prevalence.yaml``."""

    id: str
    condition: str
    populations: tuple[str, ...]
    measure: str
    unit: str
    figure: float
    low: float
    high: float
    first_year: int
    last_year: int
    said: str
    publisher: str
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class Condition:
    name: str
    terms: re.Pattern
    not_after: re.Pattern | None


@dataclass(frozen=True)
class PrevalenceKB:
    conditions: tuple[Condition, ...]
    populations: dict[str, tuple[re.Pattern, ...]]
    publishers: dict[str, re.Pattern]
    figures: tuple[Figure, ...]


@cache
def load_prevalence() -> PrevalenceKB:
    """The figures of ``rules/prevalence.yaml``, compiled once (only when a document holds a figure)."""
    data = load_data(FILE)
    conditions = tuple(
        Condition(name, re.compile(r"(?<![\w-])(?:" + "|".join(sorted(c["terms"], key=len, reverse=True)) + r")(?![\w-])", re.I),
                  re.compile(r"(?:" + "|".join(c["not_after"]) + r")[\s-]*$", re.I) if c["not_after"] else None)
        for name, c in data["conditions"].items()
    )
    populations = {name: tuple(re.compile(n) for n in p["needs"]) for name, p in data["populations"].items()}
    publishers = {name: re.compile(r"\b(?:" + "|".join(names) + r")\b") for name, names in data["publishers"].items()}
    figures = tuple(
        Figure(f["id"], f["condition"], tuple(f["populations"]), f["measure"], f["unit"], float(f["figure"]), float(min(f["accept"])),
               float(max(f["accept"])), min(f["years"]), max(f["years"]), f["said"], f["publisher"], f["source"]["title"],
               f["source"]["url"], str(f["source"]["date"]))
        for f in data["figures"]
    )
    return PrevalenceKB(conditions, populations, publishers, figures)


def _number(text: str) -> float:
    text = text.lower()
    if text in _WORDS:
        return float(_WORDS[text])
    return float(re.sub(r"[,\u00a0 ]", "", text))


def _half_unit(text: str) -> float:
    """Half the unit of the last digit written: "7" → 0.5, "8.3" → 0.05 (rounding)."""
    digits = re.sub(r"[,\u00a0 ]", "", text)
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    return 0.5


def _value(m: re.Match) -> tuple[str, float, float] | None:
    """(unit, lowest, highest) of a figure, rounding allowed for."""
    if m["pct"]:
        v, r = _number(m["pct"]), _half_unit(m["pct"])
        return "percent", v - r, v + r
    if m["den"]:
        num, den = _number(m["num"]), _number(m["den"])
        if den <= num or den < 2:
            return None
        return "percent", 100 * num / (den + 0.5), 100 * num / (den - 0.5)
    if m["count"]:
        scale = {"million": 1e6, "billion": 1e9}.get((m["scale"] or "").lower(), 1.0)
        v, r = _number(m["count"]), _half_unit(m["count"])
        if scale == 1.0 and v < 1000:
            return None  # a small bare number is no headline count
        return "count", (v - r) * scale, (v + r) * scale
    return None


def _clauses(text: str, s: int, e: int):
    start = s
    for m in _CLAUSE.finditer(text, s, e):
        yield start, m.start()
        start = m.end()
    yield start, e


def _conditions(kb: PrevalenceKB, text: str, s: int, e: int) -> set[str] | None:
    """The KB conditions the clause names; None when it also names another or a narrower form."""
    found: set[str] = set()
    spans: list[tuple[int, int]] = []
    for c in kb.conditions:
        for m in c.terms.finditer(text, s, e):
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            if c.not_after and c.not_after.search(text, max(s, m.start() - 30), m.start()):
                return None
            spans.append(m.span())
            found.add(c.name)
    rest = "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(text[s:e], s))
    if OTHER_CONDITIONS.search(rest):
        return None
    return found


def prevalence_claims(doc, ctx):
    """FCT012 findings of ``doc``: (diagnostic, start, end)."""
    text = doc.prose
    folded = fold(text)
    if not (_DIGIT.search(text) or FIGURE.search(text)) or not ("%" in text or any(p.search(folded) for p in _MEASURED)):
        return
    kb = load_prevalence()
    found = article_date(doc)
    written = found.date.year if found else None
    for sentence in doc.sentences:
        s, e = sentence.start, sentence.end
        if sentence.quoted or not (hint := _FIGURE_HINT.search(folded, s, e)) or not (hint[0].isdigit() or FIGURE.search(text, s, e)):
            continue  # a digit hint is a FIGURE match (a bare count) in the sentence
        years = [int(y) for y in _YEAR.findall(text, s, e)]
        for cs, ce in _clauses(text, s, e):
            yield from _clause(doc, ctx, kb, text, folded, s, e, cs, ce, years, written)


def _figures(text: str, folded: str, start: int, end: int) -> list[re.Match]:
    """``FIGURE.finditer(text, start, end)``, tried only where a ``_FIGURE_HINT`` match begins
    (every FIGURE match begins with one, and none begins inside another): far cheaper than
    running FIGURE, which tries its range prefix at every place."""
    out: list[re.Match] = []
    resume = start
    for hint in _FIGURE_HINT.finditer(folded, start, end):
        at = hint.start()
        if at >= resume and (m := FIGURE.match(text, at, end)):
            out.append(m)
            resume = m.end()
    return out


def _clause(doc, ctx, kb: PrevalenceKB, text: str, folded: str, s: int, e: int, cs: int, ce: int, years: list[int], written: int | None):
    figures = [m for m in _figures(text, folded, cs, ce) if not _YEAR.fullmatch(m.group(0).strip())]
    if len(figures) != 1:
        return
    m = figures[0]
    if m["range"] or doc.is_quoted(m.start(), m.end()):
        return
    value = _value(m)
    if value is None:
        return
    unit, lo, hi = value
    before = text[max(cs, m.start() - 25) : m.start()]
    if HEDGE_UP.search(before):
        return
    clause = text[cs:ce]
    if NARROWER.search(clause) or OTHER_MEASURE.search(clause):
        return
    conditions = _conditions(kb, text, cs, ce)
    if not conditions or len(conditions) != 1:
        return
    (condition,) = conditions
    matched = {name: len(needs) for name, needs in kb.populations.items() if all(n.search(clause) for n in needs)}
    if not matched:
        return
    most = max(matched.values())
    populations = {name for name, n in matched.items() if n == most}  # "adults worldwide" is not "worldwide"
    if len(populations) > 1 and not populations <= {"us", "us-adults", "americans"}:
        return
    lifetime, twelve = LIFETIME.search(clause), TWELVE_MONTH.search(clause)
    if lifetime and twelve:
        return
    measure = "lifetime" if lifetime else "12-month" if twelve else None
    candidates = [f for f in kb.figures if f.condition == condition and f.unit == unit and populations & set(f.populations)]
    if measure:
        candidates = [f for f in candidates if f.measure == measure]
    if not candidates:
        return
    sentence = text[s:e]
    for f in candidates:
        if any(not f.first_year <= y <= f.last_year for y in years):
            return
        if written is not None and written < f.first_year:
            return
        if ATTRIBUTED.search(sentence) and not kb.publishers[f.publisher].search(sentence):
            return
    lower, upper = LOWER_BOUND.search(before), UPPER_BOUND.search(before)
    for f in candidates:
        if lower:
            if f.high >= lo:
                return
        elif upper:
            if f.low <= hi:
                return
        elif f.low <= hi and lo <= f.high:
            return
    shown = "; ".join(f.said for f in candidates)
    cited = ", ".join(sorted({f"{f.publisher} {f.date}" for f in candidates}))
    said = doc.text[m.start() : m.end()].strip()
    message = f"“{said}” is far from the official figure: {shown} ({cited})."
    yield ctx.report("FCT012", m.start(), m.end(), message), m.start(), m.end()
