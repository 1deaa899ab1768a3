"""The word classes of the shared sentence reading, compiled: ``rules/reading.yaml`` and the
citation patterns of ``rules/evidence.yaml``, with the records the reading returns.

Kept apart from ``reading.py`` (the reading itself), ``attribution.py`` (who said or measured
what) and ``pages.py`` (what kind of page), which all read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from medlint.knowledge.resources import load_data
from medlint.text.prefilter import Needs

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9*&/-]*[A-Z0-9*](?:[a-z])?")
_AUX = frozenset(
    "is are was were be been being am has have had do does did can could may might will would "
    "shall should must isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't "
    "can't cannot couldn't won't wouldn't shouldn't".split()
)
_NOT_VERB_BEFORE = frozenset("a an the this that these those its their his her our my your of for in on at to by with from".split())
_LEADING_SUBORDINATE = re.compile(
    r"^\W*(?:although|though|while|whereas|because|since|if|unless|when|whenever|after|before|once|"
    r"until|as|despite|unlike|like|in|on|at|for|from|by|with|during|following|according\s+to|among|"
    r"between|under|over|without|within|besides|apart\s+from|compared\s+(?:to|with))\b",
    re.I,
)
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:from|than|of|to|like|unlike|with|versus|vs\.?|including|such\s+as|as\s+well\s+as|besides|"
    r"except|into|onto|over|under|about|for|on|by|at|in|between|among|via|called|named|known\s+as)\s+"
    r"(?:(?:the|a|an|its|their|this|that|racemic|generic|oral|intravenous|IV)\s+)?)$",
    re.I,
)
_LEAD_IN_END = re.compile(r"[:;]\W*$")
_ENUMERATED = re.compile(r"[ \t]*(?:\d{1,2}\\?[.)]|[•·▪◦‣●○■□–—-])\s")
_SPEECH_VERBS = (
    r"(?:says|said|say|told|tells|explains?|explained|adds|added|notes|noted|argues|argued|writes|wrote|"
    r"states|stated|comments|commented|concludes|concluded|believes|believed|warns|warned|insists|"
    r"insisted|recalls|recalled|asks|asked|boasts|boasted|promises|promised|claims|claimed|"
    r"acknowledges|acknowledged|continues|continued|puts it|put it|according to)"
)
_SPEECH = re.compile(rf"\b{_SPEECH_VERBS}\b", re.I)
#: How many paragraphs back "the study" may refer to a study named before.
REFERENCE_BLOCKS = 8
#: A quotation this short, with no speaker, is a scare quote or a title, not speech.
SCARE_QUOTE = 40


@dataclass(frozen=True)
class Source:
    """Where a figure or an appeal to research comes from."""

    kind: str  # citation | named-study | named-person | named-source | own-study | speaker | quoted-source
    start: int
    end: int
    how: str  # where it was found relative to the claim: "sentence", "previous sentence", …


@dataclass(frozen=True)
class Speech:
    """A quotation (or indirect speech) a span lies in, and whether someone is named saying it."""

    start: int
    end: int
    attributed: bool  # a speaker is named or described in the same paragraph
    block: bool  # a Markdown block quote
    scare: bool  # a short quotation with no speaker: scare quotes or a title


@dataclass(frozen=True)
class Cell:
    """A table cell's place: the row's entity (its first cell) and the column's header."""

    row: tuple[int, int]  # span of the row's first cell
    header: tuple[int, int] | None  # span of the column's header cell (None in the header row)
    column: int
    is_header: bool


@dataclass(frozen=True)
class Genre:
    """What kind of page an article is, from its own evidence, and that evidence."""

    kind: str  # press_release | news | forum | personal | informational
    provider: bool  # the page speaks as the provider of a service ("we offer", "our clinic")
    evidence: str


_STUDY_MODIFIERS = (
    r"clinical|randomi[sz]ed|controlled|multi-?cent(?:er|re)|peer-reviewed|published|longitudinal|national|"
    r"population|cohort|pilot|phase\s+\w+|follow-up|case-control|landmark|large|new|recent|latest|first|"
    r"medical|scientific|research|health|government|federal"
)


class _Lexicon:
    """``rules/reading.yaml`` compiled."""

    def __init__(self, data: dict):
        flags = re.I
        self.reporting = data["reporting_verbs"]
        self.study = data["study_nouns"]
        self.researchers = data["researchers"]
        self.definite = re.compile(data["definite_reference"], flags)
        self.own_study = re.compile(data["own_study"], flags)
        self.announced = re.compile(data["announced_study"], flags)
        self.indefinite = re.compile(data["indefinite_study"], flags)
        self.titles = data["titles"]
        self.roles = data["roles"]
        self.not_names = frozenset(re.findall(r"[A-Za-z]+", data["not_names"]))
        self.conditional = re.compile(data["conditional"], flags)
        self.wish = re.compile(data["wish"], flags)
        self.first_person = re.compile(data["first_person"], 0 if data.get("first_person_case_sensitive") else flags)
        self.genres = {}
        for kind, spec in data["genres"].items():
            body = [re.compile(p, re.I | re.M) for p in spec.get("body", [])]
            fm = re.compile(spec["front_matter"], re.I) if spec.get("front_matter") else None
            self.genres[kind] = (body, fm, tuple(spec.get("front_matter_keys", ())))
        self.provider = re.compile(data["provider_voice"], flags)
        name = rf"(?:(?:{self.titles})\s+)?[A-Z][\w'’.*-]*(?:\s+(?:[A-Z][\w'’.*-]*|of|for|on|and|&|the|de|van|von|du)){{0,6}}"
        self.name = name
        # "Professor Mulder says", "the NSDUH found", "Debra Kaysen of the University of Washington says".
        self.name_reports = re.compile(
            rf"(?P<name>{name})(?:\s*\([^)]{{1,40}}\))?(?:(?:,[^,.;:]{{1,60}}){{1,3}},)?(?:\s+(?:of|at|from)\s+(?:the\s+)?{name})?"
            rf",?(?:\s+|(?<=\))\s*)(?:(?:also|has|have|had|now|recently|previously|further|then|later)\s+)*(?-i:{self.reporting})\b"
        )
        # "said Dr Greer", "according to Professor Mitchell", "told Newsweek".
        self.reports_name = re.compile(
            rf"\b(?:{self.reporting}|according\s+to|told)\s+(?:(?:the|a|an)\s+)?(?:(?:{self.roles})\s+)?(?P<name>{name})"
        )
        # "a spokesperson said", "the chief executive added": a role speaking.
        self.role_reports = re.compile(rf"\b(?:{self.roles})\s+(?:\w+\s+){{0,2}}(?:{self.reporting})\b", re.I)
        # The same with an article or an organisation's possessive ("a spokesperson said", "the
        # charity's director told"): someone answerable, unlike "your doctor says".
        self.role_source = re.compile(
            rf"\b(?:a|an|the|its|their|[A-Z][\w&-]*[’']s)\s+(?:\w+\s+)?(?:{self.roles.replace('(?:a |an |the |its |their )?', '')})"
            rf"\s+(?:\w+\s+){{0,2}}(?:{self.reporting})\b",
            re.I,
        )
        # "The STAR*D study", "the Oxford paper", "a 2019 survey", "The 2018 NSDUH".
        # Found from the study word back: the noun (not the verb: "patients report that"), then
        # the name, a year, modifiers or a topic word right before it.
        self.study_noun = re.compile(rf"\b(?:{self.study}|{self.researchers})\b(?!\s+(?:an?|the|that|their|no|on)\b)", re.I)
        self.name_before = re.compile(
            rf"(?P<name>{name}|(?:19|20)\d\d)(?:,?\s+(?:[A-Z][\w*/-]*|(?i:{_STUDY_MODIFIERS}))){{0,3}}?(?:\s+[a-z][\w-]*)?[\s'’-]+$"
        )
        # "a study by the CDC", "researchers at the University of X", "trial conducted at New
        # York University", "a study of 199 patients funded by the National Institute of …".
        self.study_by = re.compile(
            rf"(?i:{self.study}|{self.researchers})\s+(?:(?i:conducted|led|published|funded|commissioned|sponsored|run|"
            rf"carried\s+out|done|performed|presented|based)\s+)?(?i:by|from|at|out\s+of|published\s+in|appear(?:s|ed|ing)?\s+in)\s+"
            rf"(?:(?:the|a)\s+)?(?P<name>{name})"
            rf"|(?i:{self.study}|project)\b[^.;!?]{{0,60}}?\b(?i:funded|conducted|led|published|commissioned|sponsored|run|"
            rf"carried\s+out|authored|written|produced|released|issued)\s+(?:\w+\s+)?(?i:by|in|at)\s+"
            rf"(?:(?:the|a)\s+)?(?P<name2>{name})"
        )
        # "Dr. Carlos Zarate and colleagues at the NIMH conducted a … study".
        self.name_did_study = re.compile(
            rf"(?P<name>{name})(?:\s+(?:website|team|group|charity|agency|magazine|newspaper|institute|department|office|lab|laboratory|company|organi[sz]ation))?"
            rf"(?:\s+and\s+(?:colleagues|co-?workers|(?:his|her|their)\s+team))?(?:,?\s+(?:of|at|from)\s+(?:the\s+)?{name})?"
            rf",?\s+(?i:conducted|ran|led|published|carried\s+out|performed|completed|presented|designed)\s+(?:(?i:a|an|the|their|its|his|her)\s+)?"
            rf"(?:[\w-]+,?\s+){{0,5}}?(?i:{self.study})\b"
        )
        # "In two studies published Thursday": research a news story dates and reports.
        self.dated_study = re.compile(
            rf"(?i:{self.study})\s+(?:\w+\s+){{0,2}}?(?i:published|released|presented|reported)\s+(?:(?i:on|this|last)\s+)?"
            rf"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|week|month)\b"
        )
        # "according to the coverage decision", "according to the paper's authors".
        # Quick tests: a sentence without a study word (or a reporting verb) cannot name a study
        # (or a speaker), and the longer patterns are not run on it.
        self.studyish = re.compile(rf"\b(?:{self.study}|{self.researchers}|project)\b", re.I)
        self.reports = re.compile(rf"\b(?:{self.reporting}|according\s+to|told)\b", re.I)
        self.according = re.compile(
            rf"\baccording\s+to\s+(?:the|this|that|their|its)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{self.study}|{self.researchers}|authors)\b",
            re.I,
        )
        # The literals each pattern's matches need (``prefilter.Needs``): a sentence without any
        # of them is not searched.
        self.needs = {id(p): Needs(p) for p in vars(self).values() if isinstance(p, re.Pattern)}


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    return _Lexicon(load_data("reading.yaml"))


@lru_cache(maxsize=1)
def citations() -> tuple[tuple[re.Pattern, Needs], ...]:
    """The citation patterns of ``rules/evidence.yaml`` (case-sensitive, on the original text),
    each with the literals one of which its matches need: for attribution and the evidence
    checks alike."""
    patterns = [re.compile(p) for p in load_data("evidence.yaml")["citations"]]
    return tuple((p, Needs(p)) for p in patterns)
