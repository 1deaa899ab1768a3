"""How a rule and a check are declared: the contract between the checks and the engine.

A *rule* is what a user selects, configures and reads about: a code (family prefix + three
digits, never reused), a name, a default severity and its documentation. A *check* is the code
that finds problems; one check may emit several related rules (the regulatory-claim checker
emits REG001…REG00n). Checks are ``Check`` subclasses in ``medlint.checks`` or YAML packs; the
engine's registry finds them, and every check returns the same ``Diagnostic``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol
from collections.abc import Callable, Iterable

from medlint.model.diagnostics import FAMILIES, Applicability, Diagnostic, Edit, Fix, Related, Severity
from medlint.model.span import Span

if TYPE_CHECKING:
    from medlint.model.document import Document

#: A code: a family prefix of 2–5 capitals plus three digits. medlint's own families are three
#: letters (``FAMILIES``); a user pack may bring its own prefix (``HSE001``).
CODE = re.compile(r"^(?P<family>[A-Z]{2,5})(?P<number>\d{3})$")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation (What it does / Why it matters / Example / Fix)."""

    code: str
    name: str
    severity: Severity
    summary: str
    what: str
    why: str
    example: str
    fix: str
    source: str
    fixable: bool = False
    origin: str = ""  # where it is declared; filled in by the engine's registry
    default_enabled: bool = True
    family_title: str = ""  # a user family's name (its pack's description); medlint's are in FAMILIES

    @property
    def family(self) -> str:
        return family_of(self.code)

    @property
    def family_name(self) -> str:
        return FAMILIES.get(self.family) or self.family_title or self.family

    def validate(self) -> None:
        if not CODE.match(self.code):
            raise ValueError(f"rule code {self.code!r} is not a family prefix (2 to 5 capital letters) plus three digits")
        if not NAME.match(self.name):
            raise ValueError(f"rule {self.code}: name {self.name!r} must be kebab-case")
        for part in ("summary", "what", "why", "example", "fix", "source"):
            if not str(getattr(self, part) or "").strip():
                raise ValueError(f"rule {self.code} ({self.origin}): its doc lacks '{part}'")

    def explain(self) -> str:
        """The full text ``medlint explain`` prints."""
        return (
            f"{self.code} {self.name} ({self.family_name}; default severity {self.severity.value})\n"
            f"{self.summary}\n\n"
            f"What it does\n{_indent(self.what)}\n\n"
            f"Why it matters\n{_indent(self.why)}\n\n"
            f"Example\n{_indent(self.example)}\n\n"
            f"Fix\n{_indent(self.fix)}\n\n"
            f"Source\n{_indent(self.source)}\n"
        )

    def diagnostic(
        self,
        path: str,
        span: Span,
        message: str,
        severity: Severity | None = None,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A Diagnostic of this rule at ``span``; ``Context.report`` gives the span from a
        Document, site-wide checks and suppressions from their summaries."""
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            span=span,
            path=path,
            fix=fix,
            related=tuple(related),
        )

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "family_name": self.family_name,
            "severity": self.severity.value,
            "summary": self.summary,
            "what": self.what,
            "why": self.why,
            "example": self.example,
            "fix": self.fix,
            "source": self.source,
            "fixable": self.fixable,
            "default_enabled": self.default_enabled,
            "origin": self.origin,
        }


def family_of(code: str) -> str:
    """A code's family prefix: its letters before the three digits (``HSE`` of ``HSE001``)."""
    return code.rstrip("0123456789")


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in str(text).strip().splitlines())


@dataclass(frozen=True)
class Option:
    """A check's configurable option: default value, accepted type(s) and what it means.
    ``check`` (optional) vets a value beyond its type, raising ValueError: configuration is
    validated when it is loaded, so a bad value is reported with its file and line. Where a
    string is expected, a YAML date (``as-of: 2026-01-01``, unquoted) is read as its ISO text."""

    default: Any
    help: str
    types: tuple = ()
    choices: tuple = ()
    check: Callable[[Any], None] | None = None

    def validate(self, value: Any) -> Any:
        types = self.types or (type(self.default),)
        if float in types and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if str in types and isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join(t.__name__ for t in types)
            raise ValueError(f"expected {names}, got {type(value).__name__} {value!r}")
        if self.choices and value not in self.choices:
            raise ValueError(f"expected one of {', '.join(map(str, self.choices))}, got {value!r}")
        if self.check is not None:
            self.check(value)
        return value


class Settings(Protocol):
    """What a check may ask of the settings that apply to the file it checks (the engine's
    ``Settings`` provides it)."""

    enabled_codes: frozenset

    def options_for(self, check: Check) -> dict: ...


class Context:
    """What a check sees while it runs on one document: options and a diagnostic builder."""

    def __init__(self, doc: Document, settings: Settings, check: Check):
        self.doc = doc
        self.settings = settings
        self.check = check
        self.options = settings.options_for(check)

    def report(
        self,
        code: str,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        severity: Severity | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        """Build a Diagnostic for ``doc.text[start:end]`` with the rule's name and severity."""
        return self.check.rule(code).diagnostic(self.doc.path, self.doc.span(start, end), message, severity, related, fix)


def make_fix(title: str, edits: Iterable[tuple[int, int, str]], safe: bool) -> Fix:
    """A Fix from ``(start, end, replacement)`` triples."""
    return Fix(
        title=title,
        edits=tuple(sorted(Edit(s, e, r) for s, e, r in edits)),
        applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
    )


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``original``.

    ALL CAPS stays all caps (words, not a number with a few capitals: "1-800-273-TALK"); a capital first letter alone (a sentence start: "Committed
    suicide") capitalises the replacement; a proper name with several capitals ("National
    Suicide Prevention Lifeline") or an acronym first ("PTSD sufferers") leaves the replacement
    as the pack wrote it.
    """
    letters = [c for c in original if c.isalpha()]
    shown = [c for c in original if not c.isspace()]
    if len(letters) > 1 and len(letters) * 2 >= len(shown) and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    acronym = len(words[0]) > 1 and words[0].isupper() if words else False  # "PTSD sufferers"
    if words and words[0][:1].isupper() and not acronym and not any(w[:1].isupper() for w in words[1:]):
        if replacement[:1].islower():
            return replacement[:1].upper() + replacement[1:]
    return replacement


class Check:
    """Base class for checks. Subclasses set ``name``, ``rules`` and ``options`` and implement
    ``check``. Site-wide checks also implement ``collect`` (a small picklable summary of one
    document) and ``check_site`` (diagnostics from all summaries of one run)."""

    name: str = ""
    rules: tuple[Rule, ...] = ()
    options: dict[str, Option] = {}
    site_wide: bool = False
    sees_non_prose: bool = False  # True for checks whose findings are about non-prose itself (BPL)
    removes_markup_lines: bool = False  # True for checks whose fixes may delete whole lines of markup (BPL)
    # True for checks whose fixes restore the word the writer meant to type (a misspelling, a
    # confused word): they may go into names and titles. Every other check's substitutions
    # change the writer's wording and never enter a quotation, a reference, a title or a name.
    restores_typing: bool = False

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        return ()

    def rule(self, code: str) -> Rule:
        """The rule ``code`` of this check; a KeyError when the check does not declare it."""
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(f"check {self.name} reported {code}, which it does not declare")

    def preload(self) -> None:
        """Load heavy data now. Checks load their data lazily, on first use; the engine calls
        this before forking worker processes, so the workers share one copy."""

    def environment(self, options: dict) -> str:
        """What this check's results depend on outside the settings (the grammar check: which
        LanguageTool it uses, from environment variables); part of the cache key."""
        return ""

    def collect(self, doc: Document, ctx: Context) -> Any:
        return None

    def check_site(self, summaries: dict[str, Any], settings: Settings | None) -> Iterable[Diagnostic]:
        return ()

    def valid_summary(self, value: Any, size: int | None) -> bool:
        """Whether ``value`` has the shape ``collect`` gives for a file of ``size`` bytes (when
        known). The result cache is untrusted input: a summary read from it that fails this is
        a cache miss. A site-wide check must override it; the default accepts nothing."""
        return False



def rule_doc(
    code: str,
    name: str,
    summary: str,
    *,
    what: str,
    why: str,
    example: str,
    fix: str,
    source: str,
    severity: Severity = Severity.WARNING,
    fixable: bool = False,
    default_enabled: bool = True,
) -> Rule:
    """Keyword-only constructor for rules declared in Python modules."""
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        what=what,
        why=why,
        example=example,
        fix=fix,
        source=source,
        fixable=fixable,
        default_enabled=default_enabled,
    )

