"""The optional Force grade column: the grade the force's own audit team gave each case."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.inspection import Inspection
from tests.support.importing import CASES, CASES_HEADINGS, run_import, snapshot

HEADINGS = [*CASES_HEADINGS, "Force grade"]


def force_grades(db: Path) -> dict[str, str]:
    with Inspection.open(db) as inspection:
        grades = inspection.moderation.force_grades()
        return {inspection.case(k).reference: v for k, v in grades.items()}


def test_force_grades_are_imported_by_label_or_spelling(capsys, tmp_path: Path, workbook) -> None:
    db = tmp_path / "force.caseaudit"
    cases = [CASES[0] + ["Good"], CASES[1] + ["requiring improvement"], CASES[2] + [""]]
    code, out, err = run_import(capsys, db, workbook(cases, headings=HEADINGS))
    assert (code, err) == (0, "")
    assert "2 force grades recorded" in out
    assert force_grades(db) == {"IMP-001": "good", "IMP-002": "requires_improvement"}
    with Inspection.open(db) as inspection:
        rows = list(
            inspection.db.query("SELECT * FROM audit_log WHERE record_table = 'force_grades'")
        )
        assert len(rows) == 2 and {r["new_value"] for r in rows} == {"good", "requires_improvement"}


def test_a_blank_force_grade_or_no_column_leaves_the_grade_as_it_is(
    capsys, tmp_path: Path, workbook
) -> None:
    db = tmp_path / "force.caseaudit"
    run_import(capsys, db, workbook([CASES[0] + ["Inadequate"]], [], headings=HEADINGS))
    before = snapshot(db)
    code, out, _ = run_import(capsys, db, workbook([CASES[0] + [None]], [], headings=HEADINGS))
    assert code == 0 and "Nothing changed" in out
    code, out, _ = run_import(capsys, db, workbook([CASES[0]], [], name="plain.xlsx"))
    assert code == 0 and "Nothing changed" in out
    assert snapshot(db) == before
    run_import(capsys, db, workbook([CASES[0] + ["Good"]], [], headings=HEADINGS))
    assert force_grades(db) == {"IMP-001": "good"}


def test_a_bad_force_grade_is_refused_with_nothing_written(
    capsys, tmp_path: Path, workbook, base_inspection: Path
) -> None:
    db = shutil.copyfile(base_inspection, tmp_path / "copy.caseaudit")
    before = snapshot(db)
    cases = [CASES[0] + ["Outstanding"], CASES[1] + ["Not applicable"]]
    code, _out, err = run_import(capsys, db, workbook(cases, headings=HEADINGS))
    assert code == 2
    assert "Cases, row 2, Force grade: 'Outstanding' is not a grade the force's audit" in err
    assert "Cases, row 3, Force grade: 'Not applicable' is not a grade" in err
    assert "Traceback" not in err
    assert snapshot(db) == before
