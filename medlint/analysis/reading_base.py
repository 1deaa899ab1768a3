"""What every part of the shared reading stands on: the document, its sentences, the compiled
word classes (``reading_lexicon``), the memo that keeps each answer, and the search that skips
a sentence without the literals a pattern needs. ``Reading`` (``reading.py``) is built on it,
with the page kind (``pages.py``) and the attribution (``attribution.py``) between."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar, cast

from medlint.analysis.reading_lexicon import lexicon
from medlint.model.document import Document
from medlint.text.prefilter import fold

_T = TypeVar("_T")


class ReadingBase:
    """The state and helpers of one document's reading (use ``reading(doc)``)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lex = lexicon()
        self.sentences = doc.sentences
        self._cache: dict[tuple, object] = {}

    def _memo(self, key: tuple, compute: Callable[[], _T]) -> _T:
        """``compute()``, kept under ``key`` for the life of the reading."""
        try:
            # Each key names one question, always answered by the same computation.
            return cast(_T, self._cache[key])
        except KeyError:
            value = compute()
            self._cache[key] = value
            return value

    def _search(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """``pattern.search(prose, start, end)``, skipped where a literal it needs is absent."""
        needs = self.lex.needs.get(id(pattern))
        if needs is not None and not needs.possible(fold(self.doc.prose), start, end):
            return None
        return pattern.search(self.doc.prose, start, end)

    def _holding(self, pattern: re.Pattern) -> frozenset[int] | None:
        """The sentences that hold a literal ``pattern`` needs (None: it may match anywhere).
        One scan of the document per pattern, with ``str.find``: far cheaper than the pattern."""

        def compute() -> frozenset[int] | None:
            needs = self.lex.needs.get(id(pattern))
            offsets = needs.offsets(fold(self.doc.prose)) if needs is not None else None
            return None if offsets is None else frozenset(self.doc.sentences_holding(offsets))

        return self._memo(("holding", id(pattern)), compute)

    def index_at(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset`` (``Document.sentence_index``)."""
        return self.doc.sentence_index(offset)
