"""DUP (across a site): paragraphs shared between different articles of one run.

``medlint check site/`` sees every article, so it can tell when two of them carry the same
paragraph: a disclaimer pasted into every post, an article republished under two names, a
section copied from a sister page. Each article gets a warning at the shared paragraph, with
the other article's path and line as a related location (SARIF ``relatedLocations``).

Cost stays near-linear in the number of articles; no pair of articles is ever compared whole:

- per article, ``collect`` keeps, for each paragraph of at least ``min-words`` words, a digest
  of its normalised text and a 32-bin one-permutation MinHash sketch of its word shingles
  (``medlint.similarity``), plus its position: a few hundred bytes per paragraph;
- ``check_site`` groups equal digests in a dictionary (exact copies, one pass), and indexes
  each distinct paragraph's sketch under its LSH bands (8 bands of 4 bins). A paragraph without
  an exact twin elsewhere is compared only with the few paragraphs that share one of its bands
  (at most ``_PROBE`` per band), and counts as shared when the sketches' estimated similarity
  reaches ``threshold``.

A shared paragraph that is page furniture is not reported as DUP003: one the furniture analysis
already marks in its article is reported there (BPL), and one that only its recurrence shows to
be the site's template (``furniture.template_candidate`` in both articles) is reported as BPL018
with the other articles as related locations.
"""

from __future__ import annotations

from medlint.analysis.furniture import template_candidate
from medlint.checks.boilerplate import TEMPLATE, template_message
from medlint.model.diagnostics import Diagnostic, Related, Severity
from medlint.model.rule import Check, Option, rule_doc
from medlint.model.span import Span
from medlint.text.similarity import bands, digest, shingles, sketch, sketch_similarity, words

SHARED = rule_doc(
    "DUP003",
    "shared-paragraph",
    "A paragraph also appears in another article checked in the same run.",
    what=(
        "When several articles are checked together (a folder, a site), finds paragraphs of "
        "at least `min-words` words (default 15) that appear in another of them, word for "
        "word after normalisation or nearly (estimated shingle similarity of at least "
        "`threshold`, default 0.8). Each article gets a warning with the other article's "
        "path and line. Headings and table cells are not compared, and a shared paragraph "
        "that is page furniture is reported by BPL (BPL018 when only its recurrence shows it) "
        "instead."
    ),
    why=(
        "Search engines show one of several pages with the same text and drop the others; "
        "readers who meet the same paragraph on every page skim past it; and a correction "
        "made in one copy is missed in the others."
    ),
    example=(
        "Bad: posts/ketamine.md and posts/esketamine.md both open with the same 60-word "
        "paragraph on how infusions work.\nGood: each article says it in its own words, or "
        "links to one page that explains it."
    ),
    fix=(
        "No automatic fix: which article should keep the paragraph is an editorial decision. "
        "Rewrite one copy, or replace it with a link."
    ),
    source=(
        "Google Search Central, 'Duplicate content' (consolidating duplicate URLs); "
        "Broder, 'On the resemblance and containment of documents' (1997); Li, Owen & Zhang, "
        "'One permutation hashing' (NIPS 2012)"
    ),
    severity=Severity.WARNING,
)

#: Paragraphs compared per LSH band when looking for a near copy.
_PROBE = 8
# Positions of the fields of one collected paragraph.
_DIGEST, _SKETCH, _START, _END, _LINE, _COL, _END_LINE, _END_COL, _FURNITURE = range(9)
#: Values of the _FURNITURE field: article text, furniture found in its article, template candidate.
_TEXT, _KNOWN, _CANDIDATE = 0, 1, 2


class SharedParagraphs(Check):
    """Paragraphs shared between articles of one run (DUP003)."""

    name = "shared-paragraphs"
    rules = (SHARED, TEMPLATE)
    site_wide = True
    options = {
        "min_words": Option(15, "Shortest paragraph compared across articles, in words.", types=(int,)),
        "threshold": Option(
            0.8, "Estimated shingle similarity at which two paragraphs count as shared.", types=(float,)
        ),
    }

    def collect(self, doc, ctx):
        """Digest, sketch and position of each long-enough paragraph (plain data)."""
        paragraphs = []
        for block in doc.blocks:
            if block.kind in ("heading", "table_cell"):
                continue
            ws = words(doc.prose[block.start : block.end])
            if len(ws) < ctx.options["min_words"]:
                continue
            line, col = doc.position(block.start)
            end_line, end_col = doc.position(block.end)
            furniture = (_KNOWN if doc.in_non_prose(block.start, block.end)
                         else _CANDIDATE if template_candidate(doc, block.start, block.end) else _TEXT)
            paragraphs.append(
                [digest(" ".join(ws)), sketch(shingles(ws)), block.start, block.end, line, col, end_line, end_col, furniture]
            )
        if not paragraphs:
            return None
        return {"threshold": ctx.options["threshold"], "paragraphs": paragraphs}

    def valid_summary(self, value, size):
        """None, or a threshold and paragraphs of [digest, sketch, six positions, furniture flag],
        as ``collect`` gives."""
        if value is None:
            return True
        if not (type(value) is dict and value.keys() == {"threshold", "paragraphs"} and type(value["paragraphs"]) is list):
            return False
        if type(value["threshold"]) not in (int, float) or not 0 <= value["threshold"] <= 1:
            return False
        high = size + 1 if size is not None else float("inf")
        return all(
            type(p) is list and len(p) == 9 and type(p[_DIGEST]) is str and type(p[_SKETCH]) is str
            and len(p[_SKETCH]) == len(sketch(frozenset()))
            and all(type(n) is int and 0 <= n <= high for n in p[_START:_FURNITURE])
            and p[_FURNITURE] in (_TEXT, _KNOWN, _CANDIDATE)
            for p in value["paragraphs"]
        )

    def check_site(self, summaries, settings):
        index = _Index(summaries)
        for entry in range(len(index.entries)):
            found = index.exact_partner(entry) or index.near_partner(entry)
            if found is not None and index.entries[entry][1][_FURNITURE] != _KNOWN:
                yield index.diagnostic(entry, *found)


class _Index:
    """Every collected paragraph of a run, grouped by digest and indexed by LSH band."""

    def __init__(self, summaries: dict):
        self.entries: list[tuple[str, list]] = []
        self.thresholds: dict[str, float] = {}
        self.groups: dict[str, list[int]] = {}
        for path in sorted(summaries):
            self.thresholds[path] = summaries[path]["threshold"]
            for para in summaries[path]["paragraphs"]:
                self.groups.setdefault(para[_DIGEST], []).append(len(self.entries))
                self.entries.append((path, para))
        # Per digest: its first entry, the first entry in another file, and how many files.
        self.heads: dict[str, tuple[int, int | None, int]] = {}
        self.buckets: dict[str, list[int]] = {}
        for key, members in self.groups.items():
            first = members[0]
            first_path = self.entries[first][0]
            second = next((m for m in members if self.entries[m][0] != first_path), None)
            files = len({self.entries[m][0] for m in members})
            self.heads[key] = (first, second, files)
            for band in bands(self.entries[first][1][_SKETCH]):
                self.buckets.setdefault(band, []).append(first)

    def _other(self, key: str, path: str) -> int | None:
        """An entry with digest ``key`` in a file other than ``path``."""
        first, second, _ = self.heads[key]
        return first if self.entries[first][0] != path else second

    def exact_partner(self, entry: int):
        path, para = self.entries[entry]
        other = self._other(para[_DIGEST], path)
        if other is None:
            return None
        return other, 1.0, self.heads[para[_DIGEST]][2] - 1

    def near_partner(self, entry: int):
        """The first paragraph of another file, among those sharing an LSH band with this one,
        whose sketch is at least ``threshold`` alike."""
        path, para = self.entries[entry]
        threshold = self.thresholds[path]
        seen = {para[_DIGEST]}
        for band in bands(para[_SKETCH]):
            for cand in self.buckets.get(band, ())[:_PROBE]:
                key = self.entries[cand][1][_DIGEST]
                if key in seen:
                    continue
                seen.add(key)
                other = self._other(key, path)
                if other is None:
                    continue
                sim = sketch_similarity(para[_SKETCH], self.entries[cand][1][_SKETCH])
                if sim >= threshold:
                    return other, sim, 1
        return None

    def diagnostic(self, entry: int, other: int, similarity: float, others: int) -> Diagnostic:
        path, para = self.entries[entry]
        o_path, o_para = self.entries[other]
        where = f"{o_path} (line {o_para[_LINE]})"
        if similarity >= 1.0:
            more = f" and {others - 1} other article{'s' if others > 2 else ''}" if others > 1 else ""
            message = f"this paragraph also appears in {where}{more}; keep it in one article or reword it"
        else:
            message = f"this paragraph is nearly the same as one in {where} (about {similarity:.0%} alike); keep one version or reword it"
        span = Span(para[_START], para[_END], para[_LINE], para[_COL], para[_END_LINE], para[_END_COL])
        related = Related(o_path, o_para[_LINE], o_para[_COL], "the same paragraph in another article", o_para[_END_LINE], o_para[_END_COL])
        if para[_FURNITURE] == _CANDIDATE and o_para[_FURNITURE] != _TEXT:
            return TEMPLATE.diagnostic(path, span, template_message(others, f"{o_path} (line {o_para[_LINE]})"), related=(related,))
        return SHARED.diagnostic(path, span, message, related=(related,))
