"""Citations: the passage of a document behind a criterion's grade (``inspection.citations``).

A citation belongs to its grading: the citing person's assessment of the case, started if
there is none (as a grade would start it; a citation alone leaves the status as it is). It
keeps the document, the page (PDFs), the quoted text and where it starts in the page's (or
the text document's) text, or for an image the rectangle drawn (fractions of its width and
height). Citing and taking one back are edits like any other: one transaction with their
ledger row; a citation taken back is kept, marked removed, so that a merge never brings it
back and an undo can restore it.

What a citation may hold is :func:`checked_passage`'s (the desk and the import both use it):
text selected in a text document or on a PDF's page (a PDF passage names its page; a text
document has none), a region drawn within an image (or a PDF's page), never nothing, never
more than :data:`QUOTE_LIMIT` characters; the blank around a selection is left out, its start
moved past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor import text_rules
from auditor.audit.log import ALTERATION
from auditor.audit.markers import reads, writes
from auditor.errors import GradingError, Where
from auditor.evidence.passage import Passage
from db import cases as case_rows
from db import evidence as rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.records import Assessor

TABLE = "citations"
#: The longest quote kept (a page's worth); a longer selection is refused, not cut.
QUOTE_LIMIT = 4000
PDF, TEXT = "application/pdf", "text/plain"


class AlreadyCited(GradingError):
    """The same passage already stands cited for the criterion in this grading."""


@dataclass(frozen=True)
class Citation:
    """One standing citation, as the views show it."""

    id: str
    case_id: str
    assessor_id: str
    criterion_id: str
    document_id: str
    document_title: str
    media_type: str
    page: int | None
    quote: str
    start: int | None
    region: tuple[float, float, float, float] | None
    cited_by: str
    cited_at: str

    @property
    def passage(self) -> Passage:
        """Where the citation points, to open the document there."""
        return Passage(
            self.case_id, self.document_id, self.page, self.quote, self.start, self.region
        )

    @property
    def where(self) -> str:
        """Where in the document, in words: "p. 3", "a region of the image", or ""."""
        if self.region is not None:
            return "a region of the image"
        return f"p. {self.page}" if self.page else ""

    def label(self, limit: int = 90) -> str:
        """The citation on one line: the document, where, and the quote (shortened)."""
        quote = " ".join(self.quote.split())
        if len(quote) > limit:
            quote = quote[: limit - 1].rstrip() + "…"
        where = f", {self.where}" if self.where else ""
        said = f": “{quote}”" if quote else ""
        return f"{self.document_title}{where}{said}"


def _citation(row: dict[str, Any]) -> Citation:
    region = None
    if row["region"]:
        region = parse_region(row["region"])
    return Citation(
        row["id"],
        row["case_id"],
        row["assessor_id"],
        row["criterion_id"],
        row["document_id"],
        row["document_title"],
        row["media_type"],
        row["page"],
        row["quote"],
        row["start"],
        region,
        row["cited_by_name"] or "",
        row["cited_at"],
    )


def region_text(region: tuple[float, float, float, float]) -> str:
    """A region as stored: "x,y,w,h", fractions to four places."""
    return ",".join(f"{v:.4f}" for v in region)


def parse_region(text: str) -> tuple[float, float, float, float]:
    """A stored region ("x,y,w,h") as four fractions; ValueError when it is not one."""
    values = tuple(float(v) for v in text.split(","))
    if len(values) != 4:
        raise ValueError(f"{text!r} is not four numbers x,y,width,height")
    x, y, w, h = values
    return (x, y, w, h)


def _at(part: str) -> Where:
    return Where(field=part)


def checked_passage(
    media_type: str,
    quote: str,
    *,
    page: int | None = None,
    start: int | None = None,
    region: tuple[float, float, float, float] | None = None,
) -> tuple[str, int | None, str | None]:
    """What a citation of a document of ``media_type`` keeps: (the quote cleaned by the
    free-text rule and without the blank around it, its start moved past the blank taken
    off, the region as stored). Raises GradingError saying what is wrong with the passage, its
    ``where.field`` the part at fault: "quote", "page", "start" or "region"."""
    cleaned, _replaced = text_rules.free_text(quote)
    stripped = cleaned.strip()
    if start is not None:
        if start < 0:
            raise GradingError(
                f"a passage cannot start at {start} (before the text begins)", where=_at("start")
            )
        if stripped:
            start += len(cleaned) - len(cleaned.lstrip())
    cleaned = stripped
    is_pdf, is_image = media_type == PDF, media_type.startswith("image/")
    stored = None
    if region is not None:
        if media_type == TEXT:
            raise GradingError(
                "a region is drawn on an image (or a page); in a text document, select the text",
                where=_at("region"),
            )
        x, y, w, h = rounded = tuple(round(float(v), 4) for v in region)
        inside = all(0.0 <= v <= 1.0 for v in rounded) and max(x + w, y + h) <= 1.0 + 1e-9
        if not inside or w <= 0 or h <= 0:
            raise GradingError(
                "the region must lie within the image (and not be empty)", where=_at("region")
            )
        stored = region_text(rounded)  # type: ignore[arg-type]
    elif not cleaned:
        raise GradingError(
            "select the passage to cite first (nothing is selected)", where=_at("quote")
        )
    elif is_image:
        raise GradingError(
            "an image has no text to select: draw the region to cite", where=_at("quote")
        )
    if len(cleaned) > QUOTE_LIMIT:
        raise GradingError(
            f"the passage is {len(cleaned):,} characters; cite at most {QUOTE_LIMIT:,} "
            "(a shorter passage, or two citations)",
            where=_at("quote"),
        )
    if page is not None and not is_pdf:
        raise GradingError("only a PDF has pages: leave the page out", where=_at("page"))
    if page is not None and page < 1:
        raise GradingError(f"page {page} is not a page of the document", where=_at("page"))
    if is_pdf and page is None:
        raise GradingError("say which page of the PDF the passage is on", where=_at("page"))
    return cleaned, start, stored


class Citations:
    """Citing passages for criteria, taking citations back, and reading them."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db

    @reads
    def for_case(self, case_id: str, assessor_id: str | None = None) -> list[Citation]:
        """The case's standing citations (one assessor's grading when given), by criterion."""
        return [_citation(r) for r in rows.citations_for_case(self.db, case_id, assessor_id)]

    @reads
    def by_criterion(
        self, case_id: str, assessor_id: str | None = None
    ) -> dict[str, list[Citation]]:
        """The case's standing citations grouped by criterion id."""
        grouped: dict[str, list[Citation]] = {}
        for citation in self.for_case(case_id, assessor_id):
            grouped.setdefault(citation.criterion_id, []).append(citation)
        return grouped

    @reads
    def get(self, citation_id: str) -> Citation | None:
        """A standing citation by id (None when there is none, or it was taken back)."""
        row = rows.citation(self.db, citation_id)
        return _citation(row) if row is not None and not row["removed"] else None

    @writes
    def cite(
        self,
        actor: Assessor,
        case_id: str,
        criterion_id: str,
        document_id: str,
        *,
        quote: str = "",
        page: int | None = None,
        start: int | None = None,
        region: tuple[float, float, float, float] | None = None,
    ) -> Citation:
        """Cite a passage (``quote``, from ``start`` on ``page``) or an image's ``region`` of
        a document of the case for one criterion of ``actor``'s grading."""
        inspection = self.inspection
        criterion = inspection.framework.criterion(criterion_id)
        if criterion is None:
            raise GradingError(f"{criterion_id!r} is not a criterion of this framework")
        case = inspection.case(case_id)
        if not criterion.applies(case.case_type):
            raise GradingError(
                f"{criterion.title!r} does not apply to "
                f"{inspection.framework.case_type_label(case.case_type)!r} cases"
            )
        document = next(
            (d for d in case_rows.documents_for_case(self.db, case_id) if d["id"] == document_id),
            None,
        )
        if document is None:
            raise GradingError(f"document {document_id!r} is not a document of this case")
        cleaned, start, stored_region = checked_passage(
            document["media_type"], quote, page=page, start=start, region=region
        )
        place = (criterion_id, document_id, page, start, stored_region, " ".join(cleaned.split()))
        for row in rows.citations_for_case(self.db, case_id, actor.id):  # standing ones
            cited = (row["criterion_id"], row["document_id"], row["page"], row["start"])
            if (*cited, row["region"], " ".join(row["quote"].split())) == place:
                raise AlreadyCited(f"Already cited for {criterion.title}: nothing added")
        with self.db.atomic():
            assessment = inspection.grading.started(case_id, actor)
            row = {
                "id": inspection.new_id(),
                "assessment_id": assessment["id"],
                "criterion_id": criterion_id,
                "document_id": document_id,
                "page": page,
                "quote": cleaned,
                "start": start,
                "region": stored_region,
                "cited_by": actor.id,
                "cited_at": inspection.clock(),
                "removed": 0,
            }
            rows.insert_citation(self.db, row)
            where = f", p. {page}" if page else (", a region" if stored_region else "")
            inspection.audit(
                actor,
                ALTERATION,
                case_id=case_id,
                table=TABLE,
                record_id=row["id"],
                field=f"{criterion_id}.citation",
                new=cleaned or stored_region,
                detail=f"cited {document['title']}{where}",
            )
        found = self.get(row["id"])
        assert found is not None
        return found

    @writes
    def remove(self, actor: Assessor, citation_id: str) -> None:
        """Take a citation back (kept, marked removed: an undo restores it)."""
        self._set_removed(actor, citation_id, True)

    @writes
    def restore(self, actor: Assessor, citation_id: str) -> None:
        """Restore a citation taken back (the undo of ``remove``)."""
        self._set_removed(actor, citation_id, False)

    def _set_removed(self, actor: Assessor, citation_id: str, removed: bool) -> None:
        row = rows.citation(self.db, citation_id)
        if row is None:
            raise GradingError(f"no citation {citation_id!r} in this inspection")
        if row["assessor_id"] != actor.id:
            raise GradingError(
                "a citation belongs to its grading: only the person who graded can change it"
            )
        if bool(row["removed"]) == removed:
            return
        with self.db.atomic():
            rows.set_removed(self.db, citation_id, removed)
            self.inspection.audit(
                actor,
                ALTERATION,
                case_id=row["case_id"],
                table=TABLE,
                record_id=citation_id,
                field=f"{row['criterion_id']}.removed",
                old=str(int(not removed)),
                new=str(int(removed)),
                detail="citation taken back" if removed else "citation restored",
            )
