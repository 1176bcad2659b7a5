"""Good files import whole; importing again changes nothing; later files add and update."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from auditor.inspection import Inspection
from tests.support.importing import CASES, CASES_HEADINGS, run_import, snapshot


def test_a_workbook_creates_the_inspection(capsys, tmp_path: Path, workbook) -> None:
    db = tmp_path / "new.caseaudit"
    code, out, err = run_import(capsys, db, workbook())
    assert (code, err) == (0, "")
    assert "3 cases added" in out and "3 chronology events added" in out
    with Inspection.open(db) as inspection:
        case = inspection.case_by_reference("IMP-002")
        assert case.case_type == "S47" and case.team == "Child abuse investigation team"
        assert case.date_opened == "2018-03-04"
        assert inspection.case_by_reference("IMP-001").case_type == "MISSING"  # by label
        events = inspection.chronology(inspection.case_by_reference("IMP-001").id)
        assert [(e.occurred_at, e.event_type) for e in events] == [
            ("2018-03-01T09:00", "reported_missing"),
            ("2018-03-01T21:30", "found"),
        ]


def test_importing_the_same_file_again_changes_nothing(capsys, tmp_path: Path, workbook) -> None:
    db = tmp_path / "inspection.caseaudit"
    source = workbook()
    assert run_import(capsys, db, source)[0] == 0
    before = snapshot(db)
    code, out, _ = run_import(capsys, db, source)
    assert code == 0 and "Nothing changed" in out
    assert snapshot(db) == before


def test_a_later_file_adds_cases_and_updates_details_not_grades(
    capsys, tmp_path: Path, workbook
) -> None:
    db = tmp_path / "inspection.caseaudit"
    assert run_import(capsys, db, workbook())[0] == 0
    with Inspection.open(db) as inspection:
        robin = inspection.assessor("Robin Example", "inspector")
        case_id = inspection.case_by_reference("IMP-002").id
        inspection.grading.set_grade(case_id, robin, "voice_of_child", "inadequate")
    later = [list(r) for r in CASES]
    later[1][4] = "Safeguarding hub"  # IMP-002 moved team
    later.append(["IMP-004", "RSO", "Ashvale", "North BCU", "MOSOVO", "2018-04-01", "New"])
    code, out, _ = run_import(capsys, db, workbook(later, name="later.xlsx"))
    assert code == 0
    assert "1 cases added, 1 cases updated" in out
    with Inspection.open(db) as inspection:
        assert inspection.case_by_reference("IMP-002").team == "Safeguarding hub"
        assert inspection.case_by_reference("IMP-004") is not None
        robin = next(a for a in inspection.assessors() if a.name == "Robin Example")
        kept = inspection.grading.assessment(case_id, robin.id)
        assert kept.grade_of("voice_of_child") == "inadequate"
        changes = [r for r in inspection.audit_for_case(case_id) if r["field"] == "team"]
        assert [(r["old_value"], r["new_value"]) for r in changes] == [
            ("Child abuse investigation team", "Safeguarding hub")
        ]


def test_grades_in_the_file_become_the_assessors_assessment(
    capsys, tmp_path: Path, workbook
) -> None:
    headings = [
        *CASES_HEADINGS,
        "Assessor",
        "voice_of_child",
        "Voice_of_child note",
        "Overall grade",
        "Referred back",
        "Referral reason",
        "Referral note",
    ]
    cases = [
        CASES[1]
        + [
            "Sam Sample",
            "Requiring improvement",
            "Seen, not alone",
            "Inadequate",
            "Yes",
            "Child left at risk of harm",
            "No strategy discussion",
        ],
        CASES[0] + ["", "", "", "", "No", "", ""],
    ]
    db = tmp_path / "graded.caseaudit"
    code, _out, err = run_import(capsys, db, workbook(cases, [], headings=headings))
    assert code == 0, err
    with Inspection.open(db) as inspection:
        sam = next(a for a in inspection.assessors() if a.name == "Sam Sample")
        case_id = inspection.case_by_reference("IMP-002").id
        assessment = inspection.grading.assessment(case_id, sam.id)
        assert assessment.grade_of("voice_of_child") == "requires_improvement"
        assert assessment.note_of("voice_of_child") == "Seen, not alone"
        assert assessment.overall_grade == "inadequate"
        assert assessment.referral.reason == "child_at_risk"
        assert assessment.referral.note == "No strategy discussion"
        untouched = inspection.case_by_reference("IMP-001").id
        assert inspection.grading.assessments(untouched) == []


def test_formula_text_is_data(capsys, tmp_path: Path, workbook) -> None:
    cases = [list(CASES[0])]
    cases[0][6] = '=HYPERLINK("http://example.invalid","click")'
    db = tmp_path / "formula.caseaudit"
    assert run_import(capsys, db, workbook(cases, []))[0] == 0
    with Inspection.open(db) as inspection:
        assert inspection.case_by_reference("IMP-001").summary == cases[0][6]


def test_real_excel_dates_and_date_times(capsys, tmp_path: Path, workbook) -> None:
    cases = [list(CASES[0])]
    cases[0][5] = date(2018, 3, 1)
    chronology = [
        ["IMP-001", datetime(2018, 3, 1, 0, 0), "Reported missing", "At midnight"],
        ["IMP-001", datetime(2018, 3, 2, 7, 45), "found", "Next morning"],
    ]
    db = tmp_path / "dates.caseaudit"
    assert run_import(capsys, db, workbook(cases, chronology))[0] == 0
    with Inspection.open(db) as inspection:
        case = inspection.case_by_reference("IMP-001")
        assert case.date_opened == "2018-03-01"
        when = [e.occurred_at for e in inspection.chronology(case.id)]
        assert when == ["2018-03-01T00:00", "2018-03-02T07:45"]


def test_a_csv_holds_the_cases_sheet(capsys, tmp_path: Path) -> None:
    source = tmp_path / "sample.csv"
    source.write_text(
        'case reference,CASE TYPE,Summary\nCSV-1,Children missing,"Says ""no"", twice"\n',
        encoding="utf-8",
    )
    db = tmp_path / "csv.caseaudit"
    assert run_import(capsys, db, source)[0] == 0
    with Inspection.open(db) as inspection:
        assert inspection.case_by_reference("CSV-1").summary == 'Says "no", twice'


def test_documents_are_attached_once(capsys, tmp_path: Path, workbook) -> None:
    folder = tmp_path / "docs" / "IMP-001"
    folder.mkdir(parents=True)
    (folder / "crime report.txt").write_text("Invented crime report", encoding="utf-8")
    db = tmp_path / "docs.caseaudit"
    source = workbook()
    assert run_import(capsys, db, source, "--documents", str(tmp_path / "docs"))[0] == 0
    assert run_import(capsys, db, source, "--documents", str(tmp_path / "docs"))[0] == 0
    with Inspection.open(db) as inspection:
        documents = inspection.documents(inspection.case_by_reference("IMP-001").id)
        assert [d.filename for d in documents] == ["crime report.txt"]


def test_a_file_without_detail_columns_leaves_those_details(
    capsys, tmp_path: Path, base_inspection: Path
) -> None:
    import shutil

    db = tmp_path / "grades-only.caseaudit"
    shutil.copy(base_inspection, db)
    source = tmp_path / "grades.csv"
    source.write_text(
        "Case reference,Case type,Assessor,Overall grade\n"
        "IMP-001,Children missing,Sam Sample,Good\n",
        encoding="utf-8",
    )
    code, out, err = run_import(capsys, db, source)
    assert code == 0, err
    assert "0 cases updated" in out
    with Inspection.open(db) as inspection:
        case = inspection.case_by_reference("IMP-001")
        assert (case.borough, case.team, case.summary) == (
            CASES[0][2],
            CASES[0][4],
            CASES[0][6],
        )
        assert case.date_opened == CASES[0][5]
