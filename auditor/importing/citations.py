"""The Citations sheet of an import: passages of case documents cited for criteria.

One row per citation (the export's Citations sheet writes them so): the case, whose grading
(Assessor; blank is the person importing), the criterion (its id, or its title), the document
(its file name, or its title), and the passage: the quote, its page (a PDF's), where it starts,
or the region drawn on an image ("x,y,width,height", fractions of the image).

Read in three steps, all before anything is written except the last:

1. :func:`read_citations` (with the other sheets): each cell by the text rules, whole numbers,
   a region of four numbers, a criterion of the framework, a case of the file or inspection.
2. :func:`check_citations` (once the documents folder is listed): each document found among
   the case's documents (those in the inspection and those the import attaches), the passage
   allowed for that kind of document (``auditor.evidence.citations.checked_passage``), the
   criterion applying to the case's type.
3. :func:`write_citations` (in the import's transaction, after the gradings): each citation
   not already in the inspection cited by the citations desk, with its ledger row. The same
   citation (grading, criterion, document, page, quote, start, region) is never added twice, and
   one taken back in the inspection is not brought back by importing it again (restore it with
   Undo).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from auditor import text_rules
from auditor.case_material import MEDIA_TYPES
from auditor.errors import GradingError
from auditor.evidence.citations import checked_passage, parse_region
from auditor.framework import Framework
from auditor.importing import cells
from auditor.importing.layout import (
    CITATION_COLUMNS,
    CITATION_REQUIRED,
    joined,
    match_headings,
    value,
)
from auditor.importing.problems import ImportRefused, Problems, cell
from auditor.importing.sources import Sheet
from auditor.records import Assessor, Case
from db import cases as case_rows
from db import evidence as evidence_rows
from db import grading as grading_rows

if TYPE_CHECKING:
    from auditor.importing.documents import DocumentRecord
    from auditor.importing.writing import Assessors, Progress
    from auditor.inspection import Inspection
    from db.database import Database

#: The column a refused passage is named by (``checked_passage``'s ``where.field``).
PART_COLUMNS = {"quote": "Quote", "page": "Page", "start": "Start", "region": "Region"}
CITATIONS_PER_REPORT = 500


class CellReader(Protocol):
    """The import's reader of cells by the text rules (``reading.Reader``)."""

    problems: Problems

    def identifier(self, raw: Any, where: tuple[str, int, str], what: str) -> str | None: ...

    def free(self, raw: Any, where: tuple[str, int, str]) -> str: ...


class KnownReferences(Protocol):
    """The references of the file's Cases sheet and the inspection (``reading.References``)."""

    def find(self, reference: str) -> tuple[str | None, str | None]: ...


@dataclass
class CitationRecord:
    """A Citations row, its cells read."""

    row: int
    sheet: str
    reference: str
    assessor: str | None  # None: the person importing
    criterion_id: str
    document: str  # as the cell names it: a file name or a title
    page: int | None
    quote: str
    start: int | None
    region: tuple[float, float, float, float] | None


def _whole(raw: Any, minimum: int) -> int | None:
    """A cell as a whole number of at least ``minimum``; None when blank. CellError else."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    number: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    elif isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    elif isinstance(raw, str) and raw.strip().isdecimal():
        number = int(raw.strip())
    if number is None:
        raise cells.CellError(f"{cells.quoted(raw)} is not a whole number")
    if number < minimum:
        raise cells.CellError(f"{number} is below {minimum}")
    return number


def _region(raw: Any) -> tuple[float, float, float, float] | None:
    """A region cell ("x,y,width,height"); None when blank. CellError when not four numbers."""
    text = cells.text(raw)
    if not text:
        return None
    try:
        return parse_region(text)
    except ValueError:
        raise cells.CellError(
            f"{cells.quoted(raw)} is not a region: four numbers x,y,width,height, fractions "
            "of the image's width and height (e.g. 0.1,0.25,0.5,0.4)"
        ) from None


def read_citations(
    framework: Framework, sheet: Sheet, references: KnownReferences, reader: CellReader
) -> list[CitationRecord]:
    """The Citations sheet's rows; a bad cell is a problem naming its sheet, row and column."""
    problems = reader.problems
    positions = match_headings(sheet, CITATION_COLUMNS, CITATION_REQUIRED, problems)
    if positions is None:
        return []
    name = text_rules.shown(sheet.name)
    criteria = {c.id.casefold(): c.id for c in framework.criteria}
    criteria.update({c.title.casefold(): c.id for c in framework.criteria})
    records: list[CitationRecord] = []
    for number, row in sheet.rows:
        values = joined(row, positions)
        good = True

        def at(key: str, values: list[Any] = values) -> Any:
            return value(values, positions, key)

        def where(key: str, number: int = number) -> tuple[str, int, str]:
            return (name, number, CITATION_COLUMNS[key])

        def bad(key: str, message: str) -> None:
            nonlocal good
            good = False
            problems.add(cell(*where(key)), message)

        raw_reference = reader.identifier(at("reference"), where("reference"), "references")
        reference = None
        if raw_reference is None:
            good = False  # refused, the character named
        elif not raw_reference:
            bad("reference", "is blank; say which case the citation belongs to")
        else:
            reference, why = references.find(raw_reference)
            if why is None and reference is None:
                why = f"{raw_reference!r} is not a case in the Cases sheet or the inspection"
            if why is not None:
                bad("reference", why)
        assessor = reader.identifier(at("assessor"), where("assessor"), "names")
        good = good and assessor is not None
        raw_criterion = reader.identifier(at("criterion"), where("criterion"), "codes")
        criterion_id = criteria.get(" ".join((raw_criterion or "").split()).casefold())
        if raw_criterion is None:
            good = False
        elif not raw_criterion:
            bad("criterion", "is blank; give the criterion's id (as in the Cases sheet's columns)")
        elif criterion_id is None:
            bad(
                "criterion",
                f"{text_rules.quoted(raw_criterion)} is not a criterion of this framework "
                f"(one of: {', '.join(c.id for c in framework.criteria)})",
            )
        document = reader.identifier(at("document"), where("document"), "document names")
        if document is None:
            good = False
        elif not document:
            bad("document", "is blank; give the document's file name (or its title)")
        numbers: dict[str, int | None] = {}
        for key, minimum in (("page", 1), ("start", 0)):
            try:
                numbers[key] = _whole(at(key), minimum)
            except cells.CellError as exc:
                bad(key, str(exc))
        try:
            region = _region(at("region"))
        except cells.CellError as exc:
            bad("region", str(exc))
            region = None
        quote = reader.free(at("quote"), where("quote"))
        if good and reference and criterion_id and document:
            records.append(
                CitationRecord(
                    number,
                    name,
                    reference,
                    assessor or None,
                    criterion_id,
                    document,
                    numbers.get("page"),
                    quote,
                    numbers.get("start"),
                    region,
                )
            )
    return records


@dataclass(frozen=True)
class _Document:
    """A document a citation may name: one in the inspection (with its id) or one the import
    attaches (id None until it is)."""

    id: str | None
    filename: str
    title: str
    media_type: str


def _named(documents: Sequence[_Document], name: str) -> list[_Document]:
    """The documents ``name`` names: by file name, else by title; exactly, else ignoring case."""
    folded = name.casefold()
    for found in (
        [d for d in documents if d.filename == name],
        [d for d in documents if d.title == name],
        [d for d in documents if d.filename.casefold() == folded],
        [d for d in documents if d.title.casefold() == folded],
    ):
        if found:
            return found
    return []


def _stored(row: dict[str, Any]) -> _Document:
    return _Document(row["id"], row["filename"], row["title"], row["media_type"])


def _document_problem(
    documents: Sequence[_Document], record: CitationRecord
) -> tuple[_Document | None, str | None]:
    """(the one document the row names, None), or (None, why not)."""
    found = _named(documents, record.document)
    if len(found) == 1:
        return found[0], None
    shown = text_rules.quoted(record.document)
    if found:
        return None, (
            f"{shown} names {len(found)} documents of {record.reference}; give the file name "
            "of one (file names and titles are matched exactly first)"
        )
    names = ", ".join(sorted({d.filename for d in documents}))
    held = f"its documents: {names}" if names else "it has no documents: attach them (--documents)"
    return None, f"{shown} is not a document of {record.reference} ({held})"


def check_citations(
    framework: Framework,
    records: list[CitationRecord],
    case_types: dict[str, str],
    existing: dict[str, Case],
    attached: list[DocumentRecord],
    db: Database | None,
    problems: Problems,
) -> None:
    """Check each citation against its case's documents and type: ``case_types`` are the
    Cases sheet's (by folded reference), ``existing`` the inspection's cases, ``attached``
    the documents this import attaches, ``db`` the inspection (None: a new one)."""
    if not records:
        return
    criteria = {c.id: c for c in framework.criteria}
    by_case: dict[str, list[_Document]] = {}
    for record in records:
        folded = record.reference.casefold()
        if folded not in by_case:
            case = existing.get(folded)
            held = (
                [_stored(r) for r in case_rows.documents_for_case(db, case.id)]
                if case is not None and db is not None
                else []
            )
            names = {d.filename for d in held}
            for doc in attached:
                if doc.reference.casefold() == folded and doc.path.name not in names:
                    suffix = Path(doc.path.name).suffix.lower()
                    held.append(
                        _Document(
                            None, doc.path.name, Path(doc.path.name).stem, MEDIA_TYPES[suffix]
                        )
                    )
            by_case[folded] = held
        where = (record.sheet, record.row)
        document, why = _document_problem(by_case[folded], record)
        if why is not None:
            problems.add(cell(*where, CITATION_COLUMNS["document"]), why)
        elif document is not None:
            try:
                checked_passage(
                    document.media_type,
                    record.quote,
                    page=record.page,
                    start=record.start,
                    region=record.region,
                )
            except GradingError as exc:
                column = PART_COLUMNS.get(exc.where.field, CITATION_COLUMNS["quote"])
                problems.add(cell(*where, column), f"{exc} ({document.filename})")
        case_type = case_types.get(folded)
        if case_type is None and folded in existing:
            case_type = existing[folded].case_type
        criterion = criteria[record.criterion_id]
        if case_type is not None and not criterion.applies(case_type):
            problems.add(
                cell(*where, CITATION_COLUMNS["criterion"]),
                f"{criterion.id!r} does not apply to "
                f"{framework.case_type_label(case_type)!r} cases",
            )


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two citations the same citation."""
    return (
        row["assessment_id"],
        row["criterion_id"],
        row["document_id"],
        row["page"],
        row["quote"],
        row["start"],
        row["region"],
    )


def write_citations(
    inspection: Inspection,
    records: list[CitationRecord],
    by_reference: dict[str, Case],
    people: Assessors,
    user: Assessor,
    report: Progress,
) -> int:
    """Cite each row's passage not already in the inspection (call inside the import's
    transaction, after its documents and gradings); how many were added."""
    if not records:
        return 0
    db = inspection.db
    report("Importing citations", len(records))
    present = {_key(row) for row in evidence_rows.citation_rows(db)}  # taken back too
    documents: dict[str, list[_Document]] = {}
    refused = Problems()
    added = 0
    for done, record in enumerate(records, start=1):
        if done % CITATIONS_PER_REPORT == 0:
            report("Importing citations", done)
        case = by_reference[record.reference.casefold()]
        if case.id not in documents:
            documents[case.id] = [_stored(r) for r in case_rows.documents_for_case(db, case.id)]
        document, why = _document_problem(documents[case.id], record)
        where = cell(record.sheet, record.row, CITATION_COLUMNS["document"])
        if document is None or document.id is None:
            refused.add(where, why or "the document was not attached")
            continue
        try:
            actor = people.named(record.assessor) if record.assessor else user
            quote, start, region = checked_passage(
                document.media_type,
                record.quote,
                page=record.page,
                start=record.start,
                region=record.region,
            )
            assessment = grading_rows.get_assessment(db, case.id, actor.id)
            key = (record.criterion_id, document.id, record.page, quote, start, region)
            if assessment is not None and (assessment["id"], *key) in present:
                continue
            cited = inspection.citations.cite(
                actor,
                case.id,
                record.criterion_id,
                document.id,
                quote=record.quote,
                page=record.page,
                start=record.start,
                region=record.region,
            )
        except GradingError as exc:
            column = PART_COLUMNS.get(exc.where.field, CITATION_COLUMNS["assessor"])
            refused.add(cell(record.sheet, record.row, column), f"{record.reference}: {exc}")
            continue
        row = evidence_rows.citation(db, cited.id)
        if row is not None:
            present.add(_key(row))
        added += 1
    if refused:
        raise ImportRefused(refused)  # inside the transaction: everything is rolled back
    return added
