"""Citations in the workbook: each criterion grade's citations listed beside its note (in
Criteria and the force's Referred back sheet), and the Citations sheet in the import layout.

The citations exported are those of each case's exported grading (the assessment its Cases
row carries, ``db.export``): the standing ones (a citation taken back is left out), in the order
they were made. A citation names its document by file name, as the documents folder of an
import holds it (the import also finds a document by its title).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor.exporting.case_sheets import CaseRows
from auditor.exporting.workbook import write_table
from auditor.framework import Framework
from auditor.importing.layout import CITATION_COLUMNS, CITATIONS
from auditor.inspection import Inspection
from db import cases as case_rows
from db import evidence as evidence_rows

#: The Criteria sheet's column of citations (and the force's, beside the evidence notes).
CITATIONS_HEADING = "Citations"
CITATIONS_NOTE = (
    "Criteria lists each criterion grade's citations in its Citations column, beside the "
    "note, one a line: the document's file name, the page of a PDF ('p. 3') or 'a region of "
    "the image', and the quoted passage in quotation marks (its line breaks shown as spaces). "
    "The Citations sheet lists them one a row, whole, in the import layout (Case reference, "
    "Assessor, Criterion, Document, Page, Quote, Start, Region), so they import back. Only "
    "the citations of each case's exported grading (its row in Cases) are listed, not those "
    "taken back."
)
FORCE_NOTE = (
    "Referred back lists, beside the evidence notes, the passages of the case's documents "
    "cited for each criterion, one a line: the criterion, the document's file name, the page "
    "of a PDF ('p. 3') or 'a region of the image', and the quoted passage."
)
REDACTED_NOTE = "Left out: the passages of the case documents cited for grades are not listed."


@dataclass(frozen=True)
class Cited:
    """One citation as the workbook writes it."""

    case_id: str
    assessor: str
    criterion_id: str
    document: str  # the document's file name
    page: int | None
    quote: str
    start: int | None
    region: str | None  # "x,y,w,h" as stored

    @property
    def line(self) -> str:
        """The citation on one line: document, where, and the passage quoted."""
        where = f", p. {self.page}" if self.page else ""
        if self.region:
            where += ", a region of the image" if not self.page else ", a region of the page"
        quote = " ".join(self.quote.split())
        said = f": “{quote}”" if quote else ""
        return f"{self.document}{where}{said}"


@dataclass(frozen=True)
class ExportedCitations:
    """The exported gradings' standing citations, by case and criterion, in the order made."""

    by_criterion: dict[tuple[str, str], list[Cited]]

    def lines(self, case_id: str, criterion_id: str) -> str | None:
        """A criterion grade's citations, one a line (None when it has none)."""
        cited = self.by_criterion.get((case_id, criterion_id))
        return "\n".join(c.line for c in cited) if cited else None

    def has(self, case_id: str, criterion_id: str) -> bool:
        return (case_id, criterion_id) in self.by_criterion

    def of_case(self, case_id: str, framework: Framework) -> list[Cited]:
        """Every citation of a case's exported grading: by criterion in the framework's
        order, each criterion's in the order they were made."""
        return [
            c
            for criterion in framework.criteria
            for c in self.by_criterion.get((case_id, criterion.id), ())
        ]

    def force_lines(self, case_id: str, framework: Framework) -> str | None:
        """A case's citations for the force, one a line, each after its criterion's title."""
        titles = {c.id: c.title for c in framework.criteria}
        lines = [f"{titles[c.criterion_id]}: {c.line}" for c in self.of_case(case_id, framework)]
        return "\n".join(lines) or None


NONE = ExportedCitations({})


def read_citations(inspection: Inspection, data: CaseRows) -> ExportedCitations:
    """The standing citations of each case's exported grading (the assessor its Cases row
    names: a grading is one person's assessment of the case, and the import finds it by name)."""
    db = inspection.db
    names = {a.id: a.name for a in inspection.assessors()}
    graded_by = {case[0]: case[8] for case in data.cases if case[8] is not None}
    file_names: dict[str, dict[str, str]] = {}
    by_criterion: dict[tuple[str, str], list[Cited]] = defaultdict(list)
    for row in evidence_rows.all_citations(db):
        case_id = row["case_id"]
        assessor = names.get(row["assessor_id"])
        if assessor is None or graded_by.get(case_id) != assessor:
            continue  # another person's grading of the case: not the one exported
        if case_id not in file_names:
            file_names[case_id] = {
                d["id"]: d["filename"] for d in case_rows.documents_for_case(db, case_id)
            }
        document = file_names[case_id].get(row["document_id"], row["document_title"])
        by_criterion[(case_id, row["criterion_id"])].append(
            Cited(
                case_id,
                assessor,
                row["criterion_id"],
                document,
                row["page"],
                row["quote"],
                row["start"],
                row["region"],
            )
        )
    return ExportedCitations(dict(by_criterion))


def write_citations(
    book: Any,
    data: CaseRows,
    framework: Framework,
    cited: ExportedCitations,
    name: Callable[[str], str],
) -> None:
    """The Citations sheet, in the import layout: cases in the Cases sheet's order, each
    case's citations by criterion in the framework's order, as made."""
    table = [
        [
            name(reference),
            c.assessor,
            c.criterion_id,
            c.document,
            c.page,
            c.quote or None,
            c.start,
            c.region,
        ]
        for case_id, reference in data.order
        for c in cited.of_case(case_id, framework)
    ]
    widths = [16, 20, 24, 30, 8, 80, 8, 28]
    write_table(book, CITATIONS, list(CITATION_COLUMNS.values()), widths, table)
