"""RDB004: acronyms used before they are spelled out, or never spelled out; the fix moves a
later "long form (ACRONYM)" to the first use."""

from __future__ import annotations

import re
from functools import lru_cache

from medlint.knowledge.resources import load_data
from medlint.model.diagnostics import Severity
from medlint.model.rule import Check, Option, make_fix, rule_doc
from medlint.text import acronyms

ACRONYM = rule_doc(
    "RDB004",
    "acronym-before-expansion",
    "An acronym used before it is spelled out, or never spelled out.",
    what=(
        "Finds acronyms (NMDA, mTOR, GluN2B) and where each is spelled out: "
        "“post-traumatic stress disorder (PTSD)”, “PTSD (post-traumatic stress disorder)” or "
        "“post-traumatic stress disorder, or PTSD”, the long form's letters matching the acronym. "
        "Reports an acronym's first use in the prose when it comes before its spelled-out form, or "
        "when there is none. Headings, quotations, reference sections, citations and captions are "
        "not counted as first uses. Acronyms "
        "general readers know as words (TV, DNA, HIV; `rules/acronyms.yaml`) and those in the "
        "`known` option are exempt."
    ),
    why=(
        "An unexplained acronym is a word the reader cannot decode. Plain-language guidance asks "
        "for every acronym to be explained at its first use, even when many readers know it."
    ),
    example=(
        "Bad: Ketamine blocks NMDA receptors. … later: N-methyl-D-aspartate (NMDA) receptors …\n"
        "Good: Ketamine blocks N-methyl-D-aspartate (NMDA) receptors. … later: NMDA receptors …"
    ),
    fix=(
        "Unsafe, and only when the acronym is spelled out later as “long form (ACRONYM)”: moves "
        "the spelled-out form to the first use. Otherwise no automatic fix: spell it out, or say "
        "in plain words what it is."
    ),
    source=(
        "plainlanguage.gov (PLAIN), minimize abbreviations; State of Iowa digital style guide "
        "(“Explain acronyms on the first reference”); definition matching after Schwartz & "
        "Hearst, PSB 2003"
    ),
    severity=Severity.WARNING,
    fixable=True,
)


@lru_cache(maxsize=1)
def _known_acronyms() -> frozenset[str]:
    """Acronyms general readers know as words (rules/acronyms.yaml), read on first use."""
    return frozenset(str(k).upper() for k in load_data("acronyms.yaml")["known"])


class Acronyms(Check):
    """RDB004: acronyms used before they are spelled out, or never spelled out."""

    name = "acronyms"
    rules = (ACRONYM,)
    options = {
        "known": Option([], "More acronyms that need no spelling out (house terms).", types=(list,)),
    }

    def check(self, doc, ctx):
        known = _known_acronyms() | {str(k).upper() for k in ctx.options["known"]}
        found = acronyms.uses(doc)
        defs = acronyms.definitions(doc, found)
        done: set[str] = set()
        for use in found:
            key = use.key.upper()
            if key in done or key in known:
                continue
            spelled = defs.get(key, [])
            if any(d.start <= use.start < d.end for d in spelled):
                done.add(key)  # this use is the spelled-out form itself
                continue
            if use.heading or use.quoted or doc.in_apparatus(use.start, use.end):
                continue  # a heading, quotation, reference or caption does not introduce the term
            later = spelled[0] if spelled else None
            if later is not None and _spelled_before(doc, use, doc.text[later.long_start : later.long_end]):
                done.add(key)  # "…Disorders (ADHD)": spelled out, glued to a word or plural
                continue
            done.add(key)
            if later is None:
                message = (
                    f"“{use.key}” is never spelled out; give the full term at its first use, as "
                    f"“full term ({use.key})”, or say in plain words what it is"
                )
            else:
                message = (
                    f"“{use.key}” is used before it is spelled out (line {doc.position(later.start)[0]}); "
                    "spell it out here, at its first use"
                )
            yield ctx.report("RDB004", use.start, use.end, message, fix=self._move_fix(doc, use, later))

    @staticmethod
    def _move_fix(doc, use, later):
        """Move a later “long form (ACRONYM)” to the first use (unsafe), when that is clean: not
        when the use is part of something longer that the long form would break (a bracket that
        glosses other words, "NCS-R", a name such as "TMS Solutions"), and not out of a heading,
        which keeps its words."""
        if later is None or later.form != "long-short" or use.plural or _part_of_more(doc.text, use):
            return None
        held = doc.block_at(later.start)
        if held is not None and held.kind == "heading":
            return None
        whole = doc.text[later.start : later.end]
        if not re.fullmatch(r"[\s\S]*\(\s*" + re.escape(use.key) + r"\s*\)", whole):
            return None
        long_form = doc.text[later.long_start : later.long_end]
        if long_form != doc.prose[later.long_start : later.long_end] or "\n" in long_form or doc.is_quoted(later.start, later.end):
            return None  # markup or a line break inside it, or a quotation: leave it to a person
        at_def = doc.sentence_at(later.long_start)
        words = long_form.split()
        if at_def is not None and at_def.start == later.long_start and words[0][1:].islower() and all(
            not w[:1].isupper() for w in words[1:]
        ):
            long_form = long_form[0].lower() + long_form[1:]
        at_use = doc.sentence_at(use.start)
        if at_use is not None and at_use.start == use.start:
            long_form = long_form[0].upper() + long_form[1:]
        spelled = f"{long_form} ({use.key})"
        return make_fix(
            f"Spell out “{use.key}” here as “{spelled}”, and use “{use.key}” where it was spelled out",
            [(use.start, use.end, spelled), (later.start, later.end, use.key)],
            safe=False,
        )


_LETTERS = re.compile(r"[^a-z]+")


def _spelled_before(doc, use, long_form: str) -> bool:
    """True when the use stands in brackets right after its own long form, however the scrape
    glued it to the word before or the writer made it plural ("…DisordersAttention Deficit
    Hyperactivity Disorders (ADHD)"): the definition is there, only harder to see."""
    opening = doc.text.rfind("(", max(0, use.start - 3), use.start)
    if opening < 0 or doc.text[opening + 1 : use.start].strip():
        return False
    wanted = _LETTERS.sub("", long_form.lower())
    before = _LETTERS.sub("", doc.text[max(0, opening - len(long_form) - 8) : opening].lower())
    return bool(wanted) and (before.endswith(wanted) or before.endswith(wanted + "s"))


def _part_of_more(text: str, use) -> bool:
    """True when the acronym is part of something longer: inside brackets that follow other
    words ("… [VNS and DBS]", "(NCS-R)"), joined by a hyphen ("NCS-R"), or followed by a
    capitalised word of the same name ("TMS Solutions", "NAMI Programs")."""
    after = text[use.end : use.end + 40]
    if after[:1] == "-" and after[1:2].isalnum():
        return True
    before = text[max(0, use.start - 40) : use.start]
    opened = max(before.rfind("("), before.rfind("["))
    if opened >= 0 and max(before.rfind(")"), before.rfind("]")) < opened:
        return True  # inside a bracket: a gloss of the words before it
    return re.match(r" [A-Z][a-z]+", after) is not None
