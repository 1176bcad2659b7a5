"""Nothing an inspection file can store makes an export fail: text is written by the same rule
as the import's (auditor/text_rules.py), whether it came from an import before the rule, the
window, a merge or an edit of the file, and no message echoes a control character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlcipher3 import dbapi2 as sqlite3

from auditor import cli
from auditor.exporting.export import ExportOptions, export_workbook
from auditor.importing.run import import_file
from auditor.inspection import Inspection

#: What openpyxl refuses to write (and a workbook cannot hold).
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
KINDS = [ExportOptions(), ExportOptions(redact=True), ExportOptions(for_force=True)]


def _every_text(path: Path) -> list[str]:
    book = load_workbook(path)
    return [
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


def _spoil(db: Path, *, not_dates: bool = True) -> tuple[str, str]:
    """Put what a workbook cannot hold straight into the file, as an old import or a merge
    could have (and, ``not_dates``, days and times that are not dates): (the case id, the
    reference as stored)."""
    reference = "MPS-\x1b[31m0001\x00"
    with sqlite3.connect(db) as conn:
        (first, second, third) = [r[0] for r in conn.execute("SELECT id FROM cases LIMIT 3")]
        conn.execute(
            "UPDATE cases SET reference = ?, summary = ?, borough = ? WHERE id = ?",
            [reference, "Summary\x00 with\x1b[2J escapes\ufffe\uffff", "Ash\x07vale", first],
        )
        conn.execute("UPDATE cases SET summary = X'41420043' WHERE id = ?", [second])  # bytes
        conn.execute("UPDATE chronology SET detail = ? WHERE case_id = ?", ["De\x08tail", first])
        if not_dates:
            conn.execute("UPDATE cases SET date_opened = 'soon' WHERE id = ?", [second])
            conn.execute(  # an event whose time is not a date-time: measures pass over it
                "UPDATE chronology SET occurred_at = 'garbage' WHERE case_id = ?", [third]
            )
    return first, reference


def test_text_a_workbook_cannot_hold_never_fails_an_export(tmp_path: Path, demo_path) -> None:
    case_id, _reference = _spoil(demo_path)
    with Inspection.open(demo_path) as inspection:
        criterion = inspection.framework.criteria_for(inspection.case(case_id).case_type)[0]
        typed = inspection.assessor("Pasted \x1b[1mName\x1b[0m", "inspector")  # as the window
        inspection.grading.set_note(case_id, typed, criterion.id, "Note\x1b]0;title\x07 end")
        inspection.grading.set_overall(case_id, typed, "good", "Reason\x0c")
        for options in KINDS:
            out = tmp_path / f"{options.kind}.xlsx"
            export_workbook(inspection, out, options)
            texts = _every_text(out)
            assert not [t for t in texts if ILLEGAL.search(t)], options.kind
    full = _every_text(tmp_path / "full.xlsx")
    assert "MPS-\ufffd[31m0001\ufffd" in full
    assert "Summary\ufffd with\ufffd[2J escapes\ufffd\ufffd" in full
    assert "Ash\ufffdvale" in full and "De\ufffdtail" in full and "AB\ufffdC" in full
    assert "soon" in full  # written as stored, not a failure
    assert "Note\ufffd]0;title\ufffd end" in full
    assert "Pasted \ufffd[1mName\ufffd[0m" in full
    assert "garbage" in full


def test_the_command_line_export_succeeds_and_echoes_nothing_raw(
    tmp_path: Path, demo_path, capsys
) -> None:
    _spoil(demo_path)
    out = tmp_path / "cli.xlsx"
    assert cli.main(["export", "--db", str(demo_path), str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.strip() == f"Wrote {out}"
    assert "\x1b" not in printed.out + printed.err


def test_a_spoiled_reference_exports_and_imports_back_refused_by_name(
    tmp_path: Path, demo_path, capsys
) -> None:
    """The exported reference holds the visible U+FFFD: it imports as a case of its own, and
    the original reference with ESC can never be typed back in."""
    _spoil(demo_path, not_dates=False)
    out = tmp_path / "spoiled.xlsx"
    with Inspection.open(demo_path) as inspection:
        export_workbook(inspection, out)
    copy = tmp_path / "copy.caseaudit"
    report = import_file(copy, out, "Robin Example")
    assert report.added > 0
    with Inspection.open(copy) as again:
        references = {again.case(r[0]).reference for r in again.case_list()}
    assert "MPS-\ufffd[31m0001\ufffd" in references


@pytest.mark.parametrize("text", ["lit _x0041_ end", "x_x005F_x0041_y", "_x000D_"])
def test_text_that_looks_like_an_excel_escape_reads_back_as_written(
    tmp_path: Path, demo: Inspection, text: str
) -> None:
    """Excel (and calamine, which the import uses) read '_x0041_' in a cell as 'A': the export
    escapes the '_' as Excel does, so the text reads back exactly."""
    case = demo.case(demo.case_list()[0][0])
    demo.update_case(None, case.id, {"summary": text})
    out = tmp_path / "escape.xlsx"
    export_workbook(demo, out)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Cases").to_python()
    column = rows[0].index("Summary")
    assert text in [r[column] for r in rows[1:]]
    copy = tmp_path / "copy.caseaudit"
    import_file(copy, out, "Robin Example")
    with Inspection.open(copy) as again:
        summaries = {again.case(r[0]).summary for r in again.case_list()}
    assert text in summaries


def test_line_breaks_are_kept_as_line_breaks(tmp_path: Path, demo: Inspection) -> None:
    case = demo.case(demo.case_list()[0][0])
    demo.update_case(None, case.id, {"summary": "one\r\ntwo\rthree\nfour"})
    out = tmp_path / "lines.xlsx"
    export_workbook(demo, out)
    assert "one\ntwo\nthree\nfour" in _every_text(out)


def test_dates_excel_cannot_show_are_written_as_text(tmp_path: Path, demo_path) -> None:
    with sqlite3.connect(demo_path) as conn:
        first, second = [r[0] for r in conn.execute("SELECT id FROM cases LIMIT 2")]
        conn.execute("UPDATE cases SET date_opened = '1850-06-01' WHERE id = ?", [first])
        conn.execute("UPDATE cases SET date_opened = '1899-12-31' WHERE id = ?", [second])
        conn.execute(
            "UPDATE chronology SET occurred_at = '1899-12-31T10:00:05' WHERE case_id = ?", [first]
        )
    out = tmp_path / "early.xlsx"
    with Inspection.open(demo_path) as inspection:
        export_workbook(inspection, out)
    texts = _every_text(out)
    assert {"1850-06-01", "1899-12-31", "1899-12-31 10:00:05"} <= set(texts)
    copy = tmp_path / "copy.caseaudit"
    import_file(copy, out, "Robin Example")  # and they import back as they were
    with Inspection.open(copy) as again:
        cases = [again.case(r[0]) for r in again.case_list()]
        opened = {c.date_opened for c in cases}
        events = {e.occurred_at for c in cases for e in again.chronology(c.id)}
    assert {"1850-06-01", "1899-12-31"} <= opened
    assert "1899-12-31T10:00:05" in events
