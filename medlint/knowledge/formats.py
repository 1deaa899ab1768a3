"""What each file in ``rules/`` may hold: one declared schema per file (see ``schema.py``).

``resources.read_data`` checks every file it reads against ``FORMATS`` (a file without a format
is an error), and ``checks/packs.py`` checks every pack, shipped or the user's, against
``PACK``. So a typo in a key, a value of the wrong type or a value outside its vocabulary is a
PackError naming the file and line when the data loads, whichever check reads it. A new key in
a data file is declared here first; what the schema cannot say (cross-references, patterns that
must compile) the loader checks.

The vocabularies of the regulatory knowledge base live here too: they are part of its format.
"""

from __future__ import annotations

from medlint.knowledge.schema import Date, Either, Flag, Items, Number, Record, Table, Text, Whole

#: A rule code: its family's prefix and three digits (user packs bring prefixes of their own).
CODE = Text(match=r"[A-Z]{2,5}\d{3}", form="a rule code (2 to 5 capital letters and three digits)")
TEXT = Text()
TEXTS = Items(TEXT)
SOME_TEXTS = Items(TEXT, nonempty=True)
#: A fact's source: one, or a list.
SOURCES = Either(TEXT, SOME_TEXTS)

# -- rules/regulatory-facts.yaml ----------------------------------------------------------------
#: Statuses that let a product be marketed for the event's conditions.
MARKETING_STATUSES = frozenset({"approved", "cleared", "de_novo", "reclassified"})
STATUSES = MARKETING_STATUSES | {
    "breakthrough_designation",
    "complete_response_letter",
    "advisory_committee_against",
    "withdrawn",
    "rems_eliminated",
    "authorised_prescribing",
    "state_program",
}
KINDS = frozenset({"drug", "device", "procedure", "supplement"})
AGENCIES = frozenset({"FDA", "EC/EMA", "Health Canada", "MHRA", "TGA", "Oregon"})
STALE_KINDS = frozenset({"adjunct_required", "approved_or_available", "rems_required"})

_AGENCY = Text(choices=AGENCIES)
_EVENT = Record(
    required={"status": Text(choices=STATUSES), "agency": _AGENCY, "indication": TEXT, "source": SOURCES},
    optional={"date": Date(), "verified": Flag(), "date_note": TEXT, "undated": TEXT, "product": TEXT,
              "conditions": TEXTS, "note": TEXT},
)
_PRODUCT = Record(
    required={"id": TEXT, "name": TEXT, "kind": Text(choices=KINDS), "aliases": TEXTS, "wording": TEXT,
              "source": SOURCES},
    optional={
        "confused_with": TEXTS,
        "events": Items(_EVENT),
        "indications_complete": Record(required={"agency": _AGENCY, "reason": TEXT, "source": SOURCES}),
        "not_approved": Items(Record(required={"conditions": TEXTS, "agency": _AGENCY, "note": TEXT, "source": SOURCES})),
        "changes": Items(Record(required={"id": TEXT, "date": Date(), "stale": Text(choices=STALE_KINDS),
                                          "summary": TEXT, "wording": TEXT, "source": SOURCES})),
        "restrictions": Text(empty=True),
    },
)
REGULATORY_FACTS = Record(
    required={
        "conditions": Table(Record(required={"label": TEXT, "psychiatric": Flag(), "aliases": TEXTS},
                                   optional={"broader": TEXTS}), nonempty=True),
        "products": Items(_PRODUCT),
    },
    optional={"reference": TEXT, "distinct_terms": Items(Record(required={"term": TEXT}, optional={"note": TEXT}))},
)

# -- rules/regulatory-claims.yaml ---------------------------------------------------------------
CUE_KINDS = frozenset({"approval", "negative", "off_label", "designation", "legal", "designation_means", "availability"})
GUARDS = ("prefilter", "frame", "negation", "hedge", "hedge_after", "non_regulatory", "clause_break", "tail_break",
          "year_of_other")
_CUE = Record(
    required={"id": TEXT, "kind": Text(choices=CUE_KINDS), "subject": Text(choices=("before", "after")), "pattern": TEXT},
    optional={"agencyless": Flag(), "frame": Flag()},
)
REGULATORY_CLAIMS = Record(
    required={
        "source": TEXT,
        "macros": Table(TEXT),
        "cues": Items(_CUE, nonempty=True),
        "guards": Record(required={name: TEXT for name in GUARDS}),
        "anaphora": TEXT,
        "stale_claims": Table(SOME_TEXTS, keys=Text(choices=STALE_KINDS)),
    },
)

# -- the claim, evidence, source and hedging word lists ------------------------------------------
# Patterns are regular expressions; the loaders compile them (a format checks their type only:
# compiling every pattern twice would slow every run for the sake of the shipped data, which the
# test suite compiles anyway).
_CLAIM_PATTERN = Record(required={"match": TEXT, "source": TEXT}, optional={"replace": TEXT})
_CLAIM_RULE = Record(
    required={"context": Text(choices=("hype", "claim")), "patterns": Items(_CLAIM_PATTERN, nonempty=True)},
    optional={"exceptions": TEXTS, "skip_before": SOME_TEXTS},
)
_ANIMAL_LISTS = ("markers", "humans", "conclusions", "study", "general_claims", "limits")
CLAIMS = Record(
    required={
        "sources": Table(TEXT, nonempty=True),
        "classes": Table(TEXT),
        "rules": Table(_CLAIM_RULE, keys=Text(match=r"CLM\d{3}", form="a CLM rule code")),
        "context": Record(required={"source": TEXT, **{k: TEXT for k in ("research_nouns", "treatment_words", "personal",
                                                                          "trial_report", "onset_comparison")}}),
        "animal": Record(required={"source": TEXT, **{k: SOME_TEXTS for k in _ANIMAL_LISTS}}),
        "association": Record(required={
            "source": TEXT,
            "markers": SOME_TEXTS,
            "follow_up": TEXT,
            "causal": Items(Record(required={"match": TEXT}, optional={"replace": TEXT}), nonempty=True),
        }),
    },
)
EVIDENCE = Record(
    required={
        "source": TEXT,
        "appeals": SOME_TEXTS,
        "statistics": SOME_TEXTS,
        "statistic_context": TEXT,
        "statistic_skip": TEXT,
        "statistic_exceptions": SOME_TEXTS,
        "appeal_skip_before": TEXT,
        "citations": SOME_TEXTS,
        "reference_headings": TEXT,
        "statistic_threshold": TEXT,
        "statistic_definition": TEXT,
        "evidence_strength": TEXT,
    },
)
_FIELDS = ("author", "date", "reviewer", "disclosure")
#: The page kinds the shared reading reads from a page's own evidence (rules/reading.yaml `genres`).
GENRE_KINDS = ("press_release", "news", "forum")
SOURCES_DATA = Record(
    required={
        "source": TEXT,
        "keys": Record(required={k: SOME_TEXTS for k in (*_FIELDS, "references")}),
        "body": Record(required={k: TEXT for k in _FIELDS}),
        "medical_claims": Record(required={"conditions": TEXT, "treatments": TEXT}),
        "promotion": SOME_TEXTS,
        # The page kinds (rules/reading.yaml genres, and "personal") for which a rule's request
        # is pointless.
        "not_applicable": Table(Items(Text(choices=(*GENRE_KINDS, "personal"))), keys=Text(match=r"SRC\d{3}", form="an SRC rule code")),
        "clinician_voice": TEXT,
        "medical_degree": TEXT,
        "own_clinician": TEXT,
    },
)
HEDGING = Record(
    required={
        "source": TEXT,
        **{k: SOME_TEXTS for k in ("clause_breaks", "negators", "negators_adjacent", "not_negating", "negated_after",
                                      "hedges_before", "hedges_after", "distancers", "reported_before")},
        "reported_after": TEXT,
        "scare_quotes": TEXT,
    },
)
# -- rules/reading.yaml (the shared sentence reading, medlint/analysis/reading.py) ----------------
READING = Record(
    required={
        "source": TEXT,
        **{k: TEXT for k in ("reporting_verbs", "study_nouns", "researchers", "definite_reference", "own_study",
                             "announced_study", "indefinite_study", "titles", "roles", "not_names", "conditional",
                             "wish", "first_person", "provider_voice")},
        "first_person_case_sensitive": Flag(),
        "genres": Table(Record(optional={"body": SOME_TEXTS, "front_matter": TEXT, "front_matter_keys": SOME_TEXTS}),
                        keys=Text(choices=GENRE_KINDS)),
    },
)
SAFE_MESSAGING = Record(required={"source": TEXT, "mentions": SOME_TEXTS, "experience": SOME_TEXTS, "passing": Whole(low=1),
                                  "not_mentions": TEXTS, "help": SOME_TEXTS, "advice": TEXTS})

# -- terminology, spelling and readability ------------------------------------------------------
TERMINOLOGY = Record(
    required={
        "facts": Items(Record(
            required={"id": TEXT, "rule": Text(match=r"FCT\d{3}", form="an FCT rule code"), "is": TEXT, "source": SOURCES},
            optional={
                "kind": Text(choices=("class", "token")),
                "terms": SOME_TEXTS,
                "tokens": SOME_TEXTS,
                "wrong": Items(Record(required={"names": SOME_TEXTS},
                                      optional={"replacement": Record(required={"singular": TEXT, "plural": TEXT}),
                                                "proper": Flag(), "except_after": TEXT}), nonempty=True),
                "replacement": TEXT,
                "skip_if": TEXT,
                "since": Date(),
            },
        )),
    },
)
#: rules/prevalence.yaml: headline prevalence figures (FCT012).
PREVALENCE = Record(required={
    "conditions": Table(Record(required={"terms": SOME_TEXTS, "not_after": TEXTS})),
    "populations": Table(Record(required={"needs": SOME_TEXTS})),
    "publishers": Table(SOME_TEXTS),
    "figures": Items(Record(
        required={"id": TEXT, "condition": TEXT, "populations": SOME_TEXTS,
                  "measure": Text(choices=("12-month", "lifetime", "point")), "unit": Text(choices=("percent", "count")),
                  "figure": Number(), "accept": Items(Number(), nonempty=True), "years": Items(Whole(), nonempty=True),
                  "said": TEXT, "publisher": TEXT,
                  "source": Record(required={"title": TEXT, "url": Text(match=r"https://\S+", form="an https URL"), "date": Date(),
                                             "read": Date()})},
        optional={"note": TEXT},
    ), nonempty=True),
})
# -- rules/medicines.json (generated by tools/build_medicines.py) -------------------------------
#: A field's sources: keys of the file's ``sources`` table.
_KEYS = Items(TEXT, nonempty=True)
_MED_SOURCE = Record(required={"ref": TEXT, "date": Date()})
_MED_CLASS = Record(required={"label": TEXT},
                    optional={"parent": TEXT, "names": SOME_TEXTS, "also": SOME_TEXTS, "mechanism": SOME_TEXTS, "source": TEXT})
_MEDICINE = Record(
    required={"id": TEXT, "names": SOME_TEXTS, "classes": SOME_TEXTS, "sources": Table(_KEYS)},
    optional={"other_names": SOME_TEXTS, "brands_by_country": Table(SOME_TEXTS), "atc": TEXT, "atc_name": TEXT,
              "roles": SOME_TEXTS, "schedule_us": Text(choices=("CI", "CII", "CIII", "CIV", "CV")), "contains": SOME_TEXTS},
)
_DEVICE = Record(required={"id": TEXT, "label": TEXT, "names": SOME_TEXTS, "technology": SOME_TEXTS, "source": TEXT},
                 optional={"clearance_us": TEXT})
#: How a device's technology is named; FCT checks claims of it (ECT "uses magnets").
TECHNOLOGIES = frozenset({"magnetic", "electric", "seizure", "implanted", "non-invasive", "anesthesia"})
MEDICINES = Record(required={
    "generated": TEXT,
    "left_out": Table(TEXTS),
    "sources": Table(_MED_SOURCE),
    "classes": Table(_MED_CLASS),
    "companies": Table(Record(required={"names": SOME_TEXTS}, optional={"part_of": TEXT})),
    "medicines": Items(_MEDICINE, nonempty=True),
    "makers": Table(Record(required={"companies": SOME_TEXTS, "source": _KEYS})),
    "devices": Items(_DEVICE, nonempty=True),
})

LEXICON = Record(
    required={
        "groups": Items(Record(required={"about": TEXT, "source": TEXT, "terms": SOME_TEXTS}, optional={"domain": Flag()})),
        "acronyms": Items(Record(required={"term": TEXT, "expansion": TEXT, "source": TEXT})),
        "real_terms": Items(Record(required={"word": TEXT, "is": TEXT, "typo_of": TEXT, "context": SOME_TEXTS},
                                   optional={"unless": TEXTS})),
    },
)
MISSPELLINGS = Record(
    required={"groups": Items(Record(required={"about": TEXT, "source": TEXT, "entries": Table(Either(TEXT, SOME_TEXTS))},
                                     optional={"dictionary_words": Flag()}))},
)
CONFUSION = Record(
    required={"pairs": Items(Record(required={"wrong": TEXT, "right": TEXT, "why": TEXT, "source": TEXT, "patterns": SOME_TEXTS},
                                    optional={"safe": Flag()}))},
)
JARGON = Record(
    required={
        "sources": Table(TEXT, nonempty=True),
        "terms": Items(Record(required={"term": TEXT, "plain": TEXT, "sources": SOME_TEXTS},
                              optional={"swap": Table(TEXT), "flag": SOME_TEXTS, "exceptions": TEXTS, "note": TEXT})),
    },
)
ACRONYMS = Record(required={"source": TEXT, "known": Table(TEXT)})

# -- page furniture -------------------------------------------------------------------------------
_LINES = Items(Either(TEXT, Record(required={"pattern": TEXT},
                                   optional={"case": Text(choices=("sensitive", "insensitive")),
                                             "where": Text(choices=("anywhere", "last"))})))
_FURNITURE_CODE = Text(match=r"BPL\d{3}", form="a BPL rule code")
_WORDS = Items(TEXT, nonempty=True)
BOILERPLATE = Record(
    required={
        "source": TEXT,
        "navigation-menu": Record(required={"code": _FURNITURE_CODE, "source": TEXT, "terms": SOME_TEXTS},
                                  optional={"lines": _LINES, "runs": _LINES}),
        "press-release-contact": Record(required={"code": _FURNITURE_CODE, "source": TEXT, "headers": _LINES,
                                                  "lines": _LINES, "continuation": _LINES}),
        "related-posts": Record(required={"code": _FURNITURE_CODE, "source": TEXT, "min_triples": Whole(1), "dates": _LINES}),
        # word lists of the block features and shapes (furniture_features.py, furniture_shapes.py)
        "buttons": Record(required={"source": TEXT, "verbs-ui": _WORDS, "verbs": _WORDS, "button-words": _WORDS}),
        "promotion-signals": Record(required={"source": TEXT, "strong": _WORDS, "weak": _WORDS}),
        "pointers": Record(required={"source": TEXT, "lines": _LINES}),
        "template-calls": Record(required={"source": TEXT, "lines": _LINES}),
        "article-boilerplate": Record(required={"source": TEXT, "lines": _LINES}),
    },
    # every other group: whole lines, runs of lines, and headers that open a block of its kind
    others=Record(required={"code": _FURNITURE_CODE, "source": TEXT},
                  optional={"lines": _LINES, "runs": _LINES, "headers": _LINES}),
)
#: jusText's English stoplist (furniture_features.good_text).
FURNITURE_STOPWORDS = Record(required={"source": TEXT, "words": _WORDS})

# -- rule packs and retired codes -------------------------------------------------------------------
_INFLECT = Text(choices=("none", "verb", "noun"))
#: A swap's wording, or the wording with an inflection of its own: {to: …, inflect: noun}.
_SWAP = Table(Either(Text(empty=True), Record(required={"to": Text(empty=True)}, optional={"inflect": _INFLECT})))
PACK_RULE = Record(
    required={**{k: TEXT for k in ("code", "name", "message", "summary", "what", "why", "example", "fix")},
              "kind": Text(choices=("existence", "substitution"))},
    optional={
        "severity": TEXT,
        "tokens": SOME_TEXTS,
        "swap": _SWAP,
        # Other wordings where a pattern matches the sentence: [{when: [patterns], swap: {…}}].
        "swap_when": Items(Record(required={"when": SOME_TEXTS, "swap": Table(Text(empty=True), nonempty=True)})),
        "replacement": TEXT,
        "inflect": _INFLECT,
        "applicability": Text(choices=("safe", "unsafe")),
        "ignorecase": Flag(),
        "glued": Flag(),
        "exceptions": TEXTS,
        "skip_if": TEXTS,
        "require": TEXTS,
        "quotes": Text(choices=("skip", "info", "report")),
        # How the words around a match count (checks/packs.py).
        "names": Text(choices=("skip", "report")),
        "lived_experience": Text(choices=("report", "self", "narrative")),
        "negated": Text(choices=("report", "skip")),
        "historical": Text(choices=("report", "skip")),
        "default_enabled": Flag(),
        "source": TEXT,
    },
)
PACK = Record(
    required={"pack": TEXT, "family": Text(match=r"[A-Z]{2,5}", form="2 to 5 capital letters (the prefix of its codes)"),
              "rules": Items(PACK_RULE)},
    # vars: sub-patterns any pattern of the pack uses as @name (a list is one alternation).
    optional={"description": TEXT, "source": TEXT, "vars": Table(Either(TEXT, SOME_TEXTS))},
)
RETIRED_CODES = Table(TEXT, keys=CODE)

#: The format of each data file (packs, ``pack-*.yaml``, are read with ``PACK``).
FORMATS = {
    "acronyms.yaml": ACRONYMS,
    "boilerplate.yaml": BOILERPLATE,
    "furniture-stopwords.yaml": FURNITURE_STOPWORDS,
    "claims.yaml": CLAIMS,
    "confusion.yaml": CONFUSION,
    "evidence.yaml": EVIDENCE,
    "hedging.yaml": HEDGING,
    "jargon.yaml": JARGON,
    "lexicon.yaml": LEXICON,
    "medicines.json": MEDICINES,
    "misspellings.yaml": MISSPELLINGS,
    "reading.yaml": READING,
    "regulatory-claims.yaml": REGULATORY_CLAIMS,
    "regulatory-facts.yaml": REGULATORY_FACTS,
    "retired-codes.yaml": RETIRED_CODES,
    "safe-messaging.yaml": SAFE_MESSAGING,
    "sources.yaml": SOURCES_DATA,
    "terminology-facts.yaml": TERMINOLOGY,
    "prevalence.yaml": PREVALENCE,
}


def format_of(name: str):
    """The declared format of ``rules/<name>``; None for a file no format covers."""
    return PACK if name.startswith("pack-") else FORMATS.get(name)
