"""REG008 (site-wide): two articles of one run make opposite claims about the same product and indication.

A site that says "ketamine is FDA-approved for depression" on one page and "ketamine is not
FDA-approved for depression" on another confuses its readers whichever page they read first.
Each article's approval claims (from the REG analysis, ``analysis.analyse``) are summarised with
the KB's verdict on them; across the run, a positive and a negative claim about the same
product, agency and indication in different files are a contradiction. The wrong one (by the
KB) is the finding and the right one its related location; when the KB cannot tell, both are
reported, as information, each pointing to the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from medlint.model.diagnostics import Diagnostic, Related, Severity
from medlint.knowledge.kb import load_kb
from medlint.model.document import Document
from medlint.model.rule import Check, Context, Settings, rule_doc
from medlint.model.span import Span
from medlint.checks.regulatory.analysis import analyse
from medlint.checks.regulatory.judgement import kb_record
from medlint.checks.regulatory.rules import RegulatoryClaims, options_of

CONTRADICTION = rule_doc(
    "REG008",
    "contradicting-articles",
    "Two articles checked together make opposite regulatory claims about the same product and indication.",
    what=(
        "Collects every approval claim ('X is FDA-approved for Y', 'X is not FDA-approved for "
        "Y', 'off-label') of every article in the run. When one article says yes and another "
        "says no for the same product, agency and indication, reports the claim the knowledge "
        "base says is wrong (or the one opposing a claim the KB says is right) and points to "
        "the other as related; the article that agrees with the KB is never reported. When the "
        "KB cannot settle it, reports both, as information, with what the KB does record of "
        "the product."
    ),
    why=(
        "A site that contradicts itself loses its readers' trust on every page, and the reader "
        "may have seen the wrong page. The contradiction also shows which page to correct."
    ),
    example=(
        "Bad: clinic.md says 'Ketamine is FDA-approved for depression.' while faq.md says "
        "'Ketamine is not FDA-approved for depression.'\n"
        "Good: both pages say ketamine's use for depression is off-label."
    ),
    fix="No automatic fix: correct the wrong page (its REG001/REG005/REG006 finding offers the KB's wording).",
    source="rules/regulatory-facts.yaml (project reference regulatory-facts.yaml); the claims REG001–REG007 read",
    severity=Severity.WARNING,
)

#: How many opposite claims one finding lists as related.
MAX_RELATED = 3


@dataclass(frozen=True)
class ClaimSummary:
    """One approval claim of one article (sent between runs and processes as a plain dict)."""

    product: str
    product_name: str
    agency: str
    condition: str | None
    condition_label: str
    positive: bool
    verdict: str | None
    reason: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    record: str  # what the KB records of the product, agency and indication ("" when nothing)


class RegulatoryContradictions(Check):
    """Site-wide: opposite approval claims across the articles of one run (REG008)."""

    name = "regulatory-contradictions"
    rules = (CONTRADICTION,)
    site_wide = True

    def environment(self, options: dict) -> str:
        """The verdicts depend on today's date (withdrawn approvals)."""
        return date.today().isoformat()

    def collect(self, doc: Document, ctx: Context) -> list[dict[str, object]]:
        """The article's approval claims with the KB's verdicts (options of the REG check), as
        plain dicts (the engine caches summaries and sends them between processes as JSON)."""
        result = analyse(doc, **options_of(ctx.settings.options_for(RegulatoryClaims())))
        kb = load_kb()
        out = []
        for index, claim in enumerate(result.claims):
            if claim.kind not in ("approval", "negative", "off_label") or claim.product is None:
                continue
            start, end = claim.span
            line, column = doc.position(start)
            end_line, end_column = doc.position(end)
            label = kb.conditions[claim.condition].label if claim.condition else ""
            out.append(asdict(ClaimSummary(
                claim.product.id, claim.product.name, claim.agency, claim.condition, label, claim.positive,
                result.verdicts.get(index), result.reasons.get(index, ""), start, end, line, column, end_line, end_column,
                " ".join(doc.text[start:end].split())[:100],
                kb_record(kb, claim.product, claim.agency, claim.condition),
            )))
        return out

    def valid_summary(self, value: object, size: int | None) -> bool:
        """None, or a list of ClaimSummary dicts with the types ``collect`` gives."""
        if value is None:
            return True
        high = size + 1 if size is not None else float("inf")
        text = ("product", "product_name", "agency", "condition_label", "reason", "excerpt")
        place = ("start", "end", "line", "column", "end_line", "end_column")
        return type(value) is list and all(
            type(c) is dict and c.keys() == set(ClaimSummary.__dataclass_fields__)
            and all(type(c[k]) is str for k in text) and all(type(c[k]) is int and 0 <= c[k] <= high for k in place)
            and type(c["positive"]) is bool and (c["condition"] is None or type(c["condition"]) is str)
            and (c["verdict"] is None or type(c["verdict"]) is str)
            for c in value
        )

    def check_site(self, summaries: dict[str, Any], settings: Settings | None) -> Iterator[Diagnostic]:
        # ``summaries`` holds what ``collect`` made, sent as JSON and vetted by ``valid_summary``.
        kb = load_kb()
        groups: dict[tuple, list[tuple[str, ClaimSummary]]] = {}
        for path in sorted(summaries):
            for data in summaries[path]:
                claim = ClaimSummary(**data)
                groups.setdefault((claim.product, claim.agency), []).append((path, claim))
        rule = CONTRADICTION

        def opposed(a: ClaimSummary, b: ClaimSummary) -> bool:
            """A yes for an indication and a no for it or for a kind of it ("approved for
            depression" against "not approved for MDD"); a no for the broader indication does
            not contradict a yes for a narrower one (esketamine: TRD yes, depression in general no)."""
            if a.positive == b.positive:
                return False
            yes, no = (a, b) if a.positive else (b, a)
            if yes.condition is None or no.condition is None:
                return yes.condition is None and no.condition is None
            return kb.within(no.condition, yes.condition)

        for key in sorted(groups, key=str):
            items = groups[key]
            for path, claim in items:
                opposite = [(p, c) for p, c in items if p != path and opposed(claim, c)]
                if not opposite or claim.verdict == "right":
                    continue  # never the article that agrees with the knowledge base
                if claim.verdict is None and any(c.verdict == "wrong" for _, c in opposite):
                    continue  # the other side is the wrong one; it carries the finding
                # The KB sides with the other article when it calls this claim wrong, or calls an
                # opposite claim right.
                settled = claim.verdict == "wrong" or any(c.verdict == "right" for _, c in opposite)
                shown: list[tuple[str, ClaimSummary]] = []
                seen: set[tuple[str, int, int]] = set()
                for p, c in sorted(opposite, key=lambda pc: (pc[1].verdict != "right", pc[0], pc[1].start)):
                    if (p, c.line, c.column) not in seen and len(shown) < MAX_RELATED:
                        seen.add((p, c.line, c.column))
                        shown.append((p, c))
                others = len({p for p, _ in opposite})
                said = "is" if claim.positive else "is not"
                what = f"{claim.product_name} {said} {claim.agency}-approved" + (f" for {claim.condition_label}" if claim.condition else "")
                if settled:
                    reason = claim.reason or claim.record
                    message = f"this article says {what}, and {others} other article(s) of this run say the opposite; the knowledge base sides with them: {reason}"
                elif claim.record:
                    message = (f"this article says {what}, {others} other article(s) of this run say the opposite, and the "
                               f"knowledge base cannot settle it for this indication; it records {claim.record}")
                else:
                    message = f"this article says {what}, {others} other article(s) of this run say the opposite, and the knowledge base (rules/regulatory-facts.yaml) has no fact to settle it"
                where = Span(claim.start, claim.end, claim.line, claim.column, claim.end_line, claim.end_column)
                related = (Related(p, c.line, c.column, f"the opposite claim: “{c.excerpt}”", c.end_line, c.end_column) for p, c in shown)
                yield rule.diagnostic(path, where, message, severity=None if settled else Severity.INFO, related=related)
