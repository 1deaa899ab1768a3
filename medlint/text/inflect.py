"""Regular English inflections for rule-pack phrases, so a pack lists a phrase once.

``commit suicide`` with ``inflect: verb`` also matches "commits", "committed" and "committing
suicide", and the replacement "die by suicide" is inflected to match ("dies", "died", "dying").
Small and rule-based on purpose: packs name their words, and the irregular ones are listed here.
"""

from __future__ import annotations

_IRREGULAR_VERBS = {
    "be": ("is", "was", "being"),
    "die": ("dies", "died", "dying"),
    "lie": ("lies", "lied", "lying"),
    "take": ("takes", "took", "taking"),
    "make": ("makes", "made", "making"),
    "have": ("has", "had", "having"),
    "do": ("does", "did", "doing"),
    "go": ("goes", "went", "going"),
}
_IRREGULAR_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children"}
_VOWELS = set("aeiou")

#: Forms in a fixed order: base, third person, past, gerund.
VERB_FORMS = ("base", "third", "past", "gerund")


def verb_forms(verb: str) -> tuple[str, str, str, str]:
    """(base, third person singular, past, gerund) of a regular or listed English verb."""
    v = verb.lower()
    if v in _IRREGULAR_VERBS:
        return (v, *_IRREGULAR_VERBS[v])
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = v + "es"
    elif v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        third = v[:-1] + "ies"
    else:
        third = v + "s"
    if v.endswith("e"):
        past, gerund = v + "d", v[:-1] + "ing"
    elif v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        past, gerund = v[:-1] + "ied", v + "ing"
    elif _doubles_final_consonant(v):
        past, gerund = v + v[-1] + "ed", v + v[-1] + "ing"
    else:
        past, gerund = v + "ed", v + "ing"
    return v, third, past, gerund


def _doubles_final_consonant(v: str) -> bool:
    """Short consonant-vowel-consonant endings double (stop → stopped, commit → committed)."""
    if len(v) < 3 or v[-1] in _VOWELS or v[-1] in "wxy":
        return False
    if v[-2] not in _VOWELS or v[-3] in _VOWELS:
        return False
    syllables = sum(1 for i, c in enumerate(v) if c in _VOWELS and (i == 0 or v[i - 1] not in _VOWELS))
    return syllables == 1 or v.endswith(("mit", "pel", "trol", "cur"))


def plural(noun: str) -> str:
    """Plural of a regular or listed English noun."""
    n = noun.lower()
    if n in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[n]
    if n.endswith(("s", "sh", "ch", "x", "z")):
        return n + "es"
    if n.endswith("y") and len(n) > 1 and n[-2] not in _VOWELS:
        return n[:-1] + "ies"
    return n + "s"


def inflect_phrase(phrase: str, replacement: str, mode: str) -> list[tuple[str, str]]:
    """Pairs (phrase form, replacement form) for ``mode`` ``verb``, ``noun`` or ``none``.

    A verb phrase inflects its first word on both sides: "commit suicide" → "die by suicide".
    A noun phrase inflects the phrase's last word (the head of an English noun phrase: "drug
    abuser" → "drug abusers") and the replacement's first word, with a relative clause agreeing
    ("person who uses drugs" → "people who use drugs").
    """
    if mode == "none":
        return [(phrase, replacement)]
    if mode == "verb":
        p_head, _, p_tail = phrase.partition(" ")
        r_head, _, r_tail = replacement.partition(" ")

        def join(head: str, tail: str) -> str:
            return f"{head} {tail}" if tail else head

        pairs = zip(verb_forms(p_head), verb_forms(r_head) if r_head else [""] * 4)
        forms = [(join(p, p_tail), join(r, r_tail) if r_head else replacement) for p, r in pairs]
    elif mode == "noun":
        forms = [(phrase, replacement), (_plural_last(phrase), _plural_first(replacement))]
    else:
        raise ValueError(f"unknown inflection {mode!r} (use verb, noun or none)")
    out = []
    for item in forms:
        if item not in out:
            out.append(item)
    return out


def _plural_last(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    return f"{head} {plural(last)}" if head else plural(last)


def _plural_first(replacement: str) -> str:
    """Plural of a replacement headed by its first word; a following "who"-clause verb agrees."""
    if not replacement:
        return replacement
    words = replacement.split(" ")
    words[0] = plural(words[0])
    if len(words) > 2 and words[1] == "who":
        words[2] = _base_of_third(words[2])
    return " ".join(words)


def _base_of_third(verb: str) -> str:
    """The base form of a third-person singular verb ("uses" → "use", "watches" → "watch")."""
    irregular = {forms[0]: base for base, forms in _IRREGULAR_VERBS.items()}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") else verb
