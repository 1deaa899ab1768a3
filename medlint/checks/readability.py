"""RDB: readability — the grade against a target, the sentences and paragraphs that raise it,
acronyms used before they are spelled out, and jargon that has a plain alternative.

The scores come from ``medlint.readability`` (textstat on the prose only, offline). The target
is 8th grade unless configured: by the ``target-grade`` option (per path through config
``overrides``), or by the article's front matter, ``target-grade: 10`` or an ``audience`` named
in the ``audience-targets`` option (``audience: clinicians`` → 12). Hotspots are reported only
when the article is over its target: they are the answer to "which sentences make it so".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from medlint.text import acronyms
from medlint.model.diagnostics import Severity
from medlint.model.errors import ConfigError, PackError
from medlint.text.readability import FORMULAS, MIN_WORDS, SMOG_MIN_SENTENCES, hotspots, score_units, scoring_units
from medlint.model.rule import Check, Option, make_fix, match_case, rule_doc
from medlint.text.agreement import fit
from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of

#: Under this many words no grade is given at all: a heading and a sentence are no sample.
TOO_FEW_WORDS = 30
#: Under ``min-words``, how far above the target a grade must be to be reported: formulas
#: disagree by up to 5 grades on one text (Wang et al. 2013), and more so on short ones.
SHORT_TEXT_MARGIN = 4.0

_SOURCE_TARGETS = (
    "NIH: patient material at 8th grade or below; AMA: 6th grade; MedlinePlus easy-to-read: 6th–7th "
    "(summarised in shared/reference/health-writing-standards.md)"
)

GRADE = rule_doc(
    "RDB001",
    "reading-grade-above-target",
    "The article reads above its target grade (8th grade unless configured).",
    what=(
        "Scores the article's prose with textstat (markup, code, URLs, front matter, page "
        "furniture, reference sections, citations and image captions removed) and reports once, at the start of the text, when the reading grade is above the "
        "target. The grade is SMOG by default (Flesch–Kincaid when the text has fewer than "
        f"{SMOG_MIN_SENTENCES} sentences, which SMOG assumes); the message names every score: SMOG, "
        "Flesch–Kincaid grade, Flesch reading ease, Dale–Chall and Gunning fog. Every formula is "
        f"unstable on short texts: under {MIN_WORDS} words (`min-words`) the grade must be more "
        f"than {SHORT_TEXT_MARGIN:g} grades above the target to be reported, and the message says "
        f"so; under {TOO_FEW_WORDS} words nothing is graded. The target comes "
        "from the `target-grade` option (per path with config overrides), or from front matter: "
        "`target-grade: 10`, or `audience: clinicians` looked up in `audience-targets`."
    ),
    why=(
        "Patient-facing health material should read at about an 8th-grade level or below; reviews "
        "of health websites find a mean grade of 10–15 (Daraz et al. 2018). Readers who cannot "
        "follow the text cannot act on it. SMOG was the most consistent formula on depression "
        "materials (Wang et al. 2013); formulas disagree by up to 5 grades on one text, so the "
        "message gives them all."
    ),
    example=(
        "Bad: Ketamine's antidepressant properties are hypothesised to derive from disinhibition of "
        "glutamatergic pyramidal neurons. (grade 21)\n"
        "Good: Ketamine may ease depression by changing how brain cells signal to each other. (grade 7)"
    ),
    fix=(
        "No automatic fix. Start with the hard sentences and paragraphs reported as RDB002 and "
        "RDB003: split long sentences, and swap long words for everyday ones (RDB005)."
    ),
    source=f"{_SOURCE_TARGETS}; Wang et al. 2013 (Res Social Adm Pharm); Daraz et al. 2018; McLaughlin 1969 (SMOG)",
    severity=Severity.WARNING,
)

HARD_SENTENCE = rule_doc(
    "RDB002",
    "hard-sentence",
    "A sentence that raises the article's reading grade most (a hotspot).",
    what=(
        "When the article is above its target grade, reports the sentences that raise its grade "
        "most (up to `max-sentences`, default 5), each with its own Flesch–Kincaid grade and how "
        "far the whole article's grade would fall if that sentence read like the rest. Only "
        "sentences whose own grade is above the target are candidates."
    ),
    why=(
        "A grade says the text is hard; a writer needs to know where. Long sentences full of "
        "polysyllabic words carry most of the grade, and fixing a few of them moves it most."
    ),
    example=(
        "Bad: Ketamine's modulation of glutamate neurotransmission and restoration of synaptic "
        "plasticity may disrupt the cycle of negative thinking. (grade 19)\n"
        "Good: Ketamine changes how brain cells signal. This may help break the cycle of negative "
        "thoughts. (grade 4)"
    ),
    fix="No automatic fix: split the sentence, and use shorter, everyday words.",
    source=f"{_SOURCE_TARGETS}; Flesch–Kincaid grade (Kincaid et al. 1975)",
    severity=Severity.INFO,
)

HARD_PARAGRAPH = rule_doc(
    "RDB003",
    "hard-paragraph",
    "A paragraph that raises the article's reading grade most (a hotspot).",
    what=(
        "When the article is above its target grade, reports the paragraphs of two or more "
        "sentences that raise its grade most (up to `max-paragraphs`, default 3), each with its "
        "own Flesch–Kincaid grade and its effect on the article's grade."
    ),
    why=(
        "Hard writing clusters: one dense paragraph (a mechanism, a study summary) often carries "
        "the grade of a whole page, and is best rewritten as a whole."
    ),
    example=(
        "Bad: a paragraph of three 35-word sentences on receptor pharmacology\n"
        "Good: the same facts in six short sentences with everyday words"
    ),
    fix="No automatic fix: rewrite the paragraph in shorter sentences, or move detail to a box or footnote.",
    source=f"{_SOURCE_TARGETS}; Flesch–Kincaid grade (Kincaid et al. 1975)",
    severity=Severity.INFO,
)

ACRONYM = rule_doc(
    "RDB004",
    "acronym-before-expansion",
    "An acronym used before it is spelled out, or never spelled out.",
    what=(
        "Finds acronyms (NMDA, mTOR, GluN2B) and where each is spelled out: "
        "“post-traumatic stress disorder (PTSD)”, “PTSD (post-traumatic stress disorder)” or "
        "“post-traumatic stress disorder, or PTSD”, the long form's letters matching the acronym. "
        "Reports an acronym's first use in the prose when it comes before its spelled-out form, or "
        "when there is none. Headings, quotations, reference sections, citations and captions are "
        "not counted as first uses. Acronyms "
        "general readers know as words (TV, DNA, HIV; `rules/acronyms.yaml`) and those in the "
        "`known` option are exempt."
    ),
    why=(
        "An unexplained acronym is a word the reader cannot decode. Plain-language guidance asks "
        "for every acronym to be explained at its first use, even when many readers know it."
    ),
    example=(
        "Bad: Ketamine blocks NMDA receptors. … later: N-methyl-D-aspartate (NMDA) receptors …\n"
        "Good: Ketamine blocks N-methyl-D-aspartate (NMDA) receptors. … later: NMDA receptors …"
    ),
    fix=(
        "Unsafe, and only when the acronym is spelled out later as “long form (ACRONYM)”: moves "
        "the spelled-out form to the first use. Otherwise no automatic fix: spell it out, or say "
        "in plain words what it is."
    ),
    source=(
        "plainlanguage.gov (PLAIN), minimize abbreviations; State of Iowa digital style guide "
        "(“Explain acronyms on the first reference”); definition matching after Schwartz & "
        "Hearst, PSB 2003"
    ),
    severity=Severity.WARNING,
    fixable=True,
)

JARGON = rule_doc(
    "RDB005",
    "jargon-plain-alternative",
    "A jargon word or phrase with a plain alternative (“administered” → “given”).",
    what=(
        "Flags words and phrases from `rules/jargon.yaml`, a list drawn from plain-language "
        "thesauruses (each entry names its sources), and offers the plain wording: "
        "“administered” → “given”, “its efficacy” → “how well it works”, “prior to” → “before”. "
        "Quotations, capitalised names (“Adverse Event Reporting Program”), reference sections, "
        "citations and captions are skipped. Where "
        "no single swap reads well everywhere, the finding names the alternative without a fix."
    ),
    why=(
        "Everyday words are read faster and understood by more people; long formal words also "
        "raise every readability grade."
    ),
    example=(
        "Bad: Ketamine is usually administered through a drip.\n"
        "Good: Ketamine is usually given through a drip."
    ),
    fix=(
        "Unsafe: the plain word can shift the meaning or the grammar in some sentences "
        "(“administered” → “given” suits the passive; the active past wants “gave”), so a person "
        "must read the result."
    ),
    source=(
        "CDC Plain Language Thesaurus for Health Communications (2007); CDC Everyday Words for "
        "Public Health Communication (2016); plainlanguage.gov; NALA (Ireland); 26TEN (Tasmania); "
        "per entry in rules/jargon.yaml"
    ),
    severity=Severity.INFO,
    fixable=True,
)

_DEFAULT_AUDIENCES = {
    "general": 8,
    "public": 8,
    "patients": 8,
    "caregivers": 8,
    "easy-read": 6,
    "clinicians": 12,
    "professionals": 12,
}


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(where, f"a reading grade must be a number, got {value!r}")
    return float(value)


def target_for(doc, options: dict) -> tuple[float, str]:
    """The document's target grade and, for messages, where it came from.

    Front matter wins over the option: ``target-grade: N``, else the highest target among the
    ``audience`` values found in ``audience-targets``; else the ``target-grade`` option.
    """
    fm = doc.front_matter or {}
    for key in ("target-grade", "target_grade"):
        if key in fm:
            return _number(fm[key], f"{doc.path}: front matter {key}"), "set in front matter"
    audience = fm.get("audience")
    names = [audience] if isinstance(audience, str) else audience if isinstance(audience, list) else []
    table = {str(k).lower(): v for k, v in options["audience_targets"].items()}
    known = [(_number(table[str(n).lower()], "option audience-targets"), str(n)) for n in names if str(n).lower() in table]
    if known:
        value, name = max(known)
        return value, f"for audience “{name}”"
    return float(options["target_grade"]), ""


class ReadingGrade(Check):
    """RDB001 (document grade over target) and its hotspots RDB002 (sentences), RDB003 (paragraphs)."""

    name = "readability"
    rules = (GRADE, HARD_SENTENCE, HARD_PARAGRAPH)
    options = {
        "target-grade": Option(8.0, "Highest acceptable reading grade.", types=(int, float)),
        "formula": Option("smog", "Grade used against the target (smog falls back to flesch-kincaid on short texts).", choices=tuple(FORMULAS)),
        "audience-targets": Option(dict(_DEFAULT_AUDIENCES), "Target grade for each front-matter `audience` value.", types=(dict,)),
        "min-words": Option(MIN_WORDS, f"Below this many words a grade is reported only {SHORT_TEXT_MARGIN:g} grades over the target.", types=(int,)),
        "max-sentences": Option(5, "Most hard sentences (RDB002) reported per article.", types=(int,)),
        "max-paragraphs": Option(3, "Most hard paragraphs (RDB003) reported per article.", types=(int,)),
    }

    def preload(self):
        from medlint.text.syllables import cmu_pronunciations, hyphenation

        cmu_pronunciations()
        hyphenation()

    def check(self, doc, ctx):
        opts = ctx.options
        units = scoring_units(doc, exclude=doc.unscored())
        if not units:
            return
        scores = score_units(units)
        target, why = target_for(doc, opts)
        grade, used = scores.grade(opts["formula"])
        short = scores.words < opts["min_words"]
        if scores.words < TOO_FEW_WORDS or grade <= target + (SHORT_TEXT_MARGIN if short else 0):
            return
        note = ""
        if used != opts["formula"]:
            note = (
                f" ({FORMULAS[opts['formula']]} assumes {SMOG_MIN_SENTENCES} sentences and this text has "
                f"{scores.sentences}, so the grade is {FORMULAS[used]})"
            )
        if short:
            note += f" (only {scores.words} words: the grade is unstable, but far above the target)"
        first = units[0]
        line_end = doc.text.find("\n", first.start, first.end)
        yield ctx.report(
            "RDB001",
            first.start,
            line_end if line_end >= 0 else first.end,
            f"reading grade {grade:.1f} ({FORMULAS[used]}) is above the target of {target:g}"
            f"{' ' + why if why else ''}{note}: {scores.summary()}; {scores.words} words, "
            f"{scores.sentences} sentences",
        )
        enabled = ctx.settings.enabled_codes
        for code, by_block, limit in (("RDB002", False, opts["max_sentences"]), ("RDB003", True, opts["max_paragraphs"])):
            if code not in enabled or limit <= 0:
                continue
            # A piece whose removal would change the grade by less than the message's 0.01 is
            # not what holds the article back ("raises the grade by 0.00" helps nobody).
            spots = [h for h in hotspots(units, by_block=by_block, above=target) if h.raises >= 0.005]
            spots.sort(key=lambda h: -h.raises)
            for rank, h in enumerate(spots[:limit], 1):
                what = "sentence" if not by_block else f"paragraph ({h.sentences} sentences)"
                yield ctx.report(
                    code,
                    h.start,
                    h.end,
                    f"hard {what}, #{rank} of the article: grade {h.grade:.1f} (Flesch–Kincaid, "
                    f"{h.words} words) against a target of {target:g}; it raises the article's grade "
                    f"by {h.raises:.2f}. Use shorter sentences and everyday words",
                )


@lru_cache(maxsize=1)
def _known_acronyms() -> frozenset[str]:
    """Acronyms general readers know as words (rules/acronyms.yaml), read on first use."""
    return frozenset(str(k).upper() for k in load_data("acronyms.yaml")["known"])


class Acronyms(Check):
    """RDB004: acronyms used before they are spelled out, or never spelled out."""

    name = "acronyms"
    rules = (ACRONYM,)
    options = {
        "known": Option([], "More acronyms that need no spelling out (house terms).", types=(list,)),
    }

    def check(self, doc, ctx):
        known = _known_acronyms() | {str(k).upper() for k in ctx.options["known"]}
        found = acronyms.uses(doc)
        defs = acronyms.definitions(doc, found)
        done: set[str] = set()
        for use in found:
            key = use.key.upper()
            if key in done or key in known:
                continue
            spelled = defs.get(key, [])
            if any(d.start <= use.start < d.end for d in spelled):
                done.add(key)  # this use is the spelled-out form itself
                continue
            if use.heading or use.quoted or doc.in_apparatus(use.start, use.end):
                continue  # a heading, quotation, reference or caption does not introduce the term
            done.add(key)
            later = spelled[0] if spelled else None
            if later is None:
                message = (
                    f"“{use.key}” is never spelled out; give the full term at its first use, as "
                    f"“full term ({use.key})”, or say in plain words what it is"
                )
            else:
                message = (
                    f"“{use.key}” is used before it is spelled out (line {doc.position(later.start)[0]}); "
                    "spell it out here, at its first use"
                )
            yield ctx.report("RDB004", use.start, use.end, message, fix=self._move_fix(doc, use, later))

    @staticmethod
    def _move_fix(doc, use, later):
        """Move a later “long form (ACRONYM)” to the first use (unsafe), when that is clean."""
        if later is None or later.form != "long-short" or use.plural:
            return None
        whole = doc.text[later.start : later.end]
        if not re.fullmatch(r"[\s\S]*\(\s*" + re.escape(use.key) + r"\s*\)", whole):
            return None
        long_form = doc.text[later.long_start : later.long_end]
        if long_form != doc.prose[later.long_start : later.long_end] or "\n" in long_form or doc.is_quoted(later.start, later.end):
            return None  # markup or a line break inside it, or a quotation: leave it to a person
        at_def = doc.sentence_at(later.long_start)
        words = long_form.split()
        if at_def is not None and at_def.start == later.long_start and words[0][1:].islower() and all(
            not w[:1].isupper() for w in words[1:]
        ):
            long_form = long_form[0].lower() + long_form[1:]
        at_use = doc.sentence_at(use.start)
        if at_use is not None and at_use.start == use.start:
            long_form = long_form[0].upper() + long_form[1:]
        spelled = f"{long_form} ({use.key})"
        return make_fix(
            f"Spell out “{use.key}” here as “{spelled}”, and use “{use.key}” where it was spelled out",
            [(use.start, use.end, spelled), (later.start, later.end, use.key)],
            safe=False,
        )


@dataclass(frozen=True)
class _Phrase:
    """One listed phrase: the index of its term, and the wording a fix writes (None: report only)."""

    term: int
    replacement: str | None


@dataclass(frozen=True)
class JargonList:
    """The jargon list compiled: one pattern whose named groups map to phrases."""

    pattern: re.Pattern
    phrases: dict[str, _Phrase]
    terms: list[dict]
    exceptions: list[tuple[re.Pattern, ...]]  # per term
    first_words: frozenset  # lower-cased first words: the pattern is tried only where one starts


_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])(?!-\w)"


def _phrase_pattern(phrase: str) -> str:
    """A listed phrase as a pattern: words separated by any white space (masked markup)."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def load_jargon(data: dict, where: str = "rules/jargon.yaml") -> JargonList:
    """Compile the jargon list (its keys and types are checked against its format when read;
    here, that every term swaps or flags, names known sources and lists a phrase once)."""
    sources = data["sources"]
    alternatives: list[tuple[int, str]] = []
    phrases: dict[str, _Phrase] = {}
    exceptions: list[tuple[re.Pattern, ...]] = []
    seen: set[str] = set()
    for t_index, term in enumerate(data["terms"]):
        line = line_of(term)
        if not term.get("swap") and not term.get("flag"):
            raise PackError(where, f"term '{term['term']}' has neither 'swap' nor 'flag'", line)
        for source in term["sources"]:
            if source not in sources:
                raise PackError(where, f"term '{term['term']}' names unknown source '{source}'", line_of(term, "sources"))
        entries = list((term.get("swap") or {}).items()) + [(p, None) for p in term.get("flag") or []]
        for p_index, (phrase, replacement) in enumerate(entries):
            if phrase.lower() in seen:
                raise PackError(where, f"phrase '{phrase}' is listed twice", line)
            seen.add(phrase.lower())
            group = f"j{t_index}_{p_index}"
            alternatives.append((len(phrase), f"(?P<{group}>{_phrase_pattern(phrase)})"))
            phrases[group] = _Phrase(t_index, replacement)
        exceptions.append(tuple(re.compile(_LEFT + f"(?:{e})" + _RIGHT, re.IGNORECASE) for e in term.get("exceptions") or []))
    alternatives.sort(key=lambda a: -a[0])
    # The boundaries stand once around the alternation (several times faster than one per
    # phrase); a phrase whose right boundary fails still gives way to the next, by backtracking.
    pattern = re.compile(f"{_LEFT}(?:{'|'.join(a[1] for a in alternatives)}){_RIGHT}", re.IGNORECASE)
    first_words = frozenset(p.split()[0].lower() for t in data["terms"] for p in list(t.get("swap") or {}) + list(t.get("flag") or []))
    return JargonList(pattern, phrases, list(data["terms"]), exceptions, first_words)


@lru_cache(maxsize=1)
def shipped_jargon() -> JargonList:
    """The shipped list (rules/jargon.yaml), validated and compiled on first use, not when the
    checks are loaded: a run served from the cache never needs it."""
    return load_jargon(load_data("jargon.yaml"))


_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")


def _inside_name(prose: str, start: int, end: int, s_start: int, s_end: int) -> bool:
    """True when a title-case match sits inside a longer capitalised name, with capitalised
    words on both sides ("FDA MedWatch Adverse Event Reporting Program"): a name is not jargon."""
    if not all(w[:1].isupper() for w in prose[start:end].split()):
        return False
    before = prose[s_start:start].split()
    after = prose[end:s_end].split()
    return bool(before and after and _CAPITALISED.fullmatch(before[-1]) and _CAPITALISED.fullmatch(after[0]))


class PlainWords(Check):
    """RDB005: jargon with a plain alternative, from rules/jargon.yaml."""

    name = "plain-words"
    rules = (JARGON,)

    def check(self, doc, ctx):
        jargon = shipped_jargon()
        for m in self._matches(doc, jargon):
            start, end = m.span()
            if doc.is_quoted(start, end) or doc.in_apparatus(start, end):
                continue  # quoted words, and references and captions, are not the writer's to plain
            phrase = jargon.phrases[m.lastgroup]
            sentence = doc.sentence_at(start)
            s_start, s_end = (sentence.start, sentence.end) if sentence else (start, end)
            if any(
                e.start() <= start and end <= e.end()
                for x in jargon.exceptions[phrase.term]
                for e in x.finditer(doc.prose, s_start, s_end)
            ):
                continue
            if _inside_name(doc.prose, start, end, s_start, s_end):
                continue
            matched = doc.text[start:end]
            term = jargon.terms[phrase.term]
            note = f" ({term['note']})" if term.get("note") else ""
            fix = None
            if phrase.replacement is not None:
                plain = match_case(matched, phrase.replacement)
                message = f"“{matched}” is jargon; say “{plain}”{note}"
                fitted = fit(doc.prose, start, end, plain)  # "an adverse reaction" → "a bad reaction"
                if matched == doc.prose[start:end] and fitted is not None:
                    fix = make_fix(f"Replace “{matched}” with “{plain}”", [fitted], safe=False)
            else:
                message = f"“{matched}” is jargon; plain alternative: {term['plain']}{note}"
            yield ctx.report("RDB005", start, end, message, fix=fix)

    @staticmethod
    def _matches(doc, jargon: JargonList):
        """Matches of the list, tried only at words that start a listed phrase (one combined pattern
        run at every position costs several times more). Those words are picked out of the
        document's tokens in one pass of built-ins; a match ends within the token's block (blocks
        are in order and do not overlap), and the next one starts after it."""
        tokens = doc.tokens
        starts = map(jargon.first_words.__contains__, map(str.lower, [t.text for t in tokens]))
        blocks = doc.blocks
        block_starts = [b.start for b in blocks]
        resume = 0
        for token in compress(tokens, starts):
            if token.start < resume:
                continue
            block = blocks[bisect.bisect_right(block_starts, token.start) - 1]
            m = jargon.pattern.match(doc.prose, token.start, block.end)
            if m:
                resume = m.end()
                yield m
