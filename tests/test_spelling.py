"""SPL: the lexicon and misspelling data tested like code, the judgement of words, the seeds'
defects, and misspellings that real pages make (the corpus-wide figures: benchmarks/corpus_checks.py)."""

from __future__ import annotations

import re


from conftest import ARTICLES
from medlint.engine import registry
from medlint.knowledge.speller import load_misspellings, speller
from medlint.engine.config import parse_config
from medlint.model.document import Document
from medlint.engine.runner import lint_document, lint_paths
from medlint.engine.fixer import fix_document
from medlint.knowledge.lexicon import is_exact, lexicon
from medlint.knowledge.resources import load_data


def _spl(text, path="article.md", **options):
    registry.load()
    data = {"select": ["SPL"], "ignore": ["SPL005"]}
    if options:
        data["options"] = {"spelling": options}
    return lint_document(Document(text, path), parse_config(data, "t.yaml").settings_for("-")).diagnostics


def _found(text, **kw):
    return [(d.code, text[d.start : d.end], d.fix.edits[0].replacement if d.fix else None, d.fix.applicability.value if d.fix else None) for d in _spl(text, **kw)]


# -- the data, tested like code (codespell tests its dictionary the same way) -----------------


def test_misspelling_groups_are_sourced_sorted_and_unique():
    data = load_data("misspellings.yaml")
    seen: set[str] = set()
    for group in data["groups"]:
        assert group.get("about") and group.get("source"), group.get("about")
        keys = list(group["entries"])
        assert keys == sorted(keys), f"{group['about']}: entries not sorted"
        assert all(k == k.lower() for k in keys)
        assert not seen & set(keys), seen & set(keys)
        seen |= set(keys)


def test_no_misspelling_is_a_known_word_and_every_correction_is():
    sp = speller()
    data = load_data("misspellings.yaml")
    table = load_misspellings(data)
    obscure = {str(w).lower() for g in data["groups"] if g.get("dictionary_words") for w in g["entries"]}
    for wrong, rights in table.items():
        assert not sp.lexicon.knows(wrong) or wrong.upper() in sp.lexicon.exact, f"{wrong} is a lexicon term"
        assert (wrong in sp.dictionary) == (wrong in obscure), f"{wrong}: only the dictionary_words group may hold dictionary words, and only those"
        for right in rights:
            assert (right if is_exact(right) else right.lower()) not in table, f"{wrong} -> {right}, itself a listed misspelling"
            for word in re.split(r"[ -]", right.rstrip(".")):
                assert sp.known(word) or word in sp.lexicon.exact, f"{wrong} -> {right}: {word} is not a known word"


def test_lexicon_entries_are_sourced_unique_and_acronyms_expanded():
    data = load_data("lexicon.yaml")
    keys = []
    for group in data["groups"]:
        assert group.get("about") and group.get("source"), group.get("about")
        for term in group["terms"]:
            assert not re.fullmatch(r"[A-Z]{2,}", str(term)), f"{term}: acronyms go under 'acronyms', with an expansion"
            keys.append(str(term) if is_exact(str(term)) else str(term).lower())
    for entry in data["acronyms"]:
        assert entry.get("expansion") and entry.get("source"), entry
        keys.append(entry["term"])
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, duplicates


def test_real_terms_point_at_lexicon_terms_and_are_not_terms_themselves():
    lex = lexicon()
    for word, real in lex.real_terms.items():
        assert lex.knows(real.typo_of), real.typo_of
        assert not lex.knows(word), word
        assert lex.transposed_acronym(word) == real.typo_of or lex.near(word, 1)


def test_every_lexicon_term_passes_in_a_sentence():
    lex = lexicon()
    terms = sorted(lex.exact | lex.folded)
    text = "\n\n".join(f"We wrote about {t} in this article today." for t in terms) + "\n"
    flagged = {text[d.start : d.end] for d in _spl(text)}
    assert not flagged, sorted(flagged)


# -- judgement of words ------------------------------------------------------------------------


def test_capitals_are_kept_in_fixes():
    assert _found("Sertaline and SERTALINE and sertaline help.\n") == [
        ("SPL001", "Sertaline", "Sertraline", "safe"),
        ("SPL001", "SERTALINE", "SERTRALINE", "safe"),
        ("SPL001", "sertaline", "sertraline", "safe"),
    ]


def test_acronyms_match_case_sensitively_and_only_by_a_swap():
    assert _found("Ketamine raises BNDF in rodents.\n") == [("SPL002", "BNDF", "BDNF", "safe")]
    assert _found("Ketamine raises bndf in rodents.\n") == [], "a lower-case word is not an acronym"
    assert _found("The SNRX trial and the SARI class were named.\n") == [], "another letter is another acronym"


def test_real_term_guard_follows_the_paragraph():
    receptor = _found("Ketamine blocks the MNDA receptor.\n")
    assert receptor == [("SPL002", "MNDA", "NMDA", "safe")]
    bare = _found("The MNDA level was measured.\n")
    assert bare == [("SPL002", "MNDA", "NMDA", "unsafe")]
    assert "gene symbol" in _spl("The MNDA level was measured.\n")[0].message
    assert _found("MNDA expression in myeloid cells rose.\n") == [], "the gene, in its own context"
    assert _found("NDMA blocks the receptor, like ketamine.\n") == [("SPL002", "NDMA", "NMDA", "safe")]


def test_a_lexicon_near_miss_wins_over_run_together_but_not_when_merely_glued():
    assert _found("I take neuronton for pain every day.\n") == [("SPL002", "neuronton", "Neurontin", "safe")]
    assert _found("It was arandomized trial of adults.\n") == []


def test_inflections_the_list_lacks_pass_but_misspelt_inflections_do_not():
    assert _found("Ketamine attaches to the receptor.\n") == []
    assert _found("It is a naturally occuring steroid.\n")[0][:3] == ("SPL001", "occuring", "occurring")


def test_generic_detectors_find_typos_without_the_list(monkeypatch):
    monkeypatch.setattr(speller(), "misspellings", {})
    text = "Later the doctor changed trazadone to propanolol, and the fits stopped occuring.\n"
    assert [(c, w, r) for c, w, r, _ in _found(text)] == [
        ("SPL002", "trazadone", "trazodone"),
        ("SPL002", "propanolol", "propranolol"),
        ("SPL003", "occuring", "occurring"),
    ]


def test_names_are_not_spelling_mistakes():
    text = "Kessler RC, Chiu WT, Demler O. Trangle M, et al. Depression in primary care.\n\nBoca Raton, Florida hosts the event. Photo by Mark Daynes on Unsplash.\n"
    assert _found(text) == []
    text = "Pestikas founded the clinic. Later Pestikas opened a second one.\n"
    assert _found(text) == []


def test_scraper_debris_and_foreign_sentences_are_left_alone():
    assert _found("The **p** ositive **a** llosteric **m** odulator binds.\n") == []
    assert _found("Si usted está en crisis, llame o envíe un mensaje de texto al 988 hoy.\n") == []
    assert _found("Learn aboutpsychotherapy and findtips for treatdepression online.\n") == []


def test_addresses_urls_and_code_are_not_prose():
    text = "Write to info@nami.org or see www.nimh.nih.gov and `recieve()` at https://x.org/recieve.\n"
    assert _found(text) == []


def test_headings_are_checked():
    assert [f[:2] for f in _found("# Depresion and reationships\n\nText follows here today.\n")] == [("SPL001", "Depresion"), ("SPL003", "reationships")]


def test_words_option_accepts_house_terms():
    text = "The Zurvita programme helps with Zurvitta too.\n"
    assert [f[1] for f in _found(text, words=["Zurvita", "Zurvitta"])] == []


def test_fixing_twice_changes_nothing_the_second_time():
    registry.load()
    settings = parse_config({"select": ["SPL"]}, "t.yaml").settings_for("-")
    text = "My GP switched Sertaline to trazadone; the MNDA receptor story, reationships, dont.\n"
    first = fix_document(Document(text, "a.md"), settings)
    assert first.text == "My GP switched Sertraline to trazodone; the NMDA receptor story, relationships, don't.\n"
    assert fix_document(Document(first.text, "a.md"), settings).text == first.text


# -- whole articles (tests/data/articles, our own words) and misspellings real pages make -------


def test_article_defects_are_safe_fixes_and_correct_terms_are_not_flagged():
    result = lint_paths([str(ARTICLES)], select=["SPL"])
    found = [(d.path.rsplit("/", 1)[-1], d.code, open(d.path, encoding="utf-8").read()[d.start : d.end], d.fix.edits[0].replacement, d.fix.applicability.value) for d in result.diagnostics]
    assert found == [("hype-blog.txt", "SPL002", "MNDA", "NMDA", "safe"), ("hype-blog.txt", "SPL003", "reationships", "relationships", "safe")]


def test_misspellings_real_pages_make_are_found(tmp_path):
    text = (
        "My doctor added trazadone at night and kept the Sertaline in the morning. A friend takes "
        "propanolol before talks; another was moved to Trintelllix. Patients recieve a leaflet, and "
        "side effects occuring after a dose should be reported.\n"
    )
    path = tmp_path / "letter.md"
    path.write_text(text, encoding="utf-8")
    words = {text[d.start : d.end] for d in lint_paths([str(path)], select=["SPL"]).diagnostics}
    assert words == {"Sertaline", "trazadone", "propanolol", "Trintelllix", "recieve", "occuring"}


def test_the_word_lists_load_lazily_and_not_at_all_with_spelling_off(tmp_path):
    """A run with SPL off never reads the dictionary or the frequencies, even with workers."""
    import subprocess
    import sys

    for i in range(20):
        (tmp_path / f"a{i}.md").write_text("Ketamine acts on glutamate within hours.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from medlint.engine.runner import lint_paths\n"
        "from medlint.knowledge import dictionary\n"
        f"lint_paths([{str(tmp_path)!r}], ignore=['SPL', 'GRM'], jobs=2)\n"
        "print(dictionary.dictionary.cache_info().currsize, dictionary.frequencies.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]
    code = code.replace("ignore=['SPL', 'GRM']", "select=['SPL']")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1"]
