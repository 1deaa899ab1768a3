"""Rule data has one schema mechanism (medlint/knowledge/schema.py, formats.py): every file in
rules/ is read against its declared format, and a broken file is a PackError naming the file
and the line. Each file is broken here on purpose, in every kind of mapping it holds: a key
renamed (a typo) and a value of the wrong type, each at a known line.
"""

from __future__ import annotations

import json
import re

import pytest

from medlint.checks.packs import load_pack
from medlint.knowledge import schema
from medlint.knowledge.formats import FORMATS, format_of
from medlint.knowledge.resources import read_data, rules_dir
from medlint.knowledge.schema import Date, Either, Flag, Items, Record, Table, Text, Whole, validate
from medlint.model import yamlio
from medlint.model.errors import PackError

FILES = sorted(p.name for p in rules_dir().glob("*.yaml"))
#: Generated data (tools/ scripts write it as JSON, which has no lines to name).
GENERATED = sorted(p.name for p in rules_dir().glob("*.json"))


def _records(value, node, seen=None):
    """(mapping, Record) for the first mapping of each Record of ``node`` found in ``value``."""
    seen = set() if seen is None else seen
    if isinstance(node, Either):
        node = next(o for o in node.options if o.fits(value))
    if isinstance(node, Record):
        if id(node) not in seen and value:
            seen.add(id(node))
            yield value, node
        for key, item in value.items():
            yield from _records(item, node.fields.get(key, node.others), seen)
    elif isinstance(node, Items):
        for item in value:
            yield from _records(item, node.of, seen)
    elif isinstance(node, Table):
        for item in value.values():
            yield from _records(item, node.values, seen)


def _broken(lines: list[str], number: int, old: str, new: str) -> str:
    """The text with ``old`` replaced by ``new`` once, on line ``number`` (1-based)."""
    line = lines[number - 1]
    assert old in line, (number, line, old)
    return "".join(lines[: number - 1] + [line.replace(old, new, 1)] + lines[number:])


def test_every_rule_file_has_a_format_and_fits_it():
    assert set(FILES + GENERATED) - {f for f in FILES if f.startswith("pack-")} == set(FORMATS)
    for name in FILES + GENERATED:
        assert format_of(name) is not None, name
        read_data(name)


@pytest.mark.parametrize("name", GENERATED)
def test_generated_data_is_checked_against_its_format(name):
    """An unknown key and broken JSON are errors naming the file, as in YAML (without a line)."""
    data = json.loads((rules_dir() / name).read_text(encoding="utf-8"))
    with pytest.raises(PackError, match="unknown key 'zz'"):
        read_data(name, json.dumps({**data, "zz": 1}))
    with pytest.raises(PackError, match="invalid JSON"):
        read_data(name, "{")


@pytest.mark.parametrize("name", FILES)
def test_an_unknown_key_is_an_error_at_its_line(name):
    """Each kind of mapping in the file, with its first key misspelt."""
    text = (rules_dir() / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    data = read_data(name)
    found = list(_records(data, format_of(name)))
    for mapping, _ in found:
        key = next(iter(mapping))
        number = mapping.lines[key]
        old = re.search(rf"(?<![\w-]){re.escape(key)}(?=\s*:)", lines[number - 1]).group()
        with pytest.raises(PackError) as err:
            read_data(name, _broken(lines, number, old + ":", old + "_typo:"))
        assert (err.value.path, err.value.line) == (f"rules/{name}", number), str(err.value)
        assert "unknown key" in err.value.message or "must be" in err.value.message
    # The top of the file too (retired-codes.yaml holds no mapping of declared keys).
    with pytest.raises(PackError) as err:
        read_data(name, text.rstrip("\n") + "\nzz-not-a-key: 1\n")
    assert (err.value.path, err.value.line) == (f"rules/{name}", len(lines) + 1 - (not text.endswith("\n")))


def _wrong(node) -> str:
    """YAML for a value ``node`` does not accept: a list for a mapping, else a mapping."""
    return "[1]" if isinstance(node, (Record, Table)) else "{wrong: 1}"


@pytest.mark.parametrize("name", FILES)
def test_a_value_of_the_wrong_type_is_an_error_at_its_line(name):
    """Each kind of mapping in the file, with one value (written on its key's line) of the wrong type."""
    lines = (rules_dir() / name).read_text(encoding="utf-8").splitlines(keepends=True)
    checked = 0
    for mapping, record in _records(read_data(name), format_of(name)):
        for key in mapping:
            number = mapping.lines[key]
            line = lines[number - 1]
            m = re.match(rf"(\s*(?:- )?){re.escape(str(key))}:[ \t]+(?![>|])\S.*\n", line)
            after = lines[number] if number < len(lines) else ""
            if not m or len(after) - len(after.lstrip()) > len(m.group(1)):
                continue  # a value over several lines: not rewritten here
            wrong = f"{m.group(1)}{key}: {_wrong(record.fields.get(key, record.others))}\n"
            with pytest.raises(PackError) as err:
                read_data(name, _broken(lines, number, line, wrong))
            assert (err.value.path, err.value.line) == (f"rules/{name}", number), str(err.value)
            assert "must be" in err.value.message
            checked += 1
            break
    if name != "retired-codes.yaml":
        assert checked, "no value of the file was broken"


def test_a_user_pack_is_read_with_the_same_format():
    pack = "pack: house\nfamily: LNG\nrules:\n  - code: LNG901\n    name: x\n    kinds: existence\n"
    with pytest.raises(PackError) as err:
        load_pack(pack, "house.yaml")
    assert (err.value.path, err.value.line) == ("house.yaml", 6) and "unknown key 'kinds'" in err.value.message


# -- the mechanism ------------------------------------------------------------------------------
def _load(text: str):
    return yamlio.load(text, "t.yaml", PackError)


@pytest.mark.parametrize(
    "text, where, line",
    [
        ("a: x\nb: [p, 5, q]\n", "b[1]: must be a non-empty string", 2),
        ("a: x\nb:\n  - p\n  - ''\n", "b[1]: must be a non-empty string", 4),
        ("a: 'y'\n", "a: 'y' is not one of: x", 1),
        ("b: []\n", "missing key 'a'", 1),
        ("a: x\nc: {d: 2019-13-40}\n", "invalid YAML: invalid date '2019-13-40'", 2),
        ("a: x\nc: {d: true}\n", "c.d: must be a date", 2),
        ("a: x\nc: {d: 2019, n: 0}\n", "c.n: must be a whole number of at least 1", 2),
        ("a: x\nc:\n  d: '2019-03'\n  f: 'no'\n", "c.f: must be true or false, not the string 'no'", 4),
        ("a: x\nt: {A1: s}\n", "t.A1: 'A1' must be of the form [A-Z]\\d{3}", 2),
        ("a: x\ne: [s, {k: v}, 3]\n", "e[2]: must be a non-empty string or a mapping", 2),
    ],
)
def test_errors_say_where(text, where, line):
    node = Record(
        required={"a": Text(choices=("x",))},
        optional={
            "b": Items(Text()),
            "c": Record(required={"d": Date()}, optional={"f": Flag(), "n": Whole(1)}),
            "t": Table(Text(), keys=Text(match=r"[A-Z]\d{3}")),
            "e": Items(Either(Text(), Record(required={"k": Text()}))),
        },
    )
    with pytest.raises(PackError) as err:
        validate(_load(text), node, "t.yaml")
    assert where in str(err.value) and err.value.line == line


def test_either_checks_the_option_its_value_fits():
    node = Items(Either(Text(), Record(required={"pattern": Text()})))
    validate(_load("- a\n- {pattern: b}\n"), node, "t.yaml")
    with pytest.raises(PackError, match=r"\[1\]\.patern: unknown key 'patern'") as err:
        validate(_load("- a\n- patern: b\n"), node, "t.yaml")
    assert err.value.line == 2


def test_record_others_takes_undeclared_keys_of_its_own_schema():
    node = Record(required={"source": Text()}, others=Record(required={"code": Text()}))
    validate(_load("source: s\nany-group: {code: X}\n"), node, "t.yaml")
    with pytest.raises(PackError, match="any-group: missing key 'code'"):
        validate(_load("source: s\nany-group: {}\n"), node, "t.yaml")
    assert schema.line_of(_load("a:\n  - x\n  - y\n")["a"], 1) == 3
