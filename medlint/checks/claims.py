"""CLM001–CLM009: overclaiming — hype, certainty, safety and cure claims, exclusivity,
superlatives, instant or permanent results, and causal or population overreach.

The patterns are data (``rules/claims.yaml``): each is built from word classes ("@intensifier
@effective"), so one entry covers wordings nobody listed. Whether a match is a claim depends on
its context (``medlint/hedging.py``): negated or distanced hype words pass; certainty, cure,
safety and superlative claims also pass when hedged ("may ease", "in some patients") or asked
as a question. Claims inside quoted speech are the writer's evidence and are reported as info.

CLM008 and CLM009 compare a claim with the evidence the text names for it: animal or cell
studies turned into a human result, and causal verbs drawn from an association (the two most
common exaggerations Sumner et al. found in health press releases).

Speed: each pattern is tried only where it may begin. One scan of a document
(``medlint/prefilter.py``) finds those places for every word-level pattern of the CLM family,
including the appeals to research and statistics of ``rules/evidence.yaml`` (CLM010–CLM011),
so the two claim checks share it (``claim_places``).

Whose claim a match is comes from the shared sentence reading (``medlint/analysis/reading.py``):
a named speaker's quoted or reported words are theirs (exclusivity stays, as info), as are
scare-quoted words, a person quoted on their own life, and personal accounts in a first-person
page; hype said of research, a named study's result, a trial's adverse-event report and an
onset comparison are not treatment claims. Fixes stay inside one sentence of prose, never in a
table cell or a quotation, with "a"/"an" agreeing.

Over 500 lines: nine rules' documentation (what, why, example, fix, source) is half of it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from medlint.analysis.hedging import QUOTED_SPEECH, Stance, default_context, report_claim, spaced, word_pattern
from medlint.analysis.reading import reading
from medlint.knowledge.kb import load_kb
from medlint.text.prefilter import Starts, fold
from medlint.model.rule import Check, make_fix, match_case, rule_doc
from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of
from medlint.model.errors import PackError

_SOURCES = (
    "HealthNewsReview.org criteria (red-flag words); FTC Health Products Compliance Guidance "
    "(Dec 2022); DISCERN Q6 (Charnock et al. 1999)"
)
_UNSAFE = (
    "Unsafe: the calibrated wording changes what the sentence claims, so a person must read "
    "it; the fix title says what it puts in."
)

HYPE = rule_doc(
    "CLM001",
    "hype-word",
    "A hype word describes a treatment: miracle, breakthrough, groundbreaking, revolutionary, game-changer.",
    what=(
        "Flags the red-flag words of health reporting and their variants: miracle (cure), "
        "breakthrough, groundbreaking, revolutionary / revolutionizing, game-changer, wonder "
        "drug, magic bullet, first-of-its-kind, 'new hope', hype nouns ('a new era', 'a quantum "
        "leap', in headings too) and a hype adjective before an outcome ('remarkable "
        "results'). Negated, distanced or scare-quoted uses pass ('not a miracle', 'so-called "
        "breakthrough'), as do a named speaker's words, a person quoted on their own life, "
        "hype said of research rather than a treatment ('a groundbreaking genetics study') and "
        "a word inside a name; hedges do not ('its potential as a groundbreaking treatment' is "
        "still hype). 'Breakthrough Therapy designation' and 'breakthrough pain' are terms."
    ),
    why=(
        "HealthNewsReview.org rated stories down for these words: they promise more than any "
        "single treatment delivers and crowd out the numbers readers need. The FTC notes that "
        "qualifiers such as 'promising' do not cure an overclaim."
    ),
    example=(
        "Bad: Ketamine is a groundbreaking treatment that is revolutionizing the field.\n"
        "Good: Ketamine is a new treatment that is changing the field."
    ),
    fix=_UNSAFE + " 'groundbreaking' → 'new', 'revolutionizing' → 'changing', 'new hope' → 'another option'.",
    source=_SOURCES,
    fixable=True,
)
CERTAINTY = rule_doc(
    "CLM002",
    "certainty-claim",
    "A claim of proof or certainty: proven, clinically proven, guaranteed, 100% effective, works for everyone.",
    what=(
        "Flags proof and certainty words joined to an efficacy word: '(clinically) proven "
        "(to be) effective', 'proven to reduce', 'guaranteed results', '100% effective', "
        "'works for everyone', 'always works', 'never fails', 'proves' as a verb ('the trial "
        "proves it effective'), and promises or assurances of an outcome ('we promise lasting "
        "relief', 'ensures results'). Negated or hedged uses pass ('has not been proven', "
        "'there is no guarantee', 'may help'), as does a universal said of something other "
        "than a treatment ('patience can always help')."
    ),
    why=(
        "Medicine rarely proves anything for everyone. The FTC names 'clinically proven', "
        "'proven' and 'guaranteed' as claims that need competent and reliable evidence, "
        "generally randomised trials in humans; readers take them literally."
    ),
    example=(
        "Bad: IV hydration therapy has proven to be effective.\n"
        "Good: IV hydration therapy has been shown to help some people in studies (Smith et al., 2020)."
    ),
    fix=_UNSAFE + " 'proven to be effective' → 'shown to help some people in studies' (which still needs its citation, CLM010).",
    source="FTC Health Products Compliance Guidance (Dec 2022)",
    fixable=True,
)
SAFETY = rule_doc(
    "CLM003",
    "safety-absolute",
    "An absolute safety claim: no side effects, completely safe, risk-free, harmless.",
    what=(
        "Flags 'no side effects', 'without any risks', 'entirely free of adverse effects', "
        "'zero risk of dependence', 'without producing major side effects', 'completely / "
        "totally / 100% safe', 'risk-free', 'harmless', and a substance said to do no harm to "
        "the brain or body. Negated, hedged or partial uses pass ('not without side effects', "
        "'little to no side effects', 'some people have no side effects'), as does a trial's "
        "report of adverse events next to the side effects it saw."
    ),
    why=(
        "Every treatment has risks. DISCERN asks whether an article describes them (Q11); an "
        "absolute safety claim hides them and can keep a reader from reporting a reaction."
    ),
    example=(
        "Bad: The infusion is completely safe.\n"
        "Good: The infusion is generally safe; common side effects are nausea and dizziness."
    ),
    fix=_UNSAFE + " 'completely safe' → 'generally safe'; the other forms need the real side effects named.",
    source="DISCERN Q11 (Charnock et al. 1999); FTC Health Products Compliance Guidance (Dec 2022)",
    fixable=True,
)
CURE = rule_doc(
    "CLM004",
    "cure-claim",
    "A treatment is said to cure a condition.",
    what=(
        "Flags 'cure' as a claim in all its forms: 'cures depression', 'can cure', 'cured my "
        "anxiety', 'a cure for PTSD'. Negated, hedged, distanced and questioned uses pass "
        "('there is no cure', 'not a cure', 'clinics that promise a cure', 'Is it a cure?')."
    ),
    why=(
        "Mental-health conditions are treated and managed; 'cure' promises an end that few "
        "treatments deliver. Disease claims of this kind are forbidden for supplements (21 CFR "
        "101.93) and are a HealthNewsReview red flag."
    ),
    example="Bad: Ketamine cures depression.\nGood: Ketamine may ease depression.",
    fix=_UNSAFE + " 'cures' → 'may ease', 'a cure for' → 'a treatment for'.",
    source="21 CFR 101.93; HealthNewsReview.org red-flag words; FTC Health Products Compliance Guidance (Dec 2022)",
    fixable=True,
)
EXCLUSIVE = rule_doc(
    "CLM005",
    "exclusive-claim",
    "An exclusive or universal-negative claim: 'the only treatment', 'no other … at all', 'nothing else works'.",
    what=(
        "Flags 'the only (effective) treatment / thing that works', universal negatives such "
        "as 'there are no other … at all' and 'no other drug comes close', and 'nothing else "
        "works'. Hedged or negated uses pass ('not the only option', 'the only option for many "
        "families'), as does a named study's result reported as such; a named speaker's "
        "exclusivity is reported as info."
    ),
    why=(
        "A claim that one treatment is the only one, or that nothing else works, cannot be "
        "supported by any single study and discourages readers from other options (DISCERN "
        "Q14: more than one treatment choice)."
    ),
    example=(
        "Bad: There are no other drugs that have any antidepressant effect at all.\n"
        "Good: Other drugs that act on the same receptor are still being studied."
    ),
    fix=_UNSAFE + " 'the only treatment' → 'one treatment'; universal negatives need rewording by hand.",
    source="HealthNewsReview.org criteria (alternatives); DISCERN Q14 (Charnock et al. 1999)",
    fixable=True,
)
SUPERLATIVE = rule_doc(
    "CLM006",
    "superlative-efficacy",
    "A superlative or intensified efficacy claim: 'very effective', 'the most effective', 'stays on the top'.",
    what=(
        "Flags an intensifier before an efficacy word ('very effective', 'tremendously "
        "beneficial'), superlatives ('the most effective', 'the best treatment', 'more "
        "effective than any other', 'unmatched', 'the most powerful antidepressant there is') "
        "and rankings ('stays on the top'). Hedged or conditional uses pass ('may be most "
        "effective when combined with therapy'), as do looking for the best option ('find the "
        "medication that is most effective', 'your best option'), praise of care in general, "
        "a named study's result and a named speaker's words. Safety ('the safest approach') is "
        "not efficacy."
    ),
    why=(
        "How well a treatment works is a number from a comparison; a superlative replaces the "
        "number with praise. HONcode asks that benefit claims be justified."
    ),
    example=(
        "Bad: Ketamine is very effective even in treatment-resistant depression.\n"
        "Good: Ketamine is effective in some people with treatment-resistant depression (cite the trial)."
    ),
    fix=_UNSAFE + " The intensifier is removed ('very effective' → 'effective'); other superlatives need rewording.",
    source="HONcode principles (justifiability); HealthNewsReview.org criteria (benefits quantified)",
    fixable=True,
)
INSTANT = rule_doc(
    "CLM007",
    "instant-or-permanent",
    "A promise of instant or permanent results: 'instant relief', 'works immediately', 'permanent cure'.",
    what=(
        "Flags instant, immediate or overnight results ('instant relief', 'works "
        "immediately') and permanent ones ('permanent relief', 'ends depression for good'). "
        "Hedged or negated uses pass ('the effects are temporary rather than permanent'), as "
        "does a comparison of how soon drug classes act ('sedatives work immediately, SSRIs "
        "take weeks')."
    ),
    why=(
        "Even fast-acting treatments take hours to days and their effects usually fade; "
        "promises of instant or lasting results set readers up for disappointment and are "
        "typical of advertising the FTC acts against."
    ),
    example="Bad: Patients feel instant relief.\nGood: Some patients feel relief within a day.",
    fix=_UNSAFE + " The speed or permanence adjective is removed ('instant relief' → 'relief').",
    source="FTC Health Products Compliance Guidance (Dec 2022); HealthNewsReview.org criteria",
    fixable=True,
)
ANIMAL = rule_doc(
    "CLM008",
    "animal-study-as-human",
    "Animal or cell evidence is presented as a result in people.",
    what=(
        "Flags a sentence that names animal, cell or preclinical evidence and draws a human "
        "conclusion from it ('a study in mice proves the drug cures depression in people'), "
        "and a general claim with no population ('Ketamine regrows brain cells.') followed in "
        "the same paragraph by a study that was done in animals. Passes when the text keeps "
        "the result in its place ('not yet tested in people', 'in mice')."
    ),
    why=(
        "Sumner et al. (BMJ 2014) found that 36% of health press releases inferred human "
        "effects from animal research, and that news stories copied the exaggeration. The FTC "
        "does not accept animal or in-vitro studies alone as evidence for a health claim."
    ),
    example=(
        "Bad: A mouse study shows that the drug cures depression in people.\n"
        "Good: In a study in mice, the drug reversed stress-induced behaviour; it has not been tested in people."
    ),
    fix="No automatic fix: say which animals or cells were studied, and that human trials are needed.",
    source="Sumner et al. 2014, BMJ 349:g7015; FTC Health Products Compliance Guidance (Dec 2022)",
)
ASSOCIATION = rule_doc(
    "CLM009",
    "association-as-cause",
    "A causal verb where the evidence named is an association.",
    what=(
        "Flags direct causal verbs (causes, leads to, prevents, reduces the risk, cures) in a "
        "sentence that names correlational evidence ('is associated with', 'linked to', an "
        "observational or survey study), or in the sentence right after one that draws its "
        "conclusion ('This shows that …'). Hedged causal verbs ('may reduce') pass."
    ),
    why=(
        "An association cannot show cause. Sumner et al. found causal claims from "
        "correlational studies in 33% of health press releases; Yu et al. (2019) found direct "
        "causal language in 21.7% of observational study conclusions."
    ),
    example=(
        "Bad: A survey linked daily walks to lower depression scores, which shows walking causes better mood.\n"
        "Good: A survey linked daily walks to lower depression scores; walking is linked to better mood."
    ),
    fix=_UNSAFE + " 'causes' → 'is linked to', 'reduces the risk' → 'is linked to a lower risk'; other verbs need rewording.",
    source="Sumner et al. 2014, BMJ 349:g7015; Yu et al. 2019 (EMNLP)",
    fixable=True,
)

_MESSAGES = {
    "CLM001": "“{m}” is hype; say what the treatment does, for whom, and how well (with the evidence)",
    "CLM002": "“{m}” claims proof or certainty; say what studies found, in whom, and cite them",
    "CLM003": "“{m}” is an absolute safety claim; every treatment has risks — name the known side effects",
    "CLM004": "“{m}” claims a cure; mental-health treatments ease or manage symptoms — say what studies found",
    "CLM005": "“{m}” claims exclusivity; other options exist or have not been ruled out — name them or soften the claim",
    "CLM006": "“{m}” is a superlative of efficacy; give the comparison or the numbers, with a citation",
    "CLM007": "“{m}” promises instant or permanent results; say how soon and for how long, from the evidence",
}
_WORD_CLASS = re.compile(r"@([a-z_]+)")
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])(?!-\w)"


def _expand(pattern: str, classes: dict[str, str]) -> str:
    """Substitute word classes and let a space match any run of white space (markup is blanked)."""
    return spaced(_WORD_CLASS.sub(lambda m: classes[m.group(1)], pattern))


def _compile(pattern: str, classes: dict[str, str]) -> re.Pattern:
    return re.compile(_LEFT + "(?:" + _expand(pattern, classes) + ")" + _RIGHT, re.IGNORECASE)


@dataclass(frozen=True)
class _Pattern:
    code: str
    regex: re.Pattern
    replace: str | None


@dataclass(frozen=True)
class _RuleData:
    context: str  # hype | claim
    exceptions: tuple[re.Pattern, ...]
    skip_before: re.Pattern | None


@dataclass(frozen=True)
class _Context:
    """The ``context`` section of ``rules/claims.yaml``: what makes a match not the writer's
    claim about a treatment."""

    research: re.Pattern
    treatment: re.Pattern
    personal: re.Pattern
    trial_report: re.Pattern
    onset: re.Pattern


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    code: str
    pattern: _Pattern
    match: re.Match
    reported: bool = False


class _Lexicon:
    """``rules/claims.yaml`` compiled (its keys and values are checked against its format when
    read; here, that each pattern's source is one of ``sources``), with the appeals and
    statistics of ``rules/evidence.yaml``, which the same scan finds."""

    def __init__(self, data: dict):
        classes = {name: f"(?:{body})" for name, body in data["classes"].items()}
        sources = data["sources"]
        self.rules: dict[str, _RuleData] = {}
        self.patterns: list[_Pattern] = []
        for code, spec in data["rules"].items():
            skip = spec.get("skip_before")
            self.rules[code] = _RuleData(
                spec["context"],
                tuple(_compile(p, classes) for p in spec.get("exceptions", [])),
                word_pattern(skip) if skip else None,
            )
            for entry in spec["patterns"]:
                if entry["source"] not in sources:
                    raise PackError("rules/claims.yaml", f"{code}: source '{entry['source']}' is not one of the sources",
                                    line_of(entry, "source"))
                self.patterns.append(_Pattern(code, _compile(entry["match"], classes), entry.get("replace")))
        ctx = data["context"]
        self.context = _Context(
            research=re.compile(r"\s+(?:[\w,'’-]+\s+){0,4}?" + ctx["research_nouns"] + r"\b", re.IGNORECASE),
            treatment=re.compile(_expand(ctx["treatment_words"], classes), re.IGNORECASE),
            personal=re.compile(_expand(ctx["personal"], classes), re.IGNORECASE),
            trial_report=re.compile(ctx["trial_report"], re.IGNORECASE),
            onset=re.compile(ctx["onset_comparison"], re.IGNORECASE),
        )
        animal = data["animal"]
        self.animal = word_pattern(animal["markers"])
        self.humans = word_pattern(animal["humans"])
        self.conclusions = word_pattern(animal["conclusions"])
        self.animal_limits = word_pattern(animal["limits"])
        self.study = word_pattern(animal["study"])
        self.general_claim = word_pattern(animal["general_claims"])
        assoc = data["association"]
        self.association = re.compile(
            _LEFT + "(?:" + "|".join(f"(?:{_expand(p, classes)}{_RIGHT})" for p in assoc["markers"]) + ")",
            re.IGNORECASE,
        )
        self.causal = [(_compile(c["match"], classes), c.get("replace")) for c in assoc["causal"]]
        self.follow_up = re.compile(r"\W*" + _expand(assoc["follow_up"], classes), re.IGNORECASE)
        # The appeals to research and statistics of rules/evidence.yaml (CLM010-CLM011).
        evidence = load_data("evidence.yaml")
        self.appeals = word_pattern(evidence["appeals"])
        self.statistics = word_pattern(evidence["statistics"])
        # One scan of a document finds where each of these may begin (all at a word boundary).
        scanned = [self.animal, self.association, self.appeals, self.statistics]
        self.starts = Starts([p.regex for p in self.patterns] + scanned, _LEFT)
        first = len(self.patterns)
        self.animal_index, self.association_index, self.appeals_index, self.statistics_index = range(first, first + 4)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The shipped patterns, compiled once per process."""
    return _Lexicon(load_data("claims.yaml"))


@lru_cache(maxsize=128)
def claim_places(prose: str) -> list[list[int] | None]:
    """Where in ``prose`` each pattern of ``lexicon().starts`` may begin (read-only lists).

    Kept for the documents of a run (the two claim checks read the same ones, and a list of
    places is small), so that each document is scanned once.
    """
    return lexicon().starts.places(fold(prose))


_MINOR_WORDS = frozenset("a an the and or of for in on to at by with".split())


def fix_case(original: str, replacement: str) -> str:
    """``match_case``, plus Title Case for headings ("A Breakthrough Drug" → "A New Drug")."""
    words = [w for w in original.split() if w[:1].isalpha()]
    if len(words) > 1 and all(w[:1].isupper() for w in words) and not original.isupper():
        return " ".join(
            w if i and w in _MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(replacement.split())
        )
    return match_case(original, replacement)


def _bounds(doc, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``start``, stretched to ``end`` (or the span itself outside sentences)."""
    sentence = doc.sentence_at(start)
    if sentence is None:
        return start, end
    return sentence.start, max(sentence.end, end)


class Overclaiming(Check):
    """Word-level and sentence-level overclaiming rules (CLM001–CLM009)."""

    name = "overclaiming"
    rules = (HYPE, CERTAINTY, SAFETY, CURE, EXCLUSIVE, SUPERLATIVE, INSTANT, ANIMAL, ASSOCIATION)
    options = {"quoted_speech": QUOTED_SPEECH}

    def check(self, doc, ctx):
        lex = lexicon()
        context = default_context()
        read = reading(doc)
        enabled = ctx.settings.enabled_codes
        places = claim_places(doc.prose)
        found = []
        for cand in self._candidates(doc, lex, enabled, places):
            s_start, _ = _bounds(doc, cand.start, cand.end)
            stance = read.stance(cand.start, cand.end)
            if self._passes(lex.rules[cand.code], stance, doc.prose, context, s_start, cand.start):
                continue
            voice = _voice(read, lex, cand)
            if voice == "not a claim":
                continue
            if voice == "speaker":
                # A named speaker's words are theirs: reported only when asked for ('report'),
                # or, for exclusivity, as info.
                mode = ctx.options["quoted_speech"]
                if mode == "skip" or (mode == "info" and cand.code != "CLM005"):
                    continue
            found.append(replace(cand, reported=stance.reported or voice == "speaker"))
        for cand in _without_overlaps(found):
            message = _MESSAGES[cand.code].format(m=_shown(doc, cand))
            fix = self._fix(read, cand)
            diag = self._report(doc, ctx, cand.code, cand.start, cand.end, message, fix, cand.reported)
            if diag is not None:
                yield diag
        if "CLM008" in enabled:
            yield from filter(None, self._animal(doc, ctx, lex, context, places))
        if "CLM009" in enabled:
            yield from filter(None, self._association(doc, ctx, lex, context, places))

    # -- word-level rules ---------------------------------------------------------------------
    @staticmethod
    def _candidates(doc, lex: _Lexicon, enabled, places):
        """Every pattern match inside one prose block (each pattern tried only where it can begin)."""
        starts = [b.start for b in doc.blocks]
        for index, pattern in enumerate(lex.patterns):
            if pattern.code not in enabled:
                continue
            if places[index] == []:
                continue  # nowhere to begin
            rule = lex.rules[pattern.code]
            for m in lex.starts.finditer(index, places, doc.prose):
                i = bisect.bisect_right(starts, m.start()) - 1
                if i < 0 or m.end() > doc.blocks[i].end:
                    continue  # outside prose, or running from one block into the next
                lo, hi = max(doc.blocks[i].start, m.start() - 80), min(doc.blocks[i].end, m.end() + 80)
                nearby = (e for x in rule.exceptions for e in x.finditer(doc.prose, lo, hi))
                if any(e.start() < m.end() and m.start() < e.end() for e in nearby):
                    continue
                yield _Candidate(m.start(), m.end(), pattern.code, pattern, m)

    @staticmethod
    def _passes(rule: _RuleData, stance: Stance, prose: str, context, s_start: int, start: int) -> bool:
        if rule.context == "hype":
            return stance.denied
        if not stance.asserted:
            return True
        if rule.skip_before is not None:
            return bool(rule.skip_before.search(prose, context.clause_start(prose, s_start, start), start))
        return False

    @staticmethod
    def _fix(read, cand: _Candidate):
        """The calibrated wording, inside one sentence of running prose (``Reading.fixable``:
        never in a heading, table, quotation, or across markup), with "a"/"an" agreeing."""
        if cand.pattern.replace is None or not read.fixable(cand.start, cand.end, headings=True):
            return None
        original = read.doc.text[cand.start : cand.end]
        replacement = fix_case(original, cand.match.expand(cand.pattern.replace))
        start, end, new = read.article_edit(cand.start, cand.end, replacement)
        return make_fix(
            f"Replace “{read.doc.text[start:end]}” with “{new}” (calibrated wording): check that the "
            "sentence still says what its evidence supports",
            [(start, end, new)],
            safe=False,
        )

    @staticmethod
    def _report(doc, ctx, code, start, end, message, fix, reported=False):
        sentence = doc.sentence_at(start)
        quoted = sentence is not None and sentence.quoted
        return report_claim(ctx, doc, code, start, end, message, fix, sentence_quoted=quoted, reported=reported)

    # -- CLM008: animal or cell evidence as a human result ----------------------------------
    def _animal(self, doc, ctx, lex: _Lexicon, context, places):
        prose = doc.prose
        items = doc.sentences
        # Both findings need animal evidence in the sentence or the next one: most sentences
        # have no place where a marker may begin, and are passed over.
        may_name_animals = doc.sentences_holding(places[lex.animal_index])
        for i in sorted(may_name_animals | {i - 1 for i in may_name_animals if i}):
            sent = items[i]
            animal = None
            if i in may_name_animals:
                animal = lex.starts.search(lex.animal_index, places, prose, sent.start, sent.end)
            if animal:
                yield self._animal_conclusion(doc, ctx, lex, context, sent, animal)
            elif i + 1 < len(items) and i + 1 in may_name_animals:
                yield self._general_then_animal(doc, ctx, lex, context, sent, items[i + 1])

    def _animal_conclusion(self, doc, ctx, lex, context, sent, animal):
        """One sentence: animal evidence, then a conclusion about people ("… which means patients …")."""
        prose, s, e = doc.prose, sent.start, sent.end
        if lex.animal_limits.search(prose, s, e):
            return None
        conclusion = lex.conclusions.search(prose, animal.end(), e) or lex.conclusions.search(prose, s, animal.start())
        if not conclusion:
            return None
        human = next((h for h in lex.humans.finditer(prose, conclusion.end(), e) if not _inside(h, animal)), None)
        if human is None or conclusion.end() <= animal.start() < human.start():
            return None  # no person in the conclusion, or the conclusion is about the animals
        stance = context.stance(prose, s, e, conclusion.start(), human.end())
        if not stance.asserted and not (stance.reported and not (stance.negated or stance.hedged)):
            return None
        return self._report(
            doc,
            ctx,
            "CLM008",
            conclusion.start(),
            human.end(),
            f"the evidence here is from {animal.group()}, but the sentence concludes about "
            f"{human.group()}; keep the result to the animals or cells studied",
            None,
            stance.reported,
        )

    def _general_then_animal(self, doc, ctx, lex, context, sent, nxt):
        """A claim with no population ("Ketamine regrows brain cells."), then a study in animals."""
        prose, s, e = doc.prose, sent.start, sent.end
        claim = lex.general_claim.search(prose, s, e)
        if not claim or lex.humans.search(prose, s, e):
            return None
        heading_then_text = doc.blocks[sent.block].kind == "heading" and nxt.block == sent.block + 1
        if nxt.block != sent.block and not heading_then_text:
            return None
        evidence = lex.animal.search(prose, nxt.start, nxt.end)
        if not evidence or not lex.study.search(prose, nxt.start, nxt.end) or lex.animal_limits.search(prose, nxt.start, nxt.end):
            return None
        stance = context.stance(prose, s, e, claim.start(), claim.end())
        if not stance.asserted:
            return None
        return self._report(
            doc,
            ctx,
            "CLM008",
            claim.start(),
            claim.end(),
            f"“{claim.group()}” is stated generally, but the study that follows (line "
            f"{doc.position(evidence.start())[0]}) was in {evidence.group()}; say so in this sentence",
            None,
        )

    # -- CLM009: causal verb from an association ---------------------------------------------
    def _association(self, doc, ctx, lex: _Lexicon, context, places):
        """A causal verb after an association in the same sentence, or in a follow-up ("This shows…")."""
        prose = doc.prose
        items = doc.sentences
        for i in sorted(doc.sentences_holding(places[lex.association_index])):
            sent = items[i]
            marker = lex.starts.search(lex.association_index, places, prose, sent.start, sent.end)
            if not marker:
                continue
            targets = [(marker.end(), sent)]
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is not None and nxt.block == sent.block and lex.follow_up.match(prose, nxt.start, nxt.end):
                targets.append((nxt.start, nxt))
            for search_from, target in targets:
                hit = self._causal_verb(prose, lex, context, search_from, target)
                if hit is None:
                    continue
                verb, wording, stance = hit
                fix = None
                if wording and reading(doc).fixable(verb.start(), verb.end()):
                    replacement = match_case(verb.group(), wording)
                    fix = make_fix(
                        f"Replace “{verb.group()}” with “{replacement}”; check that the evidence named is an "
                        "association and the sentence still reads",
                        [(verb.start(), verb.end(), replacement)],
                        safe=False,
                    )
                yield self._report(
                    doc,
                    ctx,
                    "CLM009",
                    verb.start(),
                    verb.end(),
                    f"“{verb.group()}” states cause, but the evidence named (“{' '.join(marker.group().split())}”) "
                    "is an association; say “is linked to” or cite a trial that tested the cause",
                    fix,
                    stance.reported,
                )

    @staticmethod
    def _causal_verb(prose, lex: _Lexicon, context, search_from: int, sentence):
        """The first asserted causal verb in ``sentence`` at or after ``search_from``."""
        best = None
        for regex, wording in lex.causal:
            for m in regex.finditer(prose, search_from, sentence.end):
                stance = context.stance(prose, sentence.start, sentence.end, m.start(), m.end())
                if stance.negated or stance.hedged or stance.distanced or stance.question:
                    continue
                if best is None or m.start() < best[0].start():
                    best = (m, wording, stance)
                break
        return best


def _voice(read, lex: _Lexicon, cand: _Candidate) -> str | None:
    """Whose claim a match is: "speaker" (a quoted or reported speaker's words), "not a claim"
    (a name, scare quotes, said of research, of a person's own experience, a trial's report, a
    comparison of onsets, or not about a treatment), or None (the writer's own claim)."""
    doc, c = read.doc, lex.context
    i = read.index_at(cand.start)
    if i is None:
        return None
    sent = read.sentences[i]
    prose = doc.prose
    speech = read.speech(cand.start, cand.end)
    if (speech is not None and speech.scare) or _scare_quoted(prose, cand.start, cand.end):
        return "not a claim"  # scare quotes: the writer holds the word at a distance
    if speech is not None and read.lex.first_person.search(prose, speech.start, speech.end):
        return "not a claim"  # someone quoted on their own life ("… both feel like miracles")
    if (speech is not None and (speech.attributed or speech.block)) or read.reported_by_name(i, cand.start, cand.end):
        return "speaker"
    if read.genre.kind == "personal" and c.personal.search(prose, sent.start, sent.end):
        return "not a claim"  # a personal account of the writer's (or a friend's) own life
    if doc.blocks[sent.block].kind != "heading" and _in_name(prose, cand.start, cand.end, sent.start):
        return "not a claim"
    if cand.code == "CLM001" and c.research.match(prose, cand.end) and not c.treatment.search(prose, sent.start, sent.end):
        return "not a claim"  # "a groundbreaking study": praise of research, no treatment claimed
    if cand.code in ("CLM005", "CLM006"):
        support = read.support(i)
        if support is not None and support.kind not in ("speaker", "quoted-source") and support.how not in ("press release", "next paragraph"):
            return "not a claim"  # a named study's result, reported as such
    if cand.code == "CLM003" and c.trial_report.search(prose, sent.start, sent.end):
        return "not a claim"
    if cand.code == "CLM007" and c.onset.search(prose, sent.start, sent.end):
        return "not a claim"
    if cand.code == "CLM002" and _UNIVERSAL.search(cand.match.group()) and not _about_treatment(read, lex, i):
        return "not a claim"  # "honesty can always help": a universal said of something else
    return None


_UNIVERSAL = re.compile(r"\b(?:always|every\w*|all|never|without fail)\b", re.IGNORECASE)


def _about_treatment(read, lex: _Lexicon, i: int) -> bool:
    """Whether sentence ``i`` (or the one before it) names a treatment, or its subject is a
    pronoun that may stand for one: universal and safety claims are about a treatment."""
    prose = read.doc.prose
    spans = [read.sentences[i]]
    prev = read.previous(i)
    if prev is not None:
        spans.append(read.sentences[prev])
    if any(lex.context.treatment.search(prose, s.start, s.end) for s in spans):
        return True
    subject = read.subject(i)
    if subject and _PRONOUN_SUBJECT.match(prose, subject[0], subject[1]):
        return True
    return bool(load_kb().product_mentions(prose, read.sentences[i].start, read.sentences[i].end))


_PRONOUN_SUBJECT = re.compile(r"\W*(?:it|this|these|they|that|those)\b", re.IGNORECASE)


def _scare_quoted(prose: str, start: int, end: int) -> bool:
    """Quote marks right around the match: "could be ‘breakthrough’ therapy"."""
    before, after = prose[start - 1 : start], prose[end : end + 1]
    return bool(before and after and before in "“‘\"'" and after in "”’\"'")


def _in_name(prose: str, start: int, end: int, sentence_start: int) -> bool:
    """A capitalised claim word with a capitalised neighbour, inside a sentence: part of a name
    ("Dr. Nick's Cure-All Home Remedy")."""
    if start == sentence_start or not prose[start : start + 1].isupper():
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", prose[sentence_start:end + 200].split("\n")[0])
    if words and sum(w[0].isupper() for w in words) * 5 >= len(words) * 3:
        return False  # a title in title case, not a name
    before = prose[max(sentence_start, start - 30) : start].split()
    after = prose[end : end + 30].split()
    neighbours = ([before[-1]] if before else []) + ([after[0]] if after else [])
    return any(w[:1].isupper() and w.strip("’'s.,") not in ("I", "A", "The") for w in neighbours)


def _inside(m: re.Match, outer: re.Match) -> bool:
    return outer.start() <= m.start() and m.end() <= outer.end()


def _shown(doc, cand: _Candidate) -> str:
    """The matched words as the reader sees them (markup removed, white space collapsed)."""
    return " ".join(doc.prose[cand.start : cand.end].split())


def _without_overlaps(found: list[_Candidate]) -> list[_Candidate]:
    """Longest match first; a match overlapping one already kept is dropped (one finding per phrase)."""
    order = {code: i for i, code in enumerate(_MESSAGES)}
    kept: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), order[c.code], c.start)):
        if not any(cand.start < k.end and k.start < cand.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)
