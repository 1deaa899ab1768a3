"""The document model: decoding, front matter, prose masking, blocks, sentences, quotes."""

from __future__ import annotations

import pytest

from medlint.model.document import Document, decode
from medlint.model.errors import InputError


def _prose_words(doc: Document) -> set[str]:
    return set(doc.prose.split())


def test_decode_utf8_with_and_without_bom():
    assert decode("héllo".encode(), "a.md") == ("héllo", False)
    assert decode(b"\xef\xbb\xbfhi", "a.md") == ("hi", True)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"abc\x00def", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_decode_errors_name_the_problem(data, words):
    with pytest.raises(InputError) as info:
        decode(data, "bad.md")
    assert words in str(info.value) and "bad.md" in str(info.value)


def test_markdown_masks_everything_but_prose_and_keeps_offsets():
    text = (
        "---\ntitle: Secret title\nauthor: Ann\n---\n"
        "# Heading *one*\n\n"
        "Read [the guide](https://example.org/hidden-path \"hidden title\") and `hidden_code` now.\n\n"
        "```python\nhidden_block = 1\n```\n\n"
        "<!-- hidden comment -->\n\n"
        "- item **bold** text\n"
        "  1. nested item\n\n"
        "> quoted words here\n\n"
        "| Col A | Col B |\n|-------|-------|\n| cell one | cell two |\n\n"
        "Visit https://example.com/hidden-url please.\n"
    )
    doc = Document(text, "a.md")
    assert len(doc.prose) == len(text)
    assert doc.front_matter == {"title": "Secret title", "author": "Ann"}
    words = _prose_words(doc)
    for hidden in ("Secret", "hidden-path", "hidden", "hidden_code", "hidden_block", "https://example.com/hidden-url", "```python"):
        assert hidden not in words
    for visible in ("Heading", "one", "the", "guide", "bold", "nested", "quoted", "cell", "two", "Visit", "please."):
        assert visible in words
    kinds = {doc.block_text(b).strip(): (b.kind, b.quoted) for b in doc.blocks}
    assert kinds["Heading  one"] == ("heading", False)
    assert kinds["quoted words here"] == ("paragraph", True)
    assert kinds["cell one"] == ("table_cell", False)
    assert kinds["nested item"][0] == "list_item"
    for b in doc.blocks:  # every block's prose is the original text, markup aside
        for token in doc.prose[b.start : b.end].split():
            assert token in doc.text[b.start : b.end]


def test_setext_heading_and_crlf():
    text = "Title here\r\n==========\r\n\r\nBody text. Second sentence.\r\n"
    doc = Document(text, "a.md")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    assert doc.block_text(doc.blocks[0]) == "Title here"
    assert [doc.sentence_text(s) for s in doc.sentences][1:] == ["Body text.", "Second sentence."]


def test_plain_text_paragraphs_and_unwrapped_lines():
    wrapped = "First paragraph line one\nline two of it.\n\nSecond paragraph.\n"
    doc = Document(wrapped, "a.txt")
    assert [doc.block_text(b) for b in doc.blocks] == ["First paragraph line one\nline two of it.", "Second paragraph."]
    long_line = "A heading without a stop\n" + "This line is long enough that it cannot be hard-wrapped prose, so each line is a block. " * 2 + "\n"
    doc = Document(long_line, "a.txt")
    assert doc.block_text(doc.blocks[0]) == "A heading without a stop"
    assert len(doc.blocks) == 2


def test_invalid_front_matter_is_an_input_error_with_line():
    with pytest.raises(InputError) as info:
        Document("---\ntitle: [unclosed\n---\nBody\n", "post.md")
    assert info.value.path == "post.md" and info.value.line is not None


def test_a_date_that_does_not_exist_is_an_input_error_with_line():
    """YAML reads 2024-02-30 as a date and fails: an error about the file, not a crash."""
    with pytest.raises(InputError) as info:
        Document("---\ntitle: T\ndate: 2024-02-30\n---\nBody\n", "post.md")
    assert info.value.line == 3 and "2024-02-30" in info.value.message
    assert str(Document("---\ndate: 2024-02-29\n---\nBody\n", "post.md").front_matter["date"]) == "2024-02-29"


def test_front_matter_aliases_are_refused():
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\nBody\n"
    with pytest.raises(InputError) as info:
        Document(bomb, "post.md")
    assert "aliases" in str(info.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith saw him. He was fine.", ["Dr. Smith saw him.", "He was fine."]),
        ("Use e.g. sertraline at 2.5 mg daily. Then stop.", ["Use e.g. sertraline at 2.5 mg daily.", "Then stop."]),
        ("In the U.S. it is common. Elsewhere too.", ["In the U.S. it is common.", "Elsewhere too."]),
        ("N. Tracy wrote it. It is good!", ["N. Tracy wrote it.", "It is good!"]),
        ("She said “Stop now.” Then she left.", ["She said “Stop now.”", "Then she left."]),
        ("Is it safe? Yes. (Mostly.) Fine.", ["Is it safe?", "Yes.", "(Mostly.)", "Fine."]),
    ],
)
def test_sentence_splitting(text, expected):
    doc = Document(text, "a.md")
    assert [doc.sentence_text(s) for s in doc.sentences] == expected


def test_quoted_speech_is_marked():
    doc = Document("He said, “The drug cured me completely.” Doctors disagree.\n", "a.md")
    quoted = [doc.sentence_text(s) for s in doc.sentences if s.quoted]
    assert quoted == ["He said, “The drug cured me completely.”"]
    start = doc.text.index("cured")
    assert doc.is_quoted(start, start + 5)
    assert not doc.is_quoted(doc.text.index("Doctors"), doc.text.index("Doctors") + 7)


def test_positions_are_one_based_code_points():
    doc = Document("αβγ\nsecond line\n", "a.md")
    assert doc.position(0) == (1, 1)
    assert doc.position(doc.text.index("second")) == (2, 1)
    assert doc.position(2) == (1, 3)


def test_tokens_have_offsets_into_the_text():
    doc = Document("Ketamine’s effect, self-harm and GluN2B.", "a.md")
    assert [t.text for t in doc.tokens] == ["Ketamine’s", "effect", "self-harm", "and", "GluN2B"]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)


def test_sentence_lookup_by_offset():
    """One lookup: every offset inside a sentence finds it; gaps and text outside prose find none."""
    doc = Document("# Title\n\nFirst one. Second one.\n\nThird.\n", "a.md")
    for i, sentence in enumerate(doc.sentences):
        for at in range(sentence.start, sentence.end):
            assert doc.sentence_index(at) == i and doc.sentence_at(at) == sentence
    outside = [at for at in range(len(doc.text) + 1) if not any(s.start <= at < s.end for s in doc.sentences)]
    assert outside and all(doc.sentence_index(at) is None and doc.sentence_at(at) is None for at in outside)
    second = doc.sentences[2].start
    assert doc.sentences_holding([0, doc.sentences[0].start, second, second + 1, len(doc.text)]) == {0, 2}
    assert doc.sentences_holding(None) == set(range(len(doc.sentences)))


def test_block_lookup_by_offset():
    """One lookup: every offset inside a block finds it; front matter, blank lines and the end
    of the text find none."""
    doc = Document("---\ntitle: T\n---\n# Title\n\nFirst one.\n\n- an item\n- another\n", "a.md")
    assert len(doc.blocks) >= 3
    for i, block in enumerate(doc.blocks):
        for at in range(block.start, block.end):
            assert doc.block_index(at) == i and doc.block_at(at) is block
    outside = [at for at in range(len(doc.text) + 1) if not any(b.start <= at < b.end for b in doc.blocks)]
    assert 0 in outside and len(doc.text) in outside
    assert all(doc.block_index(at) is None and doc.block_at(at) is None for at in outside)


def test_blocks_between_are_the_blocks_a_span_overlaps():
    """The bisection gives exactly the blocks a plain scan finds, for every span."""
    doc = Document("---\ntitle: T\n---\n# Title\n\nFirst one.\n\n- an item\n- another\n\n> quoted\n", "a.md")
    n = len(doc.text)
    for start in range(n + 1):
        for end in range(start, n + 1):
            expected = [b for b in doc.blocks if b.start < end and start < b.end]
            assert doc.blocks_between(start, end) == expected, (start, end)
