"""Where a regular expression can match: the literal prefilter for rule patterns.

The claim checks (CLM, SRC) run about a hundred case-insensitive patterns over every article.
Python's ``re`` tries a pattern at every character, so a pattern of rare words costs as much as
any other, and the patterns together cost more than all other checks. Yet most places cannot
match: "clinically proven" needs "proven". This module reads a pattern's syntax tree (from
``regex_syntax``, which refuses syntax it does not know) and derives

- ``Needs``: literals one of which every match contains; where none occurs (a paragraph, a
  document), the pattern cannot match and need not run;
- ``Starts``: for a family of patterns, the literals their matches begin with; one scan of a
  document finds every place where any of them occurs, and each pattern is tried only there,
  in order, which gives exactly the matches of ``finditer`` (or ``search``), over the whole
  text or within a span (``Document.sentences_holding`` tells which sentences hold a place).

Literals are found case-sensitively in ``fold(text)``: the text lower-cased, with the two
letters that ``re.IGNORECASE`` equates with an ASCII letter without being its lower case (ı,
ſ) replaced by it, and of the same length as the text, so offsets carry over. A literal may
hold two tokens: ``SEP`` (white space, ``\\s+``) and ``DIGIT`` (``\\d+``). The analysis is
conservative: a construct it does not model yields no literal (the pattern then runs
everywhere), never a wrong one; ``tests/test_prefilter.py`` compares the results with plain
``re`` on the shipped patterns and on random ones.

It is the one prefilter: the claim checks, the REG grammar, the FCT facts, the KB's alias
matchers and the YAML packs all use it. It is longer than most modules because ``Needs`` and
``Starts`` share one reading of the tree; split, the two halves would each need the other.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache, cache
from pathlib import Path
from typing import cast
from medlint.model.snapshot import Snapshot
from medlint.text import regex_syntax as sx

SEP = "\x00"  # one or more white-space characters
DIGIT = "\x01"  # one or more digits
_TOKENS = {SEP: r"\s+", DIGIT: r"\d+"}
_CAP = 256  # most literals kept for one part of a pattern (more: that part gives none)
_PREFIX = 8  # longest leading literal kept (longer ones filter little more and slow the scan)
_AS_FOUND = 4096  # most literals as found in text that a scan remembers
# Words so frequent that a literal made of one of them filters almost nothing.
_COMMON = frozenset(
    "a an and are as at be been by can do for from had has have in is it no not of on or so "
    "that the this to was were will with".split()
)
_FOLD = str.maketrans({"ı": "i", "ſ": "s"})
_TOKEN_RUN = re.compile(r"(\s+)|\d+")
_DIGIT_RUN = re.compile(f"[\\d{DIGIT}]+")
_REPEATED = re.compile(f"([{SEP}{DIGIT}])\\1+")
_PLAIN = re.compile(f"[^{SEP}{DIGIT}]+")


@lru_cache(maxsize=8)
def fold(text: str) -> str:
    """``text`` lower-cased, of the same length, with ı and ſ as i and s (see the module doc)."""
    out = text.lower()
    if len(out) != len(text):  # a letter whose lower case is longer (İ → i̇): keep its first letter
        out = "".join(ch.lower()[0] for ch in text)
    if "ı" in out or "ſ" in out:
        out = out.translate(_FOLD)
    return out


# -- analysis ---------------------------------------------------------------------------------
@cache
def _literal(code: int) -> str | None:
    """A literal character as found in folded text, or None when folding cannot stand in for it."""
    ch = chr(code)
    if ch in _TOKENS:
        return None
    if ch.isspace():
        return SEP
    if ch.isascii():
        return ch.lower()
    if ch.lower() == ch == ch.upper():  # no case: re matches it as itself
        return ch
    return None


def _class(items) -> set[str] | None:
    """The characters (or tokens) a small character class matches."""
    out: set[str] = set()
    for op, av in items:
        if op is sx.LITERAL:
            chars = [_literal(av)]
        elif op is sx.RANGE and av[1] - av[0] < 10:
            chars = [_literal(code) for code in range(av[0], av[1] + 1)]
        elif op is sx.CATEGORY and av == sx.SPACE:
            chars = [SEP]
        elif op is sx.CATEGORY and av == sx.DIGIT:
            chars = [DIGIT]
        else:
            return None
        if None in chars:
            return None
        out.update(cast("list[str]", chars))  # None was ruled out just above
    return out


def _join(left, right, longest: int | None = None) -> set[str] | None:
    """Every concatenation (a token meets itself once: ``\\s+\\s+`` reads as ``\\s+``), cut
    to ``longest`` tokens when given; None when there are too many."""
    out = set()
    for x in left:
        for y in right:
            out.add((x + y[1:] if x and y and x[-1] == y[0] and y[0] in _TOKENS else x + y)[:longest])
            if len(out) > _CAP:
                return None
    return out


def _union(parts) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
        if len(out) > _CAP:
            return None
    return out


def _shortened(parts) -> set[str]:
    """The union of sets of leading literals, cut shorter until it is small enough."""
    out = set().union(*parts)
    keep = max(map(len, out))
    while len(out) > _CAP:
        keep -= 1
        out = {lit[:keep] for lit in out}
    return out


def _minimal(literals) -> frozenset[str]:
    """Drop literals that contain another one (finding the shorter one is enough)."""
    kept: list[str] = []
    for lit in sorted(set(literals), key=len):
        if not any(k in lit for k in kept):
            kept.append(lit)
    return frozenset(kept)


@lru_cache(maxsize=4096)
def _hits(literal: str) -> float:
    """A rough number of places a literal occurs at in an article: many for short or common
    words, fewer for punctuation; a digit run is common, white space everywhere."""
    plain = "".join(_PLAIN.findall(literal))
    if not plain:
        return 50.0 if DIGIT in literal else 1000.0
    weight = sum(1 if ch.isalnum() else 3 for ch in plain)
    return min(1000.0, 2000 * 5.0**-weight * (30 if plain in _COMMON else 1))


@lru_cache(maxsize=8192)
def _reduced(literal: str) -> str:
    """What to look for: the literal's rarest stretch without tokens (plain text, found with
    ``str.find``), or the literal itself when it has none."""
    return min(_PLAIN.findall(literal), key=_hits, default=literal)


def _cost(literals) -> float:
    """A rough cost of looking for literals: a pass over the text for each, and its hits."""
    return sum(1 + _hits(lit) for lit in literals)


def _collapsed(literal: str) -> str:
    """A literal with each run of one token written once (``\\s+\\s+`` reads as ``\\s+``)."""
    return _REPEATED.sub(r"\1", literal) if SEP + SEP in literal or DIGIT + DIGIT in literal else literal


def _token(run: re.Match) -> str:
    return SEP if run.group(1) else DIGIT


class _Tree:
    """One parsed pattern, read for the literals its matches contain or begin with.

    Results for the tree's nodes are kept (the same group is met again from other branches);
    nodes are keyed by identity, which is stable while the tree lives here.
    """

    def __init__(self, source: str, flags: int):
        try:
            self.root: sx.Seq | None = sx.parse(source, flags)
        except sx.Unsupported:
            self.root = None  # syntax the reader does not know: no literal, the pattern runs everywhere
        self._fixed: dict[int, set[str] | None] = {}
        self._needs: dict[int, frozenset[str] | None] = {}

    # -- what a node matches exactly, when that is a small finite set -----------------------
    def fixed(self, items) -> set[str] | None:
        out: set[str] | None = {""}
        chars: list[str] = []  # a run of literal characters, joined in one go
        for item in items:
            if item[0] is sx.LITERAL:
                ch = _literal(item[1])
                if ch is None:
                    return None
                chars.append(ch)
                continue
            part = self.fixed_item(item)
            if part is None:
                return None
            if chars:
                out = _join(out, {_collapsed("".join(chars))})
                chars = []
            out = None if out is None else _join(out, part)
            if out is None:
                return None
        return _join(out, {_collapsed("".join(chars))}) if chars else out

    def fixed_item(self, item) -> set[str] | None:
        key = id(item)
        if key not in self._fixed:
            self._fixed[key] = self._fixed_item(*item)
        return self._fixed[key]

    def _fixed_item(self, op, av) -> set[str] | None:
        if op is sx.LITERAL:
            ch = _literal(av)
            return None if ch is None else {ch}
        if op is sx.IN:
            return _class(av)
        if op is sx.SUBPATTERN:
            return self.fixed(av[-1])
        if op is sx.BRANCH:
            return _union(self.fixed(alt) for alt in av[1])
        if op in sx.REPEATS:
            low, high, sub = av
            part = self.fixed(sub)
            if part is None:
                return None
            if len(part) == 1 and next(iter(part)) in _TOKENS:  # \s+, \d{2}: one token
                return part if low else part | {""}
            if high > 3:
                return None
            times: set[str] | None
            out, times = set(), {""}
            for count in range(high + 1):
                if count >= low:
                    out |= times
                times = _join(times, part)
                if times is None:
                    return None
            return out if len(out) <= _CAP else None
        if op in sx.ZERO_WIDTH:
            return {""}
        return None

    # -- literals one of which every match contains -----------------------------------------
    def needs(self, items) -> frozenset[str] | None:
        """The cheapest set found of literals one of which every match of ``items`` contains."""
        key = id(items)
        if key not in self._needs:
            self._needs[key] = self._needs_of(items)
        return self._needs[key]

    def _needs_of(self, items) -> frozenset[str] | None:
        best: frozenset[str] | None = None

        def consider(literals):
            nonlocal best
            if literals and "" not in literals:
                literals = _minimal(_reduced(lit) for lit in literals)
                if best is None or _cost(literals) < _cost(best):
                    best = literals

        # The runs of consecutive fixed items ending here: with tokens, and plain (no tokens).
        run: set[str] = {""}
        plain: set[str] = {""}
        chars: list[str] = []  # plain literal characters not joined yet (joined at once: the same runs)

        def flush():
            nonlocal run, plain
            text = {"".join(chars)}
            chars.clear()
            joined = _join(run, text)
            if joined is None:  # too many combinations: a new run starts here
                consider(run)
                joined = text
            run = joined
            joined = _join(plain, text)
            if joined is None:
                consider(plain)
                joined = text
            plain = joined

        for item in items:
            op, av = item
            if op is sx.LITERAL:
                ch = _literal(av)
                if ch is not None and ch not in _TOKENS:
                    chars.append(ch)
                    continue
            if chars:
                flush()
            if op in (sx.SUBPATTERN, sx.ATOMIC_GROUP, sx.BRANCH) or op in sx.REPEATS:
                consider(self._needs_item(op, av))  # a group's own literals may filter better
            fixed = self.fixed_item(item)
            if fixed is None:
                consider(run)
                consider(plain)
                run = plain = {""}
                continue
            joined = _join(run, fixed)
            if joined is None:  # too many combinations: a new run starts here
                consider(run)
                joined = fixed
            run = joined
            if any(SEP in lit or DIGIT in lit for lit in fixed):
                consider(plain)
                plain = {""}
            else:
                joined = _join(plain, fixed)
                if joined is None:
                    consider(plain)
                    joined = fixed
                plain = joined
        if chars:
            flush()
        consider(run)
        consider(plain)
        return best

    def _needs_item(self, op, av) -> frozenset[str] | None:
        if op is sx.SUBPATTERN:
            return self.needs(av[-1])
        if op is sx.ATOMIC_GROUP:
            return self.needs(av)
        if op is sx.BRANCH:
            parts = _union(self.needs(alt) for alt in av[1])
            return None if parts is None else _minimal(parts)
        if op in sx.REPEATS and av[0] >= 1:
            return self.needs(av[2])
        return None

    # -- literals one of which every match begins with --------------------------------------
    def starts(self, items, at: int = 0, tail: frozenset[str] = frozenset({""}), need: int = _PREFIX) -> set[str]:
        """Leading literals, cut to ``need`` tokens, of matches of ``items[at:]`` followed by
        text that begins with one of ``tail`` ("" among them: no constraint)."""
        if need <= 0:
            return {""}
        if at == len(items):
            return {lit[:need] for lit in tail}
        op, av = item = items[at]
        part = self.fixed_item(item)
        if part is not None:
            shortest = min(map(len, part))
            if shortest >= need:
                return {lit[:need] for lit in part}
            after = self.starts(items, at + 1, tail, need - shortest)
            for keep in range(max(map(len, after)), -1, -1):  # too many combinations: shorter
                joined = _join(part, {lit[:keep] for lit in after}, need)
                if joined is not None:
                    return joined
            return {""}
        if op is sx.SUBPATTERN or op is sx.ATOMIC_GROUP:
            follow = frozenset(self.starts(items, at + 1, tail, need))
            return self.starts(av[-1] if op is sx.SUBPATTERN else av, 0, follow, need)
        if op is sx.BRANCH:
            follow = frozenset(self.starts(items, at + 1, tail, need))
            return _shortened([self.starts(alt, 0, follow, need) for alt in av[1]])
        if op in sx.REPEATS:
            low, high, sub = av
            after = self.starts(items, at + 1, tail, need)
            # After the first repetition: another one, or what follows (when enough were made).
            again = [self.starts(sub, 0, frozenset({""}), need)] if high > 1 else []
            then = _shortened(again + ([after] if low <= 1 else []))
            first = self.starts(sub, 0, frozenset(then), need)
            return _shortened([first, after]) if low == 0 else first
        return {""}


def _regex(literals) -> str:
    """One regular expression for a set of literals, as a trie (``re`` tries alternatives one
    by one; a trie shares their prefixes, which makes a scan for hundreds of words fast)."""
    trie: dict = {}
    for lit in literals:
        node = trie
        for token in lit:
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(node) -> str:
        kids = [_written(t) + emit(node[t]) for t in node if t]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def any_of(literals) -> str:
    """Regular-expression text that finds any of ``literals`` (literals of ``Needs``: plain text
    and tokens) in folded text, as one trie; the same text in every process (sorted first), so
    its compiled form can come from the snapshot."""
    return _regex(sorted(literals))


@cache
def _written(token: str) -> str:
    """A literal's character or token as regular-expression text."""
    return _TOKENS.get(token) or re.escape(token)


def _source(pattern: re.Pattern | str) -> tuple[str, int]:
    """The text and flags of a compiled pattern, or pattern text (no flag that matters here)."""
    return (pattern, 0) if isinstance(pattern, str) else (pattern.pattern, pattern.flags)


def _tree(pattern: re.Pattern | str) -> _Tree:
    """The tree of a compiled pattern or of pattern text (no flag that matters here)."""
    return _parsed(*_source(pattern))


def _analysis_salt() -> str:
    """What the analyses depend on besides a pattern's text: the code of this module and of the
    syntax reader (a change to either reads a new snapshot)."""
    here = Path(__file__).resolve()
    return hashlib.sha256(here.read_bytes() + (here.parent / "regex_syntax.py").read_bytes()).hexdigest()


#: The results of the analyses, kept between runs (``model.snapshot``): reading a pattern's syntax
#: costs a hundred times more than looking its result up. Keyed by (kind, pattern text, flags[, left]).
_ANALYSES = Snapshot("prefilter", _analysis_salt())


def _remembered(key: tuple, compute):
    """``compute()`` (plain data: a frozenset, None, a tuple of them...), from the snapshot
    when it holds ``key``."""
    kept = _ANALYSES.get(key)
    if kept is None:
        kept = (compute(),)
        _ANALYSES.put(key, kept)
    return kept[0]


@lru_cache(maxsize=256)
def _parsed(source: str, flags: int) -> _Tree:
    return _Tree(source, flags)


def _plain(literal: str) -> bool:
    """A literal without tokens: plain text, found with ``str.find``."""
    return not (SEP in literal or DIGIT in literal)


@lru_cache(maxsize=4096)
def _finder(literal: str) -> re.Pattern:
    """What finds a literal with tokens: a small expression (a plain one: ``str.find``)."""
    return re.compile(_regex([literal]))


def occurrences(literal: str, folded: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where a literal of ``Needs`` begins in ``folded[start:end]`` (``folded``: ``fold(text)``)."""
    if _plain(literal):
        at = index(folded).at(literal)
        last = (len(folded) if end is None else end) - len(literal)
        return at[bisect.bisect_left(at, start) : bisect.bisect_right(at, last)]
    finder, end = _finder(literal), len(folded) if end is None else end
    out = []
    found = finder.search(folded, start, end)
    while found is not None:
        out.append(found.start())
        found = finder.search(folded, found.start() + 1, end)
    return out


class _Index:
    """Where plain literals (no token) occur in one folded text: each found once, with
    ``str.find``, when first asked for, then shared by every caller that lists the places of
    a literal in the same text (``occurrences``: the claim facts, the reading's sentences,
    the packs' first words)."""

    __slots__ = ("folded", "_at")

    def __init__(self, folded: str):
        self.folded = folded
        self._at: dict[str, list[int]] = {}

    def at(self, literal: str) -> list[int]:
        """Where ``literal`` begins, in order (overlapping occurrences too)."""
        found = self._at.get(literal)
        if found is None:
            found = self._at[literal] = []
            find, p = self.folded.find, self.folded.find(literal)
            while p >= 0:
                found.append(p)
                p = find(literal, p + 1)
        return found


@lru_cache(maxsize=8)
def index(folded: str) -> _Index:
    """The literal index of a folded text (``fold(text)``), kept for the few texts in use."""
    return _Index(folded)


def leading(pattern: re.Pattern) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` begins with; None when a match may
    begin with anything (a character class, a lookahead)."""
    def compute():
        tree = _tree(pattern)
        starts = tree.starts(tree.root)
        return None if "" in starts else frozenset(starts)

    return _remembered(("leading", *_source(pattern)), compute)


# -- prefilters -------------------------------------------------------------------------------
class Needs:
    """Whether a pattern can match in a span: one of its literals occurs there.

    ``pattern`` is a compiled pattern, or the text of one (analysed without compiling it: a
    check may compile its patterns only where this says they can match). ``literals`` is None
    when the pattern has none (it may match anywhere). Each literal is looked for on its own:
    plain text with ``str.find``, a literal with tokens with a small regular expression (both
    far faster than one expression for all of them).
    """

    def __init__(self, pattern: re.Pattern | str):
        def compute():
            tree = _tree(pattern)
            return None if tree.root is None else tree.needs(tree.root)

        self.literals: frozenset[str] | None = _remembered(("needs", *_source(pattern)), compute)
        # A plain literal is found with ``str.find`` (its finder is None), one with tokens with
        # its small expression.
        self.finders = [(lit, None if _plain(lit) else _finder(lit)) for lit in sorted(self.literals or ())]

    def offsets(self, folded: str, start: int = 0, end: int | None = None) -> list[int] | None:
        """Where in ``folded[start:end]`` one of the literals begins (unsorted); None when the
        pattern has no literal: a match may begin anywhere."""
        if self.literals is None:
            return None
        return [at for lit in self.literals for at in occurrences(lit, folded, start, end)]

    def possible(self, folded: str, start: int = 0, end: int | None = None, seen: dict | None = None) -> bool:
        """False when no match of the pattern can lie in ``[start, end)`` (``folded``: ``fold(text)``).

        ``seen`` (optional) keeps which literals occur in the span, for other patterns that
        look there for some of the same literals.
        """
        if self.literals is None:
            return True
        end = len(folded) if end is None else end
        for lit, finder in self.finders:
            if seen is not None and lit in seen:
                found = seen[lit]
            else:
                found = folded.find(lit, start, end) >= 0 if finder is None else finder.search(folded, start, end) is not None
                if seen is not None:
                    seen[lit] = found
            if found:
                return True
        return False

    def holding(self, folded: str, spans: list[tuple[int, int]]) -> list[bool]:
        """``possible(folded, start, end)`` for each of ``spans`` (in order, not overlapping):
        each plain literal's places listed once over the whole text (the literal index, shared
        with other callers), and each place given to its span, instead of a search of every
        span for every literal; a literal with tokens is searched for only in the spans no
        plain literal settled."""
        if self.literals is None:
            return [True] * len(spans)
        out = [False] * len(spans)
        starts = [s for s, _ in spans]
        found = index(folded)
        with_tokens = []
        for lit, finder in self.finders:
            if finder is not None:
                with_tokens.append(finder)
                continue
            size = len(lit)
            for at in found.at(lit):
                i = bisect.bisect_right(starts, at) - 1
                if i >= 0 and at + size <= spans[i][1]:
                    out[i] = True
        if with_tokens:
            for i, (start, end) in enumerate(spans):
                out[i] = out[i] or any(finder.search(folded, start, end) is not None for finder in with_tokens)
        return out


def _prefixes(pattern: re.Pattern, left: str | None) -> frozenset[str] | None:
    """The leading literals of ``pattern`` for ``Starts`` (None: it may begin anywhere), when
    every match begins with ``left`` (a lookbehind) or ``left`` is None."""
    tree = _tree(pattern)
    root = tree.root
    head = repr(sx.parse(left)[0]) if left else None
    bounded = root is not None and (head is None or (len(root) > 0 and repr(root[0]) == head))
    starts = tree.starts(root) if bounded else {""}
    # Digits read as a digit run (so that no two branches of the scan's trie can begin with the
    # same character: see ``Starts.places``).
    starts = {_DIGIT_RUN.sub(DIGIT, lit) for lit in starts}
    return None if "" in starts else frozenset(starts)


class Starts:
    """The matches of a family of patterns, tried only where each can begin.

    A match begins with one of its pattern's leading literals (and, when ``left`` is given, a
    lookbehind that every pattern of the family begins with, such as a word boundary, which
    the scan checks too). ``places`` scans the folded text once and lists, for each pattern,
    the places where one of its leading literals occurs; ``finditer`` and ``search`` try the
    pattern only there, in order, which gives exactly what ``re`` gives. A pattern with no
    leading literal may begin anywhere (its places are None) and runs as it is.
    """

    def __init__(self, patterns: list[re.Pattern], left: str | None = None):
        self.patterns = patterns
        # The prefixes, table and scan text depend only on the patterns' text and flags (and
        # this module's code, the snapshot's salt): a family of hundreds of patterns takes them
        # from the snapshot instead of building a trie and a table at every start.
        family = hashlib.sha256("\0".join(f"{flags}:{text}" for text, flags in map(_source, patterns)).encode()).hexdigest()
        prefixes, self.table, scan = _remembered(("starts-family", family, left or ""), lambda: self._build(left))
        self.prefixes: list[frozenset[str] | None] = list(prefixes)
        self.scan = re.compile(scan) if scan is not None else None
        self._as_found: dict[str, list[int]] = {}  # literals as found in text (white space, digits)

    def _build(self, left: str | None) -> tuple[tuple[frozenset[str] | None, ...], dict[str, list[int]], str | None]:
        """The family's prefixes (``_prefixes`` of each pattern), the table of a scan hit's
        patterns and the scan's text."""
        prefixes = tuple(
            _remembered(("starts", *_source(pattern), left or ""), lambda pattern=pattern: _prefixes(pattern, left)) for pattern in self.patterns
        )
        owners: dict[str, list[int]] = {}
        for i, pre in enumerate(prefixes):
            for lit in pre or ():
                owners.setdefault(lit, []).append(i)
        # For each literal a scan hit can end at, the patterns that may begin there: those with
        # a leading literal that is a prefix of it.
        table = {
            lit: sorted({i for end in range(1, len(lit) + 1) for i in owners.get(lit[:end], ())})
            for lit in owners
        }
        # Sorted: the same text in every process (set order depends on the hash seed), so the
        # compiled scan can come from the snapshot; the trie matches the same either way.
        return prefixes, table, f"{left or ''}(?=({any_of(owners)}))" if owners else None

    def places(self, folded: str, start: int = 0, end: int | None = None) -> list[list[int] | None]:
        """For each pattern, where in ``[start, end)`` one of its matches may begin (``folded``:
        ``fold(text)``); None for a pattern that may begin anywhere.

        The scan's trie allows one path through any text (the branches at each node begin with
        different characters, and white space and digits are read whole), so a hit's literal
        is the longest that occurs there and every shorter one that occurs there is its prefix:
        the table gives the patterns that may begin there.
        """
        out: list[list[int] | None] = [None if pre is None else [] for pre in self.prefixes]
        if self.scan is None:
            return out
        table, as_found = self.table, self._as_found
        for hit in self.scan.finditer(folded, start, len(folded) if end is None else end):
            lit = hit.group(1)
            candidates = table.get(lit) or as_found.get(lit) or self._as_tokens(lit)
            at = hit.start()
            for i in candidates:
                out[i].append(at)  # type: ignore[union-attr]  # the table holds only patterns with prefixes, whose slot is a list
        return out

    def _as_tokens(self, lit: str) -> list[int]:
        """The patterns that may begin at a scan hit with white space or digits in it: the
        table's entry for it read as tokens, remembered for the literal as found."""
        candidates = self.table[_TOKEN_RUN.sub(_token, lit)]
        if len(self._as_found) >= _AS_FOUND:
            self._as_found.clear()
        self._as_found[lit] = candidates
        return candidates

    def first(self, i: int, folded: str, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """``search(text, start, end)`` of pattern ``i`` (``folded``: ``fold(text)``), its
        places found as the scan goes: the scan stops at the first match, where ``places``
        would list every place in the text first (for a pattern often found early, whose
        leading literals are common, such as a digit run)."""
        pattern, end = self.patterns[i], len(text) if end is None else end
        if self.prefixes[i] is None or self.scan is None:
            return pattern.search(text, start, end)
        table, as_found = self.table, self._as_found
        for hit in self.scan.finditer(folded, start, end):
            lit = hit.group(1)
            if i in (table.get(lit) or as_found.get(lit) or self._as_tokens(lit)):
                m = pattern.match(text, hit.start(), end)
                if m:
                    return m
        return None

    def finditer(self, i: int, places, text: str, start: int = 0, end: int | None = None, match=None):
        """``finditer(text, start, end)`` of pattern ``i``, given the ``places`` of its text.
        ``match`` tries the pattern at a place in its stead: the same pattern compiled by the
        ``regex`` module, with a time limit (the packs), as ``match(text, at, end)``."""
        pattern, end = self.patterns[i], len(text) if end is None else end
        if places[i] is None:
            yield from pattern.finditer(text, start, end)
            return
        match = match or pattern.match
        resume = start
        for at in places[i][bisect.bisect_left(places[i], start) :]:
            if at >= end:
                return
            if at >= resume:
                m = match(text, at, end)
                if m:
                    yield m
                    resume = m.end()

    def search(self, i: int, places, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """``search(text, start, end)`` of pattern ``i``, given the ``places`` of its text."""
        return next(self.finditer(i, places, text, start, end), None)
