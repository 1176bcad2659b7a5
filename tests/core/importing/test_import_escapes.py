"""Excel's _xHHHH_ escapes of control characters mean the same through both readers: a
workbook with a formula (read by openpyxl, which keeps them as written) imports the same text
as one without (calamine, which decodes them): a line break, a bell; a literal '_x0041_'
written escaped stays literal."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from auditor.importing.run import import_file
from auditor.inspection import Inspection
from tests.support.importing import CASES_HEADINGS


def workbook(path: Path, summary: str, formula: bool) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Cases")
    for column, heading in enumerate(CASES_HEADINGS):
        sheet.write_string(0, column, heading)
    values = {"Case reference": "ESC-1", "Case type": "S47", "Summary": summary}
    for column, heading in enumerate(CASES_HEADINGS):
        if heading in values:
            sheet.write_string(1, column, values[heading])
    if formula:  # a formula anywhere: the workbook is read by openpyxl (its text is data)
        sheet.write_formula(1, CASES_HEADINGS.index("Team"), '="CP"')
    book.close()
    return path


def imported_summary(tmp_path: Path, source: Path) -> str:
    db = tmp_path / f"{source.stem}.caseaudit"
    import_file(db, source, "Test Inspector")
    with Inspection.open(db) as inspection:
        case = inspection.case_by_reference("ESC-1")
        assert case is not None
        return case.summary


def test_both_readers_decode_excels_escapes_alike(tmp_path: Path) -> None:
    # xlsxwriter escapes a control character as _x0007_ and a literal "_x0041_" as
    # "_x005F_x0041_", as Excel does.
    text = "Line one\r\nline two, a bell\x07, the literal _x0041_ and a tab\tend"
    plain = imported_summary(tmp_path, workbook(tmp_path / "plain.xlsx", text, False))
    with_formula = imported_summary(tmp_path, workbook(tmp_path / "formula.xlsx", text, True))
    assert with_formula == plain
    assert "_x0041_" in plain and "_x0007_" not in plain and "_x000D_" not in plain
    assert "\ufffd" in plain  # the bell: a character a workbook cannot hold, shown
