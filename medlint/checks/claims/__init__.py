"""CLM001–CLM009: overclaiming — hype, certainty, safety and cure claims, exclusivity,
superlatives, instant or permanent results, and causal or population overreach.

The patterns are data (``rules/claims.yaml``): each is built from word classes ("@intensifier
@effective"), so one entry covers wordings nobody listed. Whether a match is a claim depends on
its context (``medlint/analysis/hedging.py``): negated or distanced hype words pass; certainty, cure,
safety and superlative claims also pass when hedged ("may ease", "in some patients") or asked
as a question. Claims inside quoted speech are the writer's evidence and are reported as info.

CLM008 and CLM009 compare a claim with the evidence the text names for it: animal or cell
studies turned into a human result, and causal verbs drawn from an association (the two most
common exaggerations Sumner et al. found in health press releases).

Speed: each pattern is tried only where it may begin. One scan of a document
(``medlint/text/prefilter.py``) finds those places for every word-level pattern of the CLM family,
including the appeals to research and statistics of ``rules/evidence.yaml`` (CLM010–CLM011),
so the two claim checks share it (``claim_places``).

Whose claim a match is comes from the shared sentence reading (``medlint/analysis/reading.py``):
a named speaker's quoted or reported words are theirs (exclusivity stays, as info), as are
scare-quoted words, a person quoted on their own life, and personal accounts in a first-person
page; hype said of research, a named study's result, a trial's adverse-event report and an
onset comparison are not treatment claims. Fixes stay inside one sentence of prose, never in a
table cell or a quotation, with "a"/"an" agreeing.

What lives where:

- ``rules``: the nine rules' docs (what, why, example, fix, source) and their messages.
- ``lexicon``: ``rules/claims.yaml`` compiled (word classes expanded into patterns, the context
  words, the animal-study and association vocabulary) with the appeals and statistics of
  ``rules/evidence.yaml``, and ``claim_places``, the one scan per document that finds where
  each of them may begin (shared with the evidence check).
- ``judgement``: the ``Overclaiming`` check: the candidates a document's matches give, whose
  claim each one is (hedged, quoted, a speaker's, said of research), the fixes, and the two
  sentence-level rules (animal studies, association as cause).
"""
