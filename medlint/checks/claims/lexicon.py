"""``rules/claims.yaml`` compiled once per process, and the one scan per document that finds
where each of its patterns may begin (``claim_places``, shared with the evidence check)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from medlint.analysis.hedging import spaced, word_pattern
from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of
from medlint.model.errors import PackError
from medlint.text.prefilter import Starts, fold

_WORD_CLASS = re.compile(r"@([a-z_]+)")
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])(?!-\w)"


def _expand(pattern: str, classes: dict[str, str]) -> str:
    """Substitute word classes and let a space match any run of white space (markup is blanked)."""
    return spaced(_WORD_CLASS.sub(lambda m: classes[m.group(1)], pattern))


def _compile(pattern: str, classes: dict[str, str]) -> re.Pattern:
    return re.compile(_LEFT + "(?:" + _expand(pattern, classes) + ")" + _RIGHT, re.IGNORECASE)


@dataclass(frozen=True)
class ClaimPattern:
    code: str
    regex: re.Pattern
    replace: str | None


@dataclass(frozen=True)
class RuleData:
    context: str  # hype | claim
    exceptions: tuple[re.Pattern, ...]
    skip_before: re.Pattern | None


@dataclass(frozen=True)
class ContextWords:
    """The ``context`` section of ``rules/claims.yaml``: what makes a match not the writer's
    claim about a treatment."""

    research: re.Pattern
    treatment: re.Pattern
    personal: re.Pattern
    trial_report: re.Pattern
    onset: re.Pattern


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    code: str
    pattern: ClaimPattern
    match: re.Match
    reported: bool = False


class Lexicon:
    """``rules/claims.yaml`` compiled (its keys and values are checked against its format when
    read; here, that each pattern's source is one of ``sources``), with the appeals and
    statistics of ``rules/evidence.yaml``, which the same scan finds."""

    def __init__(self, data: dict):
        classes = {name: f"(?:{body})" for name, body in data["classes"].items()}
        sources = data["sources"]
        self.rules: dict[str, RuleData] = {}
        self.patterns: list[ClaimPattern] = []
        for code, spec in data["rules"].items():
            skip = spec.get("skip_before")
            self.rules[code] = RuleData(
                spec["context"],
                tuple(_compile(p, classes) for p in spec.get("exceptions", [])),
                word_pattern(skip) if skip else None,
            )
            for entry in spec["patterns"]:
                if entry["source"] not in sources:
                    raise PackError("rules/claims.yaml", f"{code}: source '{entry['source']}' is not one of the sources",
                                    line_of(entry, "source"))
                self.patterns.append(ClaimPattern(code, _compile(entry["match"], classes), entry.get("replace")))
        ctx = data["context"]
        self.context = ContextWords(
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
def lexicon() -> Lexicon:
    """The shipped patterns, compiled once per process."""
    return Lexicon(load_data("claims.yaml"))


@lru_cache(maxsize=128)
def claim_places(prose: str) -> list[list[int] | None]:
    """Where in ``prose`` each pattern of ``lexicon().starts`` may begin (read-only lists).

    Kept for the documents of a run (the two claim checks read the same ones, and a list of
    places is small), so that each document is scanned once.
    """
    return lexicon().starts.places(fold(prose))
