"""The one registry of rules and the checks that emit them.

Checks are found, not listed: every ``Check`` subclass with a name defined in a module of
``medlint.checks`` (or of a package in it), every shipped YAML pack in ``rules/``, the
unused-suppression rules, and the user packs a configuration names. A rule's code and name are declared once, where the rule is;
its origin (module or pack file) is filled in here. A clash of code or name, or a code listed
as retired in ``rules/retired-codes.yaml``, is an error: codes are never reused.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from dataclasses import dataclass, field, replace

from medlint.checks import packs
from medlint.engine import suppressions
from medlint.knowledge.resources import retired_codes
from medlint.model.diagnostics import FAMILIES
from medlint.model.rule import Check, Rule


@dataclass
class _Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    by_name: dict[str, Rule] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    def add(self, check: Check, origin: str, user: bool = False) -> None:
        """Add ``check`` and its rules (with ``origin``); ValueError on a clash or reuse. Only
        a ``user`` pack may bring a family prefix medlint does not have."""
        if not check.name:
            raise ValueError(f"{check!r} has no name")
        retired = retired_codes()
        for rule in check.rules:
            rule = replace(rule, origin=rule.origin or origin)
            rule.validate()
            if rule.family not in FAMILIES and not user:
                raise ValueError(f"rule code {rule.code} ({rule.origin}): {rule.family} is not one of medlint's families")
            if rule.code in retired:
                raise ValueError(f"rule code {rule.code} ({rule.origin}) is retired ({retired[rule.code]}); codes are never reused")
            if rule.code in self.rules:
                raise ValueError(f"rule code {rule.code} registered twice ({self.rules[rule.code].origin}, {rule.origin})")
            if rule.name in self.by_name:
                raise ValueError(f"rule name {rule.name} registered twice ({rule.code}, {self.by_name[rule.name].code})")
            self.rules[rule.code] = rule
            self.by_name[rule.name] = rule
        self.checks.append(check)


_REG: _Registry | None = None


def register(check: Check, origin: str) -> None:
    """Register one more check (a user pack): its rules join the registry."""
    _loaded().add(check, origin, user=True)


def check_modules() -> list[str]:
    """Python check modules: every module in ``medlint.checks`` and its packages (a big family
    is a package: ``checks/regulatory/``), in name order."""
    from medlint import checks as package

    def walk(directories: list[str], prefix: str) -> list[str]:
        # Not pkgutil.walk_packages: it imports each package to look inside and skips, silently,
        # one that fails to import; here nothing is imported, so ``_loaded`` meets every failure.
        found = []
        for directory in directories:
            for m in pkgutil.iter_modules([directory], prefix):
                found.append(m.name)
                if m.ispkg:
                    found += walk([os.path.join(directory, m.name.rpartition(".")[2])], f"{m.name}.")
        return found

    return sorted(walk(list(package.__path__), f"{package.__name__}."))


def _module_checks(module) -> list[type[Check]]:
    """The named Check subclasses a module defines (not those it imports), in source order: a
    module's namespace keeps the order its top-level names were bound in (reading the source for
    line numbers instead cost a tenth of a second at every start)."""
    return [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, Check) and obj.__module__ == module.__name__ and obj.name
    ]


def _loaded() -> _Registry:
    """The registry, built on first use. It is swapped in only when complete: a failing check
    module leaves no half-filled registry behind (the next call tries again and fails again)."""
    global _REG
    if _REG is None:
        reg = _Registry()
        for name in check_modules():
            module = importlib.import_module(name)
            for cls in _module_checks(module):
                reg.add(cls(), name.replace(".", "/") + ".py")
        for check in packs.load_shipped_packs():
            reg.add(check, "")  # each pack rule carries its file and line as its origin
        reg.add(suppressions.UnusedSuppression(), "medlint/engine/suppressions.py")
        _REG = reg
    return _REG


def load() -> None:
    """Build the registry now (the engine calls this before forking workers)."""
    _loaded()


def checks() -> list[Check]:
    return list(_loaded().checks)


def all_rules() -> list[Rule]:
    return sorted(_loaded().rules.values(), key=lambda r: r.code)


def family_name(prefix: str) -> str:
    """What a family prefix stands for: medlint's own, or a user pack's description."""
    if prefix in FAMILIES:
        return FAMILIES[prefix]
    return next((r.family_name for r in _loaded().rules.values() if r.family == prefix), prefix)


def find_check(code: str) -> Check | None:
    """The check that declares rule ``code`` (for its options)."""
    return next((c for c in _loaded().checks if any(r.code == code for r in c.rules)), None)


def find_rule(key: str) -> Rule | None:
    """A rule by code or name."""
    reg = _loaded()
    return reg.rules.get(key.upper()) or reg.by_name.get(key.lower())
