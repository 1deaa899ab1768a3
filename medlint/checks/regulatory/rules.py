"""REG001–REG007: the rules' docs, the options and the per-file check (see the package
docstring for how a claim is found and judged)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from medlint.checks.regulatory.analysis import Options, analyse
from medlint.model.diagnostics import Diagnostic, Severity
from medlint.model.document import Document
from medlint.model.rule import Check, Context, Option, make_fix, rule_doc

_SOURCE = (
    "rules/regulatory-facts.yaml, built from the project reference regulatory-facts.yaml (FDA, "
    "EMA and Health Canada records, sponsor releases and labels named per fact); claim patterns "
    "from regulatory-claim-patterns.txt"
)

NOT_APPROVED = rule_doc(
    "REG001",
    "not-approved-for-indication",
    "Claims a regulator approved a product for an indication it is not approved for, or at all.",
    what=(
        "Finds approval claims ('X is FDA-approved for Y', 'the FDA approved X', 'FDA approval "
        "of X') and checks the product and the indication against the knowledge base. Reports "
        "the claim when the KB lists the indication as not approved, when the product's listed "
        "approvals are all it has and none covers the indication, or when the product has no "
        "approval at all. 'Approved for depression' said of a product approved only for a "
        "narrower indication (postpartum or treatment-resistant depression) is a warning, not "
        "an error. 'It' is the product the sentences before are about (the one in their "
        "subject, not one after 'derived from'); a claim in a table is about its row's entity, "
        "under its column's header."
    ),
    why=(
        "Readers decide on treatment, and pay for it, on the strength of 'FDA-approved'. Racemic "
        "ketamine, psilocybin and MDMA therapy are often said to be approved for depression or "
        "PTSD; they are not."
    ),
    example="Bad: Zurzuvae is FDA-approved for major depressive disorder.\nGood: Zurzuvae is FDA-approved for postpartum depression in adults.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the product's approvals. Read it before keeping it.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
CLEARED_NOT_APPROVED = rule_doc(
    "REG002",
    "cleared-not-approved",
    "Calls a device 'FDA-approved' when it is FDA-cleared (510(k)) or De Novo-authorized, or the reverse.",
    what=(
        "For devices, compares the claim's verb with the KB's events: TMS devices were cleared "
        "through 510(k) for depression and granted De Novo authorization for OCD, so 'approved' "
        "is wrong; VNS Therapy was approved through a PMA, so 'cleared' is wrong."
    ),
    why=(
        "Clearance means the FDA found a device substantially equivalent to one already on the "
        "market; approval (PMA) means the FDA reviewed evidence of safety and effectiveness. "
        "'FDA-approved' borrows an authority the device's clearance does not give."
    ),
    example="Bad: TMS is an FDA-approved treatment for depression.\nGood: TMS is an FDA-cleared treatment for depression.",
    fix="Unsafe fix: the verb is replaced ('approved' → 'cleared' or 'authorized', 'approval' → 'clearance').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
WRONG_YEAR = rule_doc(
    "REG003",
    "wrong-regulatory-year",
    "Gives a year for an approval, clearance or designation that does not match the KB.",
    what=(
        "Reads the year bound to a claim ('approved in 2024', 'in 2019, the FDA approved', "
        "'its 2008 clearance') and compares it with the verified dates of the matching events. "
        "Dates the reference marks UNVERIFIED are never used."
    ),
    why="A wrong year is a small error that tells the careful reader the rest may not have been checked either.",
    example="Bad: Exxua was approved in 2024 for major depressive disorder.\nGood: Exxua was approved in 2023 for major depressive disorder.",
    fix="Unsafe fix: the year is replaced when the KB has one year for the matching events.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
DESIGNATION_AS_APPROVAL = rule_doc(
    "REG004",
    "designation-as-approval",
    "Presents a breakthrough designation, a complete response letter or a state law as an approval.",
    what=(
        "Reports 'breakthrough status means it is approved', 'legal and approved psilocybin "
        "therapy', 'federally approved' and approval claims for products whose only regulatory "
        "events are designations, complete response letters or state programmes, when the "
        "sentence itself brings up the designation or the law."
    ),
    why=(
        "A Breakthrough Therapy designation speeds development and review; it is not approval. "
        "Oregon's licensed psilocybin services are state law; the FDA has approved no "
        "psilocybin product."
    ),
    example="Bad: Breakthrough status means psilocybin therapy is now approved.\nGood: Psilocybin has Breakthrough Therapy designation; it is not FDA-approved.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the product's status.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
CONFUSED_PRODUCT = rule_doc(
    "REG005",
    "confused-product",
    "Attributes one product's approval to a product it is often confused with (ketamine and esketamine).",
    what=(
        "When an approval claim is wrong for its product but true of a product the KB names as "
        "'confused_with' it (racemic ketamine vs its S-enantiomer esketamine, Spravato), the "
        "finding names both products and both sets of facts. Also reports a year that belongs "
        "to the other product ('the FDA approved ketamine in 2019')."
    ),
    why=(
        "Ketamine clinics sell off-label racemic ketamine infusions on the strength of "
        "esketamine's approval. Readers who hear 'ketamine is FDA-approved for depression' "
        "expect an approved, insured, supervised treatment."
    ),
    example=(
        "Bad: Ketamine has been approved by the FDA for the treatment of depression.\n"
        "Good: Ketamine is FDA-approved as an anesthetic; its use for depression is off-label. "
        "Its S-enantiomer, esketamine (Spravato), is FDA-approved for treatment-resistant depression."
    ),
    fix="Unsafe fix: the sentence is replaced with the KB's wording for the product named.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
FALSE_NEGATIVE = rule_doc(
    "REG006",
    "approved-use-called-unapproved",
    "Says a product is not approved (or used off-label) for a use the KB says is approved.",
    what=(
        "Finds negative claims ('X is not FDA-approved for Y', 'lacks approval', 'unapproved', "
        "'off-label') and reports them when the KB has an approval covering the indication, or "
        "(for an unqualified 'X is not approved') any approval for a psychiatric indication. "
        "A true negative, such as 'ketamine is not FDA-approved for depression', passes; so "
        "do 'not approved' said of a device that is only cleared, a negative that agrees with a "
        "use the KB lists as not approved, and 'it is not approved for these conditions' after "
        "conditions it is not approved for."
    ),
    why="Telling readers an approved treatment is unapproved steers them away from it, or toward the off-label version.",
    example="Bad: Spravato is not FDA-approved.\nGood: Spravato (esketamine) is FDA-approved for treatment-resistant depression.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the product's approvals.",
    source=_SOURCE,
    severity=Severity.ERROR,
    fixable=True,
)
OUTDATED = rule_doc(
    "REG007",
    "outdated-regulatory-claim",
    "A regulatory claim a dated change has made out of date (Spravato alone since 2025-01; Zulresso withdrawn 2025-04).",
    what=(
        "Uses the KB's dated changes: Spravato may be used without an oral antidepressant since "
        "2025-01, brexanolone's (Zulresso's) approval was withdrawn effective 2025-04-14, and "
        "the clozapine REMS was removed in 2025-06. A claim made out of date by a change is "
        "information when the article's date (front matter 'updated'/'date', or a dateline) "
        "is before the change, or when the article has no date; a warning when the article was "
        "written or updated after it."
    ),
    why="Health pages stay online for years. A claim that was true when written misleads the reader who finds it now.",
    example="Bad (2026): Spravato must be used together with an oral antidepressant.\nGood: Since January 2025, Spravato has been FDA-approved for treatment-resistant depression in adults either on its own or with an oral antidepressant.",
    fix="Unsafe fix: the sentence is replaced with the KB's wording of the current status.",
    source=_SOURCE,
    severity=Severity.INFO,
    fixable=True,
)


def options_of(values: dict) -> Options:
    """The keyword arguments of ``analyse`` from a check's resolved options."""
    as_of = values.get("as_of") or ""
    when = date.fromisoformat(as_of) if as_of else None
    return {"window": values["anaphora_window"], "quotes": values["quotes"] == "report", "as_of": when}


def _date_or_empty(value: str) -> None:
    """``as-of`` is vetted when the configuration loads (a ConfigError with its line)."""
    try:
        if value:
            date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


OPTIONS = {
    "anaphora-window": Option(5, "How many sentences back 'it' or 'this treatment' may look for the product it refers to.", (int,)),
    "quotes": Option("skip", "Claims inside quotations: skip them (quotes are the writer's evidence) or report them.", (str,), ("skip", "report")),
    "as-of": Option("", "Today's date for time-aware checks (YYYY-MM-DD); empty means the real date.", (str,), check=_date_or_empty),
}


class RegulatoryClaims(Check):
    """Per-article regulatory claim checks (REG001–REG007)."""

    name = "regulatory-claims"
    rules = (NOT_APPROVED, CLEARED_NOT_APPROVED, WRONG_YEAR, DESIGNATION_AS_APPROVAL, CONFUSED_PRODUCT, FALSE_NEGATIVE, OUTDATED)
    options = OPTIONS

    def environment(self, options: dict) -> str:
        """Time-aware findings depend on today's date unless ``as-of`` pins it."""
        return options.get("as_of") or date.today().isoformat()

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        result = analyse(doc, **options_of(ctx.options))
        reported: set[tuple[str, tuple[int, int]]] = set()
        for f in result.findings:
            key = (f.code, f.span)
            if key in reported:
                continue
            reported.add(key)
            fix = make_fix(f.fix[0], f.fix[1], safe=False) if f.fix else None
            yield ctx.report(f.code, f.span[0], f.span[1], f.message, fix=fix, severity=f.severity)
