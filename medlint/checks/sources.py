"""SRC001–SRC005: authorship, date, medical review, references and advertising disclosure.

Document-level checks for Markdown articles with front matter (the JAMA benchmarks and the
HONcode principles): who wrote it, when, whether a clinician reviewed it, what it cites, and
whether an article that sells the treatment it describes says so. Each is read from front
matter keys (configurable; nested mappings are searched) or from the body ("By …",
"Medically reviewed by …", "Updated March 2, 2024", "Sponsored"). SRC003 and SRC004 apply only
to articles that make medical claims (sentences naming a condition and a treatment or effect).
With ``front-matter-only: false`` every Markdown article is checked.

A request that is pointless for the kind of page is not made (``rules/sources.yaml``
``not_applicable``; the page's kind is read from the page itself by the shared reading,
``medlint/analysis/reading.py``, never from its file name): no author asked of a press release,
no medical reviewer of a press release, news story, forum post, first-person account or a
clinician's own page, no references of a first-person account or a clinician's practice page,
and no advertising label where the page plainly speaks as the provider.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from medlint.model.diagnostics import Diagnostic, Severity
from medlint.model.document import Document
from medlint.model.sentences import Sentence
from medlint.text.prefilter import Needs, Starts, fold
from medlint.model.rule import Check, Context, Option, rule_doc
from medlint.knowledge.resources import load_data
from medlint.analysis.reading import Reading, reading
from medlint.checks.evidence import Citations

#: Where each pattern of a ``Starts`` may begin in a text (``Starts.places``; None: anywhere).
Places = list[list[int] | None]

_JAMA = "JAMA benchmarks (Silberg et al. 1997, JAMA 277:1244)"
_HON = "HONcode principles (Health On the Net; checklist only, the foundation closed Dec 2022)"

NO_AUTHOR = rule_doc(
    "SRC001",
    "missing-author",
    "The article does not say who wrote it.",
    what=(
        "For an article (Markdown, MDX or HTML) with front matter (YAML, TOML or JSON): reports "
        "when no author key (author, authors, byline, writer…; configurable with `author-keys`) "
        "has a value and the body has no byline ('By …', 'Written by …'). A press release "
        "(labelled as one, or with a media-contact block) is signed by the organisation that "
        "issues it."
    ),
    why=(
        "Authorship is the first JAMA benchmark and HONcode's 'authority' principle: readers "
        "weigh health advice by who gives it, and an unsigned article cannot be held to account."
    ),
    example="Bad: front matter with title and date only.\nGood: add `author: Jane Doe, MD`.",
    fix="No automatic fix: add an `author` key (with credentials) to the front matter.",
    source=f"{_JAMA}: authorship; {_HON}: authority",
)
NO_DATE = rule_doc(
    "SRC002",
    "missing-date",
    "The article does not say when it was published or last updated.",
    what=(
        "For an article with front matter: reports when no date key (date, published, updated, "
        "lastmod…; configurable with `date-keys`) has a value, the file name carries no Jekyll-style "
        "date (`2024-05-01-title.md`) and the body states no 'Published / Updated <date>'."
    ),
    why=(
        "Currency is a JAMA benchmark and DISCERN Q5: treatment facts and regulatory status "
        "change, and an undated article cannot be checked against what was known when it was written."
    ),
    example="Bad: front matter without a date.\nGood: add `date: 2024-03-02` (and `updated:` when revised).",
    fix="No automatic fix: add the publication date (and last review date) to the front matter.",
    source=f"{_JAMA}: currency; DISCERN Q5 (Charnock et al. 1999)",
)
NO_REVIEWER = rule_doc(
    "SRC003",
    "missing-medical-reviewer",
    "An article making medical claims names no medical reviewer.",
    what=(
        "For an article with front matter that makes medical claims (at least `min-claims` "
        "sentences naming a condition and a treatment or effect): reports when no reviewer "
        "key (reviewer, medically_reviewed_by…; `reviewer-keys`) has a value and the body has "
        "no 'Medically reviewed by …'. Not asked of press releases, news stories, forum posts "
        "and first-person accounts, nor of a page its clinician writes in their own voice "
        "('I will help you', 'therapy with me') or signs with a medical degree."
    ),
    why=(
        "Health publishers have clinicians review articles before publication; naming the "
        "reviewer tells readers the claims were checked by someone qualified (HONcode "
        "authority). Info by default, since many honest blogs have no formal review; raise it "
        "with `severity: {SRC003: warning}` or turn it off with `ignore: [SRC003]`."
    ),
    example="Bad: a ketamine explainer with only an author.\nGood: add `medically_reviewed_by: Dr. A. Patel, psychiatrist`.",
    fix="No automatic fix: have a clinician review the article and name them in the front matter.",
    source=f"{_HON}: authority; {_JAMA}: authorship (credentials)",
    severity=Severity.INFO,
)
NO_REFERENCES = rule_doc(
    "SRC004",
    "missing-references",
    "An article making medical claims cites nothing.",
    what=(
        "For an article with front matter that makes medical claims: reports, at the first "
        "claim, when the article has no link, footnote, numbered or author-year citation, "
        "named source (a study, survey, institution or researcher named in words), reference "
        "list or `references` front matter key. Not asked of first-person accounts, forum "
        "posts or a clinician's page about their own practice."
    ),
    why=(
        "Attribution is a JAMA benchmark and DISCERN Q4: without sources a reader cannot "
        "check a single claim, and overclaiming goes unchallenged."
    ),
    example="Bad: 900 words on ketamine and depression with no source.\nGood: link the trials and add a References section.",
    fix="No automatic fix: cite the studies and guidelines the claims rest on.",
    source=f"{_JAMA}: attribution; DISCERN Q4 (Charnock et al. 1999)",
)
UNDISCLOSED = rule_doc(
    "SRC005",
    "undisclosed-promotion",
    "The article sells the treatment it describes and discloses no advertising or interest.",
    what=(
        "For an article with front matter that makes medical claims and asks readers to buy "
        "from the publisher ('Call now', 'book a consultation', 'offered by Dr. …', prices per "
        "session): reports at the first call to action when there is no disclosure — no "
        "'sponsored', 'advertisement', 'disclosure' or conflict-of-interest statement, and no "
        "disclosure key (`disclosure-keys`) with a value. Where the page plainly speaks as the "
        "provider ('we offer', 'our clinic', 'call me') the promotion needs no label; a call "
        "to see one's own doctor sells nothing, and a heading is a topic, not a call."
    ),
    why=(
        "HONcode asks that advertising be labelled and separated from content, and the JAMA "
        "benchmarks ask for disclosure of ownership and sponsorship: an article written to sell "
        "a treatment is not neutral about it, and readers deserve to know."
    ),
    example=(
        "Bad: an explainer on ketamine ending 'Call now to book your first infusion.'\n"
        "Good: add 'Disclosure: this article is published by a clinic that provides ketamine treatment.'"
    ),
    fix="No automatic fix: add a disclosure line (or a `disclosure:` key) saying who sells the treatment.",
    source=f"{_HON}: advertising policy; {_JAMA}: disclosure",
)


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("sources.yaml")


@dataclass(frozen=True)
class _Patterns:
    """``rules/sources.yaml`` compiled. A body pattern runs only in an article that holds one
    of the literals it needs; the prose patterns are tried only where they may begin."""

    body: dict[str, tuple[re.Pattern, Needs]]
    # Conditions, treatments, then calls to action (from ``_PROMOTION`` on): one scan finds
    # where in the prose each may begin.
    prose: Starts
    clinician: re.Pattern
    medical_degree: re.Pattern
    own_clinician: re.Pattern


_CONDITIONS, _TREATMENTS, _PROMOTION = 0, 1, 2


def _with_needs(pattern: str) -> tuple[re.Pattern, Needs]:
    compiled = re.compile(pattern)
    return compiled, Needs(compiled)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = _data()
    claims = data["medical_claims"]
    return _Patterns(
        {name: _with_needs(p) for name, p in data["body"].items()},
        Starts(
            [re.compile(rf"\b{claims[name]}\b", re.IGNORECASE) for name in ("conditions", "treatments")]
            + [re.compile(p) for p in data["promotion"]]
        ),
        re.compile(data["clinician_voice"]),
        re.compile(data["medical_degree"]),
        re.compile(data["own_clinician"]),
    )


def _norm(key: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(key).lower())


def _filled(value: object) -> bool:
    if value is None or value is False:
        return False
    if isinstance(value, (str, list, dict, tuple)):
        return bool(value) and (not isinstance(value, str) or bool(value.strip()))
    return isinstance(value, (int, float, datetime.date, datetime.datetime)) or bool(value)


def front_matter_has(front_matter: dict, keys: Iterable[object]) -> bool:
    """True when a key in ``keys`` (normalised) has a value anywhere in the front matter."""
    wanted = {_norm(k) for k in keys}
    stack: list[object] = [front_matter]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if _norm(key) in wanted and _filled(value):
                    return True
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _keys_option(name: str, help_text: str) -> Option:
    return Option(list(_data()["keys"][name]), help_text, types=(list,))


class Sources(Check):
    """Document-level source and disclosure rules (SRC001–SRC005)."""

    name = "sources"
    rules = (NO_AUTHOR, NO_DATE, NO_REVIEWER, NO_REFERENCES, UNDISCLOSED)
    options = {
        "front_matter_only": Option(True, "Check only articles with front matter (false: every Markdown, MDX and HTML article)."),
        "min_claims": Option(2, "How many medical-claim sentences make an article 'make medical claims' (SRC003–SRC005)."),
        "author_keys": _keys_option("author", "Front matter keys that name the author."),
        "date_keys": _keys_option("date", "Front matter keys that give the publication or update date."),
        "reviewer_keys": _keys_option("reviewer", "Front matter keys that name the medical reviewer."),
        "disclosure_keys": _keys_option("disclosure", "Front matter keys that disclose sponsorship, advertising or conflicts."),
        "reference_keys": _keys_option("references", "Front matter keys that list the article's references."),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        opts = ctx.options
        if doc.format == "text" or (opts["front_matter_only"] and doc.front_matter_span is None):
            return
        patterns = _patterns()
        fm = doc.front_matter
        body_start = doc.front_matter_span[1] if doc.front_matter_span else 0
        body = doc.text[body_start:]

        def body_says(name: str) -> bool:
            pattern, needs = patterns.body[name]
            return needs.possible(fold(doc.text), body_start) and pattern.search(body) is not None

        anchor = (0, 3) if doc.front_matter_span else self._first_block(doc)
        read = reading(doc)
        page = read.genre
        pointless = {code for code, kinds in _data()["not_applicable"].items() if page.kind in kinds}
        if "SRC001" not in pointless and not front_matter_has(fm, opts["author_keys"]) and not body_says("author"):
            yield ctx.report("SRC001", *anchor, "no author: add an `author` key (with credentials) or a byline")
        if not front_matter_has(fm, opts["date_keys"]) and doc.file_date is None and not body_says("date"):
            yield ctx.report("SRC002", *anchor, "no publication or update date: add a `date` key (and `updated` when revised)")
        places = patterns.prose.places(fold(doc.prose))
        claims = self._claims(doc, patterns.prose, places)
        if len(claims) < opts["min_claims"]:
            return
        first = claims[0]
        where = f"{len(claims)} sentences make medical claims, the first at line {doc.position(first.start)[0]}"
        clinician = patterns.clinician.search(doc.prose, body_start) is not None
        if (
            "SRC003" not in pointless
            and not clinician
            and not self._medical_author(doc, fm, opts, patterns)
            and not front_matter_has(fm, opts["reviewer_keys"])
            and not body_says("reviewer")
        ):
            yield ctx.report("SRC003", *anchor, f"no medical reviewer named ({where}): add `medically_reviewed_by`")
        if (
            "SRC004" not in pointless
            and not clinician
            and not front_matter_has(fm, opts["reference_keys"])
            and not Citations(doc).anywhere()
            and not self._names_sources(read)
        ):
            yield ctx.report(
                "SRC004",
                first.start,
                first.end,
                f"the article cites nothing ({where}): link the studies and guidelines, or add a References section",
            )
        promo = None if page.provider or clinician else self._first_promotion(doc, body_start, patterns, places)
        if promo and not front_matter_has(fm, opts["disclosure_keys"]) and not body_says("disclosure"):
            start, end = promo
            yield ctx.report(
                "SRC005",
                start,
                end,
                f"“{' '.join(doc.prose[start:end].split())}” sells the treatment this article describes, and "
                "nothing discloses that it is advertising or who profits; add a disclosure line",
            )

    @staticmethod
    def _first_promotion(doc: Document, start: int, patterns: _Patterns, places: Places) -> tuple[int, int] | None:
        """The span of the earliest call to action (its ``cta`` group when the pattern has one),
        outside headings (a heading names a topic) and not a call to see one's own clinician."""
        family, prose = patterns.prose, doc.prose
        spans = []
        for i in range(_PROMOTION, len(family.patterns)):
            pattern = family.patterns[i]
            for m in family.finditer(i, places, prose, start):
                span = m.span("cta") if "cta" in pattern.groupindex else m.span()
                block = doc.block_at(span[0])
                if block is not None and block.kind == "heading":
                    continue
                sentence = doc.sentence_at(span[0])
                if sentence is not None and patterns.own_clinician.search(prose, sentence.start, sentence.end):
                    continue
                spans.append(span)
                break
        return min(spans) if spans else None

    @staticmethod
    def _medical_author(doc: Document, fm: dict, opts: dict, patterns: _Patterns) -> bool:
        """Whether the author (front matter author keys, or a byline) has a medical degree."""
        names: list[object] = []  # front-matter values: strings, or list items of any type
        stack = [fm]
        wanted = {_norm(k) for k in opts["author_keys"]}
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    if _norm(key) in wanted and isinstance(value, (str, list)):
                        names.extend(value if isinstance(value, list) else [value])
                    stack.append(value)
        byline = patterns.body["author"][0].search(doc.text, doc.front_matter_span[1] if doc.front_matter_span else 0)
        if byline:
            line_end = doc.text.find("\n", byline.start())
            names.append(doc.text[byline.start() : line_end if line_end >= 0 else len(doc.text)])
        return any(patterns.medical_degree.search(str(n)) for n in names)

    @staticmethod
    def _names_sources(read: Reading) -> bool:
        """Whether the article names a study, survey, institution or researcher anywhere (a
        source named in words is one a reader can find, even without a link)."""
        return any(
            (found := read.named(i)) is not None and found.kind in ("named-study", "named-source", "own-study")
            for i in range(len(read.sentences))
        )

    @staticmethod
    def _claims(doc: Document, family: Starts, places: Places) -> list[Sentence]:
        """The sentences that name a condition and a treatment or effect (not questions or quotes).

        Only sentences where both a condition and a treatment word may begin are read.
        """
        sentences = doc.sentences
        conditions, treatments = family.patterns[_CONDITIONS], family.patterns[_TREATMENTS]
        out = []
        for i in sorted(doc.sentences_holding(places[_CONDITIONS]) & doc.sentences_holding(places[_TREATMENTS])):
            sentence = sentences[i]
            text = doc.prose[sentence.start : sentence.end]
            if text.rstrip().endswith("?") or sentence.quoted:
                continue
            if conditions.search(text) and treatments.search(text):
                out.append(sentence)
        return out

    @staticmethod
    def _first_block(doc: Document) -> tuple[int, int]:
        """The first line of the first block (the title), where a document-level finding goes."""
        if not doc.blocks:
            return 0, 0
        block = doc.blocks[0]
        newline = doc.text.find("\n", block.start, block.end)
        return block.start, block.end if newline < 0 else newline
