"""SPL, REG and FCT take shortcuts for speed; each must give exactly the answer of the plain way.

Spelling reads its word list section by section and settles plain words with one set operation;
the KB finds aliases by trying its patterns only where an alias may begin; the REG and FCT checks
run a pattern only in sentences that hold a literal every match contains. Each test below sets a
shortcut against the plain computation it replaces, on inputs chosen to break it (dotless ı,
long ſ, glued words, words no edit can reach), so a shortcut that drifts is a failing test.
"""

from __future__ import annotations

import random
import re

import pytest
import yaml

from conftest import ARTICLES, CASES, EXAMPLES, load_cases
from medlint.model.rule import Context
from medlint.engine import registry
from medlint.checks import terminology
from medlint.checks.regulatory import analysis, grammar
from medlint.knowledge.speller import speller
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.knowledge.kb import fold, load_kb
from medlint.text.prefilter import Needs, occurrences

_WORDS = ["reationships", "occuring", "trazadone", "mtor", "ofdeathandsuicide", "aremedicationandpsychotherapy",
          "attaches", "agreees", "nan", "cafe", "dont", "x", "-", "ketamines", "behaviour", "anaesthesized"]


def _texts() -> list[str]:
    """Rule-case texts and whole articles (the shapes the checks were built for)."""
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        out += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if "text" in case]
    for folder in (ARTICLES, EXAMPLES):
        out += [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in (".md", ".txt")]
    return out


# -- spelling -----------------------------------------------------------------------------------
def test_the_word_list_sections_read_as_a_plain_parse():
    """The dictionary reads its file section by section; a line-by-line parse gives the same."""
    import gzip

    from medlint.knowledge.dictionary import dictionary, fold
    from medlint.knowledge.resources import rules_dir

    plain: dict[str, set[str]] = {}
    flags = ""
    for line in gzip.decompress((rules_dir() / "english-words.txt.gz").read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        if line.startswith("@"):
            flags = line[1:]
        elif not flags.endswith("!"):  # abbreviations in capitals are kept apart, exact
            plain.setdefault(fold(line), set()).update(flags.rstrip("^"))
    ours = dictionary()
    assert set(ours.words) == plain.keys()
    assert all(word in ours.words for word in random.Random(2).sample(sorted(plain), 5000))
    for word in random.Random(1).sample(sorted(plain), 5000) + ["colour", "color", "organise", "sceptical"]:
        assert set(ours.spellings(word)) == plain[word], word


def test_the_survey_shortcut_gives_the_plain_answer():
    """Plain lower-case dictionary words are settled by one set operation; every token must get
    the answer the full test (``quiet``) gives."""
    from medlint.checks.spelling import _Survey

    sp = speller()
    texts = [t.text for text in _texts() for t in Document(text, "x.md").tokens] + _WORDS
    fast = _Survey(sp).loud(texts)
    plain = _Survey(sp)
    assert fast == {t for t in set(texts) if not plain.quiet(t)}


# -- the KB's alias matcher ---------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Esketamineis an FDA-approved S-ketamine; racemic ketamine is not.",
    "KETAMINE, ketamıne and Ketamine-assisted psychotherapy; pſilocybin-assisted therapy.",
    "xketamine ketaminex -ketamine ketamine- İketamine dextromethorphan-bupropion (Auvelity)",
    "approvedTMSfor deep TMS and repetitive transcranial magnetic stimulation, Brainsway Deep TMS",
])
def test_aliases_are_found_where_the_pattern_finds_them(text):
    for matcher in (load_kb()._products, load_kb()._conditions):
        assert all(matcher.starts.prefixes), "every alias has a leading literal"
        for start in range(0, len(text), 7):
            places = matcher.starts.places(fold(text), start, len(text))
            for i, pattern in enumerate(matcher.starts.patterns):
                found = [m.span() for m in matcher.starts.finditer(i, places, text, start, len(text))]
                assert found == [m.span() for m in pattern.finditer(text, start, len(text))], start


def test_alias_matcher_agrees_with_its_pattern_on_real_text():
    matcher = load_kb()._products
    for text in _texts():
        places = matcher.starts.places(fold(text))
        for i, pattern in enumerate(matcher.starts.patterns):
            assert [m.span() for m in matcher.starts.finditer(i, places, text)] == [m.span() for m in pattern.finditer(text)]


def test_fold_keeps_offsets_and_folds_what_ignorecase_equates():
    text = "İnhaled ketamıne, pſilocybin, \u212aetamine"
    assert len(fold(text)) == len(text)
    assert "ketamine" in fold(text) and "psilocybin" in fold(text) and fold(text).startswith("inhaled")


# -- literals every match contains ---------------------------------------------------------------
def test_every_shape_match_holds_a_literal_of_each_group():
    """FCT reads a sentence only when it holds a literal of the term and one of the class."""
    texts = _texts()
    checked = 0
    for fact in terminology.facts():
        assert all(fact.needles), fact.id
        for _, pattern, _ in fact.shapes:
            for text in texts:
                for m in pattern.finditer(text):
                    for group in fact.needles:
                        assert any(occurrences(lit, fold(text), m.start(), m.end()) for lit in group), (fact.id, m.group())
                    checked += 1
    assert checked > 20


def test_every_match_of_a_claim_pattern_holds_a_literal():
    g = grammar.grammar()
    patterns = [(c.pattern, c.needs) for c in g.cues] + [(g.prefilter, g.prefilter_needs)]
    patterns += [pair for kind in g.stale.values() for pair in kind]
    assert all(needs.literals for _, needs in patterns), "each shipped pattern has literals to look for"
    checked = 0
    for text in _texts():
        folded = fold(text)
        for pattern, needs in patterns:
            for m in pattern.finditer(text):
                assert needs.possible(folded, m.start(), m.end()), (pattern.pattern[:60], m.group())
                checked += 1
    assert checked > 100


def test_claim_literals_come_from_the_syntax():
    def literals(pattern):
        return Needs(re.compile(pattern, re.I)).literals

    assert literals(r"(?:must|has\s+to)\s+be\s+used\s+with\s+an\s+antidepressant") == {"antidepressant"}
    assert literals(r"approv|(?-i:FDA|OK)|off[\s-]+label") == {"approv", "fda", "ok", "label"}
    assert literals(r"(?:a|)b") == {"b"}
    assert literals(r"x?[a-z]+") is None


# -- one analysis per document -----------------------------------------------------------------
def test_the_site_check_reuses_the_articles_analysis():
    registry.load()
    doc = Document("Ketamine is FDA-approved for depression.\n", "a.md")
    first = analysis.analyse(doc)
    assert analysis.analyse(doc) is first
    settings = parse_config({"select": ["REG"]}, "t.yaml").settings_for("-")
    check = next(c for c in registry.checks() if c.name == "regulatory-contradictions")
    summary = check.collect(doc, Context(doc, settings, check))
    assert [s["product"] for s in summary] == ["ketamine"] and analysis.analyse(doc) is first


@pytest.mark.parametrize("text", _texts()[::7] + ["K\u212a kelvin İt ıt ſo \u212aG dont_ don't x2 2x é É ß SS the-then", ""])
def test_pack_word_places_are_those_of_a_full_word_table(text):
    """The packs find the words that begin a phrase through the prefilter's literal index; the
    places must be those a table of every word (``\\w+``, lower case) gives, for a few words
    and for many (looked up only when the text holds them)."""
    from medlint.checks.packs import _MANY_WORDS, _WORD, word_places

    table: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        table.setdefault(m.group().lower(), []).append(m.start())
    ascii_words = [w for w in table if w.isascii()]  # a pack's first words are ASCII letters and digits
    few = set(ascii_words[::5] + ["k", "it", "so", "the", "then", "no-such-word"])
    many = set(ascii_words) | {f"absent{i}" for i in range(_MANY_WORDS + 1)}
    for words in (few, many):
        assert word_places(text, words) == {w: table[w] for w in words if w in table}


def test_the_furniture_lexicon_skips_only_patterns_that_cannot_match():
    """``code_of`` tries a lexicon pattern that may begin anywhere only where a line holds one
    of its literals, and only for a group before the first that the other patterns match, and
    the other patterns only on a line that begins with one of their leading literals; on every
    line of the texts, and on lines that each of those patterns was written for (in odd cases,
    with ı and ſ), it must give the code of the first group, in file order, with a pattern that
    matches the whole line."""
    from medlint.analysis.furniture_lexicon import lexicon

    lex = lexicon()
    assert lex._gates is not None and lex._gated and lex._leads is not None

    def plain(text: str) -> str | None:
        """The first group, in file order, one of whose patterns matches all of ``text``."""
        for code, matcher in lex.groups:
            if any(re.fullmatch(p, text, flags) for flags, patterns in matcher.patterns.items() for p in patterns):
                return code
        return None

    made = ["Estimated reading time: 4 minutes", "By Ann Lee · 6 min read", "team-photo_2.JPG",
            "If you liked it, please share this post with a friend!", "Start today by subscribing now.",
            "ESTİMATED READıNG TİME: 3 MİNUTES", "5 mın read", "Cover: Jane Roe / Getty Images", "Try it on the web",
            "Need help? Take our free quiz", "report.pdf tldr", "please ſhare it with others", "12 min read and more",
            "ſhare", "SHARE THIS ARTICLE", "12.5K SHARES", "ſponsored content", "© 2024 Acme Health", "Reply"]
    lines = made + [line.strip() for text in _texts() for line in text.splitlines() if line.strip()]
    found = 0
    for line in lines:
        assert lex.code_of(line) == plain(line), line
        found += plain(line) is not None
    assert found >= len(made) // 2


def test_a_furniture_matcher_skips_only_lines_its_patterns_cannot_match():
    """``Matcher.match`` skips an expression that may begin anywhere on a line without any of
    its literals; on every line and paragraph of the texts, and on lines made for the crisis
    and disclaimer patterns, it must answer as the expressions tried one after the other."""
    from medlint.analysis.furniture_lexicon import lexicon

    lex = lexicon()
    matchers = [lex.article_boilerplate, lex.press_more, lex.press_lines, lex.press_headers, lex.dates, lex.pointers, lex.template_calls]
    matchers += [m for _, m in lex.groups] + list(lex.headers.values())
    assert any(needs is not None for m in matchers for _, needs in m._tries)

    def plain(m, text: str, is_last: bool) -> bool:
        tries = [m.anywhere, m.sensitive] + ([m.last] if is_last else [])
        return any(p is not None and p.fullmatch(text) for p in tries)

    made = ["If you are in crisis, call 988 now.", "This page is not a substitute for medical advice.",
            "CALL THE HOTLINE", "Dısclaimer: read this", "Media contact: jane@example.org", "(Reuters)"]
    texts = made + [piece.strip() for text in _texts() for piece in text.split("\n") + text.split("\n\n") if piece.strip()]
    assert lex.article_boilerplate.match(made[0]) and lex.article_boilerplate.match(made[1])
    for m in matchers:
        for text in texts:
            for is_last in (False, True):
                assert m.match(text, is_last) == plain(m, text, is_last), text


def test_menu_entries_settled_by_characters_as_by_the_words():
    """``_menu_entries`` answers 0 at once for a line with a character in no menu term, no
    separator and no white space; it must give the count of the word-by-word reading."""
    from medlint.analysis import furniture_shapes as shapes
    from medlint.analysis.furniture_lexicon import lexicon

    class Detector:
        lex = lexicon()

    made = ["Home\xa0About | Contact Us", "HomeAboutBlog", "\u212aontact", "HOME › BLOG › NEWS", "Home\u2003Shop\tSearch",
            "Home | About | Blog, Shop", "Home — Résumé", "Sign In · Register"]
    lines = made + [line.strip() for text in _texts() for line in text.splitlines() if line.strip()]
    counts = [shapes._menu_entries(Detector, line) for line in lines]
    assert counts == [shapes._entries_read(Detector, line) for line in lines]
    assert sum(c >= 2 for c in counts[: len(made)]) >= 4


def test_pack_literal_phrases_are_found_as_their_combined_pattern_finds_them():
    """A pack's literal phrases are found from the places of what each first word's phrases
    begin with ("the mentally " rather than "the"); they must be what the one pattern of those
    phrases finds, on the rule cases' text in its own case, in capitals and in lower case."""
    import regex

    from medlint.checks.packs import _combine, _leftmost_longest, load_pack, shipped_pack_files

    text = "".join(c["text"] for c in load_cases() if c["rule"][:3] in ("SAF", "LNG"))
    shared, found = False, 0
    for item in shipped_pack_files():
        check = load_pack(item.read_text(encoding="utf-8"), item.name)
        pattern = regex.compile(_combine([a for a in check.alternatives if a.literal]))
        shared |= any(len(items) > 1 for items in check.literals.by_first.values())
        for variant in (text, text.upper(), text.lower(), text.replace(" ", "  ")):
            expected = [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(variant)]
            assert _leftmost_longest(check.literals.find(variant, [(0, len(variant))])) == expected, item.name
            found += len(expected)
    assert shared and found
