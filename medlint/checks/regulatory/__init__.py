"""REG: regulatory-status claims ("X is FDA-approved for Y"), checked against sourced facts.

For each sentence outside quotations, the claim words of ``rules/regulatory-claims.yaml``
("FDA-approved", "approved by the Food and Drug Administration", "lacks approval from the FDA",
"off-label", "breakthrough status", "legal and approved"…) give a claim: its polarity (negation
before the verb makes it negative; a hedge such as "if approved" drops it), its agency, its
year and its tense. The claim's subject is the product named next to the claim words; for "it"
or "this treatment" it is the topic of the sentences before (the product in a sentence's
subject, not one after a preposition such as "derived from ketamine": the shared reading,
``medlint/analysis/reading.py``); in a table, the row's entity, and a column header with claim
words makes a claim for each row. Its indications are the conditions named in the claim's
clause ("these conditions": the ones just named). The knowledge base
(``rules/regulatory-facts.yaml``, loaded by ``medlint/knowledge/kb.py``) then decides, and every
message names the fact and its source:

REG001 approval claimed for an indication (or a product) the KB says is not approved;
REG002 "approved" said of a device that is cleared or De Novo-authorized (or the reverse);
REG003 the wrong year; REG004 a designation, complete response letter or state law presented
as approval; REG005 the claim is true of a product it is often confused with (ketamine and
esketamine); REG006 "not approved" said of an approved use; REG007 a claim a dated change made
out of date, reported as information when the article predates the change; REG008 (site-wide)
two articles of one run make opposite claims.

Fixes are always unsafe (a human must read a clinical sentence): the sentence is replaced with
the KB's wording, or the verb or year is corrected, only inside one sentence of running prose
(never a heading's sentence, a table cell or a quotation), and the fix title says what to check.

What lives where, in the order a claim travels:

- ``rules``: the rules' docs (REG001–REG007), the check's options and the per-file check.
- ``grammar``: the claim grammar, ``rules/regulatory-claims.yaml`` compiled (cues, guards,
  stale-claim patterns), loaded once.
- ``extraction``: ``Claim`` and the ``Extractor`` that finds a document's claims (subject,
  polarity, agency, indications, year, tense).
- ``judgement``: the ``Judge`` that holds each claim against the KB (findings, fixes and a
  verdict).
- ``analysis``: ``analyse``, the one pass per document (extractor, judge, stale-claim
  patterns) that the per-file and the site-wide checks share.
- ``site``: REG008, the site-wide check that compares the verdicts of all articles of a run.
"""
