"""RDB001–RDB003: the reading grade against a target, and the sentences and paragraphs that
raise it.

The scores come from ``medlint.text.readability`` (textstat on the prose only, offline). The
target is 8th grade unless configured: by the ``target-grade`` option (per path through config
``overrides``), or by the article's front matter, ``target-grade: 10`` or an ``audience`` named
in the ``audience-targets`` option (``audience: clinicians`` → 12). Hotspots are reported only
when the article is over its target: they are the answer to "which sentences make it so".
"""

from __future__ import annotations

from medlint.model.diagnostics import Severity
from medlint.model.errors import ConfigError
from medlint.model.rule import Check, Option, rule_doc
from medlint.text.readability import FORMULAS, MIN_WORDS, SMOG_MIN_SENTENCES, hotspots, score_units, scoring_units

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

        cmu_pronunciations().warm()
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

