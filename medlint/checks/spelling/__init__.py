"""SPL: spelling, against an English dictionary of every major spelling, a mental-health and
pharmacology lexicon, and a curated list of misspellings; safe fixes only where one answer is right.

Five rules, at most one finding per word:

- SPL001 known-misspelling: a word in the curated list (``rules/misspellings.yaml``).
- SPL002 domain-typo: a word no dictionary knows, one small edit from a lexicon term.
- SPL003 misspelling: a word no dictionary knows, one edit from a common English word, or a
  contraction without its apostrophe ("dont").
- SPL004 other-spelling (with the option ``locale``): a word spelt the way another variety of
  English spells it ("colour" in an en-US site).
- SPL005 mixed-spelling (off by default): an article mixing US and British/Commonwealth spellings.

What a word *is* (known, listed, near a term, a typo of a common word) is decided by
``medlint.knowledge.speller``; where it stands (``layout``) limits what may be said about it
(the *kind* passed to ``Speller.judge``):

- ``name``: a capitalised word inside a sentence (or before another capitalised word, or one
  written so elsewhere in the article), a word of a block under three words (bylines, labels)
  or of a sentence mostly of unknown words (another language, scraper debris), and a word the
  article itself names or defines: a short gloss in brackets ("almonds (badam)", "mental health
  services (camhs)"), the names after "known as", "called", "street names", a term in short
  quotation marks (“keto”), a word the article repeats in a heading. Only the curated list and
  lexicon near misses apply, never as safe fixes.
- ``cited``: a word of a reference-list entry (journal abbreviations, "Epub", authors): only the
  curated list applies.
- A word followed by "[sic]" is intended as written and left alone.

Quotations are checked (a typo in a quote is still on the page), but a fix there is never safe:
the fix-safety policy (docs/fix-safety.md, ``medlint.analysis.places``) keeps safe fixes to
running prose, out of headings, quotations, tables, reference lists, cited titles and code.

Not checked: code, URLs, link targets and front matter (blanked in ``Document.prose``), words
with digits or non-ASCII letters, words glued to an address ("nami.org"), camelCase and words
run together by scrapers ("aboutpsychotherapy"), halves of a word a scraper split
("p ositive"), ALL-CAPS words other than swapped acronyms (MNDA -> NMDA).
"""

from __future__ import annotations

import itertools
import operator
import re

from medlint.checks.spelling.layout import Layout
from medlint.knowledge.dictionary import LOCALES
from medlint.knowledge.lexicon import is_exact
from medlint.knowledge.speller import Speller, Verdict, speller
from medlint.model.diagnostics import Severity
from medlint.model.rule import Check, Option, make_fix, match_case, rule_doc

KNOWN = rule_doc(
    "SPL001",
    "known-misspelling",
    "A word from the list of known misspellings (drug names, clinical terms, common English).",
    what=(
        "Looks up every prose word, and every part of a hyphenated word, in a curated list of "
        "known misspellings (rules/misspellings.yaml): 'Sertaline', 'trazadone', 'propanolol', "
        "'recieve', 'occuring'. Quotations and headings are checked too; code and URLs are not. "
        "A word followed by '[sic]' is left alone."
    ),
    why=(
        "A misspelt drug name is a safety problem as well as a credibility one: readers search "
        "for it, copy it to a pharmacist, or confuse it with another drug. Misspellings of common "
        "words make health information look careless, and readers trust it less."
    ),
    example="Bad: My doctor switched me from Sertaline to trazadone.\nGood: My doctor switched me from Sertraline to trazodone.",
    fix=(
        "Safe when the list gives one correction and the word stands in running prose: the word "
        "is replaced, keeping its capitals ('Sertaline' -> 'Sertraline'). Unsafe in a heading, a "
        "quotation, a table, a reference list or a cited title (docs/fix-safety.md). When the "
        "list gives several ('wich': which or witch) the finding names them and a human chooses."
    ),
    source="codespell's misspelling dictionary and format; Wikipedia's list of common misspellings; FDA labels on DailyMed for drug names; MeSH for clinical terms",
    severity=Severity.WARNING,
    fixable=True,
)

DOMAIN = rule_doc(
    "SPL002",
    "domain-typo",
    "A word one small edit from a drug, receptor or condition name that no dictionary knows.",
    what=(
        "For a word that neither the English dictionary nor the domain lexicon knows, looks for "
        "lexicon terms (drug names and their UK, EU, Canadian and Australian brands, receptors, "
        "transmitters, conditions, acronyms) within one edit, or two for words of eight letters "
        "or more; swapping two neighbouring letters counts as one edit. Acronyms match "
        "case-sensitively and only by a swap (MNDA -> NMDA). Where the typo is itself a real "
        "term elsewhere (MNDA is a gene symbol, NDMA a chemical), the paragraph decides: words "
        "such as 'receptor' or 'ketamine' make the fix safe, words of the other meaning "
        "('nitrosamine', 'recall') silence it, and otherwise the finding only suggests the "
        "lexicon term. A word wordfreq has seen in real text is matched only by a usual slip "
        "(not 'Panax' -> 'Xanax'). Names and defined terms get a suggestion at most."
    ),
    why=(
        "General spell-checkers get domain typos wrong: they 'correct' MNDA to MUNDA or DAMN and "
        "flag ketamine, GluN2B and mTOR. A one-letter slip in a receptor or drug name changes "
        "what the sentence claims, and readers cannot tell."
    ),
    example="Bad: Ketamine blocks a cortical MNDA receptor.\nGood: Ketamine blocks a cortical NMDA receptor.",
    fix=(
        "Safe when exactly one lexicon term is one edit away, no common word is as close, the "
        "word is not a name or a term the article defines, it stands in running prose, and, for "
        "a real term such as MNDA, the paragraph is about the lexicon meaning. Otherwise unsafe "
        "(a suggestion for --unsafe-fixes) or, with several candidates, report only. Capitals "
        "are kept; exact terms keep their own case (NMDA, mTOR)."
    ),
    source="Damerau-Levenshtein / Optimal String Alignment distance (rapidfuzz); lexicon sources in rules/lexicon.yaml",
    severity=Severity.WARNING,
    fixable=True,
)

GENERAL = rule_doc(
    "SPL003",
    "misspelling",
    "A word no English dictionary knows, one edit from a common word.",
    what=(
        "Checks words against SCOWL, the word lists behind the Hunspell dictionaries of US, "
        "British, Canadian and Australian English (all accepted unless the option 'locale' "
        "picks one), and the domain lexicon. A word none knows is reported when a common word "
        "(wordfreq) is one edit away; a word wordfreq sees often (Zipf 3.3: 'tbh') is in use "
        "and left alone, and one it has seen rarely ('coronial') is reported only for a usual "
        "slip (a letter doubled, dropped or swapped, a vowel or a neighbouring key). Left "
        "alone: names and terms the article defines, words of reference entries, camelCase, "
        "words run together by a scraper, bylines and labels under three words, sentences "
        "mostly in another language, and words followed by [sic]. A contraction written "
        "without its apostrophe ('dont', 'All Im saying') is reported with it put back. A "
        "site's own names and terms go in the spelling option 'words'."
    ),
    why="Typos make health information look careless; readers trust it less and may misread it.",
    example="Bad: Ask questions about reationships and mental health.\nGood: Ask questions about relationships and mental health.",
    fix=(
        "Safe when one common word is the clear correction (the only one, or far more common "
        "than any other), the word has five letters or more and keeps its first letter (or is "
        "a contraction without its apostrophe), and it stands in running prose; unsafe for "
        "shorter words and outside prose (docs/fix-safety.md); report only, with the "
        "candidates, when several words are as close."
    ),
    source="SCOWL 2020.12.07 (wordlist.aspell.net); wordfreq 3 (Robyn Speer) for word frequencies; rules/lexicon.yaml",
    severity=Severity.WARNING,
    fixable=True,
)

OTHER_SPELLING = rule_doc(
    "SPL004",
    "other-spelling",
    "A word spelt as another variety of English spells it, when the site's locale is set.",
    what=(
        "Only with the spelling option 'locale' (en-US, en-GB, en-CA or en-AU): reports a "
        "dictionary word that the chosen spelling does not accept but another does ('colour' "
        "in an en-US site, 'color' in an en-GB one), with the chosen spelling's form when one "
        "edit finds it. Oxford spelling (-ize) counts as British."
    ),
    why="A site that has chosen a house spelling reads as careless when articles drift between spellings.",
    example="Bad (locale en-US): The behaviour of the patient changed.\nGood: The behavior of the patient changed.",
    fix="Unsafe: the suggested spelling is offered for --unsafe-fixes; a house style may keep some words (a quoted source, a proper name).",
    source="SCOWL 2020.12.07 spelling categories (american, british, british_z, canadian, australian)",
    severity=Severity.INFO,
    fixable=True,
)

MIXED = rule_doc(
    "SPL005",
    "mixed-spelling",
    "One article mixes American and British/Commonwealth spellings.",
    what=(
        "Counts the words only American English spells so ('color', 'center') and the words only "
        "British, Canadian or Australian English spells so ('colour', 'centre') in one article; "
        "when both occur, reports each word of the smaller side once, naming the larger side. "
        "Quotations are not counted (a quoted source keeps its spelling). Off by default: turn "
        "it on with extend-select: [SPL005]."
    ),
    why="Mixed spellings in one article look like copy pasted from several sources and unedited.",
    example="Bad: The color of the tablets and the behaviour of patients.\nGood: The colour of the tablets and the behaviour of patients.",
    fix="None: which spelling to keep is the writer's choice.",
    source="SCOWL 2020.12.07 spelling categories",
    severity=Severity.INFO,
    fixable=False,
    default_enabled=False,
)

_TEXT = operator.attrgetter("text")
_DIGIT = re.compile("[0-9]")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")


class Spelling(Check):
    """Spelling against an English dictionary and the domain lexicon (SPL001-SPL005)."""

    name = "spelling"
    rules = (KNOWN, DOMAIN, GENERAL, OTHER_SPELLING, MIXED)
    sees_non_prose = True  # a typo shows on the page wherever it is, furniture included
    restores_typing = True
    options = {
        "words": Option(
            [],
            "Extra words to accept (a site's names and house terms); written with an inner capital "
            "or a digit they match exactly, otherwise in any case.",
            types=(list,),
        ),
        "locale": Option(
            "any",
            "Which English spelling to accept: any (US, British, Canadian and Australian alike), or one "
            "of en-US, en-GB (either -ise or -ize), en-CA, en-AU; other spellings are then SPL004.",
            choices=tuple(LOCALES),
        ),
    }

    def preload(self):
        speller().preload()  # before worker processes fork

    def check(self, doc, ctx):
        sp = speller()
        codes = ctx.settings.enabled_codes
        if "SPL005" in codes or (ctx.options["locale"] != "any" and "SPL004" in codes):
            yield from _spellings(doc, ctx, sp)
        tokens = doc.tokens
        texts = list(map(_TEXT, tokens))
        loud = _Survey.of(sp).loud(texts)
        if not loud:
            return
        suspects = itertools.compress(itertools.count(), map(loud.__contains__, texts))
        accepted = {str(w) if is_exact(str(w)) else str(w).lower() for w in ctx.options["words"]}
        layout = Layout(doc, texts, sp)
        apostrophe = "’" if doc.text.count("’") > doc.text.count("'") else "'"
        for i in suspects:
            token = tokens[i]
            text = token.text.replace("’", "'")
            if text in accepted or text.lower() in accepted or not layout.eligible(i):
                continue
            paragraph = _Paragraph(doc, token.start)
            if "-" not in text and sp.judge(text, "lower", paragraph) is None:
                continue  # running text is where most is said of a word: nothing here, nothing anywhere
            kind = layout.kind(i)
            if "-" not in text:
                verdict = sp.judge(text, kind, paragraph)
                if verdict is not None and verdict.code != "SPL001" and _split_word(doc, i, sp):
                    continue
                found = [(token.start, text, verdict)]
            elif sp.lexicon.knows(text):
                continue
            elif sp.curated(text):
                found = [(token.start, text, sp.curated(text))]
            else:
                found = []
                for start, part in _parts(token.start, text):
                    part_kind = kind if start == token.start or kind == "cited" else ("name" if part[0].isupper() else "lower")
                    found.append((start, part, sp.judge(part, part_kind, paragraph)))
            for start, word, verdict in found:
                if verdict is not None:
                    yield _report(ctx, verdict, start, start + len(word), doc.text[start : start + len(word)], apostrophe)


def _report(ctx, verdict: Verdict, start: int, end: int, original: str, apostrophe: str):
    """The diagnostic, with a fix when there is one correction (safe or not) to apply;
    an apostrophe put back ("don't") follows the article's own style (' or ’)."""
    fix = None
    if verdict.corrections and (verdict.safe or len(verdict.corrections) == 1):
        replacement = _cased(original, verdict.corrections[0])
        if "'" not in original and "’" not in original:
            replacement = replacement.replace("'", apostrophe)
        fix = make_fix(f"Replace “{original}” with “{replacement}”", [(start, end, replacement)], safe=verdict.safe)
    return ctx.report(verdict.code, start, end, verdict.message, fix=fix)


def _spellings(doc, ctx, sp: Speller):
    """SPL004 (a word outside the chosen locale) and SPL005 (US and Commonwealth mixed)."""
    locale = ctx.options["locale"]
    codes = ctx.settings.enabled_codes
    words = sp.dictionary
    sides: dict[str, list] = {"US": [], "Commonwealth": []}
    for token in doc.tokens:
        text = token.text
        if not text.isalpha() or not text.isascii():
            continue
        if text[0].isupper() and _mid_sentence(doc, token):
            continue  # a name: "Colour Me Calm", "Centre for Mental Health"
        side = words.side(text)
        if side is None:
            continue
        if not doc.is_quoted(token.start, token.end):
            sides[side].append(token)
        if locale != "any" and "SPL004" in codes and not words.accepts(text, locale):
            yield _other_spelling(ctx, sp, token, locale)
    if "SPL005" in codes and sides["US"] and sides["Commonwealth"]:
        major, minor = sorted(sides, key=lambda k: (-len(sides[k]), k))
        if len(sides[major]) == len(sides[minor]):
            return  # no majority to follow
        seen: set[str] = set()
        for token in sides[minor]:
            if token.text.lower() in seen:
                continue
            seen.add(token.text.lower())
            example = sides[major][0].text
            yield ctx.report(
                "SPL005", token.start, token.end,
                f"“{token.text}” is {minor} spelling, but this article mostly uses {major} spelling "
                f"({len(sides[major])} words such as “{example}”, against {len(sides[minor])}); pick one",
            )


def _other_spelling(ctx, sp: Speller, token, locale: str):
    lower = token.text.lower()
    words = sp.dictionary
    options = sorted((w for w in sp.candidates(lower) if words.accepts(w, locale)), key=lambda w: (-sp.zipf(w), w))
    message = f"“{token.text}” is not {locale} spelling"
    fix = None
    if options:
        replacement = match_case(token.text, options[0])
        message += f"; {locale} writes “{replacement}”"
        fix = make_fix(f"Replace “{token.text}” with “{replacement}”", [(token.start, token.end, replacement)], safe=False)
    return ctx.report("SPL004", token.start, token.end, message, fix=fix)


def _mid_sentence(doc, token) -> bool:
    sentence = doc.sentence_at(token.start)
    return sentence is not None and sentence.start != token.start


class _Survey:
    """Which token texts some rule may report (not ``quiet``), judged once per process: most
    texts are dictionary words as written, settled by one set operation."""

    _instances: dict[int, _Survey] = {}

    def __init__(self, sp: Speller):
        self.sp = sp
        self.seen: set[str] = set()
        self.loud_texts: set[str] = set()

    @classmethod
    def of(cls, sp: Speller) -> _Survey:
        found = cls._instances.get(id(sp))
        if found is None or found.sp is not sp:
            found = cls._instances[id(sp)] = cls(sp)
        return found

    def loud(self, texts: list[str]) -> set[str]:
        unique = set(texts)
        new = unique - self.seen
        if new:
            self.seen |= new
            sp = self.sp
            plain = {t for t in new if t.islower() and t.isalpha() and t.isascii()}
            quiet = (plain & sp.dictionary.words) - sp.misspellings.keys()
            self.loud_texts.update(t for t in new - quiet if not self.quiet(t))
        return self.loud_texts & unique

    def quiet(self, token: str) -> bool:
        """True for a token no rule can report, wherever it stands: not a checked word (digits,
        other alphabets), or known in every part and not a listed misspelling."""
        text = token.replace("’", "'")
        if not text.isascii() or _DIGIT.search(text):
            return True
        sp = self.sp
        if "-" in text and sp.lexicon.knows(text):
            return True
        if sp.curated(text):
            return False
        return all(self._fine(part) for _, part in _parts(0, text))

    def _fine(self, word: str) -> bool:
        sp = self.sp
        return sp.curated(word) is None and (sp.known(word) or sp.known(_POSSESSIVE.sub("", word)))


def _split_word(doc, i: int, sp: Speller) -> bool:
    """True when token ``i`` is half of a word a scraper split ("**p** ositive")."""
    tokens = doc.tokens
    for a, b in ((i - 1, i), (i, i + 1)):
        if a >= 0 and b < len(tokens) and tokens[b].start - tokens[a].end <= 3:
            joined = tokens[a].text + tokens[b].text
            if joined.isalpha() and not doc.prose[tokens[a].end : tokens[b].start].strip() and sp.known(joined):
                return True
    return False


def _cased(original: str, replacement: str) -> str:
    """The replacement with the original's capitals; exact terms (NMDA, mTOR) stay as written."""
    return replacement if is_exact(replacement) else match_case(original, replacement)


def _parts(start: int, text: str):
    """The parts of a hyphenated word, each with its offset."""
    for part in text.split("-"):
        if part:
            yield start, part
        start += len(part) + 1


class _Paragraph:
    """The lower-case words of the block around an offset, computed only when asked for (the
    real-term context guard needs them for a handful of words per article)."""

    def __init__(self, doc, offset: int):
        self.doc = doc
        self.offset = offset

    def words(self) -> frozenset:
        doc = self.doc
        for block in doc.blocks:
            if block.start <= self.offset < block.end:
                return frozenset(t.text.lower() for t in doc.tokens if block.start <= t.start < block.end)
        return frozenset()

    def following(self, length: int) -> str:
        """A few characters after the word of ``length`` at this offset (what follows it)."""
        start = self.offset + length
        return self.doc.text[start : start + 16]
