"""Which criteria apply by a case attribute: through the framework, the import (a grade only
where its criterion applies) and the grading's completion."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.importing.problems import ImportRefused
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from tests.support.case_attributes import (
    HEADINGS,
    IMPORTER,
    attributes_framework,
    imported_inspection,
    new_inspection,
    workbook,
)
from tests.support.importing import snapshot


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """An inspection of the invented framework with ``ROWS`` imported."""
    return imported_inspection(tmp_path)


def cases_sheet(path: Path) -> list[list[object]]:
    book = load_workbook(path)
    try:
        return [list(row) for row in book["Cases"].iter_rows(values_only=True)]
    finally:
        book.close()


# --- which criteria apply ----------------------------------------------------------------------


def test_a_criterion_applies_by_an_attribute(imported: Path) -> None:
    framework = attributes_framework()
    applying = {}
    with Inspection.open(imported) as insp:
        for reference in ("LIC-1", "LIC-2", "LIC-3", "ORD-1"):
            case = insp.case_by_reference(reference)
            assert case is not None
            criteria = insp.framework.criteria_for(case.case_type, case.attributes)
            applying[reference] = [c.id for c in criteria]
    assert framework.criterion("short_licence") is not None
    assert applying["LIC-1"] == ["short_licence", "safety", "plan"]  # 8 weeks: <= 8
    assert applying["LIC-2"] == ["safety", "plan"]  # 9 weeks
    assert applying["LIC-3"] == ["safety", "plan"]  # not recorded: the condition is not met
    assert applying["ORD-1"] == ["safety", "plan"]  # 7.5 weeks, but not a licence


def test_a_grade_is_imported_only_where_its_criterion_applies(tmp_path: Path) -> None:
    path = tmp_path / "graded.caseaudit"
    new_inspection(path).close()
    headings = [*HEADINGS, "Assessor", "short_licence", "plan"]
    rows = [
        ["LIC-8", "Licence", "N", "P", 8, None, "Ann Inspector", "Yes", "No"],
        ["LIC-9", "Licence", "N", "P", 9, None, "Ann Inspector", "Yes", "No"],
        ["LIC-0", "Licence", "N", "P", None, None, "Ann Inspector", "Yes", "No"],
    ]
    before = snapshot(path)
    with pytest.raises(ImportRefused) as caught:
        import_file(path, workbook(tmp_path / "g.xlsx", headings, rows), IMPORTER)
    assert caught.value.problems.lines() == [
        f"Cases, row {row}, short_licence: this criterion applies only when "
        "Licence weeks <= 8; leave it blank"  # the attribute as its column is headed
        for row in (3, 4)
    ]
    assert snapshot(path) == before
    # the 8-week case alone: its grade on the framework's own Yes/No answers
    import_file(path, workbook(tmp_path / "g8.xlsx", headings, rows[:1]), IMPORTER)
    with Inspection.open(path) as insp:
        case = insp.case_by_reference("LIC-8")
        ann = next(a for a in insp.assessors() if a.name == "Ann Inspector")
        assert case is not None
        assessment = insp.grading.assessment(case.id, ann.id)
        assert assessment is not None
        assert (assessment.grade_of("short_licence"), assessment.grade_of("plan")) == ("yes", "no")
    # recorded as 9 weeks later (no attribute column in the sheet): the grade is refused
    import_file(
        path, workbook(tmp_path / "w.xlsx", HEADINGS, [["LIC-9", "Licence", "N", "P", 9]]), IMPORTER
    )
    later = [["LIC-9", "Licence", "Ann Inspector", "Yes"]]
    short = ["Case reference", "Case type", "Assessor", "short_licence"]
    with pytest.raises(ImportRefused) as caught:
        import_file(path, workbook(tmp_path / "l.xlsx", short, later), IMPORTER)
    [line] = caught.value.problems.lines()
    assert line.startswith("Cases, row 2, Assessor: LIC-9 graded by Ann Inspector: ")
    assert line.endswith("'Short licence contact' applies only when Licence weeks <= 8")


def test_a_grading_is_complete_when_the_criteria_its_attributes_choose_are(
    tmp_path: Path,
) -> None:
    path = tmp_path / "complete.caseaudit"
    new_inspection(path).close()
    headings = [*HEADINGS, "Assessor", "short_licence", "safety", "plan", "Overall grade"]
    rows = [
        ["LIC-8", "Licence", "N", "P", 8, None, "Ann Inspector", None, "Yes", "Yes", "Good"],
        ["LIC-9", "Licence", "N", "P", 9, None, "Ann Inspector", None, "Yes", "Yes", "Good"],
        ["LIC-A", "Licence", "N", "P", 4, None, "Ann Inspector", "No", "Yes", "No", "Poor"],
    ]
    import_file(path, workbook(tmp_path / "c.xlsx", headings, rows), IMPORTER)
    with Inspection.open(path) as insp:
        ann = next(a for a in insp.assessors() if a.name == "Ann Inspector")
        status = {}
        for reference in ("LIC-8", "LIC-9", "LIC-A"):
            case = insp.case_by_reference(reference)
            assert case is not None
            assessment = insp.grading.assessment(case.id, ann.id)
            assert assessment is not None
            status[reference] = assessment.status
        # the desk, grading the missing criterion of LIC-8, completes it as the import would
        lic8 = insp.case_by_reference("LIC-8")
        assert lic8 is not None
        after = insp.grading.set_grade(lic8.id, ann, "short_licence", "yes")
    assert status == {"LIC-8": "in_progress", "LIC-9": "complete", "LIC-A": "complete"}
    assert after.status == "complete"


def test_a_number_written_as_text_in_a_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "csv.caseaudit"
    new_inspection(path).close()
    source = tmp_path / "cases.csv"
    source.write_text(
        'Case reference,Case type,Licence weeks\nC-1,Licence, 6 \nC-2,Licence,"7,5"\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as caught:  # a decimal comma is not guessed at
        import_file(path, source, IMPORTER)
    [line] = caught.value.problems.lines()
    assert line.startswith("Cases, row 3, Licence weeks: '7,5' is not a number")
    source.write_text(
        "Case reference,Case type,Licence weeks\nC-1,Licence, 6 \nC-2,Licence,7.5\n",
        encoding="utf-8",
    )
    import_file(path, source, IMPORTER)
    with Inspection.open(path) as insp:
        found = [insp.case_by_reference(r) for r in ("C-1", "C-2")]
        assert [c.attributes if c else None for c in found] == [
            {"licence_weeks": 6},
            {"licence_weeks": 7.5},
        ]
