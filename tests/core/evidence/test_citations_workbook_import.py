"""The Citations sheet imported: into a new file (the same citations) and into the same file
(nothing added twice); a bad Citations cell is refused naming its sheet, row and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from auditor.evidence.citations import QUOTE_LIMIT
from auditor.importing.problems import ImportRefused
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from tests.core.evidence.test_citations import TEXT_SENTENCE
from tests.support.citations_workbook import (
    CUSTODY,
    INSPECTOR,
    MISSING,
    Cited,
    Expected,
    export,
    write_documents,
)
from tests.support.importing import snapshot


def citations_of(path: Path) -> list[Expected]:
    """Every standing citation of the file, by the names the workbook uses."""
    out = []
    with Inspection.open(path) as inspection:
        names = {a.id: a.name for a in inspection.assessors()}
        for row in inspection.case_list():
            case = inspection.case(row[0])
            files = {d.id: d.filename for d in inspection.documents(case.id)}
            for c in inspection.citations.for_case(case.id):
                region = ",".join(f"{v:.4f}" for v in c.region) if c.region else None
                out.append(
                    Expected(
                        case.reference,
                        names[c.assessor_id],
                        c.criterion_id,
                        files[c.document_id],
                        c.page,
                        c.quote,
                        c.start,
                        region,
                    )
                )
    return out


def test_export_then_import_into_a_new_file_gives_the_same_citations(
    cited: Cited, tmp_path: Path
) -> None:
    full = export(cited.path, tmp_path / "full.xlsx")
    copy = tmp_path / "copy.caseaudit"
    report = import_file(copy, full, "Lee Importer", cited.documents)
    assert report.citations == len(cited.standing)
    assert f"{len(cited.standing)} citations of case documents added" in report.lines()
    assert sorted(citations_of(copy), key=repr) == sorted(cited.standing, key=repr)
    with Inspection.open(copy) as inspection:  # each one an edit with its ledger row
        entries = [e for e in inspection.log.entries() if e.field.endswith(".citation")]
        assert len(entries) == len(cited.standing)
        missing = inspection.case_by_reference(MISSING)
        graded = inspection.grading.assessments(missing.id)
        assert [a.status for a in graded] == ["not_started"]  # started by its citation only
    # importing the same workbook again adds nothing
    before = snapshot(copy)
    again = import_file(copy, full, "Lee Importer", cited.documents)
    assert again.citations == 0 and snapshot(copy) == before
    # and the copy exports the same Citations sheet
    second = load_workbook(export(copy, tmp_path / "second.xlsx"))
    first = load_workbook(full)
    for title in ("Citations", "Criteria"):
        a = list(first[title].iter_rows(values_only=True))
        b = list(second[title].iter_rows(values_only=True))
        assert a == b, title


def test_importing_the_export_into_its_own_file_adds_nothing(cited: Cited, tmp_path: Path) -> None:
    full = export(cited.path, tmp_path / "own.xlsx")
    before = snapshot(cited.path)
    report = import_file(cited.path, full, INSPECTOR, cited.documents)
    assert report.citations == 0
    assert report.lines()[0].startswith("Nothing changed")
    assert snapshot(cited.path) == before  # the citation taken back is not brought back


def citations_workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    cases = book.active
    cases.title = "Cases"
    cases.append(["Case reference", "Case type"])
    cases.append([CUSTODY, "CUSTODY"])
    cases.append([MISSING, "MISSING"])
    sheet = book.create_sheet("Citations")
    sheet.append(
        ["Case reference", "Assessor", "Criterion", "Document", "Page", "Quote", "Start", "Region"]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


BAD_ROWS: dict[str, tuple[list[Any], str]] = {
    "unknown case": (
        ["CUS-9999", INSPECTOR, "voice_of_child", "custody-record.txt", None, "x"],
        "Citations, row 2, Case reference: 'CUS-9999' is not a case in the Cases sheet",
    ),
    "unknown criterion": (
        [CUSTODY, INSPECTOR, "voice_of_the_dog", "custody-record.txt", None, "x"],
        "Citations, row 2, Criterion: 'voice_of_the_dog' is not a criterion of this framework",
    ),
    "criterion not applying": (
        [CUSTODY, INSPECTOR, "missing_trigger_plan", "custody-record.txt", None, "x"],
        "Citations, row 2, Criterion: 'missing_trigger_plan' does not apply to "
        "'Children in police custody' cases",
    ),
    "a document of another case": (
        [CUSTODY, INSPECTOR, "voice_of_child", "return-interview.txt", None, "x"],
        "Citations, row 2, Document: 'return-interview.txt' is not a document of CUS-0101 "
        "(its documents: cell-photo.png, custody-record.txt, minutes.pdf)",
    ),
    "page not a number": (
        [CUSTODY, INSPECTOR, "voice_of_child", "minutes.pdf", "two", "x"],
        "Citations, row 2, Page: 'two' is not a whole number",
    ),
    "page 0": (
        [CUSTODY, INSPECTOR, "voice_of_child", "minutes.pdf", 0, "x"],
        "Citations, row 2, Page: 0 is below 1",
    ),
    "no page for a PDF passage": (
        [CUSTODY, INSPECTOR, "voice_of_child", "minutes.pdf", None, "x"],
        "Citations, row 2, Page: say which page of the PDF the passage is on (minutes.pdf)",
    ),
    "a negative start": (
        [CUSTODY, INSPECTOR, "voice_of_child", "custody-record.txt", None, "x", -1],
        "Citations, row 2, Start: -1 is below 0",
    ),
    "a region that is not one": (
        [CUSTODY, INSPECTOR, "voice_of_child", "cell-photo.png", None, None, None, "0.1,0.2"],
        "Citations, row 2, Region: '0.1,0.2' is not a region: four numbers x,y,width,height",
    ),
    "a region outside the image": (
        [
            CUSTODY,
            INSPECTOR,
            "voice_of_child",
            "cell-photo.png",
            None,
            None,
            None,
            "0.5,0.5,0.6,0.1",
        ],
        "Citations, row 2, Region: the region must lie within the image",
    ),
    "nothing cited": (
        [CUSTODY, INSPECTOR, "voice_of_child", "custody-record.txt"],
        "Citations, row 2, Quote: select the passage to cite first",
    ),
    "a quote over the limit": (
        [CUSTODY, INSPECTOR, "voice_of_child", "custody-record.txt", None, "y" * (QUOTE_LIMIT + 1)],
        f"Citations, row 2, Quote: the passage is {QUOTE_LIMIT + 1:,} characters",
    ),
    "a blank document": (
        [CUSTODY, INSPECTOR, "voice_of_child", None, None, "x"],
        "Citations, row 2, Document: is blank",
    ),
}


@pytest.fixture
def plain_documents(tmp_path: Path) -> Path:
    return write_documents(tmp_path / "docs")


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_a_bad_citations_cell_is_refused_naming_it(
    kind: str, tmp_path: Path, plain_documents: Path
) -> None:
    row, expected = BAD_ROWS[kind]
    source = citations_workbook(tmp_path / "bad.xlsx", [row])
    target = tmp_path / "new.caseaudit"
    with pytest.raises(ImportRefused) as refused:
        import_file(target, source, INSPECTOR, plain_documents)
    lines = refused.value.problems.lines()
    assert any(line.startswith(expected) for line in lines), lines
    assert not target.exists()


def test_a_document_is_found_by_its_title_too(tmp_path: Path, plain_documents: Path) -> None:
    row = [CUSTODY, "", "Voice of the child", "custody-record", None, TEXT_SENTENCE]
    source = citations_workbook(tmp_path / "titles.xlsx", [row])
    target = tmp_path / "new.caseaudit"
    report = import_file(target, source, "Lee Importer", plain_documents)
    assert report.citations == 1
    [got] = citations_of(target)
    assert (got.assessor, got.criterion, got.document, got.quote) == (
        "Lee Importer",  # a blank Assessor is the person importing
        "voice_of_child",
        "custody-record.txt",
        TEXT_SENTENCE,
    )


def test_a_citation_of_a_document_already_in_the_inspection(cited: Cited, tmp_path: Path) -> None:
    quote = "Arrived 21:40."  # cited by the colleague only, so new to the inspector's grading
    row = [CUSTODY, INSPECTOR, "custody_reviews_and_certificate", "custody-record.txt", None, quote]
    source = citations_workbook(tmp_path / "later.xlsx", [row, row])  # the same row twice
    report = import_file(cited.path, source, INSPECTOR)  # no documents folder this time
    assert report.citations == 1
    mine = [c for c in citations_of(cited.path) if c.assessor == INSPECTOR]
    assert [c.criterion for c in mine if c.quote == quote] == ["custody_reviews_and_certificate"]
