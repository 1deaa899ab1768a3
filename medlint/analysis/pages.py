"""What kind of page an article is, read from the page itself (part of the shared sentence
reading, ``reading.py``): a press release (a publisher's label, a wire dateline, a media-contact
block), a news story (a news section in the front matter, an "Article:" label), a forum post, a
first-person account (first person singular at least once per 100 words of the writer's own
prose), or an informational page; and whether the page speaks as the provider of a service
("we offer", "our clinic", "call us"). File names are never read.
"""

from __future__ import annotations

import bisect
import re

from medlint.analysis.reading_base import ReadingBase
from medlint.analysis.reading_lexicon import _WORD, Genre


class PageKind(ReadingBase):
    """The reading's part that tells the page's kind (``genre``)."""

    @property
    def genre(self) -> Genre:
        return self._memo(("genre",), self._genre)

    def _genre(self) -> Genre:
        doc = self.doc
        body_start = doc.front_matter_span[1] if doc.front_matter_span else 0
        rate, count = self._first_person_rate()
        for kind in ("press_release", "personal", "news", "forum"):
            if kind == "personal":
                # A first-person account, even in a newspaper's features section.
                if rate >= 1.0 and count >= 5:
                    return Genre("personal", self._provider(), f"first person singular {rate:.1f} per 100 words")
                continue
            body, fm_pattern, keys = self.lex.genres[kind]
            for pattern in body:
                m = pattern.search(doc.text, body_start)
                if m:
                    return Genre(kind, self._provider(), f"“{' '.join(m.group().split())[:40]}”")
            value = _front_matter_value(doc.front_matter, fm_pattern, keys)
            if value:
                return Genre(kind, self._provider(), f"front matter “{value}”")
        return Genre("informational", self._provider(), "")

    def _first_person_rate(self) -> tuple[float, int]:
        """First-person singular words per 100 words of the writer's own prose (quotes left out)."""
        prose = self.doc.prose
        quotes = self.doc.quotes
        q_starts = [q[0] for q in quotes]

        def quoted(at: int) -> bool:
            k = bisect.bisect_right(q_starts, at) - 1
            return k >= 0 and quotes[k][0] <= at < quotes[k][1]

        words = len(self.doc.tokens) - sum(len(_WORD.findall(prose, q0, q1)) for q0, q1 in quotes)
        count = sum(1 for m in self.lex.first_person.finditer(prose) if not quoted(m.start()))
        return (100.0 * count / words if words > 0 else 0.0), count

    def _provider(self) -> bool:
        """Whether the page speaks as the provider of a service, outside its calls to action:
        at least two such sentences ("we offer", "our clinic", "call us")."""
        found = 0
        prose = self.doc.prose
        where = self._holding(self.lex.provider)
        for k in sorted(where) if where is not None else range(len(self.sentences)):
            s = self.sentences[k]
            if self.doc.blocks[s.block].kind == "heading":
                continue
            if self.lex.provider.search(prose, s.start, s.end):
                found += 1
                if found >= 2:
                    return True
        return False



def _front_matter_value(fm: object, pattern: re.Pattern | None, keys: tuple[str, ...]) -> str | None:
    """The first front matter value (under ``keys`` when given) matching ``pattern``."""
    if pattern is None or not isinstance(fm, dict):
        return None
    wanted = {re.sub(r"[^a-z]", "", k.lower()) for k in keys}
    stack: list[tuple[object, object]] = [(None, fm)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((k, v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((key, v) for v in item)
        elif isinstance(item, str) and (not wanted or (key is not None and re.sub(r"[^a-z]", "", str(key).lower()) in wanted)):
            if pattern.search(item.strip()):
                return item.strip()
    return None
