"""``medlint stats``: readability scores per file and, for several files, their spread.

The scores are those of ``medlint.readability`` (textstat on the prose only). Files are found
as ``medlint check`` finds them (folders walked, config ``exclude`` honoured). This module
builds the table; the CLI prints it.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from collections.abc import Iterable

from medlint import analysis
from medlint.engine import files
from medlint.engine.config import Configs
from medlint.model.document import Document
from medlint.model.errors import MedlintError
from medlint.text.readability import MIN_WORDS, SMOG_MIN_SENTENCES, Scores, score_document

#: (Scores attribute, column heading, format) in table order.
COLUMNS = (
    ("words", "words", "{:.0f}"),
    ("sentences", "sentences", "{:.0f}"),
    ("smog", "SMOG", "{:.1f}"),
    ("flesch_kincaid", "FK grade", "{:.1f}"),
    ("flesch_reading_ease", "reading ease", "{:.1f}"),
    ("dale_chall", "Dale–Chall", "{:.1f}"),
    ("gunning_fog", "fog", "{:.1f}"),
)
LEGEND = (
    f"* SMOG assumes {SMOG_MIN_SENTENCES} sentences: read it as rough. "
    f"! under {MIN_WORDS} words: every score is unstable."
)


@dataclass
class FileScores:
    path: str
    scores: Scores

    @property
    def notes(self) -> str:
        return ("*" if not self.scores.smog_reliable else "") + ("!" if self.scores.too_short else "")


@dataclass
class StatsResult:
    files: list[FileScores] = field(default_factory=list)
    errors: list[MedlintError] = field(default_factory=list)

    def distribution(self) -> dict[str, dict[str, float]]:
        """min, quartiles, median, max and mean of every column across files (two or more)."""
        if len(self.files) < 2:
            return {}
        out = {}
        for attr, _, _ in COLUMNS:
            values = sorted(float(getattr(f.scores, attr)) for f in self.files)
            q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
            out[attr] = {
                "min": values[0],
                "p25": q1,
                "median": median,
                "p75": q3,
                "max": values[-1],
                "mean": statistics.fmean(values),
            }
        return out


def collect(paths: Iterable[str], config_path: str | None = None, stdin_text: bytes | None = None) -> StatsResult:
    """Score every article under ``paths``; unreadable files become errors, the rest still count."""
    result = StatsResult()
    try:
        configs = Configs(config_path)
    except MedlintError as exc:  # a broken --config: one error, nothing scored
        result.errors.append(exc)
        return result
    for path, error in files.iter_files(paths, configs):
        if error is not None:
            result.errors.append(error)
            continue
        try:
            doc = Document.from_bytes(stdin_text or b"", "-", format="markdown") if path == "-" else files.read_document(path, configs.for_path(path))
        except MedlintError as exc:
            result.errors.append(exc)
            continue
        result.files.append(FileScores(path, score_document(analysis.prepare(doc), doc.unscored())))
    return result


def render_text(result: StatsResult) -> str:
    """The per-file table, then (for several files) the distribution rows, then the legend."""
    dist = result.distribution()
    labels = [f.path for f in result.files] + (["min", "25%", "median", "75%", "max", "mean"] if dist else [])
    width = max([len("file")] + [len(label) for label in labels])
    widths = [max(len(head), 7) for _, head, _ in COLUMNS]

    def row(label: str, values: list[str], notes: str = "") -> str:
        cells = "  ".join(v.rjust(w) for v, w in zip(values, widths))
        return f"{label.ljust(width)}  {cells}  {notes}".rstrip()

    lines = [row("file", [head for _, head, _ in COLUMNS], "notes")]
    for f in result.files:
        lines.append(row(f.path, [fmt.format(getattr(f.scores, attr)) for attr, _, fmt in COLUMNS], f.notes))
    if dist:
        lines.append(f"across {len(result.files)} files:")
        for key, label in (("min", "min"), ("p25", "25%"), ("median", "median"), ("p75", "75%"), ("max", "max"), ("mean", "mean")):
            lines.append(row(label, [f"{dist[attr][key]:.1f}" for attr, _, _ in COLUMNS]))
    if any(f.notes for f in result.files):
        lines.append(LEGEND)
    return "\n".join(lines) + "\n"


def render_json(result: StatsResult) -> str:
    data = {
        "files": [{"path": f.path, "scores": f.scores.to_dict(), "caveats": f.scores.caveats()} for f in result.files],
        "distribution": result.distribution(),
        "errors": [str(e) for e in result.errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "json": render_json}
