"""The export's Cases and Chronology sheets are the import layout: export → import → export
gives the same workbook cell for cell, and importing an export changes nothing."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from auditor import cli
from tests.support.exporting import cells, export, import_
from tests.support.importing import snapshot

# The sheets an import carries (and the tables computed from them). About, Referrals and the
# Audit trail say when things were done, and an import is done later, so they differ.


def test_export_import_export_is_equal_cell_for_cell(capsys, tmp_path: Path, demo_path) -> None:
    first = export(capsys, demo_path, tmp_path / "first.xlsx")
    copy = tmp_path / "copy.caseaudit"
    import_(capsys, copy, first)
    second = export(capsys, copy, tmp_path / "second.xlsx")
    a, b = cells(first), cells(second)
    assert load_workbook(first).sheetnames == load_workbook(second).sheetnames
    for sheet in a:
        assert len(a[sheet]) == len(b[sheet]), sheet
        for number, (row_a, row_b) in enumerate(zip(a[sheet], b[sheet], strict=True), start=1):
            assert row_a == row_b, f"{sheet}, row {number}"


def test_the_export_holds_the_demo_grades(capsys, tmp_path: Path, demo) -> None:
    graded = [
        c for c in demo.case_list() if demo.grading.assessments(c[0])
    ]  # at least one graded case
    assert graded
    out = export(capsys, demo.path, tmp_path / "demo.xlsx")
    book = load_workbook(out)
    headings = [c.value for c in book["Cases"][1]]
    rows = {
        r[0]: dict(zip(headings, r, strict=True))
        for r in book["Cases"].iter_rows(2, values_only=True)
    }
    case_id = graded[0][0]
    case = demo.case(case_id)
    assessment = max(
        demo.grading.assessments(case_id), key=lambda a: (a.overall_grade is not None, a.updated_at)
    )
    row = rows[case.reference]
    for criterion_id, grade in assessment.grades.items():
        expected = demo.framework.grade_label(grade.grade) if grade.grade else None
        assert row[criterion_id] == expected
        assert row[f"{criterion_id} note"] == (grade.note or None)


def test_importing_an_export_into_its_own_inspection_changes_nothing(
    capsys, tmp_path: Path, demo_path
) -> None:
    out = export(capsys, demo_path, tmp_path / "own.xlsx")
    before = snapshot(demo_path)
    printed = import_(capsys, demo_path, out)
    assert "Nothing changed" in printed
    assert snapshot(demo_path) == before


def test_a_decided_referral_is_not_changed_by_import(capsys, tmp_path: Path, demo_path) -> None:
    from auditor.inspection import Inspection

    with Inspection.open(demo_path) as inspection:
        item = inspection.review.queue()[0]
        supervisor = next(a for a in inspection.assessors() if a.role == "supervisor")
        inspection.review.confirm_referral(item.assessment.id, supervisor)
        reference = item.case.reference
    out = export(capsys, demo_path, tmp_path / "decided.xlsx")
    book = load_workbook(out)
    sheet = book["Cases"]
    headings = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == reference)
    row[headings.index("Referral note")].value = "A different note, typed later"
    book.save(out)
    before = snapshot(demo_path)
    code = cli.main(["import", "--db", str(demo_path), str(out), "--assessor", "Robin Example"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"Cases, row {row[0].row}, Referred back: {reference} graded by" in err
    assert "a referral a supervisor has decided cannot be changed (it is confirmed)" in err
    assert snapshot(demo_path) == before
