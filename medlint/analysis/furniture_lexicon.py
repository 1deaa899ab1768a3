"""The platform lexicon of the page-furniture analysis: ``rules/boilerplate.yaml`` (checked
against its format in ``knowledge/formats.py`` when read) compiled once, and the word lists
beside it (``rules/furniture-stopwords.yaml``).

A lexicon pattern must match a whole line of prose, a whole glued piece of a line, or (``runs``)
several whole consecutive lines: furniture is a property of lines, not of words. "Share" alone
on its line is a widget; "share this with your doctor" inside a sentence is prose.
"""

from __future__ import annotations

import re

from medlint.knowledge.resources import load_data
from medlint.knowledge.schema import line_of
from medlint.model.errors import PackError
from medlint.text.prefilter import Needs, any_of, fold, leading

_FILE = "rules/boilerplate.yaml"
#: What separates the entries of a menu written on one line ("Home | About › Blog").
MENU_SEPARATORS = "|•·/»›>–—"
#: Groups that are word lists, not line patterns.
_LISTS = {"buttons", "promotion-signals", "article-boilerplate", "pointers", "template-calls"}


class Matcher:
    """Whole-line patterns of one group's ``key``, compiled into at most three alternations. An
    entry is a pattern, or a mapping with its ``pattern`` and ``case`` or ``where`` (the file's
    format says so)."""

    def __init__(self, group: dict, key: str, where: str):
        line = line_of(group, key)
        anywhere, sensitive, last = [], [], []
        for entry in group.get(key) or ():
            if isinstance(entry, str):
                anywhere.append(entry)
                continue
            if entry.get("where", "anywhere") == "last":
                last.append(entry["pattern"])
            elif entry.get("case") == "sensitive":
                sensitive.append(entry["pattern"])
            else:
                anywhere.append(entry["pattern"])
        #: The patterns as written, for ``Lexicon`` to combine the groups' ``lines``.
        self.patterns = {re.IGNORECASE: anywhere, 0: sensitive}
        self.anywhere = _compile(anywhere, re.IGNORECASE, where, line)
        self.sensitive = _compile(sensitive, 0, where, line)
        self.last = _compile(last, re.IGNORECASE, where, line)
        # What ``match`` tries, in order, each with its ``_gate``: an expression that may begin
        # anywhere (".{0,400}\\b(?:crisis|...)\\b.{0,400}") costs a scan of the whole line, yet
        # it cannot match a line that holds none of its literals.
        self._tries = [(p, _gate(p.pattern, flags)) for p, flags in ((self.anywhere, re.IGNORECASE), (self.sensitive, 0)) if p]
        self._last = [(p, _gate(p.pattern, re.IGNORECASE)) for p in (self.last,) if p]

    def __bool__(self) -> bool:
        return bool(self.anywhere or self.sensitive or self.last)

    def match(self, text: str, is_last: bool = False) -> bool:
        folded = None  # folded once, when a gated pattern first asks
        for pattern, needs in self._tries + self._last if is_last else self._tries:
            if needs is not None:
                folded = fold(text) if folded is None else folded
                if not needs.possible(folded):
                    continue
            if pattern.fullmatch(text):
                return True
        return False


def _compile(patterns: list[str], flags: int, where: str, line: int | None) -> re.Pattern | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:
        raise PackError(_FILE, f"{where}: bad pattern: {exc}", line) from None


def _gate(pattern: str, flags: int) -> Needs | None:
    """The literals one of which every match of ``pattern`` holds, when it may begin with
    anything; None when it has none or begins with a literal (it then fails at once)."""
    compiled = re.compile(pattern, flags)
    if leading(compiled) is not None:
        return None
    needs = Needs(compiled)
    return needs if needs.literals is not None else None


def _words(raw) -> frozenset[str]:
    return frozenset(w.lower() for w in raw)


class Lexicon:
    """``rules/boilerplate.yaml``: the line groups (code, whole-line matcher, run matcher, header
    matcher) in file order, and the word lists of the shapes."""

    def __init__(self, raw: dict, stopwords: dict):
        self.groups: list[tuple[str, Matcher]] = []
        self.runs: list[tuple[str, Matcher]] = []
        self.headers: dict[str, Matcher] = {}
        for name, group in raw.items():
            if name == "source" or name in _LISTS:
                continue
            code = group["code"]
            if name not in ("press-release-contact", "related-posts") and group.get("lines"):
                self.groups.append((code, Matcher(group, "lines", name)))
            if group.get("runs"):
                self.runs.append((code, Matcher(group, "runs", f"{name} runs")))
            if group.get("headers") and name != "press-release-contact":
                self.headers[code] = Matcher(group, "headers", f"{name} headers")
        nav = raw["navigation-menu"]
        self.menu_terms = _words(nav["terms"])
        self.menu_chars = frozenset("".join(self.menu_terms))
        #: A character of lower-cased text that is in no menu term, no separator and no white
        #: space (``\s`` is ``str.isspace``): a line holding one is no menu.
        self.menu_stranger = re.compile(f"[^{''.join(map(re.escape, sorted(self.menu_chars.union(MENU_SEPARATORS))))}\\s]")
        self.menu_code = nav["code"]
        press = raw["press-release-contact"]
        self.press_code = press["code"]
        self.press_headers = Matcher(press, "headers", "press-release-contact headers")
        self.press_lines = Matcher(press, "lines", "press-release-contact lines")
        self.press_more = Matcher(press, "continuation", "press-release-contact continuation")
        self.groups.append((self.press_code, self.press_lines))
        related = raw["related-posts"]
        self.related_code = related["code"]
        self.min_triples = related["min_triples"]
        self.dates = Matcher(related, "dates", "related-posts dates")
        buttons = raw["buttons"]
        self.ui_verbs = _words(buttons["verbs-ui"])
        self.verbs = _words(buttons["verbs"])
        self.button_words = _words(buttons["button-words"])
        signals = raw["promotion-signals"]
        self.strong = _words(signals["strong"])
        self.weak = _words(signals["weak"])
        self.article_boilerplate = Matcher(raw["article-boilerplate"], "lines", "article-boilerplate")
        self.pointers = Matcher(raw["pointers"], "lines", "pointers")
        self.template_calls = Matcher(raw["template-calls"], "lines", "template-calls")
        self.stopwords = _words(stopwords["words"])
        self.verb_order = sorted(self.ui_verbs | self.verbs, key=len, reverse=True)
        self._combine()

    def code_of(self, text: str, is_last: bool = False) -> str | None:
        """The code of the first group one of whose ``lines`` patterns matches all of ``text``.

        The first group is the first whose pattern fullmatches, as in one alternation of every
        pattern in file order: the one expression of the patterns that begin with a literal
        (``_ungated``) names the first of those groups, and a pattern that may begin with
        anything (``_gated``) is tried, on its own, only for an earlier group and only where
        one of its literals occurs."""
        folded = fold(text)
        # most lines begin with none of the ungated patterns' leading literals: no match there
        m = self._ungated.fullmatch(text) if self._leads is None or self._leads.match(folded) else None
        best = self._index[m.lastgroup] if m and m.lastgroup is not None else len(self.groups)
        if self._gated and best > self._gated[0][0]:
            if self._gates is not None and self._gates.search(folded):
                for n, pattern, needs in self._gated:
                    if n >= best:
                        break
                    if needs.possible(folded) and pattern.fullmatch(text):
                        best = n
                        break
        if best < len(self.groups):
            return self.groups[best][0]
        if is_last:
            for code, matcher in self.groups:
                if matcher.last and matcher.last.fullmatch(text):
                    return code
        return None

    def _combine(self) -> None:
        """The groups' ``lines`` patterns, in two parts. ``_ungated``: one expression, an
        alternative per group in file order, of the patterns that begin with a literal (they
        fail at once on most lines) or need none. ``_gated``: each pattern that may begin with
        anything ("[^.!?]{0,80}?\\breading time...") and needs a literal (``Needs``), compiled on
        its own with its group's number. Such a pattern costs a scan of every line it fails on,
        yet most lines hold none of its literals, and there it cannot match: ``_gates`` finds
        any of the literals of all of them in one scan, and each pattern's own ``Needs`` tells
        whether it is worth trying. ``_leads`` matches where a line begins with a leading
        literal of an ungated pattern (``leading``): nineteen lines in twenty begin with none,
        and the one expression, which tries its hundreds of alternatives in turn (about 3 µs),
        cannot match them (None when some ungated pattern may begin with anything)."""
        ungated: list[str] = []
        literals: set[str] = set()
        leads: set[str] | None = set()
        self._gated: list[tuple[int, re.Pattern, Needs]] = []  # in group order
        self._index: dict[str, int] = {}
        for n, (_code, matcher) in enumerate(self.groups):
            inner = []
            for flags, wrap in ((re.IGNORECASE, "(?i:{})"), (0, "(?:{})")):
                kept = []
                for p in matcher.patterns[flags]:
                    gate = _gate(p, flags)
                    if gate is None:
                        kept.append(f"(?:{p})")
                        lead = leading(re.compile(p, flags))
                        leads = None if leads is None or lead is None else leads | lead
                    else:
                        self._gated.append((n, re.compile(p, flags), gate))
                        literals.update(gate.literals or ())
                if kept:
                    inner.append(wrap.format("|".join(kept)))
            if inner:
                self._index[f"g{n}"] = n
                ungated.append(f"(?P<g{n}>{'|'.join(inner)})")
        self._ungated = re.compile("|".join(ungated))
        self._gates = re.compile(any_of(literals)) if literals else None
        self._leads = re.compile(any_of(leads)) if leads is not None else None

    def header_code(self, text: str) -> str | None:
        """The code of the block that a header line ``text`` opens (related links, promotions)."""
        for code, matcher in self.headers.items():
            if matcher.match(text):
                return code
        return None


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon(load_data("boilerplate.yaml"), load_data("furniture-stopwords.yaml"))
    return _LEXICON
