"""The readings wording rules share: whose words (titles, references, names, quotes), whose
experience (self-description, personal narratives), which time (history), and whether a
replacement fits its sentence (articles, modifiers, possessives); plus the pack keys that use
them and the load-time checks on replacements."""

from __future__ import annotations

import pytest

from medlint.analysis import verbatim, voice
from medlint.checks.packs import load_pack
from medlint.model.document import Document
from medlint.model.errors import PackError
from medlint.model.rule import Context
from medlint.text.agreement import fit, indefinite_article, problems
from medlint.text.inflect import inflect_phrase


def _doc(text: str, name: str = "a.md") -> Document:
    return Document(text, name)


def _at(doc: Document, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return start, start + len(phrase)


# -- agreement ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "word,article",
    [("person", "a"), ("alcoholic", "an"), ("hour", "an"), ("unit", "a"), ("urge", "an"), ("SSRI", "an"),
     ("US", "a"), ("8-week", "an"), ("988", "a"), ("one-off", "a"), ("honest", "an"), ("European", "a")],
)
def test_indefinite_article_by_sound(word, article):
    assert indefinite_article(word) == article


def test_fit_makes_the_article_agree_and_keeps_its_case():
    prose = "An addict needs care."
    assert fit(prose, 3, 9, "person with a substance use disorder") == (0, 9, "A person with a substance use disorder")


def test_fit_refuses_what_would_not_read():
    cases = [
        ("Known drug addicts were enrolled.", "addicts", "people with a substance use disorder"),  # noun modifier
        ("The addict's family came.", "addict", "person with a substance use disorder"),  # possessive
        ("It was the shrink's idea.", "the shrink", "the psychiatrist or psychologist"),  # possessive
        ("They call antidepressants happy pills.", "happy pills", "antidepressants"),  # doubled word
        ("There are cures for it.", "cures", "may ease"),  # a verb where a noun stood
        ("We protect the psychotic and the frail.", "psychotic", "person with psychosis"),  # generic plural
    ]
    for prose, match, replacement in cases:
        start = prose.index(match)
        assert fit(prose, start, start + len(match), replacement) is None, prose


def test_fit_allows_a_verb_phrase_after_its_subject():
    prose = "Her brother committed suicide."
    start = prose.index("committed")
    assert fit(prose, start, start + 19, "died by suicide", noun=False) == (start, start + 19, "died by suicide")
    assert fit(prose, start, start + 19, "died by suicide", noun=True) is None  # as a noun phrase it would not


def test_problems_finds_what_a_reader_stumbles_on():
    assert problems("She is an person with a disorder.")
    assert problems("Call 988 (988) now.")
    assert problems("the people with a substance use disorder's family")
    assert not problems("She is a person with an alcohol use disorder; call 988 now.")


def test_noun_inflection_heads_on_the_last_word_and_agrees_the_clause():
    assert inflect_phrase("drug abuser", "person who uses drugs", "noun") == [
        ("drug abuser", "person who uses drugs"),
        ("drug abusers", "people who use drugs"),
    ]


# -- verbatim -------------------------------------------------------------------------------
def test_reference_section_runs_to_the_next_heading_of_its_level():
    doc = _doc("Intro on drug abuse.\n\n## Sources\n\n- Drug abuse facts. WHO.\n\n### Notes\n\nA drug abuse note.\n\n## Next\n\nMore drug abuse.\n")
    spans = verbatim.of(doc)
    assert spans.in_reference(*_at(doc, "Drug abuse facts"))
    assert spans.in_reference(*_at(doc, "drug abuse note"))
    assert not spans.in_reference(*_at(doc, "Intro on drug abuse"))
    assert not spans.in_reference(*_at(doc, "More drug abuse"))


def test_citation_entries_outside_a_section_but_not_prose_citations():
    doc = _doc("Lee RK, et al. (2016). Drug abuse in nurses. J Nurs.\n\nAs Lee (2016). showed, drug abuse rose.\n")
    spans = verbatim.of(doc)
    assert spans.in_reference(*_at(doc, "Drug abuse"))
    assert not spans.in_reference(*_at(doc, "drug abuse rose"))


def test_titles_italic_quoted_and_after_a_cue():
    doc = _doc("Read *The Lonely Drug Abuse Years* and “Life After Addiction”. The paper ran ‘Star in suicide bid’. I *really* mean it.\n")
    spans = verbatim.of(doc)
    assert spans.in_title(*_at(doc, "Drug Abuse"))
    assert spans.in_title(*_at(doc, "Addiction"))
    assert spans.in_title(*_at(doc, "suicide bid"))
    assert not spans.in_title(*_at(doc, "really"))


def test_single_curly_quotes_are_not_apostrophes():
    doc = _doc("She said ‘I’m fine’ and left. The patients’ rights matter.\n")
    spans = verbatim.of(doc)
    assert spans.in_single_quotes(*_at(doc, "I’m fine"))
    assert not spans.in_single_quotes(*_at(doc, "rights"))


def test_proper_names_and_what_is_not_one():
    doc = _doc("Alcoholics Anonymous meets here. Staff at TheNational Institute on Drug Abuse agree. "
               "Substance abuse is common. I think Addicts matter. Suicidal thoughts, Suicide risk.\n")
    assert verbatim.proper_name(doc, *_at(doc, "Alcoholics"))
    assert verbatim.proper_name(doc, *_at(doc, "Drug Abuse"))
    assert not verbatim.proper_name(doc, *_at(doc, "Substance abuse"))
    assert not verbatim.proper_name(doc, *_at(doc, "Addicts"))
    heading = _doc("# Help for the Mentally Ill Today\n")
    assert not verbatim.proper_name(heading, *_at(heading, "Mentally Ill"))
    assert verbatim.headline(heading, 2)


# -- voice ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence,match,expected",
    [
        ("I was still mainly a functioning alcoholic then.", "alcoholic", True),
        ("Looking back, my alcohol abuse began at work.", "alcohol abuse", True),
        ("I have now been clean for a year.", "been clean", True),
        ("I was in a mental hospital last year.", "mental hospital", True),
        ("I've suffered from anxiety for years.", "suffered from", True),
        ("I think addicts deserve care.", "addicts", False),
        ("I have met many addicts.", "addicts", False),
        ("My father is bipolar.", "is bipolar", False),
        ("I imagine it is like a drug addict's craving.", "addict", False),
    ],
)
def test_self_description(sentence, match, expected):
    doc = _doc(sentence + "\n")
    assert voice.self_described(doc, *_at(doc, match)) is expected


def test_narrative_needs_half_the_sentences_in_the_first_person():
    personal = _doc("I slept badly. My doctor called. I went in. The ward was loud. I left on Monday. You should rest.\n")
    report = _doc("The ward was loud. Staff were kind. Patients slept badly. I visited once. Beds were full. Rest helps.\n")
    assert voice.narrative(personal) and not voice.narrative(report)
    assert voice.lived_experience(personal, personal.text.index("ward"))
    assert not voice.lived_experience(personal, personal.text.index("You"))


def test_rebuttal_and_history():
    doc = _doc("Pills aren't happy pills. In 2005 the agency launched the line. Call the line in 2024.\n")
    assert voice.rebutted(doc, doc.text.index("happy pills"))
    assert not voice.rebutted(doc, doc.text.index("Pills"))
    assert voice.historical(doc, doc.text.index("launched"))
    assert not voice.historical(doc, doc.text.index("Call"))


# -- pack keys and load-time checks ---------------------------------------------------------
_PACK = """
pack: test
family: LNG
vars:
  drug: [heroin, cocaine]
rules:
  - code: LNG950
    name: test-rule
    kind: substitution
    severity: warning
    swap:
{swap}
{extra}
    message: "{{match}}"
    summary: s
    what: w
    why: y
    example: e
    fix: f
    source: s
"""


class _Enabled:
    """Settings that enable the test pack's rule."""

    enabled_codes = frozenset({"LNG950"})

    def options_for(self, check):
        return {}


def _pack(swap: str, extra: str = ""):
    return load_pack(_PACK.format(swap=swap, extra=extra), "test.yaml")


def test_a_replacement_that_the_pack_matches_again_is_refused():
    with pytest.raises(PackError, match="never converge"):
        _pack("      drug: drug drug")
    with pytest.raises(PackError, match="never converge"):
        _pack("      heroin: heroin or @drug")
    _pack("      drug habit: drug use")  # converges


def test_swap_when_names_only_the_rules_phrases_and_choices_are_checked():
    with pytest.raises(PackError, match="not in this rule's swap"):
        _pack("      drug abuse: drug use", "    swap_when:\n      - when: [history]\n        swap: {alcohol abuse: x}")
    with pytest.raises(PackError, match="names.*'maybe' is not one of"):
        _pack("      drug abuse: drug use", "    names: maybe")
    check = _pack("      (@drug) abuse: '\\1 use'", "    swap_when:\n      - when: [history of]\n        swap: {'(@drug) abuse': '\\1 use disorder'}")
    doc = _doc("Cocaine abuse rose. A history of heroin abuse matters.\n")
    found = [d.fix.edits[0].replacement for d in check.check(doc, Context(doc, _Enabled(), check))]
    assert found == ["Cocaine use", "heroin use disorder"]


def test_literal_and_sparse_phrases_in_their_own_passes_find_what_one_pattern_finds():
    """Phrases that may begin at any word run in a second pass over the blocks holding their
    literal, plain-word phrases through the document's word index; the findings are those of
    one combined pattern."""
    from conftest import load_cases
    from medlint.checks import packs
    from medlint.engine.config import Config

    text = "".join(c["text"] for c in load_cases() if c["rule"][:3] in ("LNG", "SAF"))
    text += "Many anxiety sufferers, and sufferers of panic disorder, wait. Depression sufferers too.\n"
    doc = _doc(text, "all.md")
    settings = Config().settings_for("-")
    results = []
    for split in (True, False):
        found = []
        for item in packs.shipped_pack_files():
            check = packs.load_pack(item.read_text(encoding="utf-8"), item.name)
            if not split:
                for alt in check.alternatives:
                    alt.__dict__["sparse"] = alt.__dict__["literal"] = False
            found += [(d.code, d.start, d.end) for d in check.check(doc, Context(doc, settings, check))]
        results.append(sorted(found))
    assert any(code == "LNG002" for code, _, _ in results[0])
    assert results[0] == results[1]


# -- the damage classes of issue 20 ("fixes that damage text"), end to end ------------------
def _fixed(text: str) -> str:
    """``text`` after every fix, unsafe ones included, with the default rules."""
    from medlint.engine.config import Config
    from medlint.engine.fixer import fix_document

    return fix_document(_doc(text + "\n"), Config().settings_for("-"), unsafe=True).text.rstrip("\n")


@pytest.mark.parametrize(
    "text,wanted",
    [
        ("It caused an adverse reaction in one patient.", "a bad reaction"),  # a/an follows the new word
        ("They saw an addict at the door.", "a person with a substance use disorder"),
        ("She suffers from panic attacks.", "She lives with panic attacks"),  # the verb keeps its person
        ("They suffer from panic attacks.", "They live with panic attacks"),
        ("Phone the National Suicide Prevention Lifelineat 988 now.", "Lifeline at 988 now"),  # glued words parted
    ],
)
def test_a_fix_agrees_with_its_sentence(text, wanted):
    fixed = _fixed(text)
    assert wanted in fixed and not problems(fixed), fixed


@pytest.mark.parametrize(
    "text",
    [
        "We trusted the shrink's judgement.",  # a possessive: the replacement would lose its referent
        "There are cures for insomnia, some say.",  # a noun: "may ease" is a verb
        "Officers arrested known drug addicts downtown.",  # a noun modifier before the word
        'He told me, "My uncle committed suicide in the spring."',  # quoted speech
        "I finally read *The Addict Next Door* on holiday.",  # the title of a work
        "The hotline was launched in 2005 as the National Suicide Prevention Lifeline.",  # history
        "The only medicine to beat placebo was sertraline.",  # "one medicine" would reverse it
        "The one treatment that helped was exposure therapy.",
        "Teens with the condition (PTSD) avoid reminders. Post-traumatic stress disorder (PTSD) is treatable.",
        "The drug can be given im or iv by a nurse.",  # route abbreviations, not "I'm"
    ],
)
def test_a_fix_that_would_damage_the_text_is_not_made(text):
    assert _fixed(text) == text
