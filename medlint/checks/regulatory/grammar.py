"""The claim grammar: ``rules/regulatory-claims.yaml`` compiled once (its cues, each with the
literals a match must hold for the prefilter; its guards; its stale-claim patterns)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from medlint.knowledge.resources import load_data
from medlint.model.errors import PackError
from medlint.text.prefilter import Needs

CLAIMS_FILE = "regulatory-claims.yaml"


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

    def compile_(pattern: str, flags: int = re.I, line: int | None = None) -> re.Pattern:
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
