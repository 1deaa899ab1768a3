"""FCT: factual terminology — a term put in the wrong class or role, or a wrong form of a name.

The facts are data (``rules/terminology-facts.yaml``): each names a term, what it is, the
classes or roles it is not, and the source. A sentence can say "X is a Y" in many ways, so one
set of assertion shapes is applied to every fact:

- copula: "BDNF is a neurotransmitter", "ketamine acts as an SSRI", "GABA is the brain's main
  excitatory neurotransmitter";
- apposition: "BDNF, a neurotransmitter,", "lithium (an antidepressant)", "Spravato (ketamine)";
- a class noun before the name: "another neurotransmitter called BDNF", "the SSRI ketamine",
  "the ketamine nasal spray Spravato";
- list membership: "neurotransmitters such as serotonin and BDNF";
- "X and other Ys": "lithium and other antidepressants".

Modifiers between the article and the class are a closed list ("the brain's main"), so "BDNF
is a protein that affects neurotransmitter release" is not read as a claim. Negations ("is not
an SSRI"), contrasts ("unlike SSRIs such as…") and sentences that discuss the mistake ("often
wrongly called…") are skipped, as are quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, cache

from medlint.model.diagnostics import Severity
from medlint.model.errors import PackError
from medlint.knowledge.kb import bounded, case_sensitive
from medlint.text.prefilter import Needs, fold, occurrences
from medlint.model.rule import Check, Fix, make_fix, match_case, rule_doc
from medlint.knowledge.resources import load_data

FILE = "terminology-facts.yaml"
_SOURCE = "rules/terminology-facts.yaml (sources per fact: health-writing-standards.md, NIMH, StatPearls, IUPAC, APA via Medscape)"

WRONG_CLASS = rule_doc(
    "FCT001",
    "term-wrong-class",
    "Puts a biological term in the wrong class: BDNF or a receptor called a neurotransmitter.",
    what=(
        "Finds sentences that say a term is a member of a class it does not belong to, in any "
        "of the usual shapes ('X is a Y', 'X, a Y,', 'another Y called X', 'Ys such as X', "
        "'X and other Ys'). BDNF is a neurotrophic factor (a protein); the NMDA receptor is a "
        "receptor that glutamate binds to."
    ),
    why=(
        "Mechanism explanations are where readers learn what a treatment does. Calling BDNF a "
        "neurotransmitter teaches a wrong model and tells informed readers the page was not "
        "checked."
    ),
    example="Bad: Ketamine raises another neurotransmitter called brain-derived neurotrophic factor (BDNF).\nGood: Ketamine raises a protein called brain-derived neurotrophic factor (BDNF).",
    fix="Unsafe fix where the data gives the right class ('neurotransmitter' → 'protein'); receptors called neurotransmitters need rewording by hand.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
DRUG_WRONG_CLASS = rule_doc(
    "FCT002",
    "drug-wrong-class",
    "Puts a drug in a class it does not belong to: ketamine called an SSRI, lithium an antidepressant.",
    what="Same assertion shapes as FCT001, for drug classes: ketamine and esketamine are NMDA receptor antagonists; lithium is a mood stabilizer.",
    why="The class tells readers how a drug works, what its side effects are and what it may interact with. A wrong class misleads all three.",
    example="Bad: Lithium and other antidepressants can take weeks to work.\nGood: Lithium and other mood stabilizers can take weeks to work.",
    fix="Unsafe fix: the class is replaced with the right one (with its article: 'an SSRI' → 'an NMDA receptor antagonist').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
ROLE_SWAPPED = rule_doc(
    "FCT003",
    "transmitter-role-swapped",
    "Calls glutamate inhibitory or GABA excitatory.",
    what=(
        "Finds glutamate described as an inhibitory neurotransmitter, or GABA as an excitatory "
        "one, in the FCT001 shapes. Pairs such as 'excitatory and inhibitory … respectively' and "
        "sentences about the developing brain (where GABA can excite) are left alone."
    ),
    why="Glutamate (excitatory) and GABA (inhibitory) are the two poles of every ketamine and neurosteroid explanation; swapping them inverts the explanation.",
    example="Bad: GABA is the brain's main excitatory neurotransmitter.\nGood: GABA is the brain's main inhibitory neurotransmitter.",
    fix="Unsafe fix: 'excitatory' and 'inhibitory' are swapped back.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
DSM_NAME = rule_doc(
    "FCT004",
    "dsm-v-not-dsm-5",
    "Writes 'DSM-V' for the DSM-5.",
    what="Finds 'DSM-V', 'DSM V' and 'DSM-V-TR'. The American Psychiatric Association named the fifth edition DSM-5, with an Arabic numeral, so later revisions could be numbered DSM-5.1 and so on.",
    why="'DSM-V' is a name that never existed for the published manual; using it signals second-hand knowledge.",
    example="Bad: PTSD is defined in the DSM-V.\nGood: PTSD is defined in the DSM-5.",
    fix="Unsafe fix: 'DSM-V' → 'DSM-5'. Unsafe because titles of works from before 2013 ('A Research Agenda for DSM-V') keep their name.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
BRAND_MISMATCH = rule_doc(
    "FCT005",
    "brand-generic-mismatch",
    "Names the wrong drug for a brand: Spravato called ketamine (it is esketamine), Auvelity called a ketamine product.",
    what="Finds a brand name equated with a drug it does not contain, in the FCT001 shapes and in parentheses ('Spravato (ketamine)', 'ketamine (Spravato)').",
    why="Spravato's approval is routinely borrowed for racemic ketamine infusions; naming the brand as ketamine makes the borrowing look legitimate.",
    example="Bad: Spravato is ketamine in a nasal spray.\nGood: Spravato is esketamine in a nasal spray.",
    fix="Unsafe fix where the data gives the right name ('ketamine' → 'esketamine').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
_RULES = {r.code: r for r in (WRONG_CLASS, DRUG_WRONG_CLASS, ROLE_SWAPPED, DSM_NAME, BRAND_MISMATCH)}

#: Words that may stand between the article and the class ("the brain's main excitatory …").
MODS = (
    r"(?:main|primary|principal|chief|major|key|important|powerful|potent|natural|naturally[- ]occurring|chemical|"
    r"brain['’]?s|body['’]?s|most|common|commonly[- ]used|well[- ]known|known|new|novel|different|unique|"
    r"fast[- ]acting|rapid[- ]acting|oral|nasal|injectable|crucial|critical|vital|essential|similar|atypical|"
    r"typical|so[- ]called|excitatory|inhibitory|mood[- ]regulating|feel[- ]good|specific|particular|special|"
    r"certain|modern|traditional|standard|first[- ]line|kind\s+of|type\s+of|form\s+of|class\s+of|sort\s+of|"
    r"legal|prescription|generic|synthetic|inhaled|intranasal|ketamine[- ]based)"
)
ART = r"(?P<art>an?|the|another|one\s+of\s+the|one\s+of|an?\s+(?:type|kind|form|class|sort)\s+of|an?\s+example\s+of)"
ART_PROPER = r"(?P<art>an?|the)"
MODS_PROPER = r"(?:new|nasal|oral|intranasal|inhaled|injectable|prescription|generic|synthetic|legal)"
COPULA = (
    r"(?:is|was|are|were|acts?\s+as|works?\s+as|functions?\s+as|serves?\s+as|is\s+considered|are\s+considered|"
    r"is\s+classified\s+as|is\s+known\s+as|is\s+called|remains|became|becomes|is\s+also|was\s+also|"
    r"is\s+actually|is\s+essentially|is\s+basically|is\s+simply|is\s+just|is\s+really)"
)
CONNECTOR = (
    r"(?:(?:called|named|known\s+as|termed)\s+|(?:nasal\s+spray|spray|brand|product|drug|medication|medicine|"
    r"treatment|(?:neuro)?transmitters?|chemical\s+messengers?|amino\s+acids?)\s+)"
)
LIST_INTRO = r"(?:such\s+as|like|including|e\.g\.,?|for\s+example,?|for\s+instance,?|especially|particularly)"
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.I)
_DISCUSSED = re.compile(r"\b(?:mistaken(?:ly)?|misnomer|wrongly|incorrectly|erroneously|myths?|misconceptions?|misleadingly|rather\s+than|instead\s+of)\b", re.I)
_CONTRAST = re.compile(r"(?:\bunlike|\bcompared\s+(?:with|to)|\bthan|\bversus|\bvs\.?|\brather\s+than|\binstead\s+of|\bnot|n['’]t|\bother\s+than|\bbesides|\bbeyond|\bbut)\W*(?:\w+\W+){0,3}$", re.I)
_LIST_ITEM = re.compile(r"^[\w’'/\- ]{1,40}$")


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
    needles: tuple[Needs, ...]  # a sentence needs a literal of each group (term, class)
    skip_if: re.Pattern | None
    token_replacement: str
    line: int | None  # where the fact is in the file, for errors

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
        words: tuple[Needs, ...]
        if kind == "token":
            words = (Needs(pattern),)
        else:
            words = (Needs(_alternation(raw["terms"])), Needs(_alternation([n for w in raw["wrong"] for n in w["names"]])))
        out.append(Fact(raw["id"], raw["rule"], kind, raw["is"], source, tuple(shapes), words, skip_if,
                        raw.get("replacement", ""), raw.line))
    return tuple(out)


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
    if not all(_LIST_ITEM.match(p) for p in parts if p):
        return False
    if re.search(r",\s*(?:and|or)$", stripped, re.I):
        return len([p for p in parts if p]) >= 2  # "such as A, B, and X"; "such as A, and X" is two things
    if re.search(r"\b(?:and|or)$", stripped, re.I):
        return True
    if stripped.endswith(","):  # a middle item: the list must go on after the term
        return bool(re.match(r"\s*(?:,\s*[\w’'/\- ]{1,40}?(?:,|\s+and\b|\s+or\b)|,?\s*(?:and|or)\b)", after, re.I))
    return False


class Terminology(Check):
    """FCT001–FCT005 from rules/terminology-facts.yaml."""

    name = "terminology"
    rules = (WRONG_CLASS, DRUG_WRONG_CLASS, ROLE_SWAPPED, DSM_NAME, BRAND_MISMATCH)

    def check(self, doc, ctx):
        enabled = ctx.settings.enabled_codes
        text = doc.prose
        lowered = fold(text)  # lower case, of the same length: offsets carry over
        holding: dict[str, set[int]] = {}  # literal -> the sentences that hold it (facts share literals)
        seen: set[tuple[int, int]] = set()
        for fact in facts():
            if fact.rule not in enabled:
                continue
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
                        yield self._report(doc, ctx, fact, shape, wrong, m)

    @staticmethod
    def _candidates(doc, lowered: str, needles, holding: dict[str, set[int]]):
        """The sentences that contain a literal of every group in ``needles`` (found with
        ``str.find``, far cheaper than running every shape on every sentence; ``holding``
        remembers each literal's sentences for the other facts)."""
        chosen: set[int] | None = None
        for group in needles:
            if group.literals is None:
                continue
            indices = set()
            for literal in group.literals:
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
        if _NEGATED.search(m.group(0)) or _DISCUSSED.search(text, s, min(e, m.end() + 40)):
            return False
        if wrong.except_after and wrong.except_after.match(text, m.end("y")):
            return False
        if shape in ("class-before", "list") and _CONTRAST.search(text[s : m.start()]):
            return False
        if shape == "list" and not _list_ok(m["items"], text[m.end() : e]):
            return False
        return True

    def _report(self, doc, ctx, fact: Fact, shape: str, wrong: Wrong, m: re.Match):
        ys, ye = m.span("y")
        said = doc.text[ys:ye]
        if fact.kind == "token":
            message = f"“{said}” is not the manual's name: it is {fact.is_}. Source: {'; '.join(fact.source)}"
            fix: Fix | None = make_fix(f"Replace “{said}” with “{fact.token_replacement}”", [(ys, ye, fact.token_replacement)], safe=False)
            return ctx.report(fact.rule, ys, ye, message, fix=fix)
        term = doc.text[m.start("x") : m.end("x")]
        message = f"“{term}” is put in the class “{said}”, but it is {fact.is_}. Source: {'; '.join(fact.source)}"
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
