"""Safe YAML reading for front matter, config files and rule packs.

Three things a plain ``yaml.safe_load`` does not give us:
- line numbers for every mapping key and list item, so an unknown key or bad value is reported
  at its line;
- refusal of anchors and aliases, which blocks "billion laughs" expansion bombs in untrusted
  front matter and config (no legitimate article or config needs them);
- one error type naming the file, whatever went wrong inside the parser.

Loading runs with the cyclic garbage collector held off (``collector.paused``): a 4 MB config
or rule pack makes a million long-lived objects and no cycles.
"""

from __future__ import annotations

import datetime

import yaml

from medlint.model import collector
from medlint.model.errors import MedlintError


class LineDict(dict):
    """A dict that remembers the 1-based line of each key (``.lines[key]``) and of itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.line: int | None = None

    def line_of(self, key) -> int | None:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that remembers the 1-based line of each item (``.lines[i]``) and of itself."""

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []
        self.line: int | None = None

    def line_of(self, index: int) -> int | None:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


#: libyaml's C parser when PyYAML was built with it (ten times faster), else the Python one.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[valid-type,misc]  # the base is chosen at import: libyaml's loader or PyYAML's
    """Safe loader that builds LineDicts (aliases are refused before it runs: ``_no_aliases``)."""

    def construct_object(self, node, deep=False):
        """Any value the safe constructors cannot build (``2024-13-01``, ``!!float abc``,
        ``!!bool 0``, ``!!timestamp 0``, an integer over Python's 4,300-digit limit) is a YAML
        error at its line, not an exception that escapes the loader."""
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:  # PyYAML's scalar constructors fail with KeyError, AttributeError…
            kind = {"timestamp": "date", "float": "number", "int": "number"}.get(node.tag.rpartition(":")[2], "value")
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            shown = value if len(value) <= 40 else f"{value[:40]}…"
            reason = str(exc).split(";")[0] if isinstance(exc, (ValueError, OverflowError)) else "not a value of this type"
            raise yaml.constructor.ConstructorError(None, None, f"invalid {kind} {shown!r} ({reason})", node.start_mark) from None


def _no_aliases(text: str) -> None:
    """Refuse anchors' aliases: a first, event-only pass (cheap, in C where available)."""
    for event in yaml.parse(text, Loader=_BASE):
        if isinstance(event, yaml.AliasEvent):
            assert event.start_mark is not None  # the parser marks every event
            raise yaml.YAMLError(f"line {event.start_mark.line + 1}: YAML aliases (*name) are not allowed")


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: unhashable mapping key") from None
        if key in out:
            raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load(text: str, path: str, error: type[MedlintError], line_offset: int = 0):
    """Parse ``text`` as YAML, raising ``error(path, message, line)`` on any problem.

    ``line_offset`` shifts reported lines (front matter starts after the opening ``---``).
    Dates stay as strings would be surprising for rules, so the SafeLoader's own types are
    kept (``date`` objects for ISO dates), as users expect from front matter.
    """
    try:
        with collector.paused():
            _no_aliases(text)
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or str(exc)
        raise error(path, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        message = str(exc)
        line = None
        if message.startswith("line "):
            head, _, rest = message.partition(": ")
            line = int(head.split()[1]) + line_offset
            message = rest
        raise error(path, f"invalid YAML: {message}", line) from None
    except RecursionError:
        line = nesting_line(text)
        raise error(path, "invalid YAML: nested too deeply", line + line_offset if line else None) from None


#: Nesting deeper than this is no page's metadata or config; the parsers would recurse out of the stack.
DEEP = 100


def nesting_line(text: str, limit: int = DEEP) -> int | None:
    """The 1-based line of ``text`` where brackets (``[``, ``{``) first nest deeper than
    ``limit``, for the error when a parser recursed out of the stack; None if they never do."""
    depth = 0
    for i, c in enumerate(text):
        depth += (c in "[{") - (c in "]}")
        if depth > limit:
            return text.count("\n", 0, i) + 1
    return None


# -- keeping what was read ----------------------------------------------------------------------
# Rule data read once can be kept between runs (``knowledge.resources`` keeps it in a snapshot,
# ``model.snapshot``), but ``marshal`` writes only plain types: a LineDict, a LineList and a date
# are written as tagged tuples (which YAML and JSON never produce) and rebuilt on reading.
_DATE, _LINE_DICT, _LINE_LIST, _DICT, _LIST = "t", "D", "L", "d", "l"


def freeze(value):
    """``value`` (what ``load`` or ``json.loads`` returns) as data ``marshal`` can write;
    TypeError for anything else (a timestamp, a key that is not plain)."""
    kind = value.__class__
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is datetime.date:
        return (_DATE, value.isoformat())
    if kind is LineDict or kind is dict:
        items = {}
        for key, item in value.items():
            if key.__class__ not in (str, int, float, bool) and key is not None:
                raise TypeError(f"a {key.__class__.__name__} key cannot be kept")
            items[key] = freeze(item)
        return (_LINE_DICT, items, dict(value.lines), value.line) if kind is LineDict else (_DICT, items)
    if kind is LineList or kind is list:
        items = [freeze(item) for item in value]
        return (_LINE_LIST, items, list(value.lines), value.line) if kind is LineList else (_LIST, items)
    raise TypeError(f"a {kind.__name__} cannot be kept")


def thaw(value):
    """What ``freeze`` was given, rebuilt from what it returned."""
    if value.__class__ is not tuple:
        return value
    tag = value[0]
    if tag == _DATE:
        return datetime.date.fromisoformat(value[1])
    if tag == _LINE_DICT or tag == _DICT:
        items = {key: thaw(item) for key, item in value[1].items()}
        if tag == _DICT:
            return items
        out = LineDict(items)
        out.lines, out.line = value[2], value[3]
        return out
    items = [thaw(item) for item in value[1]]
    if tag == _LIST:
        return items
    out = LineList(items)
    out.lines, out.line = value[2], value[3]
    return out
