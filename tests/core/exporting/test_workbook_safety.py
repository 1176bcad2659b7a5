"""The workbook is written safely: text is never a formula, and a failed export leaves any
earlier workbook intact with no partial file beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.exporting.export import ExportError, export_workbook
from auditor.inspection import Inspection

DANGEROUS = [
    '=HYPERLINK("http://example.invalid","click")',
    "+44 20 7946 0000 rang",
    "-1 day late",
    "@SUM(A1:A3)",
]


def test_notes_that_look_like_formulas_are_stored_as_text(tmp_path: Path, demo: Inspection) -> None:
    case = demo.case(demo.case_list()[0][0])
    inspector = demo.assessor("Text Tester", "inspector")
    criteria = demo.framework.criteria_for(case.case_type)
    for criterion, note in zip(criteria, DANGEROUS, strict=False):
        demo.grading.set_note(case.id, inspector, criterion.id, note)
    demo.grading.set_overall(case.id, inspector, "good", "=cmd|' /C calc'!A0")
    out = tmp_path / "safe.xlsx"
    export_workbook(demo, out)
    sheet = load_workbook(out)["Cases"]
    headings = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == case.reference)
    by_heading = dict(zip(headings, row, strict=True))
    for criterion, note in zip(criteria, DANGEROUS, strict=False):
        cell = by_heading[f"{criterion.id} note"]
        assert cell.value == note
        assert cell.data_type == "s"  # a string cell, never "f" (formula)
    override = by_heading["Override reason"]
    assert override.value == "=cmd|' /C calc'!A0" and override.data_type == "s"
    assert override.quotePrefix  # Excel keeps it text even when the cell is edited
    formulas = [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []


def test_a_failed_export_leaves_the_earlier_workbook(tmp_path: Path, demo: Inspection) -> None:
    out = tmp_path / "inspection.xlsx"
    export_workbook(demo, out)
    earlier = out.read_bytes()

    def fail_half_way(sheet: str) -> None:
        if sheet == "Chronology":
            raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        export_workbook(demo, out, progress=fail_half_way)
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir() if "xlsx" in p.name) == ["inspection.xlsx"]
    assert load_workbook(out)["Cases"].max_row == len(demo.case_list()) + 1


def test_a_bad_destination_is_refused_with_where_and_what(tmp_path: Path, demo: Inspection) -> None:
    with pytest.raises(ExportError, match=r"no-such-folder: no such folder"):
        export_workbook(demo, tmp_path / "no-such-folder" / "out.xlsx")
    with pytest.raises(ExportError, match=r"out\.csv: the workbook's name must end in \.xlsx"):
        export_workbook(demo, tmp_path / "out.csv")
    assert list(tmp_path.glob("*.xlsx")) == []


def test_the_export_command_says_what_is_wrong_in_one_line(
    capsys, tmp_path: Path, demo_path: Path
) -> None:
    from auditor import cli

    missing = tmp_path / "elsewhere" / "out.xlsx"
    assert cli.main(["export", "--db", str(demo_path), str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"case-auditor: {missing.parent}: no such folder"]
    assert (
        cli.main(["export", "--db", str(tmp_path / "none.caseaudit"), str(tmp_path / "o.xlsx")])
        == 2
    )
    assert "none.caseaudit: no such inspection file" in capsys.readouterr().err
    assert not (tmp_path / "none.caseaudit").exists() and not (tmp_path / "o.xlsx").exists()
