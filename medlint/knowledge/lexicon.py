"""The domain lexicon: mental-health and pharmacology words a general dictionary lacks.

Read once from ``rules/lexicon.yaml`` and shared by spelling (SPL, which must not flag these
words and proposes them as corrections of near misses) and grammar (GRM, which drops
LanguageTool's complaints about them). A term with a capital after its first letter or a digit
(NMDA, mTOR, GluN2B) is exact: only that spelling is known, because case carries meaning in
acronyms and gene symbols. Any other term is known in any case. Plurals and possessives of
every term are known too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from medlint.knowledge.resources import load_data

_EXACT = re.compile(r".[A-Z]|\d")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def is_exact(term: str) -> bool:
    """True when a term's case is part of its identity (NMDA, mTOR, GluN2B, 5-HT2A)."""
    return bool(_EXACT.search(term))


@dataclass(frozen=True)
class RealTerm:
    """A word that is a typo of a lexicon term here but a real term elsewhere (MNDA, NDMA)."""

    word: str
    meaning: str
    typo_of: str
    context: frozenset
    unless: frozenset


class Lexicon:
    """Known domain terms, their acronym expansions, and the real terms that look like typos."""

    def __init__(self, data: dict):
        """``data``: ``rules/lexicon.yaml`` as ``resources.load_data`` gives it (checked against
        its format: every group, acronym and real term has the keys it needs)."""
        exact: set[str] = set()
        folded: set[str] = set()
        targets: set[str] = set()
        self._canonical: dict[str, str] = {}
        self.expansions: dict[str, str] = {}
        for group in data["groups"]:
            for term in group["terms"]:
                if is_exact(term):
                    exact.add(term)
                else:
                    folded.add(term.lower())
                    self._canonical.setdefault(term.lower(), term)
                    if group.get("domain", True):
                        targets.add(term.lower())
        for entry in data["acronyms"]:
            exact.add(entry["term"])
            self.expansions[entry["term"]] = entry["expansion"]
        self.real_terms: dict[str, RealTerm] = {}
        for entry in data["real_terms"]:
            self.real_terms[entry["word"]] = RealTerm(
                entry["word"],
                entry["is"],
                entry["typo_of"],
                frozenset(w.lower() for w in entry["context"]),
                frozenset(w.lower() for w in entry.get("unless", ())),
            )
        self.exact = frozenset(exact)
        self.folded = frozenset(folded)
        # Domain terms by length: an edit changes the length by one at most.
        self._targets = sorted(targets, key=lambda t: (len(t), t))
        self._lengths = [len(t) for t in self._targets]

    def _has(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.folded

    def knows(self, word: str) -> bool:
        """True for a lexicon term, or its plural or possessive (SSRIs, ketamine's)."""
        if self._has(word):
            return True
        base = _POSSESSIVE.sub("", word)
        if base != word and self._has(base):
            return True
        for suffix in ("s", "es"):
            if base.endswith(suffix) and len(base) > len(suffix) + 1 and self._has(base[: -len(suffix)]):
                return True
        return False

    def spelling(self, folded_term: str) -> str:
        """A case-insensitive term as the lexicon writes it (``zoloft`` -> ``Zoloft``)."""
        return self._canonical.get(folded_term, folded_term)

    def near(self, word: str, max_distance: int) -> list[tuple[str, int]]:
        """Case-insensitive domain terms within ``max_distance`` OSA edits (a transposition is
        one edit), closest first, as the lexicon writes them. Groups marked ``domain: false``
        (general vocabulary, organisation names) are known but never proposed."""
        from rapidfuzz import process  # imported on first use: a run answered from the cache never gets here
        from rapidfuzz.distance import OSA

        lower = word.lower()
        low = bisect.bisect_left(self._lengths, len(lower) - max_distance)
        high = bisect.bisect_right(self._lengths, len(lower) + max_distance)
        found = process.extract(lower, self._targets[low:high], scorer=OSA.distance, score_cutoff=max_distance, limit=None)
        return sorted(((self.spelling(term), int(dist)) for term, dist, _ in found), key=lambda t: (t[1], t[0]))

    def transposed_acronym(self, word: str) -> str | None:
        """The exact term this word becomes by swapping two adjacent letters (MNDA -> NMDA)."""
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped != word and swapped in self.exact:
                return swapped
        return None

    def describe(self, term: str) -> str:
        """``NMDA (N-methyl-D-aspartate …)`` when the term has an expansion, else the term."""
        expansion = self.expansions.get(term)
        return f"{term} ({expansion})" if expansion else term


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (read once per process)."""
    return Lexicon(load_data("lexicon.yaml"))
