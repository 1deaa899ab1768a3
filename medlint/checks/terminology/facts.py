"""FCT001–FCT005 from the terminology facts (``rules/terminology-facts.yaml``), and the check
of the FCT family: it runs the facts, then the medicines KB claims (``kb_claims.py``).

Each fact names a term, what it is, the classes or roles it is not, and the source. A sentence
can say "X is a Y" in many ways, so one set of assertion shapes (``shapes.py``) is applied to
every fact: copula, apposition, a class noun before the name, list membership, "X and other
Ys"; for a wrong *name* ("Spravato (ketamine)") also the parenthesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, cache

from medlint.checks.terminology.kb_claims import KB_CODES, kb_claims
from medlint.checks.terminology.prevalence import prevalence_claims
from medlint.checks.terminology.rules import (BRAND_MISMATCH, DEVICE_TECH, DIAGNOSIS_CHAPTER, DRUG_WRONG_CLASS, DSM_NAME, MECHANISM,
                                              OLD_NAME, PREVALENCE, RETIRED_DIAGNOSIS, ROLE_SWAPPED, WRONG_CLASS, WRONG_MAKER, _RULES)
from medlint.checks.terminology.shapes import (ART, ART_PROPER, COPULA, CONNECTOR, CONTRAST, DISCUSSED, LIST_INTRO, LIST_ITEM,
                                               MODS, MODS_PROPER, NEGATED)
from medlint.knowledge.kb import FactDate, bounded, case_sensitive
from medlint.knowledge.resources import load_data
from medlint.model.dates import article_date
from medlint.model.errors import PackError
from medlint.model.rule import Check, Fix, make_fix, match_case
from medlint.text.prefilter import Needs, fold, leading, occurrences

FILE = "terminology-facts.yaml"
#: Not yet looked up (an article may have no date: None).
_UNKNOWN = object()

@dataclass(frozen=True)
class Wrong:
    replacement: tuple[str, str] | None
    except_after: re.Pattern | None


@dataclass(frozen=True)
class Fact:
    """One terminology fact, validated; its shapes are compiled the first time an article may
    hold its mistake (compiling every fact's shapes costs more than checking an article)."""

    id: str
    rule: str
    kind: str
    is_: str
    source: tuple[str, ...]
    patterns: tuple[tuple[str, str, int, Wrong], ...]  # (shape name, pattern, flags, wrong class)
    needles: tuple[frozenset[str] | None, ...]  # a sentence needs a literal of each group (term, class); None: any
    skip_if: re.Pattern | None
    token_replacement: str
    since: FactDate | None  # the fact holds for articles written since then
    line: int | None  # where the fact is in the file, for errors

    @property
    def cited(self) -> str:
        """The first source in a few words, for the message ("Medscape 2013-05-21, Stetka &
        Correll"); all sources are in the file and the rule's doc."""
        return re.split(r"[:(]", self.source[0])[0].strip().rstrip(",")

    @cached_property
    def shapes(self) -> tuple[tuple[str, re.Pattern, Wrong], ...]:
        """(shape name, compiled pattern, wrong class) for each shape."""
        try:
            return tuple((name, re.compile(pattern, flags), wrong) for name, pattern, flags, wrong in self.patterns)
        except re.error as exc:
            raise PackError(f"rules/{FILE}", f"fact {self.id}: bad pattern: {exc}", self.line) from None




def _alternation(names: list[str]) -> str:
    """The names, longest first, each bounded as a word (``kb.bounded``). Consecutive names
    bounded alike share one lookbehind and one ending, as one bounded group: the same
    matches, tried in the same order, from a shorter pattern that compiles faster."""
    parts, run = [], []
    for name in [*sorted(names, key=len, reverse=True), None]:
        if name is not None and not case_sensitive(name) and "|" not in name:
            run.append(f"(?:{name})")
            continue
        if run:
            parts.append(f"(?:{bounded('(?:' + '|'.join(run) + ')')})")  # a group: bounded as a word
            run = []
        if name is not None:
            parts.append(f"(?:{bounded(name)})")
    return "|".join(parts)


def _shapes(terms: list[str], names: list[str], proper: bool) -> list[tuple[str, str]]:
    """The assertion shapes for one term and one list of wrong classes. For a wrong *name*
    (``proper``: "Spravato is ketamine") only identity counts: "a form of ketamine" or "a
    ketamine-derived drug" is true of esketamine, so the article and modifiers are narrower."""
    x = f"(?P<x>{_alternation(terms)})"
    xp = rf"{x}(?:\s*\([^()]{{1,60}}\))?"
    y = rf"(?P<y>{_alternation(names)})"
    art = ART_PROPER if proper else ART
    mods = rf"(?:{MODS_PROPER if proper else MODS}\s+){{0,3}}"
    shapes = [
        ("copula", rf"{xp}\s+{COPULA}(?!\s+(?:not|never)\b)\s+(?:{art}\s+)?{mods}{y}"),
        ("apposition", rf"{xp}\s*(?:,|\(|—|–|:)\s*(?:which\s+is\s+|that\s+is\s+|being\s+|also\s+called\s+|also\s+known\s+as\s+)?{art}\s+{mods}{y}"),
        ("class-before", rf"(?:{art}\s+)?{mods}{y}\s+{CONNECTOR}?{x}"),
        ("list", rf"{y}\s*,?\s+{LIST_INTRO}\s+(?P<items>[^.;:()]{{0,120}}?){x}"),
        ("and-other", rf"{xp}\s*,?\s+(?:and|or|as\s+well\s+as)\s+(?:other|similar|related|fellow)\s+(?:{MODS}\s+){{0,2}}{y}"),
    ]
    if proper:
        shapes.append(("parenthesis", rf"{x}\s*\(\s*{y}\s*\)"))
        shapes.append(("parenthesis", rf"{y}\s*\(\s*{x}\s*\)"))
    return shapes


@cache
def facts() -> tuple[Fact, ...]:
    """The terminology facts, validated once (their shapes compile on first use)."""
    path = f"rules/{FILE}"
    data = load_data(FILE)
    out = []
    for raw in data["facts"]:  # keys and types: checked against the file's format when read
        if raw["rule"] not in _RULES:
            raise PackError(path, f"fact {raw['id']}: rule {raw['rule']} is not an FCT rule of this check", raw.lines.get("rule"))
        kind = raw.get("kind", "class")
        for key in ("tokens",) if kind == "token" else ("terms", "wrong"):
            if key not in raw:
                raise PackError(path, f"fact {raw['id']}: a {kind} fact needs '{key}'", raw.line)
        source = tuple(raw["source"]) if isinstance(raw["source"], list) else (raw["source"],)
        try:
            skip_if = re.compile(raw["skip_if"], re.I) if raw.get("skip_if") else None
        except re.error as exc:
            raise PackError(path, f"fact {raw['id']}: bad skip_if: {exc}", raw.lines.get("skip_if")) from None
        shapes = []
        if kind == "token":
            pattern = r"(?<![\w-])(?P<y>" + "|".join(f"(?:{t})" for t in raw["tokens"]) + ")"
            shapes.append(("token", pattern, 0, Wrong(None, None)))
        else:
            for w in raw["wrong"]:
                rep = w.get("replacement")
                replacement = (rep["singular"], rep["plural"]) if rep else None
                try:
                    after = re.compile(w["except_after"], re.I) if w.get("except_after") else None
                except re.error as exc:
                    raise PackError(path, f"fact {raw['id']}: bad except_after: {exc}", w.lines.get("except_after")) from None
                wrong = Wrong(replacement, after)
                shapes.extend((name, shape, re.I, wrong) for name, shape in _shapes(raw["terms"], w["names"], bool(w.get("proper"))))
        words: tuple[frozenset[str] | None, ...]
        if kind == "token":
            words = (_needle(pattern),)
        else:
            words = (_needle(_alternation(raw["terms"])), _needle(_alternation([n for w in raw["wrong"] for n in w["names"]])))
        try:
            since = FactDate.parse(str(raw["since"])) if "since" in raw else None
        except ValueError as exc:
            raise PackError(path, f"fact {raw['id']}: since: {exc}", raw.lines.get("since")) from None
        out.append(Fact(raw["id"], raw["rule"], kind, raw["is"], source, tuple(shapes), words, skip_if,
                        raw.get("replacement", ""), since, raw.line))
    return tuple(out)


def _needle(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` holds: those its matches begin with
    (``prefilter.leading``: the longest, so "anxiety disorder" is looked for as "anxiety …", not
    as the "disorder" of every diagnosis), else those ``Needs`` finds anywhere in them."""
    found = leading(re.compile(pattern, re.I))
    return found if found is not None else Needs(pattern).literals


def _article(word: str) -> str:
    """'a' or 'an' for a word as said aloud: 'an NMDA receptor', 'a mood stabilizer'."""
    if re.match(r"[A-Z]{2}", word):
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def _case(said: str, new: str) -> str:
    """Capitalise the replacement like a sentence-initial class word ("Antidepressants" →
    "Mood stabilizers"); an acronym ("SSRI") says nothing about the case of its replacement."""
    if said[:1].isupper() and not said.isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def _list_ok(items: str, after: str) -> bool:
    """Whether the text between "such as" and the term is a list of earlier items that puts the
    term in the list ("serotonin, dopamine and BDNF"), not a new clause ("fluoxetine, ketamine
    acts differently"). ``after`` is the text after the term."""
    stripped = items.strip()
    if not stripped:
        return True
    parts = [p.strip() for p in re.split(r",|\band\b|\bor\b", stripped)]
    if not all(LIST_ITEM.match(p) for p in parts if p):
        return False
    if re.search(r",\s*(?:and|or)$", stripped, re.I):
        return len([p for p in parts if p]) >= 2  # "such as A, B, and X"; "such as A, and X" is two things
    if re.search(r"\b(?:and|or)$", stripped, re.I):
        return True
    if stripped.endswith(","):  # a middle item: the list must go on after the term
        return bool(re.match(r"\s*(?:,\s*[\w’'/\- ]{1,40}?(?:,|\s+and\b|\s+or\b)|,?\s*(?:and|or)\b)", after, re.I))
    return False


class Terminology(Check):
    """FCT001–FCT005 from rules/terminology-facts.yaml; FCT002, FCT005–FCT008 from the medicines
    KB (``claims.KBClaims``); FCT012 from the prevalence figures (``prevalence.py``)."""

    name = "terminology"
    rules = (WRONG_CLASS, DRUG_WRONG_CLASS, ROLE_SWAPPED, DSM_NAME, BRAND_MISMATCH, WRONG_MAKER, MECHANISM, DEVICE_TECH, DIAGNOSIS_CHAPTER,
             OLD_NAME, RETIRED_DIAGNOSIS, PREVALENCE)

    def check(self, doc, ctx):
        enabled = ctx.settings.enabled_codes
        text = doc.prose
        lowered = fold(text)  # lower case, of the same length: offsets carry over
        holding: dict[str, set[int]] = {}  # literal -> the sentences that hold it (facts share literals)
        seen: set[tuple[int, int]] = set()
        reported: list[tuple[int, int]] = []  # spans the facts reported: the KB leaves them alone
        written = _UNKNOWN
        for fact in facts():
            if fact.rule not in enabled:
                continue
            if fact.since is not None:
                if written is _UNKNOWN:
                    found = article_date(doc)
                    written = found.date if found else None
                if written is not None and written < fact.since.first_day():
                    continue  # written before the change: then it was right
            for sentence in self._candidates(doc, lowered, fact.needles, holding):
                s, e = sentence.start, sentence.end
                if sentence.quoted or (fact.skip_if and fact.skip_if.search(text, s, e)):
                    continue
                for shape, pattern, wrong in fact.shapes:
                    for m in pattern.finditer(text, s, e):
                        span = m.span("y")
                        if span in seen or not self._asserted(doc, shape, wrong, m, s, e):
                            continue
                        seen.add(span)
                        reported.append((m.start(), m.end()))
                        yield self._report(doc, ctx, fact, shape, wrong, m)
        if enabled & KB_CODES:
            yield from kb_claims(doc, ctx, enabled, reported)
        if PREVALENCE.code in enabled:
            yield from (diag for diag, _, _ in prevalence_claims(doc, ctx))

    @staticmethod
    def _candidates(doc, lowered: str, needles, holding: dict[str, set[int]]):
        """The sentences that contain a literal of every group in ``needles`` (found with
        ``str.find``, far cheaper than running every shape on every sentence; ``holding``
        remembers each literal's sentences for the other facts)."""
        chosen: set[int] | None = None
        for group in needles:
            if group is None:
                continue
            if chosen is not None and not chosen:
                break  # no sentence left: the other groups cannot add one
            indices = set()
            for literal in group:
                if literal not in holding:
                    holding[literal] = doc.sentences_holding(occurrences(literal, lowered))
                indices |= holding[literal]
            chosen = indices if chosen is None else chosen & indices
        if chosen is None:
            return doc.sentences
        return [doc.sentences[i] for i in sorted(chosen)]

    def _asserted(self, doc, shape: str, wrong: Wrong, m: re.Match, s: int, e: int) -> bool:
        """Whether the match asserts the wrong class (not negated, contrasted or discussed)."""
        text = doc.prose
        if doc.is_quoted(m.start(), m.end()):
            return False
        if shape == "token":
            return True
        if NEGATED.search(m.group(0)) or DISCUSSED.search(text, s, min(e, m.end() + 40)):
            return False
        if wrong.except_after and wrong.except_after.match(text, m.end("y")):
            return False
        if shape in ("class-before", "list") and CONTRAST.search(text[s : m.start()]):
            return False
        if shape == "list" and not _list_ok(m["items"], text[m.end() : e]):
            return False
        return True

    def _report(self, doc, ctx, fact: Fact, shape: str, wrong: Wrong, m: re.Match):
        ys, ye = m.span("y")
        said = doc.text[ys:ye]
        if fact.kind == "token":
            lead = {DSM_NAME.code: "is not the manual's name: it is", RETIRED_DIAGNOSIS.code: "is a retired diagnosis:"}.get(fact.rule, "is a former name:")
            message = f"“{said}” {lead} {fact.is_} ({fact.cited})."
            fix: Fix | None = None
            if fact.token_replacement:
                fix = make_fix(f"Replace “{said}” with “{fact.token_replacement}”", [(ys, ye, fact.token_replacement)], safe=False)
            return ctx.report(fact.rule, ys, ye, message, fix=fix)
        term = doc.text[m.start("x") : m.end("x")]
        message = f"“{term}” is put in the class “{said}”, but it is {fact.is_} ({fact.cited})."
        fix = None
        # In a list the class is right for the other items ("antidepressants such as sertraline
        # and lithium"): the term must move, not the class change, so there is no fix.
        if wrong.replacement and shape != "list" and doc.text[ys:ye] == doc.prose[ys:ye]:
            plural = said.lower().endswith("s") and not said.lower().endswith("ss")
            new = _case(said, wrong.replacement[1] if plural else wrong.replacement[0])
            edits = [(ys, ye, new)]
            art = m.groupdict().get("art")
            if art and art.lower() in ("a", "an") and not doc.prose[m.end("art") : ys].strip():
                article = match_case(art, _article(new))
                if article != art:
                    edits.insert(0, (m.start("art"), m.end("art"), article))
            fix = make_fix(f"Replace “{said}” with “{new}”", edits, safe=False)
        return ctx.report(fact.rule, m.start(), m.end(), message, fix=fix)
