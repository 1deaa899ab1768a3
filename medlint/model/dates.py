"""When an article was written: front matter ``updated``/``date`` keys, a Jekyll-style file name
(``2024-05-01-title.md``), or a dateline.

Time-aware checks need the date a claim was made: a claim true when written but out of date now
is reported differently from one that was already wrong. The latest of the front matter's
update keys wins over its publication keys (an update re-asserts the text); without front
matter, a press-release dateline ("ANNAPOLIS, MD, November 21, 2024 /24-7PressRelease/",
"Tuesday Nov 21, 2023 @ 5:00 PM"), a "Posted on …" line or a line holding only a date near the
top of the article is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

#: Front matter keys, most specific first: an update date, then a publication date.
UPDATED_KEYS = ("updated", "updatedAt", "updated_at", "last_updated", "lastmod", "last_modified", "modified", "dateModified")
PUBLISHED_KEYS = ("date", "publishedAt", "published_at", "published", "publishDate", "pubDate", "datePublished", "created")

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
#: How far into the body a dateline may stand.
HEAD_CHARS = 1500
_DATELINES = (
    re.compile(rf"{_MDY}\s*(?:/|--|—|–|@|\()", re.I),  # press-release datelines
    re.compile(rf"\b(?:posted|published|updated|last\s+updated|reviewed)(?:\s+on)?:?\s+{_MDY}", re.I),
    re.compile(rf"^[ \t]*{_MDY}[ \t]*$", re.I | re.M),  # a line holding only a date
)


@dataclass(frozen=True)
class ArticleDate:
    """The article's date and where it came from (for messages: "front matter 'updatedAt'")."""

    date: date
    origin: str


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _from_front_matter(front: dict) -> ArticleDate | None:
    for keys in (UPDATED_KEYS, PUBLISHED_KEYS):
        found = [(d, k) for k in keys if (d := _as_date(front.get(k))) is not None]
        if found:
            when, key = max(found)
            return ArticleDate(when, f"front matter '{key}'")
    return None


def _from_dateline(prose: str, start: int) -> ArticleDate | None:
    head = prose[start : start + HEAD_CHARS]
    hits = []
    for pattern in _DATELINES:
        m = pattern.search(head)
        if m:
            hits.append(m)
    for m in sorted(hits, key=lambda m: m.start()):
        try:
            when = date(int(m["year"]), _MONTHS[m["month"][:3].lower()], int(m["day"]))
        except ValueError:
            continue
        return ArticleDate(when, "dateline")
    return None


def article_date(doc) -> ArticleDate | None:
    """The date of ``doc`` (a Document), or None when it gives none; found once per document
    (kept in ``doc.memo``: FCT's facts and figures and the REG checks all ask)."""
    if "article-date" not in doc.memo:
        doc.memo["article-date"] = _article_date(doc)
    return doc.memo["article-date"]


def _article_date(doc) -> ArticleDate | None:
    found = _from_front_matter(doc.front_matter) if doc.front_matter else None
    if found:
        return found
    if doc.file_date is not None:
        return ArticleDate(doc.file_date, "file name")
    body = doc.front_matter_span[1] if doc.front_matter_span else 0
    return _from_dateline(doc.prose, body)
