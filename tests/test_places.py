"""Where a rewording fix may go (medlint.analysis.places): never into a quotation, a reference
entry, the title of a work or a capitalised name, whatever its safety; a heading and a line in
capitals are the writer's own. Spelling fixes are not rewordings and keep their own rules."""

from __future__ import annotations

import pytest

from medlint.analysis.places import enforce, in_capitalised_run, is_citation
from medlint.model.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from medlint.model.document import Document
from medlint.model.span import Span


def _finding(doc: Document, word: str, replacement: str, safe: bool = False) -> Diagnostic:
    start = doc.text.index(word)
    end = start + len(word)
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    fix = Fix(f"Replace {word}", (Edit(start, end, replacement),), applicability)
    return Diagnostic("RDB005", "plain-words", Severity.INFO, "jargon", Span(start, end, 1, 1, 1, 1), doc.path, fix)


@pytest.mark.parametrize(
    "text, word, outside_prose",
    [
        ("Read these:\n\n- Adverse Effects of Sleep Medicines in Older Adults\n", "Adverse Effects", False),
        ("- Find Your Local Support Group Today\n", "Local", False),
        ("She said, “the outcomes were poor,” and left.\n", "outcomes", True),
        ("Smith J, Lee K. Outcomes of care. J Psychiatr Res. 2020;12(3):1-9.\n", "Outcomes", True),
        ("We liked *The Outcomes of Kindness* very much.\n", "Outcomes", True),
    ],
)
def test_a_rewording_never_enters_a_title_a_name_a_quotation_or_a_reference(text, word, outside_prose):
    doc = Document(text, "a.md")
    for safe in (True, False):
        assert enforce(doc, _finding(doc, word, "results", safe), rewords=True).fix is None
    # a check that restores a mistyped word is judged by the ordinary policy instead: its safe
    # fix becomes unsafe outside running prose, and names are its own judgement
    kept = enforce(doc, _finding(doc, word, "results", True), rewords=False)
    expected = Applicability.UNSAFE if outside_prose else Applicability.SAFE
    assert kept.fix is not None and kept.fix.applicability == expected


@pytest.mark.parametrize(
    "text, word",
    [
        ("# Outcomes of Our Programme\n\nMost finish.\n", "Outcomes"),
        ("SEEK PROFESSIONAL HELP WHEN YOU NEED IT\n", "SEEK PROFESSIONAL HELP"),
        ("Outcomes were good for most people in the group.\n", "Outcomes"),
        ("Additional Resources are listed below.\n", "Additional"),
    ],
)
def test_the_writers_own_words_may_be_reworded(text, word):
    doc = Document(text, "a.md")
    assert enforce(doc, _finding(doc, word, "results"), rewords=True).fix is not None


def test_a_capitalised_run_needs_two_capitalised_words_beside_the_span():
    prose = "Ask the Mental Health Team. Call Now.\n"
    assert in_capitalised_run(prose, prose.index("Health"), prose.index("Health") + 6)
    assert not in_capitalised_run(prose, prose.index("Call"), prose.index("Call") + 4)  # only "Now"
    assert not in_capitalised_run(prose, prose.index("the"), prose.index("the") + 3)  # lower case
    text = "About Us: Initially a small clinic, it grew.\n"  # a colon may start a sentence
    assert not in_capitalised_run(text, text.index("Initially"), text.index("Initially") + 9)


@pytest.mark.parametrize("text, cited", [
    ("Okafor N, Lind T. Sleep after shift work. Sleep Med. 2019;12:44-50.", True),  # a volume after the year
    ("Read more at doi: 10.1000/xyz", True),
    ("The code is Xdoi: 10 and PMIDS", False),  # "doi" and "PMID" inside words are no sign
    ("Owens et al. (2014). A title of the paper", True),  # two weak signs
    ("Bennet al. and Carmet. al (2014) agree", False),  # "et al" inside a word, and no "." after the year
    ("Retrieved 4 May from the Journal Of Things", True),
    ("Unretrieved notes from theJournal Of Things", False),
    ("See pp. 12 and the 2013. Report", True),
    ("Shipp. 12 and 12013. Report", False),
    ("In 11(2):165 the figures differ", True),
    ("In 311(2):165 the figures differ", True),
    ("In x11(2):165 the figures differ", False),
])
def test_citation_signs_begin_at_the_start_of_a_word(text, cited):
    """A sign of a citation counts only where it begins a word (each pattern finds its first
    letter and looks behind it: the same places as a word boundary before it)."""
    assert is_citation(text) is cited
