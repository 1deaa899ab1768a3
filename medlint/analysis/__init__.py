"""The analysis layer: per-document analyses that several checks share.

Computed once per document and cached on it (page-furniture spans, hedge and negation scope),
so checks read one result instead of depending on each other. Imports the layers below.
"""

from __future__ import annotations

from medlint.analysis import furniture
from medlint.model.document import Document


def prepare(doc: Document) -> Document:
    """Compute the shared analyses every check relies on, once: mark page furniture as
    non-prose (checks other than BPL never report inside it; readability leaves it out)."""
    doc.non_prose = sorted(furniture.spans(doc))
    return doc
