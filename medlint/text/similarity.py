"""Text similarity for the duplicate checks: normalised words, word shingles, compact sketches.

Two copies of a passage rarely match byte for byte: one has curly quotes, another a double
space, a third lost a comma. Everything here works on *normalised* words (Unicode NFKC, case
folded, punctuation and quote style dropped), so such copies compare equal, and on sets of
hashed word shingles (runs of ``SHINGLE`` words), so near copies compare as a Jaccard similarity.

Hashes are CRC-32 and BLAKE2, which are stable across processes and Python versions: site-wide
summaries are cached on disk and compared between runs, so Python's salted ``hash`` will not do.

A *sketch* is a one-permutation MinHash (Li, Owen & Zhang, NIPS 2012): the shingle hashes are
spread over ``BINS`` bins and each bin keeps its minimum. Two sketches agree in a bin with
probability close to the Jaccard similarity of the two shingle sets, and bands of bins are the
keys of a locality-sensitive hash index, so near-duplicates are found without comparing every
pair of paragraphs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

SHINGLE = 3
BINS = 32
ROWS = 4  # bins per LSH band: BINS // ROWS bands
_DIGITS = 4  # each bin keeps the low 16 bits of its minimum: plenty to tell minima apart
_EMPTY = "-" * _DIGITS
_WORD = re.compile(r"[^\W_]+")
_GOLDEN = 0x9E3779B1  # Knuth's multiplier for 32-bit hashes (``_mix``)
_APOSTROPHES = ("’", "'", "‘", "ʼ")


def words(text: str) -> list[str]:
    """The normalised words of ``text``: NFKC, case-folded, apostrophes joined ("don’t" ->
    "dont"), every other punctuation mark a word break."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    for mark in _APOSTROPHES:  # str.replace: far cheaper than str.translate with a table
        folded = folded.replace(mark, "")
    return _WORD.findall(folded)


def key(text: str) -> str:
    """A canonical form of ``text``: its normalised words joined by single spaces."""
    return " ".join(words(text))


def digest(normalised: str) -> str:
    """A 64-bit hex digest of an already normalised text (an exact-match key)."""
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).hexdigest()


def shingles(ws: list[str], size: int = SHINGLE) -> frozenset[int]:
    """Hashes of every run of ``size`` consecutive words (one hash for a shorter text)."""
    if len(ws) <= size:
        return frozenset((_mix(zlib.crc32(" ".join(ws).encode("utf-8"))),)) if ws else frozenset()
    # the runs joined, encoded and hashed by C-level map over zip: no Python frame per shingle
    grams = map(" ".join, zip(*(ws[i:] for i in range(size))))
    return frozenset([(h * _GOLDEN) & 0xFFFFFFFF for h in map(zlib.crc32, map(str.encode, grams))])


def _mix(h: int) -> int:
    """Spread CRC-32's bits (Knuth's multiplicative hash) so bins get uniform shares."""
    return (h * _GOLDEN) & 0xFFFFFFFF


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def sketch(hashes: frozenset[int]) -> str:
    """One-permutation MinHash of a shingle set: ``BINS`` four-digit hex numbers ("----" for
    a bin no shingle fell into)."""
    mins: list[int | None] = [None] * BINS
    for h in hashes:
        b = (h * BINS) >> 32  # the top bits pick the bin
        low = mins[b]
        if low is None or h < low:
            mins[b] = h
    return "".join(_EMPTY if m is None else f"{m & 0xFFFF:04x}" for m in mins)


def bands(sk: str) -> list[str]:
    """LSH keys of a sketch: its band number plus the band's bins; empty bands are left out."""
    width = _DIGITS * ROWS
    empty = _EMPTY * ROWS
    return [f"{i}:{sk[i * width : (i + 1) * width]}" for i in range(BINS // ROWS) if sk[i * width : (i + 1) * width] != empty]


def sketch_similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of the sets behind two sketches: the share of bins, among
    those filled in either, where both hold the same minimum."""
    if a == b:
        return 1.0
    same = filled = 0
    for i in range(0, _DIGITS * BINS, _DIGITS):
        x, y = a[i : i + _DIGITS], b[i : i + _DIGITS]
        if x == y:
            if x == _EMPTY:
                continue
            same += 1
        filled += 1
    return same / filled if filled else 0.0
