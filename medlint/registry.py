"""The one registry of rules and the checks that emit them.

A *rule* is what a user selects, configures and reads about: a code (family prefix + three
digits, never reused), a name, a default severity and its documentation. A *check* is the code
that finds problems; one check may emit several related rules (the regulatory-claim checker
emits REG001…REG00n). Checks come from Python modules in ``medlint.checks`` and from the YAML
packs shipped in ``medlint.rules``; both register here and both return the same Diagnostic.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from .diagnostics import FAMILIES, Applicability, Diagnostic, Edit, Fix, Related, Severity

if TYPE_CHECKING:
    from .config import Settings
    from .document import Document

CODE = re.compile(r"^(?P<family>[A-Z]{3})(?P<number>\d{3})$")
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
    origin: str = ""
    default_enabled: bool = True

    @property
    def family(self) -> str:
        return self.code[:3]

    def validate(self) -> None:
        if not CODE.match(self.code) or self.family not in FAMILIES:
            raise ValueError(f"rule code {self.code!r} is not a known family prefix plus three digits")
        if not NAME.match(self.name):
            raise ValueError(f"rule {self.code}: name {self.name!r} must be kebab-case")
        for part in ("summary", "what", "why", "example", "fix", "source"):
            if not str(getattr(self, part) or "").strip():
                raise ValueError(f"rule {self.code} ({self.origin}): its doc lacks '{part}'")

    def explain(self) -> str:
        """The full text ``medlint explain`` prints."""
        return (
            f"{self.code} {self.name} ({FAMILIES[self.family]}; default severity {self.severity.value})\n"
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
        where: tuple[int, int, int, int, int, int],
        message: str,
        severity: Severity | None = None,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A Diagnostic of this rule at ``where`` = (start, end, line, column, end_line,
        end_column); ``Context.report`` fills ``where`` from a Document, site-wide checks and
        suppressions from their summaries."""
        start, end, line, column, end_line, end_column = where
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            path=path,
            fix=fix,
            related=tuple(related),
        )

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
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


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in str(text).strip().splitlines())


@dataclass(frozen=True)
class Option:
    """A check's configurable option: default value, accepted type(s) and what it means."""

    default: Any
    help: str
    types: tuple = ()
    choices: tuple = ()

    def validate(self, value: Any) -> Any:
        types = self.types or (type(self.default),)
        if float in types and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join(t.__name__ for t in types)
            raise ValueError(f"expected {names}, got {type(value).__name__} {value!r}")
        if self.choices and value not in self.choices:
            raise ValueError(f"expected one of {', '.join(map(str, self.choices))}, got {value!r}")
        return value


class Context:
    """What a check sees while it runs on one document: options and a diagnostic builder."""

    def __init__(self, doc: "Document", settings: "Settings", check: "Check"):
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
        rule = RULES[code]
        if code not in {r.code for r in self.check.rules}:
            raise KeyError(f"check {self.check.name} reported {code}, which it does not declare")
        where = (start, end, *self.doc.position(start), *self.doc.position(end))
        return rule.diagnostic(self.doc.path, where, message, severity, related, fix)


def make_fix(title: str, edits: Iterable[tuple[int, int, str]], safe: bool) -> Fix:
    """A Fix from ``(start, end, replacement)`` triples."""
    return Fix(
        title=title,
        edits=tuple(sorted(Edit(s, e, r) for s, e, r in edits)),
        applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
    )


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``original``.

    ALL CAPS stays all caps; a capital first letter alone (a sentence start: "Committed
    suicide") capitalises the replacement; a proper name with several capitals ("National
    Suicide Prevention Lifeline") leaves the replacement as the pack wrote it.
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    if words and words[0][:1].isupper() and not any(w[:1].isupper() for w in words[1:]):
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
    sees_non_prose: bool = False  # True for checks whose findings are about non-prose itself

    def check(self, doc: "Document", ctx: Context) -> Iterable[Diagnostic]:
        return ()

    def preload(self) -> None:
        """Load heavy data now. Checks load their data lazily, on first use; the engine calls
        this before forking worker processes, so the workers share one copy."""

    def non_prose(self, doc: "Document") -> list[tuple[int, int]]:
        """Spans of ``doc`` that look like prose but are not the article (scraped page
        furniture). The engine gives them to every check as ``doc.non_prose`` and drops other
        checks' findings that lie wholly inside them; readability leaves them out."""
        return []

    def environment(self, options: dict) -> str:
        """What this check's results depend on outside the settings (the grammar check: which
        LanguageTool it uses, from environment variables); part of the cache key."""
        return ""

    def collect(self, doc: "Document", ctx: Context) -> Any:
        return None

    def check_site(self, summaries: dict[str, Any], settings: "Settings") -> Iterable[Diagnostic]:
        return ()


@dataclass
class _Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    by_name: dict[str, Rule] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    loaded: bool = False


_REG = _Registry()
RULES = _REG.rules


def register(check_cls: type[Check] | Check) -> type[Check] | Check:
    """Register a check (class or instance) and its rules. A clash of code or name is an error."""
    check = check_cls() if isinstance(check_cls, type) else check_cls
    if not check.name:
        raise ValueError(f"{check!r} has no name")
    for rule in check.rules:
        rule.validate()
        if rule.code in _REG.rules:
            raise ValueError(f"rule code {rule.code} registered twice ({_REG.rules[rule.code].origin}, {rule.origin})")
        if rule.name in _REG.by_name:
            raise ValueError(f"rule name {rule.name} registered twice ({rule.code}, {_REG.by_name[rule.name].code})")
        _REG.rules[rule.code] = rule
        _REG.by_name[rule.name] = rule
    _REG.checks.append(check)
    return check_cls


def check_modules() -> list[str]:
    """Python check modules: every module in ``medlint.checks``, in name order."""
    from . import checks as package

    return [f"{package.__name__}.{m.name}" for m in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name)]


def load() -> None:
    """Import every check module and load every shipped YAML pack (once)."""
    if _REG.loaded:
        return
    _REG.loaded = True
    from . import packs, suppressions

    for module in check_modules():
        importlib.import_module(module)
    for check in packs.load_shipped_packs():
        register(check)
    register(suppressions.UnusedSuppression())


def checks() -> list[Check]:
    load()
    return list(_REG.checks)


def all_rules() -> list[Rule]:
    load()
    return sorted(_REG.rules.values(), key=lambda r: r.code)


def find_rule(key: str) -> Rule | None:
    """A rule by code or name."""
    load()
    return _REG.rules.get(key.upper()) or _REG.by_name.get(key.lower())


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
    origin: str = "",
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
        origin=origin,
        default_enabled=default_enabled,
    )

