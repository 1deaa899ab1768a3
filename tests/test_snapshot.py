"""The start-up snapshot (medlint/model/snapshot.py): values come back only under the same
version, Python, ``re`` engine and salt, from a file medlint wrote; compiled patterns taken from
it behave exactly as freshly compiled ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from medlint.model import snapshot
from medlint.model.snapshot import Snapshot


@pytest.fixture
def where(tmp_path, monkeypatch):
    folder = tmp_path / "snapshots"
    monkeypatch.setenv("MEDLINT_SNAPSHOT_DIR", str(folder))
    return folder


def _saved(name="t", salt="s", **values) -> Snapshot:
    snap = Snapshot(name, salt)
    for key, value in values.items():
        snap.put(key, value)
    snap.save()
    return snap


def test_a_saved_value_comes_back_in_a_new_process_state(where):
    _saved(a=("x", 1, frozenset({"y"})))
    assert Snapshot("t", "s").get("a") == ("x", 1, frozenset({"y"}))
    assert oct(where.stat().st_mode & 0o777) == oct(0o700)


def test_another_salt_or_version_reads_nothing(where, monkeypatch):
    _saved(a=1)
    assert Snapshot("t", "other data").get("a") is None
    monkeypatch.setattr(snapshot, "__version__", "999.0")
    assert Snapshot("t", "s").get("a") is None


@pytest.mark.parametrize("spoil", ["header", "digest", "truncated", "world-writable", "not marshal"])
def test_a_file_medlint_did_not_write_is_refused_and_replaced(where, spoil):
    snap = _saved(a=1)
    path = snap.path
    blob = path.read_bytes()
    if spoil == "header":
        path.write_bytes(b"x" + blob[1:])
    elif spoil == "digest":
        path.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    elif spoil == "truncated":
        path.write_bytes(blob[:-3])
    elif spoil == "world-writable":
        os.chmod(path, 0o666)
    else:
        head = blob[: blob.index(b"\n", len(snapshot._HEADER)) + 1]
        payload = b"not marshal data"
        import hashlib

        path.write_bytes(head + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    fresh = Snapshot("t", "s")
    assert fresh.get("a") is None
    fresh.put("a", 2)
    fresh.save()
    assert Snapshot("t", "s").get("a") == 2


def test_only_the_process_that_loaded_it_writes_it(where):
    snap = Snapshot("t", "s")
    snap.put("a", 1)
    snap._pid = -1  # as in a forked worker
    snap.save()
    assert not where.exists() or not list(where.iterdir())


def test_turned_off_by_an_empty_folder_setting(monkeypatch):
    monkeypatch.setenv("MEDLINT_SNAPSHOT_DIR", "")
    snap = Snapshot("t", "s")
    snap.put("a", 1)
    snap.save()
    assert snap.path is None


PATTERNS = [
    (r"(?P<word>\b\w+\b)\s+(?P=word)", 0),
    (r"(?i)approved\s+by\s+the\s+(fda|ema)", 0),
    (r"(?<!\w)[A-Z]{2,}s?(?!\w)", 0),
    (r"^#+ .*$", 8),  # re.MULTILINE
    (r"caf[eé]|na[iï]ve|\d+(?:\.\d+)?\s*mg", 2),  # re.IGNORECASE
    (r"(a)(b)?(?P<c>c)|(?P<d>d)", 0),
]
TEXT = "Approved by the FDA in 2019. the the NMDA and SSRIs.\n# Title\ncafé NAÏVE 20.5 mg abc d"

PROBE = """
import json, re, sys
if sys.argv[1] == "hook":
    from medlint.model import snapshot
    snapshot.compiled_patterns()
out = []
for source, flags in json.loads(sys.argv[2]):
    p = re.compile(source, flags)
    out.append([p.flags, p.groups, sorted(p.groupindex.items()), [m.span() + m.groups() for m in p.finditer(sys.argv[3])]])
if sys.argv[1] == "hook":
    out.append(bool(snapshot._PATTERNS._added))  # whether any pattern was compiled afresh
print(json.dumps(out))
"""


def _probe(mode: str, env: dict) -> list:
    done = subprocess.run([sys.executable, "-c", PROBE, mode, json.dumps(PATTERNS), TEXT], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def test_patterns_from_the_snapshot_behave_as_freshly_compiled(where):
    env = dict(os.environ, MEDLINT_SNAPSHOT_DIR=str(where))
    plain = _probe("plain", env)
    first = _probe("hook", env)  # compiles, and writes the snapshot at exit
    assert any(where.iterdir())
    second = _probe("hook", env)  # every pattern from the snapshot
    assert first[:-1] == plain and first[-1] is True
    assert second[:-1] == plain and second[-1] is False



#: Patterns with what only the ``regex`` module has (rule packs run on it): Unicode properties,
#: possessive and atomic groups, set operations, full case folding, a fuzzy match.
REGEX_PATTERNS = [
    (r"(?<![\w-])(?:(?P<r1_0>mentally\s+ill)|(?P<r1_1>\p{Lu}\w++\s+disorder))(?![\w])", 2),
    (r"(?V1)(?>commit+ed)\s+suicide|[[a-z]--[aeiou]]{3}", 0),
    (r"(?f)strasse|(?:schizophrenic){e<=1}", 2),
    (r"(?P<w>\w+) (?P=w)", 0),
]
REGEX_TEXT = "Mentally ill. Bipolar disorder, commited suicide; STRASSE and schizophrenc the the xyz"

REGEX_PROBE = r"""
import json, sys
import regex
if sys.argv[1] == "hook":
    from medlint.model import snapshot
    snapshot.compiled_patterns()
out = []
for source, flags in json.loads(sys.argv[2]):
    p = regex.compile(source, flags)
    assert regex.compile(source, flags) is p  # the one pattern object each time
    out.append([p.pattern, int(p.flags), p.groups, sorted(p.groupindex.items()),
                [[m.span(), m.groups(), m.lastgroup] for m in p.finditer(sys.argv[3], timeout=1)]])
out.append(regex.findall(r"\p{Lu}+", sys.argv[3]))  # the module's own functions compile through it too
if sys.argv[1] == "hook":
    out.append(bool(snapshot._REGEX_PATTERNS._added))  # whether any pattern was compiled afresh
print(json.dumps(out))
"""


def test_regex_patterns_from_the_snapshot_behave_as_freshly_compiled(where):
    def probe(mode):
        env = dict(os.environ, MEDLINT_SNAPSHOT_DIR=str(where))
        done = subprocess.run([sys.executable, "-c", REGEX_PROBE, mode, json.dumps(REGEX_PATTERNS), REGEX_TEXT],
                              capture_output=True, text=True, env=env, check=True)
        return json.loads(done.stdout)

    plain = probe("plain")
    first = probe("hook")  # compiles, and writes the snapshot at exit
    assert any(p.name.startswith("regex-patterns-") for p in where.iterdir())
    second = probe("hook")  # every pattern from the snapshot
    assert first[:-1] == plain and first[-1] is True
    assert second[:-1] == plain and second[-1] is False


SCAN = r"""
import re
from medlint.text.prefilter import Starts
words = "anxiety|approved|adolescents|suicide|sedation|schizophrenia|ketamine|lithium|mood|mania"
print(Starts([re.compile(f"(?:{words})\\b", re.I), re.compile(r"no\s+(?:cure|risk)")]).scan.pattern)
"""


def test_the_prefilter_scan_is_the_same_text_under_any_hash_seed():
    """Set order follows the hash seed; pattern text built from a set would never hit the snapshot."""
    texts = {
        subprocess.run([sys.executable, "-c", SCAN], capture_output=True, text=True, check=True, env=dict(os.environ, PYTHONHASHSEED=seed)).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(texts) == 1
    assert "ketamine" in texts.pop()


NEEDS = """
import json, re
from medlint.text.prefilter import Needs, Starts, leading
from medlint.model import snapshot
patterns = [re.compile(r"clinically\\s+(proven|tested)", re.I), re.compile(r"\\b(?:FDA|EMA)[- ]approved\\b"), re.compile(r"[a-z]+ly cured")]
out = [[sorted(Needs(p).literals or ["(none)"]), sorted(leading(p) or ["(none)"])] for p in patterns]
family = Starts(patterns)
out.append([sorted(p) if p is not None else None for p in family.prefixes])
out.append([sorted(family.table.items()), family.scan.pattern, family.places("fda-approved, clinically  tested")])
print(json.dumps(out))
"""


def test_prefilter_analyses_from_the_snapshot_equal_fresh_ones(where):
    def probe(folder):
        env = dict(os.environ, MEDLINT_SNAPSHOT_DIR=folder)
        return subprocess.run([sys.executable, "-c", NEEDS], capture_output=True, text=True, check=True, env=env).stdout

    fresh = probe("")  # no snapshot: computed
    assert probe(str(where)) == fresh  # computed, then written
    assert any(p.name.startswith("prefilter-") for p in where.iterdir())
    assert probe(str(where)) == fresh  # read from the snapshot


def test_a_sorted_table_answers_as_a_dictionary_would(where):
    from medlint.model.snapshot import SortedTable

    entries = {"a": "1", "ab": "2", "abc": "", "b": "x y", "café": "é", "zz": "9", "a-b": "h", "a'b": "q", "Z": "up"}
    built = []

    def build():
        built.append(1)
        return entries.items()

    first = SortedTable("words", "data 1", build)
    probes = [*entries, "", "aa", "abcd", "ca", "cafe", "zzz", "0", "~", "A"]
    assert [first.get(k) for k in probes] == [entries.get(k) for k in probes]
    second = SortedTable("words", "data 1", build)  # from the file the first wrote
    assert built == [1]
    assert [second.get(k) for k in probes] == [entries.get(k) for k in probes]
    second.load()
    assert [second.get(k) for k in probes] == [entries.get(k) for k in probes]
    SortedTable("words", "data 2", build)  # other data: built again
    assert built == [1, 1]


@pytest.mark.parametrize("fence", [1, 7, 64, 4096])
def test_a_sorted_table_finds_every_key_between_its_fence_posts(where, monkeypatch, fence):
    """Lookups bisect fence posts, then search between two of them: keys on a post, just
    before and after one, and absent keys that sort between posts all answer as a dict does."""
    import random

    from medlint.model.snapshot import SortedTable

    monkeypatch.setattr(snapshot, "_FENCE", fence)
    rng = random.Random(7)
    letters = "abcz'-éß"
    entries = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 7))): str(rng.randint(0, 99)) for _ in range(600)}
    table = SortedTable("fenced", "d", lambda: entries.items())
    probes = [*entries, *("".join(rng.choice(letters) for _ in range(rng.randint(1, 8))) for _ in range(600)), "", "\x7f"]
    assert [table.get(k) for k in probes] == [entries.get(k) for k in probes]
    reread = SortedTable("fenced", "d", lambda: [])  # from the file
    assert [reread.get(k) for k in probes] == [entries.get(k) for k in probes]


def test_a_sorted_table_is_read_whole_only_once_its_misses_would_cost_more(where):
    """A few files look their words up in the map; a run whose misses reach one per
    _BYTES_PER_MISS bytes of the table reads it whole, and answers the same."""
    from medlint.model.snapshot import SortedTable

    entries = {f"w{i:05d}": str(i) for i in range(3000)}
    table = SortedTable("big", "d", lambda: entries.items())
    assert table.load_after == len(table._data) // snapshot._BYTES_PER_MISS > 100
    table.warm()  # fence posts only
    keys = list(entries)
    assert [table.get(k) for k in keys[: table.load_after]] == [entries[k] for k in keys[: table.load_after]]
    assert table._all is None
    rest = keys[table.load_after :]
    assert [table.get(k) for k in rest] + [table.get("absent")] == [entries[k] for k in rest] + [None]
    assert table._all is not None


def test_a_sorted_table_refuses_a_file_it_did_not_write(where):
    from medlint.model.snapshot import SortedTable

    SortedTable("words", "d", lambda: [("a", "1")])
    (path,) = where.glob("words-*.tsv")
    path.write_bytes(path.read_bytes() + b"b\t2\n")  # its length no longer matches the header
    assert SortedTable("words", "d", lambda: [("a", "1")]).get("b") is None
    os.chmod(path, 0o666)
    assert SortedTable("words", "d", lambda: [("a", "3")]).get("a") == "3"


def test_frozen_yaml_comes_back_with_its_lines_and_dates():
    import datetime
    import marshal

    from medlint.model import yamlio
    from medlint.model.errors import PackError

    text = "a: 1\nlist:\n  - x\n  - {when: 2019-03-05, n: 2.5}\nplain: [true, null]\n"
    data = yamlio.load(text, "t.yaml", PackError)
    back = yamlio.thaw(marshal.loads(marshal.dumps(yamlio.freeze(data))))
    assert back == data and type(back) is yamlio.LineDict
    assert back.lines == data.lines == {"a": 1, "list": 2, "plain": 5}
    assert back["list"].lines == [3, 4] and back["list"].line == 3
    assert back["list"][1].line_of("n") == 4 and back["list"][1]["when"] == datetime.date(2019, 3, 5)
    assert yamlio.thaw(yamlio.freeze({"k": [1, {"j": "v"}]})) == {"k": [1, {"j": "v"}]}  # JSON data
    with pytest.raises(TypeError):
        yamlio.freeze(yamlio.load("t: 2019-03-05 10:00:00\n", "t.yaml", PackError))  # a timestamp: not kept


KEPT = """
import json, sys
from medlint.knowledge import resources, schema
strict = schema.Record(required={"kind": schema.Text(choices=["a", "b"])})
loose = schema.Record(required={"kind": schema.Text(choices=["a", "b", "c"])})
out = []
for which in sys.argv[1:]:
    try:
        data = resources.checked("kind: c\\n", "rules/t.yaml", strict if which == "strict" else loose)
        out.append([which, dict(data), data.lines])
    except Exception as exc:
        out.append([which, type(exc).__name__, str(exc)])
print(json.dumps(out))
"""


def test_kept_rule_data_is_trusted_only_under_the_schema_it_passed(where):
    """Data that passed one schema, kept, must still fail a stricter schema in a later run (the
    schema's fingerprint is part of the key), and what failed is never kept."""
    def run(*which):
        env = dict(os.environ, MEDLINT_SNAPSHOT_DIR=str(where))
        done = subprocess.run([sys.executable, "-c", KEPT, *which], capture_output=True, text=True, check=True, env=env)
        return json.loads(done.stdout)

    assert run("loose", "strict") == [["loose", {"kind": "c"}, {"kind": 1}], ["strict", "PackError", "rules/t.yaml:1: rule pack error: kind: 'c' is not one of: a, b"]]
    assert any(p.name.startswith("rule-data-") for p in where.iterdir())
    assert run("loose") == [["loose", {"kind": "c"}, {"kind": 1}]]  # read back, lines and all
    assert run("strict")[0][1] == "PackError"  # a later run: still refused under the stricter schema


DATACLASSES = """
import dataclasses, json
from medlint.model import snapshot
snapshot.compiled_dataclasses()

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 2
    tags: tuple = dataclasses.field(default_factory=tuple)

@dataclasses.dataclass
class Box:
    items: list = dataclasses.field(default_factory=list)
    name: "str" = "box"

p, q = Point(1), Point(1, 3, ("a",))
try:
    p.x = 5
    frozen = "assigned"
except dataclasses.FrozenInstanceError:
    frozen = "refused"
box = Box()
box.items.append(p)
print(json.dumps([repr(p), repr(q), p < q, p == Point(1), hash(p) == hash(Point(1)), frozen, repr(box),
                  Box.__init__.__annotations__ == {"items": list, "name": "str", "return": None},
                  Point.__init__.__code__.co_filename, sorted(Point.__dict__)]))
"""


def test_dataclasses_made_from_the_snapshot_behave_as_freshly_made(where):
    def probe(folder):
        env = dict(os.environ, MEDLINT_SNAPSHOT_DIR=folder)
        return subprocess.run([sys.executable, "-c", DATACLASSES], capture_output=True, text=True, check=True, env=env).stdout

    fresh = probe("")  # no snapshot: dataclasses compiles as usual
    assert json.loads(fresh)[5:8] == ["refused", "Box(items=[Point(x=1, y=2, tags=())], name='box')", True]
    assert probe(str(where)) == fresh  # compiled, then written
    assert any(p.name.startswith("dataclass-code-") for p in where.iterdir())
    assert probe(str(where)) == fresh  # code read from the snapshot


def test_a_run_that_adds_too_few_entries_leaves_the_file_alone(where):
    """A library pattern whose text changes with the hash seed adds one entry per run: that
    alone must not rewrite the whole snapshot at every exit. A first snapshot is always written."""
    first = Snapshot("few", "s", min_added=3)
    first.put("a", 1)
    first.save()
    assert Snapshot("few", "s").get("a") == 1  # nothing read before: written for one entry
    blob = first.path.read_bytes()

    again = Snapshot("few", "s", min_added=3)
    again.put("b", 2)
    again.put("c", 3)
    again.save()
    assert first.path.read_bytes() == blob  # two new entries: not worth a rewrite

    more = Snapshot("few", "s", min_added=3)
    for key in "bcd":
        more.put(key, 4)
    more.save()
    assert Snapshot("few", "s").get("d") == 4 and Snapshot("few", "s").get("a") == 1


def test_writing_a_snapshot_deletes_the_unused_files_of_its_kind(where):
    """Each version writes files of its own: the folder must not only grow. Files of the same
    kind that no run has read for STALE_AFTER go; recent ones, other kinds and files medlint
    did not write stay."""
    _saved(name="kind", salt="old", a=1)
    (old,) = where.glob("kind-*.bin")
    _saved(name="kind", salt="recent", a=1)
    (recent,) = set(where.glob("kind-*.bin")) - {old}
    _saved(name="other", salt="old", a=1)
    (other,) = where.glob("other-*.bin")
    foreign = where / "kind-notatag.bin"
    foreign.write_bytes(b"x")
    long_ago = snapshot.time.time() - snapshot.STALE_AFTER - 60
    for path in (old, other, foreign):
        os.utime(path, (long_ago, long_ago))
    _saved(name="kind", salt="new", a=1)
    assert not old.exists()
    assert recent.exists() and other.exists() and foreign.exists()


def test_reading_a_snapshot_marks_it_used(where):
    snap = _saved(a=1)
    long_ago = snapshot.time.time() - snapshot.STALE_AFTER - 60
    os.utime(snap.path, (long_ago, long_ago))
    assert Snapshot("t", "s").get("a") == 1
    assert snap.path.stat().st_mtime > long_ago + snapshot.STALE_AFTER
    _saved(name="t", salt="another", a=1)  # the read one is no longer stale
    assert snap.path.exists()
