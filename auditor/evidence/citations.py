"""Citations: the passage of a document behind a criterion's grade (``inspection.citations``).

A citation belongs to its grading: the citing person's assessment of the case, started if
there is none (as a grade would start it; a citation alone leaves the status as it is). It
keeps the document, the page (PDFs), the quoted text and where it starts in the page's (or
the text document's) text, or for an image the rectangle drawn (fractions of its width and
height). Citing and taking one back are edits like any other: one transaction with their
ledger row; a citation taken back is kept, marked removed, so that a merge never brings it
back and an undo can restore it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor import text_rules
from auditor.audit.log import ALTERATION
from auditor.audit.markers import reads, writes
from auditor.errors import GradingError
from auditor.evidence.passage import Passage
from db import cases as case_rows
from db import evidence as rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.records import Assessor

TABLE = "citations"
#: The longest quote kept (a page's worth); a longer selection is refused, not cut.
QUOTE_LIMIT = 4000


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
        x, y, w, h = (float(v) for v in row["region"].split(","))
        region = (x, y, w, h)
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
        cleaned, _replaced = text_rules.free_text(quote)
        cleaned = cleaned.strip()
        if region is not None:
            if not all(0.0 <= v <= 1.0 for v in region) or region[2] <= 0 or region[3] <= 0:
                raise GradingError("the region must lie within the image")
            region_text = ",".join(f"{v:.4f}" for v in region)
        else:
            region_text = None
            if not cleaned:
                raise GradingError("select the passage to cite first (nothing is selected)")
        if len(cleaned) > QUOTE_LIMIT:
            raise GradingError(
                f"the passage is {len(cleaned):,} characters; cite at most {QUOTE_LIMIT:,} "
                "(a shorter passage, or two citations)"
            )
        if page is not None and page < 1:
            raise GradingError(f"page {page} is not a page of the document")
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
                "region": region_text,
                "cited_by": actor.id,
                "cited_at": inspection.clock(),
                "removed": 0,
            }
            rows.insert_citation(self.db, row)
            where = f", p. {page}" if page else (", a region" if region_text else "")
            inspection.audit(
                actor,
                ALTERATION,
                case_id=case_id,
                table=TABLE,
                record_id=row["id"],
                field=f"{criterion_id}.citation",
                new=cleaned or region_text,
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
