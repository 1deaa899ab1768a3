"""A reader of regular-expression syntax, for the literal prefilter (``prefilter.py``).

The prefilter needs a pattern's syntax tree to find the literals its matches contain. The
standard library's own parser (``re._parser``, formerly ``sre_parse``) is private and
deprecated, so this module reads the subset of Python's syntax that rule data uses: literals and
escapes, character classes, ``.``, anchors and ``\\b``, groups (capturing, named, non-capturing,
atomic, scoped flags), lookahead and lookbehind, alternation and every quantifier (greedy, lazy,
possessive). Anything else — back-references, conditionals, verbose mode, ``\\N{…}``, byte
patterns, syntax errors — raises ``Unsupported``: the prefilter then treats the pattern as able
to match anywhere, which costs speed and never a finding.

The tree has the shape the standard parser gives (so the prefilter reads the same literals):
a ``Seq`` (a list) of ``(op, argument)`` nodes; a branch's common leading nodes are moved in
front of it, a branch of single characters becomes a class, a one-character class a literal,
and a non-capturing group without flags is spliced into the sequence around it.
"""

from __future__ import annotations

import re

# Node kinds (compared with ``is``).
LITERAL = "literal"  # a character code
NOT_LITERAL = "not_literal"  # any character but this code
ANY = "any"  # .
IN = "in"  # a class: a list of (LITERAL, code), (RANGE, (lo, hi)), (CATEGORY, name), (NEGATE, None)
RANGE = "range"
CATEGORY = "category"
NEGATE = "negate"
AT = "at"  # an anchor: ^ $ \A \Z \b \B
SUBPATTERN = "subpattern"  # (group number or None, flags added, flags removed, Seq)
ATOMIC_GROUP = "atomic_group"  # Seq
BRANCH = "branch"  # (None, [Seq, …])
MAX_REPEAT = "max_repeat"  # (min, max, Seq): greedy
MIN_REPEAT = "min_repeat"  # lazy
POSSESSIVE_REPEAT = "possessive_repeat"
ASSERT = "assert"  # (direction, Seq): 1 lookahead, -1 lookbehind
ASSERT_NOT = "assert_not"
REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)
ZERO_WIDTH = (AT, ASSERT, ASSERT_NOT)
#: The largest count a quantifier such as ``*`` stands for.
UNBOUNDED = 1 << 32

SPACE, DIGIT, WORD = "space", "digit", "word"
NOT_SPACE, NOT_DIGIT, NOT_WORD = "not_space", "not_digit", "not_word"
_CATEGORIES = {"s": SPACE, "S": NOT_SPACE, "d": DIGIT, "D": NOT_DIGIT, "w": WORD, "W": NOT_WORD}
_ANCHORS = {"A": "beginning_string", "Z": "end_string", "b": "boundary", "B": "non_boundary"}
_ESCAPES = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_HEX = {"x": 2, "u": 4, "U": 8}
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "a": re.ASCII, "u": re.UNICODE, "L": re.LOCALE}
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_PLAIN = re.compile(r"[^\\\[*+?{().^$|]+")  # characters that stand for themselves


class Unsupported(ValueError):
    """The pattern uses syntax outside the subset read here (or is not a valid pattern)."""


class Seq(list):
    """A sequence of nodes. Two sequences are equal only when they are the same object (as in
    the standard parser), so equal-looking groups are not merged as a branch's common prefix."""

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__  # type: ignore[assignment]  # list sets __hash__ = None; these hash by identity on purpose


def parse(pattern, flags: int = 0) -> Seq:
    """The syntax tree of ``pattern`` (a str); ``Unsupported`` outside the subset."""
    if not isinstance(pattern, str):
        raise Unsupported("only text patterns are read")
    if flags & re.VERBOSE:
        raise Unsupported("verbose patterns are not read")
    reader = _Reader(pattern)
    tree = reader.alternation(top=True)
    if reader.pos != len(pattern):
        raise Unsupported(f"unbalanced parenthesis at {reader.pos}")
    return tree


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.groups = 0

    def peek(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def take(self) -> str:
        if self.pos >= len(self.text):
            raise Unsupported("unexpected end of pattern")
        ch = self.text[self.pos]
        self.pos += 1
        return ch

    def accept(self, chars: str) -> bool:
        if self.text.startswith(chars, self.pos):
            self.pos += len(chars)
            return True
        return False

    # -- a|b|c --------------------------------------------------------------------------------
    def alternation(self, top: bool = False) -> Seq:
        items = [self.sequence(first=top)]
        while self.accept("|"):
            items.append(self.sequence())
        if len(items) == 1:
            return items[0]
        out = Seq()
        while all(items) and all(item[0] == items[0][0] for item in items[1:]):
            out.append(items[0][0])  # a common first node moves in front of the branch
            for item in items:
                del item[0]
        chars: list = []
        for item in items:
            if len(item) != 1:
                break
            op, av = item[0]
            if op is LITERAL:
                chars.append(item[0])
            elif op is IN and av[0][0] is not NEGATE:
                chars.extend(av)
            else:
                break
        else:  # every branch is one character: a class
            out.append((IN, list(dict.fromkeys(chars))))
            return out
        out.append((BRANCH, (None, items)))
        return out

    # -- one alternative --------------------------------------------------------------------
    def sequence(self, first: bool = False) -> Seq:
        out = Seq()
        text = self.text
        while True:
            plain = _PLAIN.match(text, self.pos)  # a run of ordinary characters, read at once
            if plain:
                out.extend((LITERAL, ord(c)) for c in plain.group())
                self.pos = plain.end()
            if self.pos >= len(text) or text[self.pos] in "|)":
                break
            ch = text[self.pos]
            self.pos += 1
            if ch == "\\":
                out.append(self.escape())
            elif ch == "[":
                out.append(self.char_class())
            elif ch in "*+?{":
                if not self.quantify(out, ch):
                    out.append((LITERAL, ord(ch)))  # a "{" that starts no quantifier
            elif ch == ".":
                out.append((ANY, None))
            elif ch == "^":
                out.append((AT, "beginning"))
            elif ch == "$":
                out.append((AT, "end"))
            elif ch == "(":
                node = self.group(first and not out)
                if node is not None:
                    out.append(node)
        for i in range(len(out) - 1, -1, -1):  # non-capturing groups without flags: spliced in
            op, av = out[i]
            if op is SUBPATTERN and av[0] is None and not av[1] and not av[2]:
                out[i : i + 1] = av[3]
        return out

    def quantify(self, out: Seq, ch: str) -> bool:
        """Apply a quantifier to the last node; False for a "{" that is a literal."""
        if ch == "{":
            m = _QUANTIFIER.match(self.text, self.pos - 1)
            if not m or m.group() == "{}":
                return False
            low_text, comma, high_text = m.groups()
            self.pos = m.end()
            low = int(low_text) if low_text else 0
            high = (int(high_text) if high_text else UNBOUNDED) if comma else low
            if high < low or high > UNBOUNDED:
                raise Unsupported("bad repeat bounds")
        else:
            low, high = {"?": (0, 1), "*": (0, UNBOUNDED), "+": (1, UNBOUNDED)}[ch]
        if not out or out[-1][0] is AT or out[-1][0] in REPEATS:
            raise Unsupported("nothing to repeat")
        item = Seq(out[-1:])
        if item[0][0] is SUBPATTERN and item[0][1][0] is None and not item[0][1][1] and not item[0][1][2]:
            item = item[0][1][3]
        kind = MIN_REPEAT if self.accept("?") else POSSESSIVE_REPEAT if self.accept("+") else MAX_REPEAT
        out[-1] = (kind, (low, high, item))
        return True

    # -- escapes and classes ------------------------------------------------------------------
    def escape(self, in_class: bool = False):
        ch = self.take()
        if ch in _CATEGORIES:
            return (IN, [(CATEGORY, _CATEGORIES[ch])])
        if ch == "b" and in_class:
            return (LITERAL, 8)
        if ch in _ANCHORS and not in_class:
            return (AT, _ANCHORS[ch])
        if ch in _ESCAPES:
            return (LITERAL, _ESCAPES[ch])
        if ch in _HEX:
            digits = self.text[self.pos : self.pos + _HEX[ch]]
            if len(digits) != _HEX[ch] or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise Unsupported("incomplete escape")
            self.pos += len(digits)
            code = int(digits, 16)
            if code > 0x10FFFF:
                raise Unsupported("bad escape")
            return (LITERAL, code)
        if ch == "0":
            digits = ch
            while len(digits) < 3 and (nxt := self.peek()) is not None and nxt in "01234567":
                digits += self.take()
            return (LITERAL, int(digits, 8))
        if ch.isascii() and ch.isalnum():
            raise Unsupported(f"escape \\{ch} is not read")  # back-references, \N{…}, bad escapes
        return (LITERAL, ord(ch))

    def char_class(self):
        negate = self.accept("^")
        items: list = []
        while True:
            ch = self.take()
            if ch == "]" and items:
                break
            one = self.escape(in_class=True) if ch == "\\" else (LITERAL, ord(ch))
            if self.accept("-"):
                if self.peek() == "]":
                    self.take()
                    items.append(one[1][0] if one[0] is IN else one)
                    items.append((LITERAL, ord("-")))
                    break
                ch2 = self.take()
                two = self.escape(in_class=True) if ch2 == "\\" else (LITERAL, ord(ch2))
                if one[0] is not LITERAL or two[0] is not LITERAL or two[1] < one[1]:
                    raise Unsupported("bad character range")
                items.append((RANGE, (one[1], two[1])))
            else:
                items.append(one[1][0] if one[0] is IN else one)
        items = list(dict.fromkeys(items))
        if len(items) == 1 and items[0][0] is LITERAL:
            return (NOT_LITERAL, items[0][1]) if negate else items[0]
        return (IN, [(NEGATE, None), *items] if negate else items)

    # -- groups -------------------------------------------------------------------------------
    def group(self, first: bool):
        """A parenthesised node (None for a comment or leading global flags)."""
        group, add, remove = None, 0, 0
        if self.accept("?"):
            ch = self.take()
            if ch == "P" and self.accept("<"):
                end = self.text.find(">", self.pos)
                if end < 0 or not self.text[self.pos : end].isidentifier():
                    raise Unsupported("bad group name")
                self.pos = end + 1
                group = self.open_group()
            elif ch == ":":
                pass
            elif ch == "#":
                end = self.text.find(")", self.pos)
                if end < 0:
                    raise Unsupported("unterminated comment")
                self.pos = end + 1
                return None
            elif ch in "=!" or ch == "<" and self.peek() in ("=", "!"):
                direction = 1
                if ch == "<":
                    ch, direction = self.take(), -1
                body = self.close(self.alternation())
                return (ASSERT if ch == "=" else ASSERT_NOT, (direction, body))
            elif ch == ">":
                return (ATOMIC_GROUP, self.close(self.alternation()))
            elif ch in _FLAGS or ch == "-":
                add, remove, scoped = self.flags(ch)
                if not scoped:
                    if not first:
                        raise Unsupported("global flags not at the start")
                    return None
            else:
                raise Unsupported(f"(?{ch} is not read")  # (?P=name), (?(1)…), …
        else:
            group = self.open_group()
        return (SUBPATTERN, (group, add, remove, self.close(self.alternation())))

    def open_group(self) -> int:
        self.groups += 1
        return self.groups

    def close(self, body: Seq) -> Seq:
        if not self.accept(")"):
            raise Unsupported("missing )")
        return body

    def flags(self, ch: str) -> tuple[int, int, bool]:
        """Inline flags after "(?": (added, removed, scoped to a group)."""
        add = remove = 0
        while ch in _FLAGS:
            add |= _FLAGS[ch]
            ch = self.take()
        if ch == "-":
            ch = self.take()
            while ch in _FLAGS:
                remove |= _FLAGS[ch]
                ch = self.take()
        if ch == ")" and not remove:
            return add, 0, False
        if ch != ":" or add & remove:
            raise Unsupported("bad inline flags")
        return add, remove, True
