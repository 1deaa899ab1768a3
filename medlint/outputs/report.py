"""A self-contained HTML site report for editors (``medlint report PATHS -o report.html``).

One page, no network fetches (inline CSS and SVG, no scripts, no external fonts): a summary,
two charts (reading grade across articles; findings per family), the articles worst first with
their findings by family and severity and their reading grade, each finding with the text it
flags in its context and linked to its rule's explanation at the foot of the page. The numbers
come from the same RunResult the JSON output is made from, and each figure carries a ``data-``
attribute so a test can compare them. Word counts are the readability scorer's (prose only,
without page furniture), the count ``check`` gives in its readability messages.
"""

from __future__ import annotations

import collections
import html
import statistics
from dataclasses import dataclass, field

from medlint import __version__
from medlint.engine import registry
from medlint.model.diagnostics import Diagnostic
from medlint.engine.files import read_document
from medlint.engine.results import RunResult
from medlint.model.errors import MedlintError

_SEVERITIES = ("error", "warning", "info")
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#24364b;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
main{padding:18px 28px;max-width:1180px}section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:14px 18px;margin:14px 0}
h2{font-size:18px;margin:4px 0 10px}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff3;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}.error{color:#b3261e}.warning{color:#8a5a00}.info{color:#3f5f7f}
.sev{font-weight:600;text-transform:uppercase;font-size:11px}.charts{display:flex;gap:18px;flex-wrap:wrap}.chart{flex:1;min-width:330px}
details summary{cursor:pointer}code{background:#f0f2f5;padding:0 3px;border-radius:3px}.muted{color:#69737d}
pre{white-space:pre-wrap;background:#f6f7f9;padding:8px;border-radius:4px}a{color:#1f5fa8}
.context{margin-top:3px;padding:3px 6px;border-left:3px solid #dde2e8;color:#3a444e}mark{background:#ffe08a;padding:0 1px}
"""


@dataclass
class ArticleRow:
    """One article's line in the report (unreadable files sort last)."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    grade: float | None = None
    smog: float | None = None
    words: int = 0
    error: MedlintError | None = None
    text: str | None = None

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity.value == severity)

    @property
    def badness(self) -> tuple:
        return (self.error is None, self.count("error"), self.count("warning"), len(self.diagnostics), self.grade or 0)


def _read(path: str):
    """An article's text and readability scores of its prose (None when it cannot be read)."""
    from medlint.analysis import prepare
    from medlint.text.readability import score_document

    try:
        doc = prepare(read_document(path))
        return doc.text, score_document(doc, doc.unscored())
    except MedlintError:
        return None, None


#: Characters of context shown on each side of a finding, within its line(s).
CONTEXT = 90
#: Longest flagged text shown whole; a longer one (a whole paragraph) is cut in the middle.
LONGEST = 600


def excerpt(text: str, start: int, end: int) -> str:
    """HTML: the flagged text in <mark>, with up to CONTEXT characters of its lines around it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo, hi = max(line_start, start - CONTEXT), min(line_end, end + CONTEXT)
    before, flagged, after = text[lo:start], text[start:end], text[end:hi]
    if len(flagged) > LONGEST:
        flagged = flagged[: LONGEST // 2] + " … " + flagged[-LONGEST // 2 :]
    return (
        ("…" if lo > line_start else "")
        + html.escape(before)
        + f"<mark>{html.escape(flagged)}</mark>"
        + html.escape(after)
        + ("…" if hi < line_end else "")
    )


def build_rows(result: RunResult) -> list[ArticleRow]:
    by_path: dict[str, list[Diagnostic]] = collections.defaultdict(list)
    for d in result.diagnostics:
        by_path[d.path].append(d)
    rows = []
    for f in result.files:
        row = ArticleRow(f.path, by_path.get(f.path, []), words=f.words, error=f.error)
        if f.error is None and f.path != "-":
            row.text, scores = _read(f.path)
            if scores is not None:
                row.grade, row.smog, row.words = scores.flesch_kincaid, scores.smog, scores.words
        rows.append(row)
    rows.sort(key=lambda r: r.badness, reverse=True)
    return rows


def _bar_chart(title: str, items: list[tuple[str, int]], chart_id: str, unit: str) -> str:
    """A horizontal SVG bar chart."""
    bar_h, gap = 18, 6
    label_w = 12 + 7 * max([len(label) for label, _ in items] + [6])
    width = label_w + 380
    height = max(1, len(items)) * (bar_h + gap) + 10
    top = max([v for _, v in items] + [1])
    bars = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * (bar_h + gap)
        w = (width - label_w - 60) * value / top
        bars.append(
            f'<g data-label="{html.escape(label)}" data-value="{value}">'
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12">{html.escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#4a78a8" rx="2"></rect>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + 13}" font-size="12">{value}</text></g>'
        )
    return (
        f'<div class="chart" id="{chart_id}"><h2>{html.escape(title)}</h2>'
        f'<svg role="img" aria-label="{html.escape(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        + "".join(bars)
        + f'</svg><div class="muted">{html.escape(unit)}</div></div>'
    )


def _grade_histogram(rows: list[ArticleRow]) -> list[tuple[str, int]]:
    bins = [("up to 6", 0, 6), ("6–8", 6, 8), ("8–10", 8, 10), ("10–12", 10, 12), ("12–14", 12, 14), ("14–16", 14, 16), ("over 16", 16, 1e9)]
    grades = [r.grade for r in rows if r.grade is not None]
    return [(label, sum(1 for g in grades if lo < g <= hi or (lo == 0 and g <= hi))) for label, lo, hi in bins]


def render(result: RunResult, title: str = "medlint site report") -> str:
    """The report page as one HTML string."""
    rows = build_rows(result)
    families = collections.Counter(d.family for d in result.diagnostics)
    severities = collections.Counter(d.severity.value for d in result.diagnostics)
    grades = [r.grade for r in rows if r.grade is not None]
    median = f"{statistics.median(grades):.1f}" if grades else "–"
    used_rules = sorted({d.code for d in result.diagnostics})
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{html.escape(title)}</h1><div>medlint {__version__}</div></header><main>",
        f'<section id="summary" data-files="{len(result.files)}" data-findings="{len(result.diagnostics)}"'
        f' data-errors="{severities["error"]}" data-warnings="{severities["warning"]}" data-infos="{severities["info"]}"'
        f' data-unreadable="{len(result.errors)}">',
        "<h2>Summary</h2>",
        f"<p><b>{len(result.files)}</b> articles, <b>{len(result.diagnostics)}</b> findings "
        f'(<span class="error">{severities["error"]} errors</span>, <span class="warning">{severities["warning"]} warnings</span>, '
        f'<span class="info">{severities["info"]} notes</span>); median reading grade (Flesch–Kincaid) <b id="median-grade">{median}</b>'
        f"{f'; {len(result.errors)} files could not be read' if result.errors else ''}.</p></section>",
        '<section class="charts">',
        _bar_chart("Reading grade across articles (Flesch–Kincaid)", _grade_histogram(rows), "chart-grades", "articles per grade band; patient material should be at grade 8 or below"),
        _bar_chart("Findings per family", [(f"{fam} {registry.family_name(fam)}", families[fam]) for fam in sorted(families)], "chart-families", "findings across the site"),
        "</section>",
        '<section id="articles"><h2>Articles, worst first</h2><table><thead><tr><th>Article</th>'
        '<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Notes</th><th class="num">Grade</th><th>Families</th></tr></thead><tbody>',
    ]
    for i, r in enumerate(rows):
        fams = collections.Counter(d.family for d in r.diagnostics)
        grade = f"{r.grade:.1f}" if r.grade is not None else "–"
        out.append(
            f'<tr class="article" data-path="{html.escape(r.path)}" data-findings="{len(r.diagnostics)}" '
            f'data-errors="{r.count("error")}" data-warnings="{r.count("warning")}" data-grade="{grade}">'
            f'<td><a href="#a{i}">{html.escape(r.path)}</a></td><td class="num error">{r.count("error")}</td>'
            f'<td class="num warning">{r.count("warning")}</td><td class="num info">{r.count("info")}</td><td class="num">{grade}</td>'
            f'<td>{", ".join(f"{k} {v}" for k, v in sorted(fams.items())) or ("unreadable" if r.error else "")}</td></tr>'
        )
    out.append("</tbody></table></section>")
    for i, r in enumerate(rows):
        out.append(f'<section class="article-detail" id="a{i}" data-path="{html.escape(r.path)}"><h2>{html.escape(r.path)}</h2>')
        if r.error is not None:
            out.append(f'<p class="error">Could not be checked: {html.escape(r.error.message)}</p></section>')
            continue
        grade = f"grade {r.grade:.1f} (Flesch–Kincaid), SMOG {r.smog:.1f}" if r.grade is not None else "no grade"
        out.append(f'<p class="muted" data-words="{r.words}">{r.words} words; {grade}</p>')
        if not r.diagnostics:
            out.append("<p>No findings.</p></section>")
            continue
        by_family = collections.defaultdict(list)
        for d in r.diagnostics:
            by_family[d.family].append(d)
        for fam in sorted(by_family):
            items = by_family[fam]
            out.append(f'<details open><summary><b>{fam}</b> {html.escape(registry.family_name(fam))} ({len(items)})</summary><table>')
            for d in sorted(items, key=lambda d: (-d.severity.rank, d.line)):
                fix = f'<div class="muted">fix: {html.escape(d.fix.title)} ({d.fix.applicability.value})</div>' if d.fix else ""
                if r.text is not None and d.end > d.start:
                    fix = f'<div class="context">{excerpt(r.text, d.start, d.end)}</div>' + fix
                out.append(
                    f'<tr class="finding" data-code="{d.code}"><td class="sev {d.severity.value}">{d.severity.value}</td>'
                    f'<td>line {d.line}</td><td><a href="#rule-{d.code}"><code>{d.code}</code></a></td>'
                    f"<td>{html.escape(d.message)}{fix}</td></tr>"
                )
            out.append("</table></details>")
        out.append("</section>")
    out.append('<section id="rules"><h2>Rules</h2>')
    for code in used_rules:
        rule = registry.find_rule(code)
        if rule is not None:
            out.append(f'<div id="rule-{code}"><h3><code>{code}</code> {html.escape(rule.name)}</h3><pre>{html.escape(rule.explain())}</pre></div>')
    out.append("</section></main></body></html>")
    return "\n".join(out) + "\n"
