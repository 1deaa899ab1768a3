"""Declared schemas for rule data: one way to say, and check, what a YAML rule file may hold.

A schema is built from a few kinds of node:

- ``Text`` a non-empty string (optionally one of a set, or matching a pattern), ``Flag``
  true or false, ``Whole`` an integer, ``Date`` a date as YAML gives it (2019, "2019-03",
  2019-03-05);
- ``Items`` a list of one schema, ``Table`` a mapping from free keys (themselves checked) to
  one schema, ``Record`` a mapping with declared required and optional keys;
- ``Either`` one of several schemas, chosen by the type of the value.

``validate`` walks a value with its schema and raises ``PackError(file, message, line)`` at the
first thing that does not fit: an unknown key (a typo would silently disable a rule), a missing
key, a wrong type, a value that is not allowed. The message names where in the file
(``products[3].events[0].status``); the line comes from ``yamlio``'s LineDict and LineList: the
key's own line, the item's line, else that of the nearest enclosing key. What a schema cannot
say (a condition an event names must exist; a pack's pattern must compile) the loaders check, and
report with the same error and ``line_of``.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from collections.abc import Iterable

from medlint.model.errors import PackError


def line_of(container, key=None) -> int | None:
    """The line of ``container[key]`` (a LineDict key or LineList item), else of ``container``."""
    if key is not None and hasattr(container, "line_of"):
        return container.line_of(key)
    return getattr(container, "line", None)


@dataclass(frozen=True)
class Where:
    """A place in a file: the file, the path to the value, and its line."""

    path: str
    trail: str = ""
    line: int | None = None

    def fail(self, message: str):
        raise PackError(self.path, f"{self.trail}: {message}" if self.trail else message, self.line)

    def key(self, mapping, key) -> Where:
        trail = f"{self.trail}.{key}" if self.trail else str(key)
        return Where(self.path, trail, line_of(mapping, key) or self.line)

    def item(self, items, index: int) -> Where:
        return Where(self.path, f"{self.trail}[{index}]", line_of(items, index) or self.line)


class Schema:
    """A node of a schema: what a value must be (``kind``, for messages) and how to check it."""

    kind = "a value"

    def fits(self, value) -> bool:
        """Whether the value has the right type (``Either`` chooses by this)."""
        raise NotImplementedError

    def check(self, value, at: Where) -> None:
        if not self.fits(value):
            at.fail(f"must be {self.kind}, not {_shown(value)}")
        self.check_inside(value, at)

    def check_inside(self, value, at: Where) -> None:
        """Checks beyond the type (allowed values, items, keys)."""


class Text(Schema):
    """A string: non-empty unless ``empty``; one of ``choices`` when given; matching ``match``
    when given (``form`` says in words what that is, for messages)."""

    def __init__(self, choices: Iterable[str] | None = None, match: str | None = None, form: str | None = None,
                 empty: bool = False):
        self.choices = None if choices is None else tuple(sorted(choices))
        self.match = re.compile(match) if match else None
        self.form = form or f"of the form {match}"
        self.empty = empty
        self.kind = "a string" if empty else "a non-empty string"

    def fits(self, value) -> bool:
        return isinstance(value, str) and (self.empty or bool(value.strip()))

    def check_inside(self, value, at: Where) -> None:
        if self.choices is not None and value not in self.choices:
            at.fail(f"'{value}' is not one of: {', '.join(self.choices)}")
        if self.match is not None and not self.match.fullmatch(value):
            at.fail(f"'{value}' must be {self.form}")


class Flag(Schema):
    kind = "true or false"

    def fits(self, value) -> bool:
        return isinstance(value, bool)


class Whole(Schema):
    """An integer, at least ``low`` when given."""

    def __init__(self, low: int | None = None):
        self.low = low
        self.kind = "a whole number" if low is None else f"a whole number of at least {low}"

    def fits(self, value) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and (self.low is None or value >= self.low)


class Number(Schema):
    """A number, whole or decimal (a prevalence figure, a tolerance)."""

    kind = "a number"

    def fits(self, value) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)


class Date(Schema):
    """A date as YAML reads it: a year (int), a string, or a date. Its form is the loader's to parse."""

    kind = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"

    def fits(self, value) -> bool:
        if isinstance(value, bool):
            return False
        return isinstance(value, (int, datetime.date)) or (isinstance(value, str) and bool(value.strip()))


class Items(Schema):
    """A list whose items all fit ``of`` (non-empty when ``nonempty``)."""

    def __init__(self, of: Schema, nonempty: bool = False):
        self.of = of
        self.nonempty = nonempty
        self.kind = "a non-empty list" if nonempty else "a list"

    def fits(self, value) -> bool:
        return isinstance(value, list) and (bool(value) or not self.nonempty)

    def check_inside(self, value, at: Where) -> None:
        for i, item in enumerate(value):
            self.of.check(item, at.item(value, i))


class Table(Schema):
    """A mapping from free keys (checked with ``keys``) to values that fit ``values``."""

    def __init__(self, values: Schema, keys: Schema | None = None, nonempty: bool = False):
        self.values = values
        self.keys = keys or Text()
        self.nonempty = nonempty
        self.kind = "a non-empty mapping" if nonempty else "a mapping"

    def fits(self, value) -> bool:
        return isinstance(value, dict) and (bool(value) or not self.nonempty)

    def check_inside(self, value, at: Where) -> None:
        for key, item in value.items():
            where = at.key(value, key)
            if not self.keys.fits(key):
                where.fail(f"the key must be {self.keys.kind}")
            self.keys.check_inside(key, where)
            self.values.check(item, where)


class Record(Schema):
    """A mapping with declared keys: every ``required`` key, any of the ``optional`` ones, and
    no other (an unknown key is named, with the keys allowed) — unless ``others`` is given: then
    any other (non-empty string) key is allowed, and its value must fit ``others``."""

    kind = "a mapping"

    def __init__(self, required: dict[str, Schema] | None = None, optional: dict[str, Schema] | None = None,
                 others: Schema | None = None):
        self.required = dict(required or {})
        self.optional = dict(optional or {})
        self.fields = {**self.required, **self.optional}
        self.others = others

    def fits(self, value) -> bool:
        return isinstance(value, dict)

    def check_inside(self, value, at: Where) -> None:
        for key in value:
            if key not in self.fields and (self.others is None or not TEXT_KEY.fits(key)):
                allowed = ", ".join(sorted(self.fields))
                at.key(value, key).fail(f"unknown key '{key}' (allowed: {allowed})")
        for key, item in value.items():
            schema = self.fields.get(key, self.others)
            assert schema is not None  # an unknown key failed above
            schema.check(item, at.key(value, key))
        for key in self.required:
            if key not in value:
                Where(at.path, at.trail, line_of(value) or at.line).fail(f"missing key '{key}'")


class Either(Schema):
    """One of several schemas, chosen by the value's type (the first that fits)."""

    def __init__(self, *options: Schema):
        self.options = options
        self.kind = " or ".join(o.kind for o in options)

    def fits(self, value) -> bool:
        return any(o.fits(value) for o in self.options)

    def check_inside(self, value, at: Where) -> None:
        next(o for o in self.options if o.fits(value)).check_inside(value, at)


TEXT_KEY = Text()


def fingerprint(schema: Schema) -> str:
    """A digest of everything ``schema`` checks (its kinds, keys, choices, patterns, bounds),
    read from the settings of its nodes: data that passed a schema passes any schema with the
    same fingerprint (all node classes are in this module, so their code is this module's)."""
    return hashlib.sha256(_described(schema).encode("utf-8", "surrogatepass")).hexdigest()


@cache
def _node(schema: Schema) -> str:
    """One node described; nodes are shared (a source record in many places), so each once."""
    settings = ", ".join(f"{k}={_described(v)}" for k, v in sorted(vars(schema).items()))
    return f"{type(schema).__name__}({settings})"


def _described(value) -> str:
    if isinstance(value, Schema):
        return _node(value)
    if isinstance(value, re.Pattern):
        return repr((value.pattern, value.flags))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_described(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)) and any(isinstance(v, (Schema, re.Pattern, dict, tuple, list)) for v in value):
        return "(" + ", ".join(_described(v) for v in value) + ")"
    return repr(value)  # plain values, and lists of them (a schema's choices), in one call


def validate(data: Any, schema: Schema, path: str) -> None:
    """Check ``data`` (read from ``path``) against ``schema``; PackError at the first misfit."""
    schema.check(data, Where(str(path), "", line_of(data)))


def _shown(value) -> str:
    """A value's type as a YAML writer thinks of it, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"the string {value[:40]!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    return f"{type(value).__name__} {value!r}"[:60]
