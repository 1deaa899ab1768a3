"""The one REG pass per document: the extractor's claims, the judge's findings and verdicts,
and the stale-claim patterns (REG007), made once per document and options and shared by the
per-file check and the site-wide one."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from medlint.checks.regulatory.extraction import Claim, Extractor
from medlint.checks.regulatory.grammar import Grammar, grammar
from medlint.checks.regulatory.judgement import Finding, Judge
from medlint.knowledge.kb import KnowledgeBase, load_kb
from medlint.model.document import Document


@dataclass
class Analysis:
    """Everything REG found in one document (shared with the site-wide contradiction check)."""

    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    verdicts: dict[int, str] = field(default_factory=dict)  # claim index -> "wrong" | "right"
    reasons: dict[int, str] = field(default_factory=dict)  # claim index -> the message of a "wrong" verdict


class Options(TypedDict):
    """The keyword arguments of ``analyse`` (``rules.options_of`` makes them from a check's options)."""

    window: int
    quotes: bool
    as_of: date | None



def _stale_patterns(doc: Document, kb: KnowledgeBase, g: Grammar, ex: Extractor, judge: Judge) -> list[Finding]:
    """REG007 from stale-claim patterns (Spravato only with an antidepressant; clozapine REMS)."""
    out = []
    wanted = {ch.stale for p in kb.products.values() for ch in p.changes if ch.stale in g.stale}
    # Each pattern runs only in the sentences that hold one of its literals (most hold none).
    where = {pattern: ex.holding(needs) for kind in wanted for pattern, needs in g.stale[kind]}
    chosen = set().union(*where.values())
    for index in sorted(chosen):
        sent = ex.sentences[index]
        if sent.quoted and not ex.quotes:
            continue
        for kind in wanted:
            for pattern, _ in g.stale[kind]:
                if index not in where[pattern]:
                    continue
                m = pattern.search(doc.prose, sent.start, sent.end)
                if not m:
                    continue
                products = ex.mentions(sent.start, m.end())
                if not products:
                    found = ex.antecedent(index) if g.anaphora.search(doc.prose, sent.start, m.start()) else None
                    products = [found] if found else []
                for x in reversed(products):
                    p = kb.products[x.id]
                    changes = [ch for ch in p.changes if ch.stale == kind and ch.date.first_day() <= judge.today]
                    if changes:
                        out.append(judge.stale_finding(p, changes[0], (m.start(), m.end()), (sent.start, sent.end)))
                        break
                break
    return out


_ANALYSES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Document -> {options: Analysis}


def analyse(doc: Document, window: int = 5, quotes: bool = False, as_of: date | None = None) -> Analysis:
    """All REG claims, findings and verdicts for ``doc``, made once per document and options:
    the per-file and the site-wide checks share one pass (kept while the document lives)."""
    today = as_of or date.today()
    key = (window, quotes, today)
    cached = _ANALYSES.setdefault(doc, {})
    if key in cached:
        return cached[key]
    kb, g = load_kb(), grammar()
    ex = Extractor(doc, kb, g, window, quotes)
    judge = Judge(doc, kb, today)
    result = Analysis()
    for claim in ex.claims():
        findings, verdict = judge.judge(claim)
        if verdict:
            result.verdicts[len(result.claims)] = verdict
        if verdict == "wrong" and findings:
            first = findings[0]
            head, _, source = first.message.partition(" Source: ")
            short = re.split(r"; |: |\. ", head, maxsplit=1)[0]
            result.reasons[len(result.claims)] = f"{short} ({first.code}). Source: {source}"
        result.claims.append(claim)
        result.findings.extend(findings)
    result.findings.extend(_stale_patterns(doc, kb, g, ex, judge))
    cached[key] = result
    return result

