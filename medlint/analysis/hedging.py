"""Is a matched claim asserted? Negation, hedging, distancing and questions around a span.

Claim rules find words ("cure", "proven", "breakthrough"); whether the writer *makes* the claim
depends on the words around them. "There is no cure" and "not a miracle" deny it; "may help" and
"in some patients" hedge it (DISCERN rewards such uncertainty language); "so-called
breakthrough" and "clinics that promise a cure" report or warn about someone else's claim; a
question asks rather than states. This module reads that context from the sentence's prose,
within the claim's clause, using the lexicon in ``rules/hedging.yaml``.

Scopes are deliberately short: a negator counts only in the few words before the claim (so
"no doubt it is a breakthrough" and "not cheap, but a cure" stay claims), and a hedge only in
the claim's own clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from medlint.model.diagnostics import Severity
from medlint.model.rule import Option
from medlint.knowledge.resources import load_data

#: How many words before a claim a negator may stand and still negate it (never across a comma).
NEGATION_WORDS = 8
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Stance:
    """How the writer stands to one claim."""

    negated: bool = False
    hedged: bool = False
    distanced: bool = False
    question: bool = False
    reported: bool = False  # indirect speech or scare quotes: someone else's claim

    @property
    def asserted(self) -> bool:
        """True when nothing around the claim weakens it (the strict reading, for claims)."""
        return not (self.negated or self.hedged or self.distanced or self.question)

    @property
    def denied(self) -> bool:
        """True when the claim is negated or reported at a distance (the reading for hype words)."""
        return self.negated or self.distanced


def spaced(pattern: str) -> str:
    """Let a space in a data pattern match any run of white space (markup is blanked to spaces).

    ``" ?"`` becomes ``\\s*``; spaces inside a character class (``[- ]``) become ``\\s``. An
    escaped character (``\\ ``) is left as it is. One substitution over the pattern, not a loop
    over its characters: the claim and hedging lexicons pass a few hundred patterns through here
    at every start.
    """
    return _SPACED.sub(_respace, pattern) if " " in pattern else pattern


#: An escape, a character class (to its closing bracket, or the end), an optional space, a space.
_SPACED = re.compile(r"\\.?|\[(?:\\.?|[^\]\\])*\]?| \??", re.DOTALL)
_CLASS_SPACE = re.compile(r"\\.?| ", re.DOTALL)


def _respace(m: re.Match) -> str:
    piece = m.group()
    if piece[0] == "\\":
        return piece
    if piece[0] == "[":
        return _CLASS_SPACE.sub(lambda e: r"\s" if e.group() == " " else e.group(), piece) if " " in piece else piece
    return r"\s*" if piece == " ?" else r"\s+"


def _alternation(words) -> str:
    """The phrases as one alternation (rule data: its format makes every phrase a string, so a
    bare YAML ``no`` is an error at its line, not the word false)."""
    return "|".join(f"(?:{spaced(w)})" for w in words)


def word_pattern(words) -> re.Pattern:
    """One case-insensitive, word-bounded pattern for a list of phrases (spaces match any run)."""
    return re.compile(rf"(?<![\w-])(?:{_alternation(words)})(?![\w])", re.IGNORECASE)


class Context:
    """Judges claims with the lexicon from ``rules/hedging.yaml`` (checked against its format
    when read)."""

    def __init__(self, data: dict):
        self.breaks = re.compile("|".join(f"(?:{p})" for p in data["clause_breaks"]), re.IGNORECASE)
        self.negators = word_pattern(data["negators"])
        self.not_negating = word_pattern(data["not_negating"])
        self.negators_adjacent = re.compile(rf"\b(?:{_alternation(data['negators_adjacent'])})\s*$", re.IGNORECASE)
        self.negated_after = re.compile(
            rf"^\W*(?:(?!(?:who|that|which|where|when)\b)[\w'’-]+\W+){{0,3}}?(?:{'|'.join(data['negated_after'])})",
            re.IGNORECASE,
        )
        self.hedges_before = word_pattern(data["hedges_before"])
        self.hedges_after = word_pattern(data["hedges_after"])
        self.distancers = word_pattern(data["distancers"])
        self.reported_before = word_pattern(data["reported_before"])
        self.reported_after = re.compile(data["reported_after"], re.IGNORECASE)
        self.scare_quotes = re.compile(data["scare_quotes"])

    # -- clause bounds ----------------------------------------------------------------------
    def clause_start(self, prose: str, s_start: int, start: int) -> int:
        """Start of the clause that holds ``start`` (the sentence start, or just after a break)."""
        last = s_start
        for m in self.breaks.finditer(prose, s_start, start):
            last = m.end()
        return last

    def clause_end(self, prose: str, end: int, s_end: int) -> int:
        m = self.breaks.search(prose, end, s_end)
        return m.start() if m else s_end

    # -- the judgement ----------------------------------------------------------------------
    def stance(self, prose: str, s_start: int, s_end: int, start: int, end: int) -> Stance:
        """The stance of the sentence ``prose[s_start:s_end]`` towards the claim at ``start:end``."""
        c_start = self.clause_start(prose, s_start, start)
        c_end = self.clause_end(prose, end, s_end)
        before = prose[c_start:start]
        after = prose[end:c_end]
        return Stance(
            negated=self._negated(before, after),
            hedged=bool(self.hedges_before.search(before) or self.hedges_after.search(after)),
            distanced=bool(self.distancers.search(prose, s_start, s_end)),
            question=prose[s_start:s_end].rstrip(" \"'”’)").endswith("?"),
            reported=self._reported(prose, s_start, s_end, start, end),
        )

    def _reported(self, prose: str, s_start: int, s_end: int, start: int, end: int) -> bool:
        if self.reported_before.search(prose, s_start, start) or self.reported_after.search(prose, end, s_end):
            return True
        before = prose[max(s_start, start - 1) : start]
        after = prose[end : min(s_end, end + 1)]
        return bool(before and after and self.scare_quotes.match(before) and self.scare_quotes.match(after))

    def _negated(self, before: str, after: str) -> bool:
        # A claim in subject position negated by its verb: "A cure does not exist".
        if len(_WORD.findall(before)) <= 3 and self.negated_after.search(after):
            return True
        before = before[before.rfind(",") + 1 :]
        words = list(_WORD.finditer(before))
        window = before[words[-NEGATION_WORDS].start() :] if len(words) > NEGATION_WORDS else before
        window = self.not_negating.sub(" ", window)
        return bool(self.negators.search(window) or self.negators_adjacent.search(before))


#: The option every claim check offers for claims inside quotation marks.
QUOTED_SPEECH = Option(
    "info",
    "Claims inside quotation marks or reported speech: 'info' (quotations nobody is named as "
    "saying are reported softly, as the writer's evidence; a named speaker's words are theirs "
    "and are not reported, except exclusivity, as info), 'skip' (none), or 'report' (all, at "
    "the rule's own severity).",
    choices=("info", "skip", "report"),
)


def report_claim(ctx, doc, code, start, end, message, fix=None, sentence_quoted=False, reported=False):
    """``ctx.report`` for a claim, softened to info (or skipped) inside quoted or reported speech.

    Quotations are the writer's evidence: a clinician quoted saying "a game-changer" is
    reported so the writer can check the article does not adopt the claim, but as info. The
    same holds for indirect speech ("she said it cured her migraines") and scare quotes.
    """
    severity = None
    if sentence_quoted or reported or doc.is_quoted(start, end):
        mode = ctx.options["quoted_speech"]
        if mode == "skip":
            return None
        if mode == "info":
            severity = Severity.INFO
            message += " (quoted or reported speech: check that the article does not adopt the claim)"
    return ctx.report(code, start, end, message, fix=fix, severity=severity)


@lru_cache(maxsize=1)
def default_context() -> Context:
    """The shipped lexicon, compiled once per process."""
    return Context(load_data("hedging.yaml"))
