"""The shared sentence reading (medlint/analysis/reading.py and its parts) on sentences of our own.

The rule cases show what the checks make of these readings; here each reading is asked
directly: sources and the support of a figure, speech, clause subjects, tables, the page's
kind, modality and the fix policy.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml

from medlint.analysis.reading import reading
from medlint.model.document import Document


def _read(text: str, path: str = "a.md", front_matter: dict | None = None):
    if front_matter is not None:
        text = "---\n" + yaml.safe_dump(front_matter) + "---\n" + text
    doc = Document(text, path)
    return doc, reading(doc)


def _index(doc, read, words: str) -> int:
    return read.index_at(doc.text.index(words))


# -- sources and support ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The 2018 Halden Survey found that most nurses sleep badly.", "named-study"),
        ("Researchers at Northgate University followed 300 nurses.", "citation"),
        ("Nurses in a Northgate University study slept less.", "named-study"),
        ("Dr Ines Duarte says the effect fades within a month.", "named-person"),
        ("A spokesperson said demand had doubled.", "named-source"),
        ("In 2019, 4% of adults reported it (Lund et al., 2020).", "citation"),
        ("Our latest paper describes 25 other effects.", "own-study"),
    ],
)
def test_a_sentence_names_its_source(sentence, kind):
    doc, read = _read(sentence + "\n")
    assert read.source(0) is not None and read.source(0).kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Studies show that most nurses sleep badly.",
        "A recent study found that a quarter of veterans have had it.",
        "ADHD research shows that it runs in families.",  # a topic, not a study's name
        "If your doctor says you have it, you will start treatment.",
    ],
)
def test_an_unnamed_or_generic_source_is_none(sentence):
    doc, read = _read(sentence + "\n")
    assert read.source(0) is None


def test_a_figure_is_supported_by_the_study_named_the_sentence_before():
    doc, read = _read("The Halden Survey asked 2,000 nurses about sleep. Of them, 40% slept under six hours.\n")
    support = read.support(1)
    assert support is not None and support.how == "previous sentence"


def test_a_new_unnamed_study_does_not_borrow_the_source_before_it():
    doc, read = _read("The Halden Survey asked 2,000 nurses about sleep. A recent study found that 40% of doctors nap.\n")
    assert read.support(1) is None


def test_a_list_is_supported_by_its_lead_in():
    doc, read = _read("The PALM trial reported these results:\n\n- 40% slept better\n- 12% stopped early\n")
    assert read.support(_index(doc, read, "12%")).how in ("list lead-in", "previous paragraph")


def test_research_referred_back_to_is_the_one_named_before():
    doc, read = _read("The Ostrava sleep study gave volunteers a lamp.\n\nThey kept diaries. The research found that mood lifted.\n")
    assert read.refers(_index(doc, read, "The research found"))
    assert read.support(_index(doc, read, "The research found")).how in ("named earlier", "previous paragraph")


def test_a_press_release_supports_its_own_study():
    doc, read = _read("**Press Release: Harbour University**\n\nThe researchers found that 31% of students were tired.\n")
    assert read.genre.kind == "press_release"
    assert read.support(_index(doc, read, "The researchers")).kind == "own-study"


def test_a_headline_is_supported_by_the_next_paragraph():
    text = "# Walking Eases Low Mood in 60% of Patients\n\nResearchers at the Fjord Institute asked 200 adults with low mood to walk daily for eight weeks.\n"
    doc, read = _read(text)
    assert read.opening(0) and read.support(0).how == "next paragraph"


# -- speech -------------------------------------------------------------------------------------
def test_a_quotation_with_a_speech_verb_is_attributed():
    doc, read = _read("“It helps most people,” Professor Lund said.\n")
    speech = read.speech(doc.text.index("It helps"), doc.text.index("people") + 6)
    assert speech is not None and speech.attributed and not speech.scare


def test_a_short_quotation_with_no_speaker_is_a_scare_quote():
    doc, read = _read("The clinic calls it a “miracle” drink.\n")
    speech = read.speech(doc.text.index("miracle"), doc.text.index("miracle") + 7)
    assert speech is not None and speech.scare and not speech.attributed


def test_a_quotation_opening_a_paragraph_continues_the_speaker_before():
    doc, read = _read("Professor Lund said the results were mixed.\n\n“Half of them slept better, and half did not.”\n")
    at = doc.text.index("Half")
    assert read.speech(at, at + 4).attributed


def test_a_block_quote_after_a_lead_in_is_attributed():
    doc, read = _read("From the trial report:\n\n> Response occurred in 45% of participants.\n")
    at = doc.text.index("Response")
    speech = read.speech(at, at + 8)
    assert speech.block and speech.attributed


def test_indirect_speech_of_a_named_person():
    doc, read = _read("Mara Osei, 34, who lives in Leeds, said that the retreat cured her insomnia.\n")
    assert read.reported_by_name(0, doc.text.index("cured"))


# -- clause structure -----------------------------------------------------------------------------
def test_the_subject_is_the_main_clause_before_its_verb():
    doc, read = _read("Although it is cheap, esketamine is derived from ketamine.\n")
    s, e = read.subject(0)
    assert doc.text[s:e].strip() == "esketamine"


def test_the_salient_mention_is_the_subject_not_one_after_a_preposition():
    doc, read = _read("In 2019 the FDA approved esketamine, a form of ketamine.\n")
    mentions = [SimpleNamespace(start=doc.text.index(w), end=doc.text.index(w) + len(w)) for w in (" esketamine", " ketamine")]
    mentions = [SimpleNamespace(start=m.start + 1, end=m.end) for m in mentions]
    assert read.salient(0, mentions) is mentions[0]


def test_wishes_and_conditions_are_hedges():
    doc, read = _read("We hope to find a cure for panic. Once studies show it works, clinics will use it.\n")
    for words in ("a cure", "studies show"):
        at = doc.text.index(words)
        assert read.stance(at, at + len(words)).hedged


# -- tables -------------------------------------------------------------------------------------
def test_a_cell_knows_its_row_and_its_column_header():
    doc, read = _read("| Drug | FDA status |\n|---|---|\n| Lithium | approved for mania |\n")
    i = _index(doc, read, "approved for mania")
    cell = read.cell(i)
    assert doc.text[slice(*cell.row)] == "Lithium" and doc.text[slice(*cell.header)] == "FDA status"
    assert not cell.is_header and read.cell(_index(doc, read, "Drug")).is_header


# -- the page -----------------------------------------------------------------------------------
def test_page_kinds_come_from_the_page_not_its_name():
    assert _read("Text.\n", "press-release.md")[1].genre.kind == "informational"
    assert _read("Text.\n", front_matter={"title": "x", "categories": ["News"]})[1].genre.kind == "news"
    first_person = "I slept badly. My doctor changed my dose. I felt better. I walk daily now. I am calm. " * 2
    assert _read(first_person + "\n")[1].genre.kind == "personal"
    provider = "We offer infusions. Our nurses stay with you.\n"
    assert _read(provider)[1].genre.provider


# -- fixes --------------------------------------------------------------------------------------
def test_fix_policy_one_sentence_of_prose():
    doc, read = _read("# A groundbreaking pill\n\nA groundbreaking pill. “A groundbreaking pill,” she said.\n\n| a | b |\n|---|---|\n| groundbreaking | x |\n")
    at = [i for i in range(len(doc.text)) if doc.text.startswith("groundbreaking", i)]
    heading, prose, quoted, cell = at
    assert read.fixable(prose, prose + 14)
    assert not read.fixable(heading, heading + 14) and read.fixable(heading, heading + 14, headings=True)
    assert not read.fixable(quoted, quoted + 14) and not read.fixable(cell, cell + 14)
    assert not read.fixable(prose, doc.text.index("she"))  # across two sentences


@pytest.mark.parametrize(
    "text, words, replacement, expected",
    [
        ("It is a very effective drug.", "very effective", "effective", "It is an effective drug."),
        ("A very effective drug.", "very effective", "effective", "An effective drug."),
        ("It is an incredibly useful tool.", "incredibly useful", "useful", "It is a useful tool."),
        ("It is an approved device.", "approved", "FDA-cleared", "It is an FDA-cleared device."),
        ("It is a breakthrough.", "breakthrough", "advance", "It is an advance."),
    ],
)
def test_article_edit_keeps_a_and_an_agreeing(text, words, replacement, expected):
    doc, read = _read(text + "\n")
    start = doc.text.index(words)
    s, e, new = read.article_edit(start, start + len(words), replacement)
    assert (doc.text[:s] + new + doc.text[e:]).strip() == expected
