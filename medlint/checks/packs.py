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
  also matches and rewrites the phrase's inflected forms. A replacement may use the phrase's
  groups (``\\1``). ``swap_when`` gives other wordings for contexts (patterns searched in the
  sentence): the first whose ``when`` matches replaces the ``swap`` wording.
Patterns run on the ``regex`` module with a time limit (``PATTERN_TIMEOUT`` per search), so a
user pack with a catastrophic pattern gives a clear error for that file instead of a hang.
A pack's ``vars`` name sub-patterns that any pattern uses as ``@name``.

Both kinds: case-insensitive and word-bounded by default (``glued: true`` also finds a phrase
run into its neighbours by a scraper, "theNational … Lifelineat", and the fix restores the
spaces); ``exceptions`` (phrases that, when they contain a match, cancel it), ``skip_if``
(patterns whose presence in the sentence cancels a match: negations, hedges), ``require`` (at
least one must be in the sentence), and how a rule reads the words around a match:

- ``quotes`` (``skip`` | ``info`` | ``report``): quoted speech (double quotes, single curly quotes,
  block quotes); a match inside a quotation never gets a fix (it would misquote).
- titles of works and reference lists (``medlint.analysis.verbatim``): never reported.
- ``names`` (``skip`` | ``report``): a match inside a capitalised multi-word name.
- ``lived_experience`` (``report`` | ``self`` | ``narrative``): ``self`` skips a match that
  describes the writer ("I was a functioning alcoholic", "my alcohol abuse"); ``narrative`` also
  skips the sentences of a personal narrative that do not address the reader
  (``medlint.analysis.voice``).
- ``negated`` (``report`` | ``skip``): a term the writer denies ("aren't happy pills").
- ``historical`` (``report`` | ``skip``): a past-tense sentence with a year.

Fixes are checked against their context (``medlint.text.agreement``): the article before a
replacement is made to agree, and a replacement that would not read as a sentence (a noun
modifier left before "people with …", a broken possessive, a doubled word) is not offered. No
fix in a heading set in title case; a fix in any heading is never safe. Checked at load: a
message template may name only ``{match}`` and ``{replacement}``; a replacement that the pack's
own patterns would match again is refused (a fix must converge); ``PackCheck.sizes`` gives the
counts ``medlint config`` reports.

(Over 500 lines: the loader and the matcher share the entry, spec and alternative types, and
the readings themselves live in ``medlint.analysis``; splitting would only spread one format.)
"""

from __future__ import annotations

import bisect
import hashlib
import re as std_re
from re import _parser as std_parser  # type: ignore[attr-defined]  # re's own parser: see _as_re
import string
import warnings
from os.path import commonprefix
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import compress
from collections.abc import Iterable, KeysView

import regex as re

from medlint.analysis import verbatim, voice
from medlint.knowledge.formats import PACK
from medlint.knowledge.resources import checked, read_limited, rules_dir
from medlint.knowledge.schema import validate
from medlint.model import collector, yamlio
from medlint.model.diagnostics import Severity
from medlint.model.errors import InputError, PackError
from medlint.model.rule import Check, Context, Rule, family_of, make_fix, match_case
from medlint.text.agreement import fit
from medlint.text.inflect import inflect_phrase
from medlint.text.prefilter import Needs, Starts, fold, index, leading

#: How a rule reads the words around a match, when it does not say (the format, ``PACK``,
#: declares the values each key may take).
_DEFAULTS = {
    "quotes": "skip",
    "names": "skip",
    "lived_experience": "report",
    "negated": "report",
    "historical": "report",
    "applicability": "safe",
}
_KIND_KEYS = {"existence": {"tokens"}, "substitution": {"swap"}}
PATTERN_TIMEOUT = 2.0  # seconds for one search over one block
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])(?!-\w)"
_GROUP_REF = std_re.compile(r"\\(?:\d|g<)")
_VAR = std_re.compile(r"@([A-Za-z_][\w-]*)")
#: Text without which ``re`` reads no set differently from ``regex`` (``_as_re``): a set that
#: begins with "[" (nested, or a POSIX class) or a doubled set operator.
_SET_MARKS = ("[[", "[^[", "--", "&&", "~~", "||")
_LITERAL = std_re.compile(r"[A-Za-z0-9]+(?:[ '’-][A-Za-z0-9]+)*")
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_MANY_WORDS = 64  # more first words than this: looked up only when the text holds them (word_places)


@dataclass(frozen=True)
class _Entry:
    """One phrase of one rule, as compiled into the pack's combined pattern."""

    rule: int  # index into PackCheck.specs
    replacement: str | None
    phrase: str = ""  # the phrase's own pattern (for replacements that use its groups)
    flags: int = 0
    contexts: tuple = ()  # ((when patterns, replacement), …) from swap_when
    verb: bool = False  # a verb phrase (inflect: verb): no noun-phrase agreement checks
    glued: bool = False

    @cached_property
    def compiled(self):
        return re.compile(self.phrase, self.flags)


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
    names: str = "skip"
    lived_experience: str = "report"
    negated: str = "report"
    historical: str = "report"


@dataclass(frozen=True)
class _Alternative:
    """One phrase as it enters a combined pattern."""

    group: str
    phrase: str
    flags: int
    glued: bool

    @property
    def source(self) -> str:
        body = f"(?i:{self.phrase})" if self.flags else f"(?:{self.phrase})"
        return f"(?P<{self.group}>{body})"

    @cached_property
    def literal(self) -> bool:
        """Plain words (letters and digits joined by spaces, hyphens or apostrophes) with word
        boundaries: found through the document's word index (``_Literals``), not the pattern."""
        return not self.glued and _LITERAL.fullmatch(self.phrase) is not None

    @cached_property
    def sparse(self) -> bool:
        """A phrase that may begin at any word (a character class, a lookahead: "(\\w+)
        sufferers") but holds a literal every match contains. Tried at every word start in the
        main pass it would cost more than all the others; in its own pass it runs only in the
        few blocks that hold its literal."""
        if self.glued:
            return False
        pattern = _as_re(self.phrase, std_re.IGNORECASE if self.flags else 0)
        return pattern is not None and leading(pattern) is None and Needs(pattern).literals is not None


class _Literals:
    """A pack's literal phrases (``_Alternative.literal``) by their first word: each word that
    begins a phrase is looked up once (``word_places``), instead of every phrase being one more
    alternative tried at every word start. The work is the occurrences of the words that begin
    a phrase, whatever the number of phrases (a user pack of 100,000 phrases costs what one of
    ten does on an article without them)."""

    def __init__(self, alternatives: list[_Alternative]):
        self.by_first: dict[str, list[tuple[str, str, bool]]] = {}  # folded first word -> [(phrase, group, ignorecase)]
        for a in alternatives:
            first = _WORD.match(a.phrase)
            assert first is not None  # a literal starts with a letter or digit
            phrase = a.phrase.lower() if a.flags else a.phrase
            self.by_first.setdefault(first.group().lower(), []).append((phrase, a.group, bool(a.flags)))
        for items in self.by_first.values():
            items.sort(key=lambda item: -len(item[0]))  # the longest phrase first, as in _combine
        # What a phrase of each first word begins with, in lower case: the text its places are
        # looked up by ("the mentally " is found in far fewer places than "the").
        self.lead = {first: commonprefix([phrase.lower() for phrase, _, _ in items]) for first, items in self.by_first.items()}

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def find(self, text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """(start, end, group) of the phrases in ``text`` within ``blocks`` (sorted spans),
        with the combined pattern's word boundaries (``_LEFT``, ``_RIGHT``; a block's end
        bounds the lookahead as ``endpos`` does)."""
        found = []
        starts = [b[0] for b in blocks]
        for first, places in word_places(text, self.by_first.keys(), self.lead).items():
            for at in places:
                i = bisect.bisect_right(starts, at) - 1
                if i < 0 or at >= blocks[i][1] or (at > 0 and text[at - 1] == "-"):
                    continue
                limit = blocks[i][1]
                for phrase, group, folded in self.by_first[first]:
                    end = at + len(phrase)
                    if end > limit:
                        continue
                    piece = text[at:end]
                    if (piece.lower() if folded else piece) != phrase:
                        continue
                    if end < limit and (_WORD_CHAR.match(text, end) or (text[end] == "-" and _WORD_CHAR.match(text, end + 1, limit))):
                        continue
                    found.append((at, end, group))
                    break
        return found


def word_places(text: str, words: KeysView[str] | set[str], lead: dict[str, str] | None = None) -> dict[str, list[int]]:
    """Where each of ``words`` (lower case letters and digits) starts as a whole word (``\\w+``)
    of ``text``, read in lower case; words not in the text are left out. With ``lead``, only
    where the text read in lower case goes on with ``lead[word]`` (a longer literal that
    begins with the word).

    A word whose lower case is ``w`` reads ``w`` at the same place in ``fold(text)``, so the
    prefilter's literal index of the folded text (shared with the packs' ``Needs``) gives every
    candidate, with one ``str.find`` each; a candidate is kept when it is a whole word that reads
    ``w``. A table of every word of the text, built word by word in Python, cost more than the
    pack's matching. Of many words (a generated pack), only those the text holds are looked
    up: one ``findall`` of the text's words then costs less than a search for each."""
    if len(words) > _MANY_WORDS:
        words = words & {word.lower() for word in set(_WORD.findall(text))}
    found = index(fold(text))
    out = {}
    for w in words:
        places = [
            at for at in found.at(lead[w] if lead else w)
            if (at == 0 or not _WORD_CHAR.match(text, at - 1))
            and (m := _WORD.match(text, at)) is not None and m.end() == at + len(w) and m.group().lower() == w
        ]
        if places:
            out[w] = places
    return out


def _leftmost_longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Matches of several passes as one pattern finds them: leftmost first, then the longest,
    none overlapping one kept before it."""
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def _combine(alternatives: list[_Alternative]) -> str:
    """One pattern for the alternatives, longest phrase first. The word boundaries stand
    outside the alternation, so the engine tries the phrases only where a word starts (five
    times faster than a boundary inside each alternative); glued phrases (names a scraper ran
    into their neighbours) follow, without boundaries."""
    ordered = sorted(alternatives, key=lambda a: -len(a.phrase))
    bounded = "|".join(a.source for a in ordered if not a.glued)
    body = f"{_LEFT}(?:{bounded or '(?!x)x'}){_RIGHT}"
    glued = "|".join(a.source for a in ordered if a.glued)
    return body + (f"|{glued}" if glued else "")


class PackCheck(Check):
    """All rules of one YAML pack, matched with one combined pattern (and a second one for
    sparse phrases, see ``_Alternative.sparse``), compiled on first use."""

    def __init__(self, name: str, specs: list[_Spec], alternatives: list[_Alternative], entries: dict[str, _Entry]):
        self.name = name
        self.specs = specs
        self.rules = tuple(s.rule for s in specs)
        self.alternatives = alternatives
        self.entries = entries
        self.options = {}
        self.prefilter = True  # skip blocks where no phrase can match, try the pattern where one can begin (see _matches)
        self.digest = ""  # a user pack's content hash (shipped packs are in the tool's fingerprint)
        self.size = 0  # a user pack's file size in bytes

    def sizes(self) -> dict[str, int]:
        """What the pack holds, as ``medlint config`` reports it: a pack that grew by
        generation (100,000 phrases) shows as such."""
        literal = sum(a.literal for a in self.alternatives)
        return {"rules": len(self.specs), "phrases": len(self.alternatives), "plain-word phrases": literal, "bytes": self.size}

    def environment(self, options: dict) -> str:
        """A user pack's content: editing the pack makes new cache keys."""
        return self.digest

    @cached_property
    def literals(self) -> _Literals:
        return _Literals([a for a in self.alternatives if a.literal])

    @cached_property
    def pattern(self):
        """The combined pattern of the phrases that are neither literal nor sparse, or None."""
        dense = [a for a in self.alternatives if not a.literal and not a.sparse]
        return re.compile(_combine(dense)) if dense else None

    @cached_property
    def sparse(self):
        """The pattern of the sparse phrases, or None."""
        sparse = [a for a in self.alternatives if not a.literal and a.sparse]
        return re.compile(_combine(sparse)) if sparse else None

    @cached_property
    def needs(self) -> Needs | None:
        """Literals one of which every match of the pack's pattern contains (prefilter.Needs);
        None for a user pack whose syntax only the regex module knows."""
        return _needs(self.pattern) if self.pattern is not None else None

    @cached_property
    def sparse_needs(self) -> Needs | None:
        return _needs(self.sparse) if self.sparse is not None else None

    @cached_property
    def starts(self) -> Starts | None:
        """Where a match of the pack's pattern can begin (prefilter.Starts), or None."""
        return _starts(self.pattern) if self.pattern is not None else None

    def _blocks(self, doc, needs, folded: str):
        """The blocks that can hold a match: those containing one of the pattern's literals."""
        if not self.prefilter or needs is None:
            return doc.blocks
        return list(compress(doc.blocks, needs.holding(folded, [(b.start, b.end) for b in doc.blocks])))

    def _matches(self, doc) -> list[tuple[int, int, str]]:
        """(start, end, group) of every match, leftmost first; where matches of the passes
        (literal phrases, the combined pattern, sparse phrases) overlap, the earlier (then the
        longer) one is kept, as one combined pattern would."""
        passes = [(p, n) for p, n in ((self.pattern, self.needs), (self.sparse, self.sparse_needs)) if p is not None]
        folded = fold(doc.prose) if self.prefilter and passes else ""
        found = self.literals.find(doc.prose, [(b.start, b.end) for b in doc.blocks]) if self.literals else []
        for pattern, needs in passes:
            # In a block that can hold a match, the pattern is tried only where one can begin
            # (the sparse pattern has no such places: it runs through the block).
            starts = self.starts if self.prefilter and pattern is self.pattern else None
            for block in self._blocks(doc, needs, folded):
                if starts is None:
                    matches = pattern.finditer(doc.prose, block.start, block.end, timeout=PATTERN_TIMEOUT)
                else:
                    places = starts.places(folded, block.start, block.end)
                    matches = starts.finditer(0, places, doc.prose, block.start, block.end, partial(pattern.match, timeout=PATTERN_TIMEOUT))
                for m in matches:
                    found.append((m.start(), m.end(), m.lastgroup))
        return _leftmost_longest(found)

    def matches_in(self, text: str) -> list[tuple[int, int, str]]:
        """The matches in a plain string (all of it one block), as ``_matches`` finds them in a
        document."""
        found = self.literals.find(text, [(0, len(text))]) if self.literals else []
        for pattern in (self.pattern, self.sparse):
            if pattern is not None:
                found += [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text, timeout=PATTERN_TIMEOUT)]
        return _leftmost_longest(found)

    def check(self, doc, ctx: Context):
        enabled = ctx.settings.enabled_codes
        try:
            matches = self._matches(doc)
        except TimeoutError:
            raise InputError(
                doc.path,
                f"rule pack '{self.name[5:]}' ({self.rules[0].origin.rsplit(':', 1)[0]}) took over "
                f"{PATTERN_TIMEOUT:g} s on one block of this file: a pattern backtracks catastrophically; simplify it",
            ) from None
        for start, end, group in matches:
            entry = self.entries[group]
            spec = self.specs[entry.rule]
            if spec.rule.code not in enabled:
                continue
            diag = self._diagnostic(doc, ctx, spec, entry, start, end)
            if diag is not None:
                yield diag

    def _diagnostic(self, doc, ctx, spec: _Spec, entry: _Entry, start: int, end: int):
        sentence = doc.sentence_at(start)
        s_start, s_end = (sentence.start, sentence.end) if sentence else (start, end)
        for pattern in spec.exceptions:
            for m in pattern.finditer(doc.prose, s_start, s_end, timeout=PATTERN_TIMEOUT):
                if m.start() <= start and end <= m.end():
                    return None
        # Sentence-scope patterns see the sentence alone, so ^ and $ are its start and end.
        text = doc.prose[s_start:s_end]
        if any(p.search(text, timeout=PATTERN_TIMEOUT) for p in spec.skip_if):
            return None
        if spec.require and not any(p.search(text, timeout=PATTERN_TIMEOUT) for p in spec.require):
            return None
        if not _applies(doc, spec, start, end):
            return None
        severity = None
        quoted = doc.is_quoted(start, end) or (sentence is not None and sentence.quoted) or verbatim.of(doc).in_single_quotes(start, end)
        if quoted:
            if spec.quotes == "skip":
                return None
            if spec.quotes == "info":
                severity = Severity.INFO
        matched = doc.text[start:end]
        replacement = self._replacement(doc, entry, start, end, text)
        message = spec.message.format(match=matched, replacement=replacement or "")
        fix = None
        if replacement is not None and not quoted:
            fix = _fix(doc, spec, entry, start, end, matched, replacement)
        return ctx.report(spec.rule.code, start, end, message, fix=fix, severity=severity)

    @staticmethod
    def _replacement(doc, entry: _Entry, start: int, end: int, sentence: str) -> str | None:
        """The entry's wording for this context (``swap_when``, searched in the sentence), its
        groups filled in, in the matched text's capitalisation."""
        wording = entry.replacement
        for patterns, alternative in entry.contexts:
            if any(p.search(sentence, timeout=PATTERN_TIMEOUT) for p in patterns):
                wording = alternative
                break
        if wording is None:
            return None
        if _GROUP_REF.search(wording):
            m = entry.compiled.fullmatch(doc.prose, start, end)
            if m is None:
                return None
            wording = m.expand(wording)
        return match_case(doc.text[start:end], wording)


def _as_re(source: str, flags: int) -> std_re.Pattern | None:
    """A pack pattern compiled by the ``re`` module, for the prefilter to read; None when only
    the ``regex`` module knows its syntax (an error in ``re``), or when ``re`` reads it as
    something else: a POSIX class (``[[:alpha:]]``) or a set operation (``[a-z--[aeiou]]``),
    which ``re`` takes for plain characters with a FutureWarning. The prefilter would then ask
    for literals a match need not hold, and skip the places where it does match.

    ``re`` warns only on text holding one of ``_SET_MARKS``; such text is read by ``re``'s own
    parser, since a compiled copy kept from an earlier run (``model.snapshot``) would not warn."""
    if any(mark in source for mark in _SET_MARKS):
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            try:
                std_parser.parse(source, flags)
            except (std_re.error, FutureWarning):
                return None
    try:
        return std_re.compile(source, flags)
    except std_re.error:
        return None


def _needs(pattern) -> Needs | None:
    """Literals one of which every match of a pack's pattern holds, or None (see ``_as_re``)."""
    read = _as_re(pattern.pattern, pattern.flags & std_re.IGNORECASE)
    return Needs(read) if read is not None else None


def _starts(pattern) -> Starts | None:
    """The prefilter's places for a pack's pattern (read as the ``re`` module reads it), or None
    when a match may begin anywhere or only the regex module knows the syntax."""
    read = _as_re(pattern.pattern, pattern.flags & std_re.IGNORECASE)
    starts = Starts([read]) if read is not None else None
    return starts if starts is not None and starts.prefixes[0] is not None else None


def _applies(doc, spec: _Spec, start: int, end: int) -> bool:
    """Whether the words around a match leave it the writer's own, present wording (see the
    module doc): not a title or reference, a name, self-description, a rebuttal or history."""
    if verbatim.of(doc).verbatim(start, end):
        return False
    if spec.names == "skip" and verbatim.proper_name(doc, start, end):
        return False
    if spec.lived_experience != "report":
        if voice.self_described(doc, start, end):
            return False
        if spec.lived_experience == "narrative" and voice.lived_experience(doc, start):
            return False
    if spec.negated == "skip" and voice.rebutted(doc, start):
        return False
    if spec.historical == "skip" and voice.historical(doc, start):
        return False
    return True


def _fix(doc, spec: _Spec, entry: _Entry, start: int, end: int, matched: str, replacement: str):
    """The fix for one match, or None where no replacement reads right (a title-case heading,
    a result that breaks the sentence's grammar)."""
    if verbatim.headline(doc, start):
        return None
    lead = trail = ""
    if entry.glued:  # restore the spaces a scraper lost around a name
        if start > 0 and doc.text[start - 1].isalnum():
            lead = " "
        if end < len(doc.text) and doc.text[end].isalnum():
            trail = " "
    fitted = fit(doc.prose, start, end, replacement, noun=not entry.verb)
    if fitted is None:
        return None
    block = doc.block_at(start)
    safe = spec.safe and (block is None or block.kind != "heading")
    verb = "Delete" if replacement == "" else "Replace"
    title = f"{verb} “{matched}”" + (f" with “{replacement}”" if replacement else "")
    return make_fix(title, [(fitted.start, fitted.end, lead + fitted.replacement + trail)], safe)


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


def _expander(variables: dict):
    """``@name`` → the pack's ``vars`` entry ``name`` (as a group; a list is one alternation);
    other text unchanged."""
    table = {}
    for name, value in variables.items():
        table[name] = "|".join(f"(?:{v})" for v in value) if isinstance(value, list) else value
    variables = table

    def expand(pattern: str) -> str:
        return _VAR.sub(lambda m: f"(?:{variables[m.group(1)]})" if m.group(1) in variables else m.group(0), pattern)

    return expand


def _swap_value(value, mode: str) -> tuple[str, str]:
    """A ``swap`` value: the wording, or ``{to: wording, inflect: mode}`` for a phrase whose
    inflection differs from the rule's."""
    if isinstance(value, dict):
        return value["to"], value.get("inflect", mode)
    return value, mode


def _contexts(raw, expand, flags: int, path: str, eager: bool) -> list[tuple[tuple, dict]]:
    """``swap_when``: a list of ``{when: [patterns], swap: {phrase: wording}}``, each phrase one
    of the rule's own ``swap`` phrases."""
    out = []
    for item in raw.get("swap_when", []):
        for phrase in item["swap"]:
            if phrase not in raw["swap"]:
                raise PackError(path, f"swap_when names '{phrase}', which is not in this rule's swap", item["swap"].lines.get(phrase))
        when = tuple(_compile(expand(p), path, item.line, flags, eager) for p in item["when"])
        out.append((when, dict(item["swap"])))
    return out


def load_pack(text: str, path: str, eager: bool = True) -> PackCheck:
    """Parse and validate one pack file; raise PackError with file and line on any problem.
    With ``eager=False`` patterns compile on first use (shipped packs)."""
    if eager:  # a user's pack
        data = yamlio.load(text, path, PackError)
        validate(data, PACK, path)
    else:  # a shipped pack: medlint's own data, parsed and checked once and then kept
        data = checked(text, path, PACK)
    family = data["family"]
    expand = _expander(data.get("vars") or {})
    specs: list[_Spec] = []
    alternatives: list[_Alternative] = []
    entries: dict[str, _Entry] = {}
    for r_index, raw in enumerate(data["rules"]):
        line = raw.line
        kind = raw["kind"]
        for needed in _KIND_KEYS[kind]:
            if needed not in raw:
                raise PackError(path, f"a {kind} rule needs '{needed}'", line)
        if "swap_when" in raw and kind != "substitution":
            raise PackError(path, "'swap_when' belongs to substitution rules", raw.lines["swap_when"])
        if family_of(raw["code"]) != family:
            raise PackError(path, f"rule {raw['code']} is not in this pack's family {family}", raw.lines["code"])
        try:
            severity = Severity.parse(raw.get("severity", "warning"))
        except ValueError as exc:
            raise PackError(path, str(exc), raw.lines.get("severity")) from None
        choice = {key: raw.get(key, default) for key, default in _DEFAULTS.items()}
        flags = re.IGNORECASE if raw.get("ignorecase", True) else 0
        mode = "none"
        phrases: list[tuple[str, str | None, tuple, bool]] = []  # (phrase, replacement, contexts, verb)
        if kind == "existence":
            replacement = raw.get("replacement")
            phrases = [(expand(tok), replacement, (), False) for tok in raw["tokens"]]
        else:
            mode = raw.get("inflect", "none")
            contexts = _contexts(raw, expand, flags, path, eager)
            for phrase, value in raw["swap"].items():
                repl, phrase_mode = _swap_value(value, mode)
                for form, form_repl in inflect_phrase(phrase, repl, phrase_mode):
                    alts = tuple(
                        (when, dict(inflect_phrase(phrase, a[phrase], phrase_mode)).get(form, a[phrase]))
                        for when, a in contexts
                        if phrase in a
                    )
                    phrases.append((expand(form), form_repl, alts, phrase_mode == "verb"))
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
            fixable=any(p[1] is not None for p in phrases),
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
                message=_template(raw["message"], path, f"rules[{r_index}].message", raw.lines.get("message", line)),
                safe=choice["applicability"] == "safe",
                exceptions=tuple(_compile(_LEFT + f"(?:{expand(p)})" + _RIGHT, path, line, flags, eager) for p in raw.get("exceptions", [])),
                skip_if=tuple(_compile(expand(p), path, line, flags, eager) for p in raw.get("skip_if", [])),
                require=tuple(_compile(expand(p), path, line, flags, eager) for p in raw.get("require", [])),
                quotes=choice["quotes"],
                names=choice["names"],
                lived_experience=choice["lived_experience"],
                negated=choice["negated"],
                historical=choice["historical"],
            )
        )
        is_glued = bool(raw.get("glued", False))
        for p_index, (phrase, phrase_repl, alts, verb) in enumerate(phrases):
            group = f"r{r_index}_{p_index}"
            alternative = _Alternative(group, phrase, flags, is_glued)
            if eager and not alternative.literal:
                _compile(phrase, path, line)
            alternatives.append(alternative)
            entries[group] = _Entry(r_index, phrase_repl, phrase, flags, alts, verb, is_glued)
    check = PackCheck(f"pack:{data['pack']}", specs, alternatives, entries)
    if eager:  # a user pack: report a broken pattern now, and refuse fixes that never converge
        try:
            check.pattern, check.sparse  # noqa: B018 - compiled now, for the error
        except re.error as exc:
            raise PackError(path, f"bad pattern: {exc}", data.line) from None
        _refuse_recurring(check, path)
    return check


#: The fields a message template may name.
_FIELDS = ("match", "replacement")


def _template(message: str, path: str, where: str, line: int | None) -> str:
    """A rule's message, checked as a template now: a field other than ``{match}`` and
    ``{replacement}`` (``{0}``, ``{word}``) or a stray brace would otherwise fail on every
    match, in every article, as an internal error."""
    hint = "the fields are {match} and {replacement}; write {{ and }} for a brace"
    try:
        for _, field, _, _ in string.Formatter().parse(message):
            if field is not None and field.split(".")[0].split("[")[0] not in _FIELDS:
                raise PackError(path, f"{where}: the template names '{{{field}}}' ({hint})", line)
        message.format(match="x", replacement="y")
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        raise PackError(path, f"{where}: not a valid template: {exc} ({hint})", line) from None
    return message


def _refuse_recurring(check: PackCheck, path: str) -> None:
    """A replacement that the pack's own patterns match again would be fixed again on the next
    pass (``drug`` → ``drug drug`` grows the text on every pass): refuse it at load."""
    for entry in check.entries.values():
        for wording in (entry.replacement, *(a for _, a in entry.contexts)):
            if not wording:
                continue
            sample = f" {_GROUP_REF.sub('x', wording)} "
            found = check.matches_in(sample)
            if found:
                rule = check.specs[entry.rule].rule
                start, end, _ = found[0]
                raise PackError(
                    path,
                    f"rule {rule.code}: the replacement '{wording}' contains '{sample[start:end].strip()}', which this pack "
                    "matches again: its fix would never converge",
                    int(rule.origin.rsplit(":", 1)[1]),
                )


def load_pack_file(path) -> PackCheck:
    """Load a pack from a filesystem path (user packs)."""
    try:
        text = read_limited(path).decode("utf-8")
    except OSError as exc:
        raise PackError(str(path), f"cannot read rule pack: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PackError(str(path), f"cannot read rule pack: {exc}") from None
    with collector.paused():  # 100,000 phrases build as many alternatives and entries
        check = load_pack(text, str(path))
    check.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    check.size = len(text.encode("utf-8"))
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
