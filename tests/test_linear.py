"""Linear work on hostile inputs (issue 20, item 3), shown without timing: the acronym
definitions look back over a bounded window of words (``_words_back``) instead of re-reading the
paragraph for each acronym; here it is checked to find the same words the whole-paragraph
search found. Growth figures per doubling: ``benchmarks/growth.py``."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from medlint.text.acronyms import _words_back


@given(st.text(alphabet="ab (\n", max_size=40), st.integers(0, 40), st.integers(0, 40), st.integers(1, 4))
def test_words_back_is_the_start_of_the_last_words(text, lo, hi, count):
    lo, hi = min(lo, len(text)), min(hi, len(text))
    if lo > hi:
        lo, hi = hi, lo
    words = list(re.compile(r"\S+").finditer(text, lo, hi))
    expected = words[-count:][0].start() if words else None
    assert _words_back(text, lo, hi, count) == expected
