"""medlint/prefilter.py: the literal prefilters give exactly what plain ``re`` gives.

The claim checks and the KB's alias matchers try their patterns only where a literal the
pattern needs, or begins with, occurs. That is a speed-up only if it never loses a match, so
every shipped pattern family is compared here with plain ``re`` on random text made of the
patterns' own words (in any case, with odd white space, digits and the letters
``re.IGNORECASE`` folds oddly), on the example articles and the seeds; and random patterns of
the syntax ``regex_syntax`` reads (and some it refuses) are compared with plain ``re`` on
random text.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ARTICLES, EXAMPLES, load_cases
from medlint.analysis.reading_lexicon import citations
from medlint.checks import evidence, sources
from medlint.checks.claims.lexicon import lexicon
from medlint.checks.safe_messaging import MissingCrisisResources
from medlint.knowledge.kb import load_kb
from medlint.model.document import Document
from medlint.text.prefilter import Needs, Starts, fold, occurrences


def _families() -> list[Starts]:
    kb = load_kb()
    crisis = MissingCrisisResources()
    return [lexicon().starts, evidence._compiled().about_people, sources._patterns().prose,
            kb._products.starts, kb._conditions.starts, crisis.mention_starts, crisis.help_starts]


def _needs() -> list[tuple[re.Pattern, Needs]]:
    return list(citations()) + list(sources._patterns().body.values())


def _vocabulary() -> list[str]:
    words = set()
    for family in _families():
        for pattern in family.patterns:
            words.update(re.findall(r"[A-Za-z]{2,}", pattern.pattern))
    for pattern, _ in _needs():
        words.update(re.findall(r"[A-Za-z]{2,}", pattern.pattern))
    return sorted(words)


def _phrases() -> list[str]:
    """Clauses of the CLM and SRC rule cases: wording that matches (or nearly matches)."""
    out = []
    for case in load_cases():
        if case["rule"][:3] in ("CLM", "SRC"):
            out += [part for part in re.split(r"(?<=[,.;:!?\n])", case["text"]) if part.strip()]
    return out


VOCABULARY = _vocabulary()
PHRASES = _phrases()
GLUE = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "-", ".", ", ", "%", "(", ")", "[", "]", "’", "“", "#", "$"]
ODD = ["1", "20", "3.5", "2019", "ı", "ſ", "İ", "K", "é", "ß", "_", "x" * 12]


def _word():
    cased = st.sampled_from(VOCABULARY).flatmap(
        lambda w: st.sampled_from([w, w.lower(), w.upper(), w.title(), w[:-1], w + "s"])
    )
    phrase = st.sampled_from(PHRASES).flatmap(lambda p: st.sampled_from([p, p.lower(), p.upper(), p.replace(" ", "\n")]))
    return st.one_of(cased, cased, cased, phrase, st.sampled_from(GLUE), st.sampled_from(GLUE), st.sampled_from(ODD))


TEXTS = st.lists(_word(), max_size=60).map("".join)


def _spans(m):
    return [(x.span(), x.groups()) for x in m]


def _assert_same(text: str, cut: tuple[int, int]):
    folded = fold(text)
    s, e = sorted(cut)
    for family in _families():
        places = family.places(folded)
        for i, pattern in enumerate(family.patterns):
            assert _spans(family.finditer(i, places, text)) == _spans(pattern.finditer(text)), pattern.pattern
            assert _spans(family.finditer(i, places, text, s, e)) == _spans(pattern.finditer(text, s, e))
            assert _spans(filter(None, [family.first(i, folded, text, s, e)])) == _spans(filter(None, [pattern.search(text, s, e)]))
    spans = [(0, s), (s, e), (min(e + 1, len(text)), len(text))]
    for pattern, needs in _needs():
        if pattern.search(text, s, e):
            assert needs.possible(folded, s, e), pattern.pattern
        assert needs.holding(folded, spans) == [needs.possible(folded, *span) for span in spans], pattern.pattern


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_same_matches_as_re_on_random_text(text, cut):
    _assert_same(text, (min(cut[0], len(text)), min(cut[1], len(text))))


def _articles():
    return sorted(EXAMPLES.iterdir()) + sorted(ARTICLES.iterdir())


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_same_matches_as_re_on_articles(path):
    text = path.read_text(encoding="utf-8")
    _assert_same(text, (len(text) // 3, 2 * len(text) // 3))


def test_fold_keeps_offsets_and_reads_letters_as_ignorecase_does():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    folded = fold(every)
    assert len(folded) == len(every)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, every, re.IGNORECASE):
            assert folded[m.start()] == letter, hex(m.start())
    word = re.compile(r"[\w-]")
    assert [m.start() for m in word.finditer(every)] == [m.start() for m in word.finditer(folded)]


def _literal_in(lit: str, folded: str, s: int, e: int) -> list[int]:
    """Where ``lit`` (a literal of ``Needs``) occurs within ``folded[s:e]``, searched plainly."""
    body = "".join(r"\s+" if ch == "\x00" else r"\d+" if ch == "\x01" else re.escape(ch) for ch in lit)
    return [at for at in range(s, e) if re.compile(body).match(folded, at, e)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=1, max_size=4))
def test_literal_index_answers_as_a_search_of_the_span(text, cuts):
    """``possible`` and ``occurrences`` (read from the text's literal index, built once for
    several spans) give what searching each span for each literal gives."""
    folded = fold(text)
    for cut in cuts:
        s, e = sorted(min(c, len(text)) for c in cut)
        for _, needs in _needs():
            found = {lit: _literal_in(lit, folded, s, e) for lit in needs.literals or ()}
            assert needs.possible(folded, s, e) == (needs.literals is None or any(found.values()))
            for lit, at in found.items():
                assert occurrences(lit, folded, s, e) == at, lit


def test_needs_picks_a_rare_word_and_is_honest_when_it_has_none():
    pattern = re.compile(r"(?<![\w-])(?:clinically\s+|scientifically\s+)?proven\s+to(?![\w])", re.IGNORECASE)
    assert Needs(pattern).literals == {"proven"}
    assert not Needs(pattern).possible(fold("It was shown to work."))
    anything = Needs(re.compile(r"\w+"))
    assert anything.literals is None and anything.possible("")


def test_starts_lists_where_matches_may_begin():
    family = Starts([re.compile(r"(?<![\w-])(?:the\s+)?(?:best|safest)\s+drug", re.IGNORECASE)], r"(?<![\w-])")
    # Leading literals are cut to 8 tokens; \x00 stands for white space.
    assert family.prefixes[0] == {"the\x00best", "the\x00safe", "best\x00dru", "safest\x00d"}
    text = "Not the best. The  BEST drug, safest drug, unsafest drug."
    places = family.places(fold(text))
    assert places == [[4, 14, 19, 30]]  # not in "unsafest": a match begins at a word boundary
    assert [m.group() for m in family.finditer(0, places, text)] == ["The  BEST drug", "safest drug"]
    doc = Document(text + " A drug.", "t.txt")
    assert doc.sentences_holding(places[0]) == {0, 1}  # not the third sentence
    assert doc.sentences_holding(None) == {0, 1, 2}


# -- random patterns --------------------------------------------------------------------------
_ATOMS = ["ab", "cd", "a", "K", "é", "ſ", " ", "-", "1", r"\s", r"\d", r"\w", r"\W", r"\b", ".", "[a-c]", "[^a]",
          r"[\s-]", r"\.", "^", "$", r"\x41", "[]a]", "{x}"]


def _pattern():
    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map("|".join),
            st.tuples(st.sampled_from(["(?:", "(", "(?P<g>", "(?i:", "(?-i:", "(?=", "(?!", "(?<=", "(?<!", "(?>"]), inner)
            .map(lambda t: t[0] + t[1] + ")"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "{,2}", "{2,}", "??", "*?", "++"]))
            .map(lambda t: f"(?:{t[0]}){t[1]}"),
        )

    return st.recursive(st.sampled_from(_ATOMS), grow, max_leaves=8)


_REFUSED = [r"(a)\1", r"(?P<n>a)(?P=n)", r"(a)?(?(1)b|c)", r"(?x) a b", r"\N{EM DASH}"]


def _compiled(source: str, flags: int):
    try:
        return re.compile(source, flags)
    except (re.error, OverflowError):
        return None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(_pattern(), st.sampled_from(_REFUSED)), st.booleans(),
       st.lists(st.sampled_from(["ab", "AB", "cd", "a", "K", "k", "\u212a", "é", "É", "ſ", "s", " ", "\n", "-", "1", "22", "."]),
                max_size=20).map("".join))
def test_random_patterns_agree_with_re(source, ignorecase, text):
    """Whatever the reader makes of a pattern, the prefilters lose no match of it."""
    pattern = _compiled(source, re.IGNORECASE if ignorecase else 0)
    if pattern is None:
        return
    folded = fold(text)
    needs = Needs(pattern)
    for m in pattern.finditer(text):
        assert needs.possible(folded, m.start(), m.end()), (source, text, m.span())
    spans = [(0, len(text) // 3), (len(text) // 3, len(text) // 2), (len(text) // 2 + 1, len(text))]
    assert needs.holding(folded, spans) == [needs.possible(folded, *span) for span in spans], (source, text)
    family = Starts([pattern])
    places = family.places(folded)
    assert _spans(family.finditer(0, places, text)) == _spans(pattern.finditer(text)), (source, text)
    assert _spans(filter(None, [family.first(0, folded, text)])) == _spans(filter(None, [pattern.search(text)])), (source, text)


@pytest.mark.parametrize("source", _REFUSED)
def test_syntax_outside_the_subset_gives_no_literal(source):
    from medlint.text import regex_syntax

    with pytest.raises(regex_syntax.Unsupported):
        regex_syntax.parse(source, re.VERBOSE if "(?x)" in source else 0)
    pattern = re.compile(source)
    assert Needs(pattern).literals is None and Starts([pattern]).prefixes == [None]
