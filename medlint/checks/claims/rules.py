"""CLM001–CLM009: the rules' docs and messages (see the package docstring)."""

from __future__ import annotations

from medlint.model.rule import rule_doc

_SOURCES = (
    "HealthNewsReview.org criteria (red-flag words); FTC Health Products Compliance Guidance "
    "(Dec 2022); DISCERN Q6 (Charnock et al. 1999)"
)
_UNSAFE = (
    "Unsafe: the calibrated wording changes what the sentence claims, so a person must read "
    "it; the fix title says what it puts in."
)

HYPE = rule_doc(
    "CLM001",
    "hype-word",
    "A hype word describes a treatment: miracle, breakthrough, groundbreaking, revolutionary, game-changer.",
    what=(
        "Flags the red-flag words of health reporting and their variants: miracle (cure), "
        "breakthrough, groundbreaking, revolutionary / revolutionizing, game-changer, wonder "
        "drug, magic bullet, first-of-its-kind, 'new hope', hype nouns ('a new era', 'a quantum "
        "leap', in headings too) and a hype adjective before an outcome ('remarkable "
        "results'). Negated, distanced or scare-quoted uses pass ('not a miracle', 'so-called "
        "breakthrough'), as do a named speaker's words, a person quoted on their own life, "
        "hype said of research rather than a treatment ('a groundbreaking genetics study') and "
        "a word inside a name; hedges do not ('its potential as a groundbreaking treatment' is "
        "still hype). 'Breakthrough Therapy designation' and 'breakthrough pain' are terms."
    ),
    why=(
        "HealthNewsReview.org rated stories down for these words: they promise more than any "
        "single treatment delivers and crowd out the numbers readers need. The FTC notes that "
        "qualifiers such as 'promising' do not cure an overclaim."
    ),
    example=(
        "Bad: Ketamine is a groundbreaking treatment that is revolutionizing the field.\n"
        "Good: Ketamine is a new treatment that is changing the field."
    ),
    fix=_UNSAFE + " 'groundbreaking' → 'new', 'revolutionizing' → 'changing', 'new hope' → 'another option'.",
    source=_SOURCES,
    fixable=True,
)
CERTAINTY = rule_doc(
    "CLM002",
    "certainty-claim",
    "A claim of proof or certainty: proven, clinically proven, guaranteed, 100% effective, works for everyone.",
    what=(
        "Flags proof and certainty words joined to an efficacy word: '(clinically) proven "
        "(to be) effective', 'proven to reduce', 'guaranteed results', '100% effective', "
        "'works for everyone', 'always works', 'never fails', 'proves' as a verb ('the trial "
        "proves it effective'), and promises or assurances of an outcome ('we promise lasting "
        "relief', 'ensures results'). Negated or hedged uses pass ('has not been proven', "
        "'there is no guarantee', 'may help'), as does a universal said of something other "
        "than a treatment ('patience can always help')."
    ),
    why=(
        "Medicine rarely proves anything for everyone. The FTC names 'clinically proven', "
        "'proven' and 'guaranteed' as claims that need competent and reliable evidence, "
        "generally randomised trials in humans; readers take them literally."
    ),
    example=(
        "Bad: IV hydration therapy has proven to be effective.\n"
        "Good: IV hydration therapy has been shown to help some people in studies (Smith et al., 2020)."
    ),
    fix=_UNSAFE + " 'proven to be effective' → 'shown to help some people in studies' (which still needs its citation, CLM010).",
    source="FTC Health Products Compliance Guidance (Dec 2022)",
    fixable=True,
)
SAFETY = rule_doc(
    "CLM003",
    "safety-absolute",
    "An absolute safety claim: no side effects, completely safe, risk-free, harmless.",
    what=(
        "Flags 'no side effects', 'without any risks', 'entirely free of adverse effects', "
        "'zero risk of dependence', 'without producing major side effects', 'completely / "
        "totally / 100% safe', 'risk-free', 'harmless', and a substance said to do no harm to "
        "the brain or body. Negated, hedged or partial uses pass ('not without side effects', "
        "'little to no side effects', 'some people have no side effects'), as does a trial's "
        "report of adverse events next to the side effects it saw."
    ),
    why=(
        "Every treatment has risks. DISCERN asks whether an article describes them (Q11); an "
        "absolute safety claim hides them and can keep a reader from reporting a reaction."
    ),
    example=(
        "Bad: The infusion is completely safe.\n"
        "Good: The infusion is generally safe; common side effects are nausea and dizziness."
    ),
    fix=_UNSAFE + " 'completely safe' → 'generally safe'; the other forms need the real side effects named.",
    source="DISCERN Q11 (Charnock et al. 1999); FTC Health Products Compliance Guidance (Dec 2022)",
    fixable=True,
)
CURE = rule_doc(
    "CLM004",
    "cure-claim",
    "A treatment is said to cure a condition.",
    what=(
        "Flags 'cure' as a claim in all its forms: 'cures depression', 'can cure', 'cured my "
        "anxiety', 'a cure for PTSD'. Negated, hedged, distanced and questioned uses pass "
        "('there is no cure', 'not a cure', 'clinics that promise a cure', 'Is it a cure?')."
    ),
    why=(
        "Mental-health conditions are treated and managed; 'cure' promises an end that few "
        "treatments deliver. Disease claims of this kind are forbidden for supplements (21 CFR "
        "101.93) and are a HealthNewsReview red flag."
    ),
    example="Bad: Ketamine cures depression.\nGood: Ketamine may ease depression.",
    fix=_UNSAFE + " 'cures' → 'may ease', 'a cure for' → 'a treatment for'.",
    source="21 CFR 101.93; HealthNewsReview.org red-flag words; FTC Health Products Compliance Guidance (Dec 2022)",
    fixable=True,
)
EXCLUSIVE = rule_doc(
    "CLM005",
    "exclusive-claim",
    "An exclusive or universal-negative claim: 'the only treatment', 'no other … at all', 'nothing else works'.",
    what=(
        "Flags 'the only (effective) treatment / thing that works', universal negatives such "
        "as 'there are no other … at all' and 'no other drug comes close', and 'nothing else "
        "works'. Hedged or negated uses pass ('not the only option', 'the only option for many "
        "families'), as does a named study's result reported as such; a named speaker's "
        "exclusivity is reported as info."
    ),
    why=(
        "A claim that one treatment is the only one, or that nothing else works, cannot be "
        "supported by any single study and discourages readers from other options (DISCERN "
        "Q14: more than one treatment choice)."
    ),
    example=(
        "Bad: There are no other drugs that have any antidepressant effect at all.\n"
        "Good: Other drugs that act on the same receptor are still being studied."
    ),
    fix=_UNSAFE + " 'the only treatment' → 'one treatment'; universal negatives need rewording by hand.",
    source="HealthNewsReview.org criteria (alternatives); DISCERN Q14 (Charnock et al. 1999)",
    fixable=True,
)
SUPERLATIVE = rule_doc(
    "CLM006",
    "superlative-efficacy",
    "A superlative or intensified efficacy claim: 'very effective', 'the most effective', 'stays on the top'.",
    what=(
        "Flags an intensifier before an efficacy word ('very effective', 'tremendously "
        "beneficial'), superlatives ('the most effective', 'the best treatment', 'more "
        "effective than any other', 'unmatched', 'the most powerful antidepressant there is') "
        "and rankings ('stays on the top'). Hedged or conditional uses pass ('may be most "
        "effective when combined with therapy'), as do looking for the best option ('find the "
        "medication that is most effective', 'your best option'), praise of care in general, "
        "a named study's result and a named speaker's words. Safety ('the safest approach') is "
        "not efficacy."
    ),
    why=(
        "How well a treatment works is a number from a comparison; a superlative replaces the "
        "number with praise. HONcode asks that benefit claims be justified."
    ),
    example=(
        "Bad: Ketamine is very effective even in treatment-resistant depression.\n"
        "Good: Ketamine is effective in some people with treatment-resistant depression (cite the trial)."
    ),
    fix=_UNSAFE + " The intensifier is removed ('very effective' → 'effective'); other superlatives need rewording.",
    source="HONcode principles (justifiability); HealthNewsReview.org criteria (benefits quantified)",
    fixable=True,
)
INSTANT = rule_doc(
    "CLM007",
    "instant-or-permanent",
    "A promise of instant or permanent results: 'instant relief', 'works immediately', 'permanent cure'.",
    what=(
        "Flags instant, immediate or overnight results ('instant relief', 'works "
        "immediately') and permanent ones ('permanent relief', 'ends depression for good'). "
        "Hedged or negated uses pass ('the effects are temporary rather than permanent'), as "
        "does a comparison of how soon drug classes act ('sedatives work immediately, SSRIs "
        "take weeks')."
    ),
    why=(
        "Even fast-acting treatments take hours to days and their effects usually fade; "
        "promises of instant or lasting results set readers up for disappointment and are "
        "typical of advertising the FTC acts against."
    ),
    example="Bad: Patients feel instant relief.\nGood: Some patients feel relief within a day.",
    fix=_UNSAFE + " The speed or permanence adjective is removed ('instant relief' → 'relief').",
    source="FTC Health Products Compliance Guidance (Dec 2022); HealthNewsReview.org criteria",
    fixable=True,
)
ANIMAL = rule_doc(
    "CLM008",
    "animal-study-as-human",
    "Animal or cell evidence is presented as a result in people.",
    what=(
        "Flags a sentence that names animal, cell or preclinical evidence and draws a human "
        "conclusion from it ('a study in mice proves the drug cures depression in people'), "
        "and a general claim with no population ('Ketamine regrows brain cells.') followed in "
        "the same paragraph by a study that was done in animals. Passes when the text keeps "
        "the result in its place ('not yet tested in people', 'in mice')."
    ),
    why=(
        "Sumner et al. (BMJ 2014) found that 36% of health press releases inferred human "
        "effects from animal research, and that news stories copied the exaggeration. The FTC "
        "does not accept animal or in-vitro studies alone as evidence for a health claim."
    ),
    example=(
        "Bad: A mouse study shows that the drug cures depression in people.\n"
        "Good: In a study in mice, the drug reversed stress-induced behaviour; it has not been tested in people."
    ),
    fix="No automatic fix: say which animals or cells were studied, and that human trials are needed.",
    source="Sumner et al. 2014, BMJ 349:g7015; FTC Health Products Compliance Guidance (Dec 2022)",
)
ASSOCIATION = rule_doc(
    "CLM009",
    "association-as-cause",
    "A causal verb where the evidence named is an association.",
    what=(
        "Flags direct causal verbs (causes, leads to, prevents, reduces the risk, cures) in a "
        "sentence that names correlational evidence ('is associated with', 'linked to', an "
        "observational or survey study), or in the sentence right after one that draws its "
        "conclusion ('This shows that …'). Hedged causal verbs ('may reduce') pass."
    ),
    why=(
        "An association cannot show cause. Sumner et al. found causal claims from "
        "correlational studies in 33% of health press releases; Yu et al. (2019) found direct "
        "causal language in 21.7% of observational study conclusions."
    ),
    example=(
        "Bad: A survey linked daily walks to lower depression scores, which shows walking causes better mood.\n"
        "Good: A survey linked daily walks to lower depression scores; walking is linked to better mood."
    ),
    fix=_UNSAFE + " 'causes' → 'is linked to', 'reduces the risk' → 'is linked to a lower risk'; other verbs need rewording.",
    source="Sumner et al. 2014, BMJ 349:g7015; Yu et al. 2019 (EMNLP)",
    fixable=True,
)

MESSAGES = {
    "CLM001": "“{m}” is hype; say what the treatment does, for whom, and how well (with the evidence)",
    "CLM002": "“{m}” claims proof or certainty; say what studies found, in whom, and cite them",
    "CLM003": "“{m}” is an absolute safety claim; every treatment has risks — name the known side effects",
    "CLM004": "“{m}” claims a cure; mental-health treatments ease or manage symptoms — say what studies found",
    "CLM005": "“{m}” claims exclusivity; other options exist or have not been ruled out — name them or soften the claim",
    "CLM006": "“{m}” is a superlative of efficacy; give the comparison or the numbers, with a citation",
    "CLM007": "“{m}” promises instant or permanent results; say how soon and for how long, from the evidence",
}
