"""One reading of an article's sentences, shared by the REG, CLM and SRC checks.

A careful editor reads a claim with its surroundings: who the sentence is about, whether it
asserts, hopes, asks or supposes, who is speaking, who measured a figure, which row and column of
a table a cell belongs to, and what kind of page this is. Rules that each looked through their
own window of words misread exactly these things (a figure from a study named a sentence before
read as uncited; "it" bound to the nearest drug name rather than the sentence's subject; a
quoted researcher's enthusiasm read as the writer's hype). ``reading(doc)`` answers these
questions once per document, lazily (each answer is computed the first time a check asks and
kept), from the word classes of ``rules/reading.yaml`` and the citation patterns of
``rules/evidence.yaml``.

What it offers:

- ``main_clause``/``subject``: where a sentence's main clause starts and its subject (the words
  before the first verb of the main clause), for "who is *it*";
- ``stance``: negation, hedge, question, wish and condition around a span (``hedging.py`` plus
  the wish and conditional classes);
- ``speech``: the quotation or reported speech a span is in, and whether it is attributed to
  a speaker (a named person, a role such as "a spokesperson", an organisation);
- ``source``/``support``: the source a sentence names (a citation, a named study, survey,
  institution or person, the writer's own study) and the source that supports a figure in it
  (the same sentence, the previous one, the lead-in of its list, research it refers back to, a
  press release's own study, the paragraph after a headline or lede);
- ``cell``: a table cell's row entity and column header;
- ``genre``: press release, news, forum, personal voice, the provider's own voice;
- ``fixable``/``article_edit``: the fix policy (one sentence of prose, never a heading, table,
  quotation or list structure; "a"/"an" agree with the new word).

Heuristics, not a parser: no statistical model is downloaded or run (medlint runs offline and
in pre-commit hooks); each reading is a few regular expressions over one sentence, and
``benchmarks/reading_cost.py`` measures what they cost per 1,000 words.
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from medlint.analysis.hedging import Stance, default_context
from medlint.knowledge.resources import load_data
from medlint.model.document import Document
from medlint.text.prefilter import Needs, fold, holding

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CAPITALISED = re.compile(r"[A-Z][a-z][A-Za-z'’-]*")
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
def _citations() -> tuple[tuple[re.Pattern, Needs], ...]:
    """The citation patterns of ``rules/evidence.yaml`` (case-sensitive, on the original text),
    each with the literals one of which its matches need."""
    patterns = [re.compile(p) for p in load_data("evidence.yaml")["citations"]]
    return tuple((p, Needs(p)) for p in patterns)


class Reading:
    """The reading of one document (see the module doc). Use ``reading(doc)``."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lex = lexicon()
        self.sentences = doc.sentences
        self._starts = [s.start for s in self.sentences]
        self._cache: dict[tuple, object] = {}

    # -- helpers ---------------------------------------------------------------------------
    def _memo(self, key: tuple, compute):
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    def _search(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """``pattern.search(prose, start, end)``, skipped where a literal it needs is absent."""
        needs = self.lex.needs.get(id(pattern))
        if needs is not None and not needs.possible(fold(self.doc.prose), start, end):
            return None
        return pattern.search(self.doc.prose, start, end)

    def _holding(self, pattern: re.Pattern) -> frozenset[int] | None:
        """The sentences that hold a literal ``pattern`` needs (None: it may match anywhere).
        One scan of the document per pattern, with ``str.find``: far cheaper than the pattern."""

        def compute():
            needs = self.lex.needs.get(id(pattern))
            if needs is None or needs.literals is None:
                return None
            folded = fold(self.doc.prose)
            places: list[int] = []
            for _, finder in needs.finders:
                if isinstance(finder, re.Pattern):
                    places.extend(m.start() for m in finder.finditer(folded))
                else:
                    at = folded.find(finder.text)
                    while at >= 0:
                        places.append(at)
                        at = folded.find(finder.text, at + 1)
            return frozenset(holding(self.sentences, places))

        return self._memo(("holding", id(pattern)), compute)

    def index_at(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return i
        return None

    def text(self, i: int) -> str:
        s = self.sentences[i]
        return self.doc.prose[s.start : s.end]

    def kind(self, i: int) -> str:
        return self.doc.blocks[self.sentences[i].block].kind

    # -- names -----------------------------------------------------------------------------
    @property
    def proper_words(self) -> frozenset[str]:
        """Capitalised words the article uses as names: seen capitalised inside a sentence and
        never in lower case ("Yang", "Kedgley"; not "Research", which is also written lower case)."""

        def compute():
            prose = self.doc.prose
            initial = {s.start for s in self.sentences}
            lower, inside = set(), set()
            for block in self.doc.blocks:
                running = block.kind in ("paragraph", "list_item")  # headings are in title case
                for m in _WORD.finditer(prose, block.start, block.end):
                    word = m.group()
                    if word[0].islower():
                        lower.add(word)
                    elif running and m.start() not in initial and not _after_opening(prose, m.start()):
                        inside.add(word)
            return frozenset(w for w in inside if w.lower() not in lower and w not in self.lex.not_names)

        return self._memo(("proper",), compute)

    def _is_name(self, text: str, at_sentence_start: bool) -> bool:
        """Whether ``text`` (a match of the lexicon's name pattern) names someone."""
        words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", text) if w[0].isupper()]
        if not words:
            return False
        if re.match(rf"(?:{self.lex.titles})\s", text):
            return True
        if any(_ACRONYM.fullmatch(w.rstrip(".")) and len(w) > 1 for w in words):
            return True
        words = [w.rstrip(".,") for w in words]
        while len(words) >= 2 and words[0] in self.lex.not_names:
            words = words[1:]  # "The Oxford paper": the name is what follows the article
        if len(words) >= 2:
            return True
        return words[0] not in self.lex.not_names and words[0] in self.proper_words

    # -- sources ---------------------------------------------------------------------------
    def source(self, i: int) -> Source | None:
        """The source sentence ``i`` names itself, if any."""
        return self._memo(("source", i), lambda: self._source(i))

    def _source(self, i: int) -> Source | None:
        return self._cited(i) or self.named(i)

    def _cited(self, i: int) -> Source | None:
        """A citation pattern of ``rules/evidence.yaml`` in sentence ``i`` (or in markup after it
        on its line)."""
        s = self.sentences[i]
        text, prose = self.doc.text, self.doc.prose
        # Markup after the sentence on its line (a footnote marker, a bare link) belongs to it.
        line_end = text.find("\n", s.end)
        end = len(text) if line_end < 0 else line_end
        if re.search(r"[^\W\d_]", prose[s.end : end]):
            end = s.end
        folded = fold(text)
        seen: dict = {}
        for pattern, needs in _citations():
            if not needs.possible(folded, s.start, end, seen):
                continue  # a literal every match needs is not there
            m = pattern.search(text, s.start, end)
            if m:
                return Source("citation", m.start(), m.end(), "sentence")
        return None

    def named(self, i: int) -> Source | None:
        """A source sentence ``i`` names in words: the writer's own paper, a named or dated
        study, research by a named institution, a named person or role reporting."""
        return self._memo(("named", i), lambda: self._named_in(i))

    def _named_in(self, i: int) -> Source | None:
        s = self.sentences[i]
        prose = self.doc.prose
        lex = self.lex
        m = lex.own_study.search(prose, s.start, s.end)
        if m:
            return Source("own-study", m.start(), m.end(), "sentence")
        studyish = bool(self._search(lex.studyish, s.start, s.end))
        reports = bool(self._search(lex.reports, s.start, s.end))
        m = self._search(lex.dated_study, s.start, s.end) if studyish else None
        if m:
            return Source("named-study", m.start(), m.end(), "sentence")
        if studyish:
            for name, at, start, end in self._named_studies(s.start, s.end):
                if _ACRONYM.fullmatch(name.strip()) and name.strip() not in self.study_names:
                    continue  # a topic ("ADHD research"), not a study's name
                if self._is_name(name, at == s.start):
                    return Source("named-study", start, end, "sentence")
        for pattern, kind, needed in ((lex.study_by, "named-study", studyish), (lex.name_did_study, "named-study", studyish),
                                      (lex.name_reports, "named-person", reports), (lex.reports_name, "named-person", reports)):
            if not needed or not self._search(pattern, s.start, s.end):
                continue
            for m in pattern.finditer(prose, s.start, s.end):
                group = "name" if m.group("name") is not None else "name2"
                name = m.group(group)
                if pattern is lex.name_reports and " " not in name.strip() and prose.startswith(",", m.end(group)):
                    continue  # "Glutathione, added to …": a one-word name needs its verb at once
                if self._is_name(name, m.start(group) == s.start):
                    return Source(kind, m.start(), m.end(), "sentence")
        m = self._search(lex.role_source, s.start, s.end)
        if m:
            return Source("named-source", m.start(), m.end(), "sentence")
        for name in self.study_names:
            at = prose.find(name, s.start, s.end)
            if at >= 0:
                return Source("named-study", at, at + len(name), "sentence")
        return None

    def _named_studies(self, start: int, end: int):
        """(name, where the name starts, span start, span end) of each study word in
        ``prose[start:end]`` with a name, a year or modifiers right before it."""
        prose = self.doc.prose
        if not self._search(self.lex.study_noun, start, end):
            return
        for m in self.lex.study_noun.finditer(prose, start, end):
            n = self.lex.name_before.search(prose, max(start, m.start() - 90), m.start())
            if n:
                yield n.group("name"), n.start("name"), n.start(), m.end()

    @property
    def study_names(self) -> tuple[str, ...]:
        """Names the article gives its studies ("the STAR*D study", "the NSDUH survey"): a later
        mention of the name alone ("… after four trials (STAR*D)") names the study too."""

        def compute():
            prose = self.doc.prose
            counts: dict[str, int] = {}
            where = self._holding(self.lex.study_noun)
            for k in sorted(where) if where is not None else range(len(self.sentences)):
                s = self.sentences[k]
                for name, _, _, _ in self._named_studies(s.start, s.end):
                    for word in re.findall(r"[A-Z][\w'’*-]*", name):
                        if len(word) > 2 and _ACRONYM.fullmatch(word):
                            counts[word] = counts.get(word, 0) + 1
            # A study's name, not a topic: mostly used to name the study ("the STAR*D study"),
            # unlike "ADHD" in "ADHD research" and everywhere else.
            return tuple(sorted(w for w, n in counts.items() if n * 2 >= prose.count(w)))

        return self._memo(("study names",), compute)

    def refers(self, i: int) -> bool:
        """Whether sentence ``i`` refers back to particular research ("the study", "they found")."""
        s = self.sentences[i]
        return self._memo(("refers", i), lambda: bool(
            self._search(self.lex.definite, s.start, s.end) or self._search(self.lex.according, s.start, s.end)))

    def support(self, i: int) -> Source | None:
        """The source that supports a figure or an appeal to research in sentence ``i``: one it
        names; the speaker of its quotation; the previous sentence's (a figure continues the
        sentence that names its study); its list's lead-in; the research it refers back to;
        a press release's own study; the next paragraph's, for a headline or lede."""
        return self._memo(("support", i), lambda: self._support(i))

    def _support(self, i: int) -> Source | None:
        found = self.source(i)
        if found:
            return found
        s = self.sentences[i]
        speech = self.speech(s.start, s.end)
        if speech and (speech.attributed or speech.block):
            return Source("speaker" if speech.attributed else "quoted-source", speech.start, speech.end, "quotation")
        # "A recent study found …", "Research shows …": a new, unnamed source, not the one named
        # before.
        new_source = bool(self._search(self.lex.indefinite, s.start, s.end)) and not self.refers(i)
        prev = None if new_source else self.previous(i)
        if prev is not None:
            found = self.source(prev)
            # Across a paragraph break a figure continues a study or report, not a speaker.
            if found and self.sentences[prev].block != s.block and found.kind == "named-person":
                found = None
            if found is None and self.refers(prev):
                found = self._earlier_source(prev)
            if found:
                return _moved(found, "previous sentence")
        if not new_source:
            found = self._same_paragraph(i) or self._previous_paragraph(i)
            if found:
                return found
        lead = None if new_source else self.lead_in(i)
        if lead is not None:
            found = self.source(lead)
            if found:
                return _moved(found, "list lead-in")
            if self.refers(lead):
                earlier = self._earlier_source(lead)
                if earlier:
                    return earlier
        if self.refers(i):
            earlier = self._earlier_source(i)
            if earlier:
                return earlier
        own = self._own_study(i)
        if own:
            return own
        if self.opening(i) or self.section_lead(i):
            for j in self._following_paragraph(i):
                found = self.support(j)
                if found:
                    return _moved(found, "next paragraph")
        return None

    def _unit(self, b: int) -> tuple[int, int]:
        """The blocks that read as one paragraph: a block, or a whole list."""
        blocks = self.doc.blocks
        if not self._listish(b):
            return b, b
        first = last = b
        while first > 0 and self._listish(first - 1) and blocks[first - 1].kind == blocks[b].kind:
            first -= 1
        while last + 1 < len(blocks) and self._listish(last + 1) and blocks[last + 1].kind == blocks[b].kind:
            last += 1
        return first, last

    def _sentences_of(self, first: int, last: int) -> range:
        """The indices of the sentences in blocks ``first`` to ``last``."""
        blocks = self._memo(("sentence blocks",), lambda: [x.block for x in self.sentences])
        return range(bisect.bisect_left(blocks, first), bisect.bisect_right(blocks, last))

    def _same_paragraph(self, i: int) -> Source | None:
        """A study or source named elsewhere in sentence ``i``'s paragraph (or list), outside
        quotations: the paragraph is about that research ("The STAR*D study …: – 30% … – 67%
        (STAR*D)"; "… in most cases. However, Rantala and Luoto argue …")."""
        b = self.sentences[i].block
        first, last = self._unit(b)
        if first == last:
            # In a paragraph, the sentence right after: "… in most cases. However, Rantala and
            # Luoto argue …".
            candidates = [i + 1] if i + 1 < len(self.sentences) and self.sentences[i + 1].block == b else []
        else:
            candidates = [j for j in self._sentences_of(first, last) if j != i]
        for j in candidates:
            found = self.source(j)
            if found and self._named(found) and not self._quoted_sentence(j):
                return _moved(found, "same paragraph")
        return None

    def _previous_paragraph(self, i: int) -> Source | None:
        """A study, report or institution named in the paragraph before sentence ``i``'s (in
        the same section): the paragraph reports that research's results."""
        blocks = self.doc.blocks
        first, _ = self._unit(self.sentences[i].block)
        k = first - 1
        while k >= 0 and (self.doc.in_non_prose(blocks[k].start, blocks[k].end) or blocks[k].kind == "table_cell"):
            k -= 1
        if k < 0 or blocks[k].kind == "heading" or blocks[k].quoted != blocks[first].quoted:
            return None
        pfirst, plast = self._unit(k)
        for j in self._sentences_of(pfirst, plast):
            found = self.source(j)
            if found and found.kind not in ("named-person", "speaker") and self._named(found) and not self._quoted_sentence(j):
                return _moved(found, "previous paragraph")
        return None

    def _named(self, source: Source) -> bool:
        """Whether a source names someone or something in words (not a bare link or footnote
        marker, which support only their own paragraph)."""
        return source.kind != "citation" or bool(re.search(r"[A-Z]", self.doc.prose[source.start : source.end]))

    def _quoted_sentence(self, j: int) -> bool:
        s = self.sentences[j]
        return s.quoted or any(q0 < s.end and s.start < q1 for q0, q1 in self.doc.quotes if q0 < s.end)

    def _own_study(self, i: int) -> Source | None:
        """In a press release, research announced or referred to is the release's own study."""
        s = self.sentences[i]
        if self.genre.kind == "press_release" and (self.refers(i) or self._search(self.lex.announced, s.start, s.end)):
            return Source("own-study", s.start, s.end, "press release")
        return None

    def _earlier_source(self, i: int) -> Source | None:
        """The last source named before sentence ``i`` (research referred back to), in its
        section and at most ``REFERENCE_BLOCKS`` paragraphs back."""
        blocks = self.doc.blocks
        here = self.sentences[i].block
        for j in range(i - 1, -1, -1):
            b = self.sentences[j].block
            if here - b > REFERENCE_BLOCKS or (blocks[b].kind == "heading" and b != here):
                break
            found = self.source(j)
            if found:
                return _moved(found, "named earlier")
        if self.genre.kind == "press_release":
            s = self.sentences[i]
            return Source("own-study", s.start, s.end, "press release")
        return None

    def previous(self, i: int) -> int | None:
        """The sentence before ``i`` in the flow of the text: in the same block, or the last of
        the block before when ``i`` opens a paragraph (never across a heading or a table)."""
        if i == 0:
            return None
        s, p = self.sentences[i], self.sentences[i - 1]
        if p.block == s.block:
            return i - 1
        blocks = self.doc.blocks
        if blocks[p.block].kind in ("heading", "table_cell") or blocks[s.block].kind in ("heading", "table_cell"):
            return None
        if blocks[p.block].quoted != blocks[s.block].quoted:
            return None
        return i - 1

    def lead_in(self, i: int) -> int | None:
        """The sentence that introduces the list (or run of numbered paragraphs) sentence ``i``
        is in: the last sentence before the run, when it ends with a colon."""
        blocks = self.doc.blocks
        b = self.sentences[i].block
        if not self._listish(b):
            return None
        first = b
        while first > 0 and self._listish(first - 1):
            first -= 1
        if first == 0:
            return None
        lead_block = blocks[first - 1]
        if not _LEAD_IN_END.search(self.doc.prose[lead_block.start : lead_block.end]):
            return None
        j = self.index_at(lead_block.end - 1)
        return j

    def _listish(self, b: int) -> bool:
        block = self.doc.blocks[b]
        if block.kind == "list_item":
            return True
        if block.kind != "paragraph":
            return False
        line_start = self.doc.text.rfind("\n", 0, block.start) + 1
        return bool(_ENUMERATED.match(self.doc.text, line_start))

    def opening(self, i: int) -> bool:
        """Whether sentence ``i`` is in the article's headline or lede (its first heading or
        first paragraph), whose claims the following paragraph usually sources."""
        first_block, first_para = self._memo(("opening",), self._opening)
        b = self.sentences[i].block
        return b == first_block or (first_para is not None and b <= first_para)

    def _opening(self) -> tuple[int | None, int | None]:
        """The first heading or paragraph of prose, and the first substantial paragraph."""
        blocks = self.doc.blocks
        first_block = first_para = None
        for k, x in enumerate(blocks):
            if x.kind not in ("heading", "paragraph") or self.doc.in_non_prose(x.start, x.end):
                continue
            if first_block is None:
                first_block = k
            if x.kind == "paragraph" and len(self.doc.block_text(x).split()) > 12:
                first_para = k
                break
        return first_block, first_para

    def section_lead(self, i: int) -> bool:
        """Whether sentence ``i`` is the lead of a section that opens into subsections (a
        heading, one paragraph, a deeper heading): a summary of what they go on to cite."""
        blocks = self.doc.blocks
        b = self.sentences[i].block
        if b == 0 or b + 1 >= len(blocks) or blocks[b].kind != "paragraph":
            return False
        above, below = blocks[b - 1], blocks[b + 1]
        return above.kind == "heading" and below.kind == "heading" and below.level > above.level

    def _following_paragraph(self, i: int) -> list[int]:
        """Sentences of the first two substantial paragraphs after sentence ``i``'s block (a
        news lede's study is named in the next paragraph or the one after)."""
        blocks = self.doc.blocks
        b = self.sentences[i].block
        chosen = []
        for k in range(b + 1, min(len(blocks), b + 8)):
            if blocks[k].kind == "paragraph" and len(self.doc.block_text(blocks[k]).split()) > 12:
                chosen.append(k)
                if len(chosen) == 2:
                    break
        return [j for j in range(i + 1, len(self.sentences)) if self.sentences[j].block in chosen]

    # -- speech ----------------------------------------------------------------------------
    def speech(self, start: int, end: int) -> Speech | None:
        """The quotation ``text[start:end]`` lies in (most of it), if any."""
        for q_start, q_end in self.doc.quotes:
            if q_start > start:
                break
            if q_start <= start and (end <= q_end or (q_end - start) * 2 > end - start):
                return self._memo(("speech", q_start, q_end), lambda: self._speech(q_start, q_end))
        return None

    def _speech(self, q_start: int, q_end: int) -> Speech:
        doc = self.doc
        b = max(0, bisect.bisect_right([x.start for x in doc.blocks], q_start) - 1)
        block = doc.blocks[b]
        if block.quoted and q_start == block.start and q_end == block.end:
            return Speech(q_start, q_end, self._block_quote_cited(b), True, False)
        around = doc.prose[block.start : q_start] + " " + doc.prose[q_end : block.end]
        attributed = bool(_SPEECH.search(around) or self.lex.role_reports.search(around))
        if not attributed and q_start == block.start and b > 0 and doc.blocks[b - 1].kind == "paragraph":
            # A quotation that opens a paragraph continues the speaker introduced just before
            # ("Professor X said the research … ." / "“Overall, 75 percent …”").
            before = doc.blocks[b - 1]
            text = doc.prose[before.start : before.end]
            outside = "".join(text[i] for i in range(len(text)) if not doc.is_quoted(before.start + i, before.start + i + 1))
            attributed = bool(_SPEECH.search(outside) or _LEAD_IN_END.search(text))
        scare = not attributed and q_end - q_start <= SCARE_QUOTE
        return Speech(q_start, q_end, attributed, False, scare)

    def _block_quote_cited(self, b: int) -> bool:
        """A block quote is attributed when it names its source or follows a lead-in that does
        (or that introduces it with a colon)."""
        blocks = self.doc.blocks
        first = b
        while first > 0 and blocks[first - 1].quoted:
            first -= 1
        if first == 0:
            return False
        lead = blocks[first - 1]
        text = self.doc.prose[lead.start : lead.end]
        if _LEAD_IN_END.search(text):
            return True
        j = self.index_at(lead.end - 1)
        return j is not None and self.source(j) is not None

    def reported_by_name(self, i: int, start: int, end: int | None = None) -> bool:
        """Whether sentence ``i`` reports the words at ``start`` as indirect speech of a named
        person or a role: "Yang explains that …", "a spokesperson said the …" before them, or
        "…, according to Steven Hyman" / "…, Dr Greer said" after them (up to ``end``)."""
        s = self.sentences[i]
        prose = self.doc.prose
        for m in self.lex.name_reports.finditer(prose, s.start, start):
            if _SPEECH.search(m.group()) and self._is_name(m.group("name"), m.start("name") == s.start):
                return True
        m = self.lex.role_reports.search(prose, s.start, start)
        if m and _SPEECH.search(m.group()):
            return True
        if end is not None:
            after = prose[end : s.end]
            m = self.lex.reports_name.search(after)
            if m and _SPEECH.search(m.group()) and "," in after[: m.start() + 1] and self._is_name(m.group("name"), False):
                return True
        return False

    # -- clause structure ----------------------------------------------------------------------
    def main_clause(self, i: int) -> int:
        """Where sentence ``i``'s main clause starts: after a leading subordinate clause or
        phrase set off by a comma ("Although it is cheap, …", "In 2019, …")."""
        s = self.sentences[i]
        prose = self.doc.prose
        if _LEADING_SUBORDINATE.match(prose, s.start, s.end):
            comma = prose.find(",", s.start, s.end)
            if comma > 0 and comma - s.start < 120:
                return comma + 1
        return s.start

    def subject(self, i: int) -> tuple[int, int] | None:
        """The subject of sentence ``i``'s main clause: its words before the first verb."""
        return self._memo(("subject", i), lambda: self._subject(i))

    def _subject(self, i: int) -> tuple[int, int] | None:
        s = self.sentences[i]
        prose = self.doc.prose
        start = self.main_clause(i)
        previous = ""
        first = None
        for m in _WORD.finditer(prose, start, s.end):
            word = m.group()
            low = word.lower()
            if first is None:
                first = m.start()
            elif _is_verb(low, previous):
                return (first, m.start()) if prose[first : m.start()].strip() else None
            previous = low
        return None

    def salient(self, i: int, mentions: list) -> object | None:
        """Of ``mentions`` (objects with ``start`` and ``end``) in sentence ``i``, the one the
        sentence is about: the one in its subject, else the first in its main clause that is not
        inside parentheses or after a preposition ("derived from ketamine"), else the first."""
        if not mentions:
            return None
        subject = self.subject(i)
        if subject:
            inside = [x for x in mentions if subject[0] <= x.start and x.end <= subject[1] and not self._demoted(i, x.start)]
            if inside:
                return inside[0]
        start = self.main_clause(i)
        for x in mentions:
            if x.start >= start and not self._demoted(i, x.start):
                return x
        return mentions[0]

    def _demoted(self, i: int, at: int) -> bool:
        """Whether a word at ``at`` stands in parentheses or after a preposition."""
        s = self.sentences[i]
        prose = self.doc.prose
        before = prose[s.start : at]
        if before.count("(") > before.count(")"):
            return True
        return bool(_PREPOSITION_BEFORE.search(prose, max(s.start, at - 40), at))

    # -- modality ----------------------------------------------------------------------------
    def stance(self, start: int, end: int) -> Stance:
        """How the sentence holding ``start:end`` stands to it (``hedging.Stance``), with wishes
        and conditions counted as hedges: "we hope to find a cure", "once studies show it works"."""
        i = self.index_at(start)
        if i is None:
            return default_context().stance(self.doc.prose, start, end, start, end)
        s = self.sentences[i]
        base = default_context().stance(self.doc.prose, s.start, max(s.end, end), start, end)
        if base.hedged:
            return base
        clause = default_context().clause_start(self.doc.prose, s.start, start)
        wish = bool(self._search(self.lex.wish, clause, start))
        conditional = bool(self._search(self.lex.conditional, clause, start))
        if wish or conditional:
            return Stance(base.negated, True, base.distanced, base.question, base.reported)
        return base

    def first_person(self, start: int, end: int) -> bool:
        """Whether the clause around ``start:end`` speaks of the writer's own self ("my low
        mood", "assure me")."""
        i = self.index_at(start)
        if i is None:
            return False
        s = self.sentences[i]
        ctx = default_context()
        c_start = ctx.clause_start(self.doc.prose, s.start, start)
        c_end = ctx.clause_end(self.doc.prose, end, s.end)
        return bool(self.lex.first_person.search(self.doc.prose, c_start, c_end))

    # -- tables ----------------------------------------------------------------------------
    def cell(self, i: int) -> Cell | None:
        """The table context of sentence ``i`` when it is in a table cell."""
        s = self.sentences[i]
        if self.doc.blocks[s.block].kind != "table_cell":
            return None
        return self._tables().get(s.block)

    def _tables(self) -> dict[int, Cell]:
        def compute():
            doc = self.doc
            rows: list[list[int]] = []
            last_line = None
            for k, b in enumerate(doc.blocks):
                if b.kind != "table_cell":
                    last_line = None
                    continue
                if b.line == last_line:
                    rows[-1].append(k)
                else:
                    rows.append([k])
                    last_line = b.line
            out: dict[int, Cell] = {}
            header: list[int] | None = None
            previous_line = None
            for row in rows:
                line = doc.blocks[row[0]].line
                # A new table starts when a row is not within two lines of the previous one
                # (the header and the first body row are separated by the delimiter row).
                if previous_line is None or line - previous_line > 2:
                    header = row
                previous_line = line
                first = doc.blocks[row[0]]
                for column, k in enumerate(row):
                    is_header = row is header
                    h = None if is_header or header is None or column >= len(header) else header[column]
                    hspan = (doc.blocks[h].start, doc.blocks[h].end) if h is not None else None
                    out[k] = Cell((first.start, first.end), hspan, column, is_header)
            return out

        return self._memo(("tables",), compute)

    # -- the page --------------------------------------------------------------------------
    @property
    def genre(self) -> Genre:
        return self._memo(("genre",), self._genre)

    def _genre(self) -> Genre:
        doc = self.doc
        body_start = doc.front_matter_span[1] if doc.front_matter_span else 0
        rate, count = self._first_person_rate()
        for kind in ("press_release", "personal", "news", "forum"):
            if kind == "personal":
                # A first-person account, even in a newspaper's features section.
                if rate >= 1.0 and count >= 5:
                    return Genre("personal", self._provider(), f"first person singular {rate:.1f} per 100 words")
                continue
            body, fm_pattern, keys = self.lex.genres[kind]
            for pattern in body:
                m = pattern.search(doc.text, body_start)
                if m:
                    return Genre(kind, self._provider(), f"“{' '.join(m.group().split())[:40]}”")
            value = _front_matter_value(doc.front_matter, fm_pattern, keys)
            if value:
                return Genre(kind, self._provider(), f"front matter “{value}”")
        return Genre("informational", self._provider(), "")

    def _first_person_rate(self) -> tuple[float, int]:
        """First-person singular words per 100 words of the writer's own prose (quotes left out)."""
        prose = self.doc.prose
        quotes = self.doc.quotes
        q_starts = [q[0] for q in quotes]

        def quoted(at: int) -> bool:
            k = bisect.bisect_right(q_starts, at) - 1
            return k >= 0 and quotes[k][0] <= at < quotes[k][1]

        words = len(self.doc.tokens) - sum(len(_WORD.findall(prose, q0, q1)) for q0, q1 in quotes)
        count = sum(1 for m in self.lex.first_person.finditer(prose) if not quoted(m.start()))
        return (100.0 * count / words if words > 0 else 0.0), count

    def _provider(self) -> bool:
        """Whether the page speaks as the provider of a service, outside its calls to action:
        at least two such sentences ("we offer", "our clinic", "call us")."""
        found = 0
        prose = self.doc.prose
        where = self._holding(self.lex.provider)
        for k in sorted(where) if where is not None else range(len(self.sentences)):
            s = self.sentences[k]
            if self.doc.blocks[s.block].kind == "heading":
                continue
            if self.lex.provider.search(prose, s.start, s.end):
                found += 1
                if found >= 2:
                    return True
        return False

    # -- fixes -------------------------------------------------------------------------------
    def fixable(self, start: int, end: int, headings: bool = False) -> bool:
        """The fix policy for rewording claims: the edit lies in one sentence of running prose
        (a paragraph or a list item's text; a heading's words with ``headings``, which keeps
        the heading a heading), outside table cells, block quotes and quotation marks, with no
        markup inside it."""
        i = self.index_at(start)
        if i is None:
            return False
        s = self.sentences[i]
        block = self.doc.blocks[s.block]
        kinds = ("paragraph", "list_item", "heading") if headings else ("paragraph", "list_item")
        if end > s.end or block.kind not in kinds or block.quoted or s.quoted:
            return False
        if self.speech(start, end) is not None:
            return False
        original = self.doc.text[start:end]
        return original == self.doc.prose[start:end] and "|" not in original and "\n" not in original

    def article_edit(self, start: int, end: int, replacement: str) -> tuple[int, int, str]:
        """The edit replacing ``text[start:end]``, widened to the article before it when "a" or
        "an" must change to agree with the replacement ("a very effective" → "an effective")."""
        text = self.doc.text
        m = re.search(r"\b([Aa]n?)(\s+)$", text[max(0, start - 5) : start])
        if not m or not replacement:
            return (start, end, replacement)
        article = m.group(1)
        wanted = "an" if _vowel_sound(replacement) else "a"
        if article.lower() == wanted:
            return (start, end, replacement)
        a_start = start - len(m.group(1)) - len(m.group(2))
        new_article = wanted.capitalize() if article[0].isupper() else wanted
        return (a_start, end, new_article + m.group(2) + replacement)


def _moved(source: Source, how: str) -> Source:
    return Source(source.kind, source.start, source.end, how)


def _after_opening(prose: str, at: int) -> bool:
    """Whether the word at ``at`` follows an opening quote or bracket (a new sentence inside)."""
    k = at - 1
    while k >= 0 and prose[k] in " \t":
        k -= 1
    return k >= 0 and prose[k] in "“\"‘(['\n:—–"


def _is_verb(low: str, previous: str) -> bool:
    """A rough test for the first verb of a clause: an auxiliary or modal, or a word in -ed or
    a common -s verb form after a word that is not a determiner or preposition."""
    if low in _AUX:
        return True
    if previous in _SUBJECT_OR_ADVERB and low.endswith("s") and not low.endswith("ss"):
        return True  # "it works", "it never fails"
    if previous in _NOT_VERB_BEFORE or not previous:
        return False
    return (low.endswith("ed") and len(low) >= 4) or low in _COMMON_VERBS


_SUBJECT_OR_ADVERB = frozenset(
    "it he she this that which who never always also often usually still now only just really already "
    "generally typically rarely sometimes frequently reliably quickly".split()
)
_COMMON_VERBS = frozenset(
    """works helps causes reduces treats acts blocks increases uses affects targets involves requires
    contains remains becomes seems appears means shows makes takes gives comes leads lasts costs binds
    boosts lowers raises improves eases relieves cures offers provides belongs refers stands lies sits
    starts begins ends changes differs depends looks sounds feels goes gets keeps lets puts sets runs
    found showed shown said says told made took gave got led felt saw became began ran kept left
    brought thought knew grew rose fell held met won wrote sought""".split()
)


def _vowel_sound(word: str) -> bool:
    """Whether ``word`` starts with a vowel sound (an effective, an FDA, a useful, a one-off)."""
    w = word.strip("“\"'‘(")
    if not w:
        return False
    first = w.split()[0] if w.split() else w
    if re.match(r"(?:eu|uni|use|usu|ur[aeiou]|one\b|once)", first, re.I):
        return False
    if re.match(r"(?:hour|honest|honou?r|heir)", first, re.I):
        return True
    if first.isupper() and len(first) > 1:  # an acronym read letter by letter: an FDA, a TMS
        return first[0] in "AEFHILMNORSX"
    return first[0].lower() in "aeiou"


def _front_matter_value(fm, pattern: re.Pattern | None, keys: tuple) -> str | None:
    """The first front matter value (under ``keys`` when given) matching ``pattern``."""
    if pattern is None or not isinstance(fm, dict):
        return None
    wanted = {re.sub(r"[^a-z]", "", k.lower()) for k in keys}
    stack = [(None, fm)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((k, v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((key, v) for v in item)
        elif isinstance(item, str) and (not wanted or (key is not None and re.sub(r"[^a-z]", "", str(key).lower()) in wanted)):
            if pattern.search(item.strip()):
                return item.strip()
    return None


_READINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def reading(doc: Document) -> Reading:
    """The shared reading of ``doc``, made on first use and kept while the document lives."""
    found = _READINGS.get(doc)
    if found is None:
        found = _READINGS[doc] = Reading(doc)
    return found
