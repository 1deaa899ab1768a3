"""The formats content sites are written in: Hugo, Jekyll, Docusaurus (MDX) and plain HTML exports.

Each test site is built here in a temporary folder from pages written as pieces, each piece either
markup (front matter, template tags, JSX, HTML tags and page chrome, code) or prose. The markup
pieces carry words that rules report ("committed suicide", "anorexics"), so a misread would show
as a finding; the prose pieces carry them too, so the rules demonstrably still run. Asserted: no
finding starts or ends inside markup (SRC's document-level findings, anchored on the opening
front-matter fence by design, aside), the prose findings are there, and ``--fix --unsafe-fixes``
leaves every markup piece as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from medlint.engine import registry
from medlint.engine.config import Config
from medlint.engine.fixer import fix_document
from medlint.engine.runner import run_checks
from medlint.model.dates import article_date
from medlint.model.document import Document
from medlint.model.errors import InputError


def M(text: str) -> tuple[str, str]:
    return ("markup", text)


def P(text: str) -> tuple[str, str]:
    return ("prose", text)


class Page:
    """A page as markup and prose pieces: its text, its markup spans, and what a fix may change."""

    def __init__(self, name: str, pieces: list[tuple[str, str]]):
        self.name = name
        self.pieces = []
        for kind, t in pieces:  # white space around markup is layout, not markup: a fix may take it
            core = t.strip()
            if kind == "prose" or not core:
                self.pieces.append(("prose", t))
                continue
            lead = t[: len(t) - len(t.lstrip())]
            self.pieces += [("prose", lead), ("markup", core), ("prose", t[len(lead) + len(core) :])]
        self.text = "".join(t for _, t in self.pieces)
        self.markup = []
        pos = 0
        for kind, t in self.pieces:
            if kind == "markup":
                self.markup.append((pos, pos + len(t)))
            pos += len(t)

    def inside_markup(self, start: int, end: int) -> bool:
        last = max(start, end - 1)
        return any(s <= start < e or s <= last < e for s, e in self.markup)

    def markup_kept(self, fixed: str) -> bool:
        """True when ``fixed`` holds every markup piece unchanged, in order (prose may change)."""
        pattern = "".join(re.escape(t) if kind == "markup" else "(?s:.*?)" for kind, t in self.pieces)
        return re.fullmatch(pattern, fixed) is not None


HUGO_TOML = Page("content/posts/coping.md", [
    M('+++\ntitle = "Why anorexics committed suicide"\ndate = 2024-03-02\nauthor = "Ann Lee, LCSW"\n+++\n'),
    P("\n# Coping after a loss\n\n"),
    M('{{< figure src="/img/walk.jpg" caption="Many anorexics hide it" >}}'),
    P("\n\nHer brother committed suicide in 2019. "),
    M('{{< ref "help.md" >}}'),
    P(" Many anorexics hide it.\n\n"),
    M('{{< highlight python >}}\nnote = "committed suicide"  # anorexics\n{{< /highlight >}}'),
    P("\n\n"),
    M("{{% notice tip %}}"),
    P("\nShort walks in daylight can lift your mood.\n"),
    M("{{% /notice %}}"),
    P("\n"),
])
HUGO_JSON = Page("content/posts/recovery.md", [
    M('{\n  "title": "Anorexics and recovery",\n  "date": "2024-05-01",\n  "author": "Ann Lee"\n}\n'),
    P("\nRecovery takes time. Many anorexics hide it.\n"),
])
JEKYLL = Page("_posts/2024-05-01-winter-mood.md", [
    M('---\nlayout: post\ntitle: "Anorexics in winter"\nauthor: Ann Lee\n---\n'),
    M('{% include header.html title="committed suicide" %}'),
    P("\nShort walks in daylight can lift your mood, "),
    M("{{ page.author }}"),
    P(" says. Many anorexics hide it.\n\n"),
    M('{% highlight ruby %}\nputs "committed suicide"\n{% endhighlight %}'),
    P("\n\n"),
    M("{% raw %}{{ anorexics }}{% endraw %}"),
    P("\n\n"),
    M("{% comment %} Many anorexics hide it. {% endcomment %}"),
    P("\n\nHer brother committed suicide in 2019.\n"),
])
DOCUSAURUS = Page("docs/intro.mdx", [
    M("---\ntitle: Anorexics and winter\nauthor: Ann Lee\ndate: 2024-05-01\n---\n"),
    M("import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\nexport const meta = {note: \"committed suicide\"};\n"),
    P("\n# Getting help\n\n"),
    M('<Tabs groupId="help">'),
    P("\n"),
    M('<TabItem value="call" label="Many anorexics hide it">'),
    P("\n\nHer brother committed suicide in 2019.\n\n"),
    M("</TabItem>"),
    P("\n"),
    M("</Tabs>"),
    P("\n\n"),
    M("{/* Many anorexics hide it. */}"),
    P("\n\n"),
    M(":::note"),
    P(" Short walks help\n\nMany anorexics hide it.\n\n"),
    M(":::"),
    P("\n\nThe count is "),
    M("{props.anorexics}"),
    P(", and "),
    M('<Highlight color="#25c2a0">'),
    P("short walks"),
    M("</Highlight>"),
    P(" help.\n"),
])
HTML_EXPORT = Page("export/coping.html", [
    M('<!DOCTYPE html>\n<html lang="en"><head><title>Anorexics committed suicide</title>\n'
      '<meta name="description" content="Many anorexics hide it">\n'
      '<style>.note:after { content: "committed suicide"; }</style>\n'
      '<script>var teaser = "Many anorexics hide it.";</script></head>\n<body>\n'
      "<header><p>Many anorexics hide it.</p></header>\n"
      '<nav><a href="/">Anorexics</a> | <a href="/about">Committed suicide</a></nav>\n'
      "<article>\n<h1>"),
    P("Coping after a loss"),
    M("</h1>\n<p>"),
    P("Her brother committed suicide in 2019. Many "),
    M("<em>"),
    P("anorexics"),
    M("</em>"),
    P(" hide it."),
    M('</p>\n<figure><img src="walk.jpg" alt="committed suicide"><figcaption>'),
    P("Photo: a walk in the park"),
    M("</figcaption></figure>\n<pre><code>anorexics = committed_suicide()</code></pre>\n<ul><li>"),
    P("Short walks in daylight can lift your mood."),
    M("</li></ul>\n</article>\n<aside>Many anorexics hide it.</aside>\n"
      "<form><label>Many anorexics hide it</label><button>Committed suicide</button></form>\n"
      "<footer>Many anorexics hide it.</footer>\n</body></html>\n"),
])

SITES = {
    "hugo": [HUGO_TOML, HUGO_JSON],
    "jekyll": [JEKYLL],
    "docusaurus": [DOCUSAURUS],
    "html": [HTML_EXPORT],
}
#: Prose findings each page must still give (code, the flagged text).
EXPECTED = {
    HUGO_TOML.name: {("SAF001", "committed suicide"), ("LNG004", "anorexics")},
    HUGO_JSON.name: {("LNG004", "anorexics")},
    JEKYLL.name: {("SAF001", "committed suicide"), ("LNG004", "anorexics")},
    DOCUSAURUS.name: {("SAF001", "committed suicide"), ("LNG004", "anorexics")},
    HTML_EXPORT.name: {("SAF001", "committed suicide"), ("LNG004", "anorexics")},
}


def _build(root: Path, pages: list[Page]) -> None:
    for page in pages:
        path = root / page.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.text.encode("utf-8"))


def _allowed(page: Page, d: dict) -> bool:
    """SRC's document-level findings stand on the opening front-matter fence by design."""
    return d["code"].startswith("SRC") and d["start"] == 0


@pytest.mark.parametrize("site", sorted(SITES))
def test_site_findings_stay_out_of_markup_and_fixes_leave_it(site, tmp_path):
    pages = SITES[site]
    _build(tmp_path, pages)
    res = run_cli("check", "--format", "json", "--no-cache", "--ignore", "GRM", tmp_path)
    assert res.returncode == 1, res.stderr
    data = json.loads(res.stdout)
    assert not data["errors"]
    by_page = {p.name: p for p in pages}
    seen: dict[str, set] = {p.name: set() for p in pages}
    for d in data["diagnostics"]:
        name = Path(d["path"]).relative_to(tmp_path).as_posix()
        page = by_page[name]
        flagged = page.text[d["start"] : d["end"]]
        assert _allowed(page, d) or not page.inside_markup(d["start"], d["end"]), (name, d["code"], flagged)
        seen[name].add((d["code"], flagged))
    for page in pages:
        assert EXPECTED[page.name] <= seen[page.name], (page.name, seen[page.name])

    fixed = run_cli("check", "--fix", "--unsafe-fixes", "--no-cache", "--ignore", "GRM", tmp_path)
    assert fixed.returncode in (0, 1), fixed.stderr
    for page in pages:
        after = (tmp_path / page.name).read_text(encoding="utf-8")
        assert after != page.text  # the prose findings were fixed
        assert page.markup_kept(after), after


def test_jekyll_date_from_file_name_reaches_src(tmp_path):
    _build(tmp_path, [JEKYLL])
    data = json.loads(run_cli("check", "--format", "json", "--no-cache", "--select", "SRC", tmp_path).stdout)
    assert not [d for d in data["diagnostics"] if d["code"] == "SRC002"]
    doc = Document(JEKYLL.text, JEKYLL.name)
    assert article_date(doc).origin == "file name" and str(article_date(doc).date) == "2024-05-01"
    undated = Document(JEKYLL.text, "_posts/winter-mood.md")
    assert article_date(undated) is None


def test_toml_and_json_front_matter_give_the_same_keys():
    toml = Document(HUGO_TOML.text, HUGO_TOML.name)
    json_doc = Document(HUGO_JSON.text, HUGO_JSON.name)
    assert toml.front_matter["author"] == "Ann Lee, LCSW" and str(toml.front_matter["date"]) == "2024-03-02"
    assert json_doc.front_matter["author"] == "Ann Lee" and json_doc.front_matter_span[0] == 0
    for doc in (toml, json_doc):
        start, end = doc.front_matter_span
        assert not doc.prose[start:end].strip()


@pytest.mark.parametrize(
    "name, text, line, words",
    [
        ("a.md", "+++\ntitle = \"x\"\ndate = 2024-13-01\n+++\nBody.\n", 3, "invalid TOML"),
        ("a.md", "+++\ntitle = \"x\"\nBody without a closing fence.\n", 1, "never closed"),
        ("a.md", "{\n  \"title\": \"x\",\n  \"date\": \n}\nBody.\n", 4, "invalid JSON"),
        ("a.mdx", "---\ntitle: x\nauthor: [Ann\n---\nBody.\n", 4, "invalid YAML"),
        ("a.html", "---\ntitle: x\nBody without a closing fence.\n", 1, "never closed"),
    ],
)
def test_broken_front_matter_is_one_input_error_with_its_line(name, text, line, words):
    with pytest.raises(InputError) as info:
        Document(text, name)
    assert info.value.line == line and words in info.value.message


def test_broken_front_matter_exits_2_and_the_other_files_are_checked(tmp_path):
    _build(tmp_path, [HUGO_JSON])
    (tmp_path / "content" / "posts" / "broken.md").write_text("+++\ntitle = \"x\ndate = 2024-01-01\n+++\nBody.\n", encoding="utf-8")
    res = run_cli("check", "--no-cache", "--ignore", "GRM", tmp_path)
    assert res.returncode == 2
    assert "broken.md:2: input error: invalid TOML front matter" in res.stderr + res.stdout
    assert "recovery.md" in res.stdout  # the good file was still checked


def test_a_thematic_break_at_the_top_is_not_front_matter():
    doc = Document("---\n\nShort walks help. They lift the mood.\n", "a.md")
    assert doc.front_matter_span is None and "Short walks help." in doc.prose


def test_callouts_and_admonitions_are_prose_not_quotations():
    text = (
        "> [!NOTE]\n> Short walks in daylight can lift your mood.\n\n"
        "> A quotation from a reader.\n\n"
        '!!! tip "Try this"\n    Walk for ten minutes after lunch.\n\n    A second paragraph of the tip.\n\n'
        ":::caution[Take care]\nTalk to your doctor first.\n:::\n"
    )
    doc = Document(text, "a.md")
    blocks = {doc.block_text(b): b for b in doc.blocks}
    assert not blocks["Short walks in daylight can lift your mood."].quoted
    assert blocks["A quotation from a reader."].quoted
    assert blocks["Walk for ten minutes after lunch."].kind == "paragraph"  # not indented code
    assert "A second paragraph of the tip." in blocks
    assert "Talk to your doctor first." in blocks
    for marker in ("[!NOTE]", "!!!", "tip", ":::", "caution", '"'):
        assert marker not in doc.prose.split()
    assert "Try" in doc.prose and "Take care" in doc.prose  # titles are prose


def test_mdx_suppression_comment():
    text = "# Help\n\n{/* medlint-disable-next-line LNG */}\nMany anorexics hide it.\n\nMany anorexics hide it too.\n"
    res = run_cli("check", "--format", "json", "--ignore", "GRM", "-", input=text)
    lines = [d["line"] for d in json.loads(res.stdout)["diagnostics"] if d["code"] == "LNG004"]
    assert lines == [6]


def test_html_text_keeps_its_offsets_and_blocks():
    text = HTML_EXPORT.text
    doc = Document(text, "x.html")
    assert len(doc.prose) == len(text)
    for i, c in enumerate(doc.prose):
        assert c in (" ", "\n") or c == text[i]
    kinds = {doc.block_text(b): (b.kind, b.level, b.role) for b in doc.blocks}
    assert kinds["Coping after a loss"] == ("heading", 1, "")
    assert kinds["Short walks in daylight can lift your mood."] == ("list_item", 1, "")
    assert kinds["Photo: a walk in the park"][2] == "caption"
    assert "teaser" not in doc.prose and "Site" not in doc.prose


def test_html_character_references_inside_words_are_not_typos():
    text = "<p>It doesn&#8217;t help to rush. Caf&eacute; visits &amp; short walks help.</p>\n"
    doc = Document(text, "x.html")
    words = [t.text for t in doc.tokens]
    assert "doesn" not in words and "t" not in words and "Caf" not in words
    assert {"It", "help", "visits", "short", "walks"} <= set(words)
    registry.load()
    diagnostics, _ = run_checks(doc, Config().settings_for("x.html"))
    assert not [d for d in diagnostics if d.code.startswith("SPL")]


def test_reference_sections_and_captions_leave_readability_and_acronyms_alone():
    body = (
        "# Sleep and mood\n\nSleep helps your mood. Go to bed at the same time each night. "
        "Keep your room dark and cool. A short walk in the day helps you sleep. "
        "Put your phone away an hour before bed. If you still cannot sleep, talk to your doctor. "
        "Small steps add up over a few weeks.\n"
    )
    references = (
        "\n## References\n\n"
        "1. Smith JA, Doe B. Chronobiological determinants of nocturnal hypersomnolence in NIMH cohorts. "
        "J Psychiatr Res. 2019;112(3):45-67. doi:10.1016/j.jpsychires.2019.01.001\n"
        "2. Brown C, et al. Pharmacokinetic heterogeneity of antidepressant administration. "
        "Neuropsychopharmacology. 2021;46(2):300-312.\n"
    )
    registry.load()
    settings = Config().settings_for("x.md")
    plain, _ = run_checks(Document(body, "x.md"), settings)
    cited_doc = Document(body + references, "x.md")
    cited, _ = run_checks(cited_doc, settings)
    assert {b.role for b in cited_doc.blocks if b.start > len(body)} == {"reference"}
    rdb = lambda ds: sorted((d.code, d.start, d.end) for d in ds if d.code.startswith("RDB"))  # noqa: E731
    assert rdb(cited) == rdb(plain)  # the citations change no readability, acronym or jargon finding
    assert not [d for d in cited if d.code == "RDB004"]  # "NIMH" only in a citation
    # Outside a References section, an entry-shaped citation is recognised on its own.
    loose = Document(body + "\nSmith JA, Doe B. A title. J Psychiatr Res. 2019;112(3):45-67.\n", "x.md")
    assert loose.blocks[-1].role == "citation"


def test_ignore_patterns_and_blocks_from_the_config(tmp_path):
    (tmp_path / ".medlint.yaml").write_text(
        "ignore-patterns: ['\\[\\[[^\\]]+\\]\\]']\nignore-blocks: ['\\[quiz\\][\\s\\S]*?\\[/quiz\\]']\n", encoding="utf-8"
    )
    page = tmp_path / "a.md"
    text = "Short walks help [[anorexics]] a lot.\n\n[quiz]\nMany anorexics hide it.\n[/quiz]\n\nMany anorexics hide it.\n"
    page.write_text(text, encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--no-cache", "--select", "LNG", page).stdout)
    assert [d["line"] for d in data["diagnostics"]] == [7]
    (tmp_path / ".medlint.yaml").write_text("fail-on: warning\n", encoding="utf-8")  # without them: all three
    data = json.loads(run_cli("check", "--format", "json", "--no-cache", "--select", "LNG", page).stdout)
    assert [d["line"] for d in data["diagnostics"]] == [1, 4, 7]


@pytest.mark.parametrize(
    "config, words",
    [("ignore-patterns: ['[unclosed']\n", "not a valid regular expression"), ("ignore-blocks: ['x*']\n", "matches empty text")],
)
def test_bad_ignore_patterns_are_config_errors_with_their_line(tmp_path, config, words):
    (tmp_path / ".medlint.yaml").write_text("fail-on: warning\n" + config, encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    res = run_cli("check", tmp_path / "a.md")
    assert res.returncode == 2 and words in res.stderr + res.stdout and ".medlint.yaml:2" in res.stderr + res.stdout


def test_a_folder_with_no_file_to_check_is_an_error(tmp_path):
    (tmp_path / "notes.rst").write_text("Many anorexics hide it.\n", encoding="utf-8")
    res = run_cli("check", tmp_path)
    assert res.returncode == 2
    assert "no file to check in this folder" in res.stdout + res.stderr and ".mdx" in res.stdout + res.stderr
    (tmp_path / "page.mdx").write_text("Fine words.\n", encoding="utf-8")
    assert run_cli("check", tmp_path).returncode == 0


# -- property: whatever the mix, fixes never touch markup ---------------------------------------

_PROSE = ["Her brother committed suicide in 2019. ", "Many anorexics hide it. ", "It is a groundbreaking cure. ",
          "Ketamine blocks the MNDA receptor. ", "The reationships improved. ", "Short walks help. "]
_WORDS = st.text(alphabet="abcdefghij klmnop ", max_size=20)
_MARKUP = {
    ".md": ['{{< ref "committed suicide" >}}', "{% include anorexics.html %}", "{{ page.anorexics }}",
            '\n\n{{< highlight go >}}\ncommitted suicide\n{{< /highlight >}}\n\n', "\n\n{% raw %}anorexics{% endraw %}\n\n"],
    ".mdx": ['<Note title="committed suicide">', "</Note>", "{props.anorexics}", "{/* Many anorexics hide it. */}",
             "\n\nexport const x = 'committed suicide';\n\n", '<Badge text="reationships" />'],
    ".html": ["<p>", "</p>", "<nav>committed suicide</nav>", '<a href="/anorexics">', "</a>",
              "<script>var x = 'anorexics';</script>", "<em>", "</em>", "<pre>reationships</pre>"],
}
_FRONT = {
    ".md": '+++\ntitle = "Many anorexics hide it"\n+++\n',
    ".mdx": "---\ntitle: Many anorexics committed suicide\n---\n",
    ".html": "---\ndescription: committed suicide\n---\n",
}


def _pieces(suffix: str):
    piece = st.one_of(st.sampled_from(_PROSE).map(P), _WORDS.map(P), st.sampled_from(_MARKUP[suffix]).map(M))
    return st.tuples(st.booleans(), st.lists(piece, max_size=14)).map(
        lambda t: ([M(_FRONT[suffix])] if t[0] else []) + t[1]
    )


_SETTINGS = None


def _settings():
    global _SETTINGS
    if _SETTINGS is None:
        registry.load()
        _SETTINGS = Config().settings_for("-")
    return _SETTINGS


@pytest.mark.parametrize("suffix", sorted(_MARKUP))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_markup_is_never_reported_or_fixed(suffix, data):
    pieces = data.draw(_pieces(suffix))
    page = Page("page" + suffix, pieces)
    doc = Document(page.text, page.name)
    diagnostics, _ = run_checks(doc, _settings())
    for d in diagnostics:
        assert (d.code.startswith("SRC") and d.start == 0) or not page.inside_markup(d.start, d.end), (d.code, page.text[d.start : d.end])
    outcome = fix_document(doc, _settings(), unsafe=True)
    assert page.markup_kept(outcome.text), outcome.text
