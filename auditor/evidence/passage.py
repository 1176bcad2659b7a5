"""A place in a case's document: what a citation points to, a search hit opens, a selection is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Passage:
    """A passage of a document: ``quote`` from ``start`` on ``page`` (PDFs; None for a text
    document), or an image's ``region`` (x, y, width, height as fractions); ``words`` are
    words to mark (a search's), when there is no quote."""

    case_id: str
    document_id: str
    page: int | None = None
    quote: str = ""
    start: int | None = None
    region: tuple[float, float, float, float] | None = None
    words: tuple[str, ...] = ()
