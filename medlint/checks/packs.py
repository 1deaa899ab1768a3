"""Declarative YAML rule packs: the ``existence`` and ``substitution`` kinds.

A pack is one YAML file in ``rules/`` (shipped as ``medlint.rules``) holding rules of one
family. Every key is checked against the declared format (``knowledge/formats.py``, ``PACK``):
an unknown key or a bad value is a load error naming the file and line, so a typo never
silently disables a rule. All of a pack's phrases are compiled into one
regular expression, so a pack costs one pass over each prose block however many phrases it has.

Kinds (one table maps each kind to the code that builds its matcher):
- ``existence``: flag any of ``tokens`` (regular expressions), optionally with a single
  ``replacement`` offered as a fix.
- ``substitution``: ``swap`` maps a phrase to its preferred wording; ``inflect: verb|noun``
  also matches and rewrites the phrase's inflected forms.
Patterns run on the ``regex`` module with a time limit (``PATTERN_TIMEOUT`` per search), so a
user pack with a catastrophic pattern gives a clear error for that file instead of a hang.
Both kinds: case-insensitive and word-bounded by default; ``exceptions`` (phrases that, when they
contain a match, cancel it), ``skip_if`` (patterns whose presence in the sentence cancels a
match: negations, hedges), ``require`` (at least one must be in the sentence), ``quotes`` (``skip`` | ``info`` | ``report`` for quoted speech).
"""

from __future__ import annotations

import hashlib
import re as std_re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

import regex as re

from medlint.knowledge.formats import PACK
from medlint.knowledge.resources import read_limited, rules_dir
from medlint.knowledge.schema import validate
from medlint.model import yamlio
from medlint.model.diagnostics import Severity
from medlint.model.errors import InputError, PackError
from medlint.text.inflect import inflect_phrase
from medlint.text.prefilter import Needs, fold
from medlint.model.rule import Check, Context, Rule, family_of, make_fix, match_case

_KIND_KEYS = {"existence": {"tokens"}, "substitution": {"swap"}}
PATTERN_TIMEOUT = 2.0  # seconds for one search over one block
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])(?!-\w)"


@dataclass(frozen=True)
class _Entry:
    """One phrase of one rule, as compiled into the pack's combined pattern."""

    rule: int  # index into PackCheck.specs
    replacement: str | None


@dataclass(frozen=True)
class _Spec:
    """A pack rule's matching behaviour (the Rule holds its identity and docs)."""

    rule: Rule
    message: str
    safe: bool
    exceptions: tuple[re.Pattern, ...]
    skip_if: tuple[re.Pattern, ...]
    require: tuple[re.Pattern, ...]
    quotes: str


class PackCheck(Check):
    """All rules of one YAML pack, matched with one combined pattern."""

    def __init__(self, name: str, specs: list[_Spec], pattern, entries: dict[str, _Entry]):
        self.name = name
        self.specs = specs
        self.rules = tuple(s.rule for s in specs)
        self.pattern = pattern
        self.entries = entries
        self.options = {}
        self.prefilter = True  # skip blocks where no phrase can match (see _blocks)
        self.digest = ""  # a user pack's content hash (shipped packs are in the tool's fingerprint)

    def environment(self, options: dict) -> str:
        """A user pack's content: editing the pack makes new cache keys."""
        return self.digest

    @cached_property
    def needs(self) -> Needs | None:
        """Literals one of which every match of the pack's pattern contains (prefilter.Needs);
        None for a user pack whose syntax only the regex module knows."""
        try:
            return Needs(std_re.compile(self.pattern.pattern, self.pattern.flags & std_re.IGNORECASE))
        except std_re.error:
            return None

    def _blocks(self, doc):
        """The blocks that can hold a match: those containing one of the pattern's literals."""
        if not self.prefilter or self.needs is None:
            return doc.blocks
        folded = fold(doc.prose)
        return [b for b in doc.blocks if self.needs.possible(folded, b.start, b.end)]

    def check(self, doc, ctx: Context):
        enabled = ctx.settings.enabled_codes
        try:
            for block in self._blocks(doc):
                for m in self.pattern.finditer(doc.prose, block.start, block.end, timeout=PATTERN_TIMEOUT):
                    entry = self.entries[m.lastgroup]
                    spec = self.specs[entry.rule]
                    if spec.rule.code not in enabled:
                        continue
                    diag = self._diagnostic(doc, ctx, spec, entry, m.start(), m.end())
                    if diag is not None:
                        yield diag
        except TimeoutError:
            raise InputError(
                doc.path,
                f"rule pack '{self.name[5:]}' ({self.rules[0].origin.rsplit(':', 1)[0]}) took over "
                f"{PATTERN_TIMEOUT:g} s on one block of this file: a pattern backtracks catastrophically; simplify it",
            ) from None

    def _diagnostic(self, doc, ctx, spec: _Spec, entry: _Entry, start: int, end: int):
        sentence = doc.sentence_at(start)
        s_start, s_end = (sentence.start, sentence.end) if sentence else (start, end)
        for pattern in spec.exceptions:
            for m in pattern.finditer(doc.prose, s_start, s_end, timeout=PATTERN_TIMEOUT):
                if m.start() <= start and end <= m.end():
                    return None
        if any(p.search(doc.prose, s_start, s_end, timeout=PATTERN_TIMEOUT) for p in spec.skip_if):
            return None
        if spec.require and not any(p.search(doc.prose, s_start, s_end, timeout=PATTERN_TIMEOUT) for p in spec.require):
            return None
        severity = None
        if doc.is_quoted(start, end) or (sentence is not None and sentence.quoted):
            if spec.quotes == "skip":
                return None
            if spec.quotes == "info":
                severity = Severity.INFO
        matched = doc.text[start:end]
        replacement = match_case(matched, entry.replacement) if entry.replacement is not None else None
        message = spec.message.format(match=matched, replacement=replacement or "")
        fix = None
        if replacement is not None:
            verb = "Delete" if replacement == "" else "Replace"
            title = f"{verb} “{matched}”" + (f" with “{replacement}”" if replacement else "")
            fix = make_fix(title, [(start, end, replacement)], spec.safe)
        return ctx.report(spec.rule.code, start, end, message, fix=fix, severity=severity)


class _LazyPattern:
    """A pattern compiled on first use. Shipped packs (validated by the test suite) compile
    lazily, so a run that needs none of them — a warm cached run — does not pay for hundreds of
    compilations; user packs compile at load, so a broken pattern is reported with its line."""

    def __init__(self, source: str, flags: int):
        self.source = source
        self.flags = flags
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return getattr(self._compiled, name)


def _compile(pattern: str, path: str, line: int | None, flags: int = 0, eager: bool = True):
    if not eager:
        return _LazyPattern(pattern, flags)
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise PackError(path, f"bad pattern {pattern!r}: {exc}", line) from None


def load_pack(text: str, path: str, eager: bool = True) -> PackCheck:
    """Parse and validate one pack file; raise PackError with file and line on any problem.
    With ``eager=False`` patterns compile on first use (shipped packs)."""
    data = yamlio.load(text, path, PackError)
    validate(data, PACK, path)
    family = data["family"]
    specs: list[_Spec] = []
    alternatives: list[tuple[int, str, str]] = []  # (sort length, group name, regex)
    entries: dict[str, _Entry] = {}
    for r_index, raw in enumerate(data["rules"]):
        line = raw.line
        kind = raw["kind"]
        for needed in _KIND_KEYS[kind]:
            if needed not in raw:
                raise PackError(path, f"a {kind} rule needs '{needed}'", line)
        if family_of(raw["code"]) != family:
            raise PackError(path, f"rule {raw['code']} is not in this pack's family {family}", raw.lines["code"])
        try:
            severity = Severity.parse(raw.get("severity", "warning"))
        except ValueError as exc:
            raise PackError(path, str(exc), raw.lines.get("severity")) from None
        quotes = raw.get("quotes", "skip")
        applicability = raw.get("applicability", "safe")
        flags = re.IGNORECASE if raw.get("ignorecase", True) else 0
        phrases: list[tuple[str, str | None]] = []
        if kind == "existence":
            replacement = raw.get("replacement")
            phrases = [(tok, replacement) for tok in raw["tokens"]]
        else:
            mode = raw.get("inflect", "none")
            for phrase, repl in raw["swap"].items():
                phrases.extend(inflect_phrase(phrase, repl, mode))
        rule = Rule(
            code=raw["code"],
            name=raw["name"],
            severity=severity,
            summary=raw["summary"],
            what=raw["what"],
            why=raw["why"],
            example=raw["example"],
            fix=raw["fix"],
            source=raw.get("source") or data.get("source", ""),
            fixable=any(r is not None for _, r in phrases),
            origin=f"{path}:{line}",
            default_enabled=raw.get("default_enabled", True),
            family_title=data.get("description") or data["pack"],
        )
        try:
            rule.validate()
        except ValueError as exc:
            raise PackError(path, str(exc), line) from None
        specs.append(
            _Spec(
                rule=rule,
                message=raw["message"],
                safe=applicability == "safe",
                exceptions=tuple(_compile(_LEFT + f"(?:{p})" + _RIGHT, path, line, flags, eager) for p in raw.get("exceptions", [])),
                skip_if=tuple(_compile(p, path, line, flags, eager) for p in raw.get("skip_if", [])),
                require=tuple(_compile(p, path, line, flags, eager) for p in raw.get("require", [])),
                quotes=quotes,
            )
        )
        for p_index, (phrase, repl) in enumerate(phrases):
            if eager:
                _compile(phrase, path, line)
            group = f"r{r_index}_{p_index}"
            body = f"(?{'i' if flags else ''}:{phrase})" if flags else f"(?:{phrase})"
            alternatives.append((len(phrase), group, f"(?P<{group}>{body})"))
            entries[group] = _Entry(r_index, repl)
    alternatives.sort(key=lambda a: -a[0])
    # The word boundaries stand outside the alternation, so the engine tries the phrases only
    # where a word starts (five times faster than a boundary inside each alternative).
    body = "|".join(a[2] for a in alternatives) or r"(?!x)x"
    combined = _compile(f"{_LEFT}(?:{body}){_RIGHT}", path, data.line, eager=eager)
    return PackCheck(f"pack:{data['pack']}", specs, combined, entries)


def load_pack_file(path) -> PackCheck:
    """Load a pack from a filesystem path (user packs)."""
    try:
        text = read_limited(path).decode("utf-8")
    except OSError as exc:
        raise PackError(str(path), f"cannot read rule pack: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PackError(str(path), f"cannot read rule pack: {exc}") from None
    check = load_pack(text, str(path))
    check.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return check


def shipped_pack_files() -> list:
    """The shipped YAML packs in ``rules/``, sorted by name.

    Packs are the files named ``pack-*.yaml``; the other YAML files there are data (lexicons,
    facts) read by Python checks through ``medlint.knowledge.resources``.
    """
    root = rules_dir()
    return sorted(
        (p for p in root.iterdir() if p.name.endswith(".yaml") and p.name.startswith("pack-")),
        key=lambda p: p.name,
    )


def load_shipped_packs() -> Iterable[PackCheck]:
    for item in shipped_pack_files():
        yield load_pack(item.read_text(encoding="utf-8"), f"rules/{item.name}", eager=False)
