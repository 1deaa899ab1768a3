"""RDB005: jargon with a plain alternative, from ``rules/jargon.yaml`` (compiled here into one
pattern tried only where a listed phrase can start)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of
from medlint.model.diagnostics import Severity
from medlint.model.errors import PackError
from medlint.model.rule import Check, make_fix, match_case, rule_doc
from medlint.text.agreement import fit

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
                plain = _title_case(phrase.replacement) if _is_title_case(matched) else match_case(matched, phrase.replacement)
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
        resume = 0
        for token in compress(tokens, starts):
            if token.start < resume:
                continue
            block = doc.block_at(token.start)
            assert block is not None  # tokens are read from the blocks
            m = jargon.pattern.match(doc.prose, token.start, block.end)
            if m:
                resume = m.end()
                yield m


_SMALL = frozenset("a an and as at by for in of on or the to with".split())


def _is_title_case(words: str) -> bool:
    """Two or more words, each capitalised and not all in capitals: a title-case heading's
    phrase ("When to Seek Help"), whose plain words are title case too. (A listed phrase is
    jargon, not a name: names around it are left alone by the fix-safety guard.)"""
    parts = words.split()
    return len(parts) > 1 and all(p[:1].isupper() for p in parts) and not words.isupper()


def _title_case(words: str) -> str:
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words.split(" ")))
