"""Dates and times come in exactly as written, from every program that writes workbooks, and go
out again exactly: every minute of a day, times with seconds, and Excel's awkward early days.

Each producer's workbook holds every minute twice, as a date-time cell and as a bare serial
number (see tests/support/values.py); the serial numbers are where truncation lost a minute
(128 of 1,440 from openpyxl and xlsxwriter, 576 from LibreOffice's re-save).
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.exporting.export import export_workbook
from auditor.framework import bundled_framework
from auditor.importing import cells
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from auditor.timeliness import LATE, WITHIN, measure_case, when_text
from tests.support import values
from tests.support.importing import run_import

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "values"
LIBREOFFICE = FIXTURES / "minutes-libreoffice.xlsx"


def _producer(name: str, folder: Path) -> Path:
    if name == "openpyxl":
        return values.write_openpyxl(folder / "minutes-openpyxl.xlsx")
    if name == "xlsxwriter":
        return values.write_xlsxwriter(folder / "minutes-xlsxwriter.xlsx")
    return shutil.copyfile(LIBREOFFICE, folder / "minutes-libreoffice.xlsx")


def _cases(inspection: Inspection) -> list:
    return [inspection.case(row[0]) for row in inspection.case_list()]


def _events(db: Path) -> tuple[set[tuple[str, str]], dict[str, str | None]]:
    with Inspection.open(db) as inspection:
        cases = {c.reference: c for c in _cases(inspection)}
        events = {(e.occurred_at, e.detail) for e in inspection.chronology(cases[values.CASE].id)}
        opened = {reference: case.date_opened for reference, case in cases.items()}
    return events, opened


def _exported_moments(path: Path) -> list[datetime]:
    sheet = load_workbook(path)["Chronology"]
    headings = [c.value for c in sheet[1]]
    column = headings.index("When")
    return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("producer", ["openpyxl", "xlsxwriter", "libreoffice"])
def test_every_minute_and_second_round_trips_exactly(tmp_path: Path, producer: str) -> None:
    source = _producer(producer, tmp_path)
    db = tmp_path / "values.caseaudit"
    import_file(db, source, "Robin Example")
    events, opened = _events(db)
    assert events == values.expected_events()
    assert opened[values.CASE] == values.DAY.date().isoformat()
    for reference, day in values.EARLY_DAYS.items():  # 1899-12-31 is Excel's serial 0
        assert opened[reference] == day.isoformat(), reference

    out = tmp_path / "export.xlsx"
    with Inspection.open(db) as inspection:
        export_workbook(inspection, out)
    exported = _exported_moments(out)  # read back by openpyxl: every value exactly
    assert sorted(exported) == sorted(m for m in values.MOMENTS for _ in range(2))
    sheet = load_workbook(out)["Chronology"]
    formats = {row[1].value.second != 0: row[1].number_format for row in sheet.iter_rows(2)}
    assert formats == {False: "yyyy-mm-dd hh:mm", True: "yyyy-mm-dd hh:mm:ss"}

    again = tmp_path / "again.caseaudit"  # and the export imports back to the same values
    import_file(again, out, "Robin Example")
    assert _events(again) == (events, opened)


def test_the_formula_reading_path_keeps_every_value_too(tmp_path: Path) -> None:
    """A workbook holding a formula is read by openpyxl instead of calamine (its text kept)."""
    source = values.write_openpyxl(tmp_path / "formula.xlsx")
    book = load_workbook(source)
    book["Cases"]["D1"], book["Cases"]["D2"] = "Summary", "=1+1"
    book.save(source)
    db = tmp_path / "formula.caseaudit"
    import_file(db, source, "Robin Example")
    events, opened = _events(db)
    assert events == values.expected_events()
    assert opened["VAL-1899"] == "1899-12-31"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_resaved_by_libreoffice_now_round_trips(tmp_path: Path) -> None:
    written = values.write_openpyxl(tmp_path / "written.xlsx")
    resaved = values.resave_with_libreoffice(written, tmp_path / "resaved.xlsx")
    db = tmp_path / "live.caseaudit"
    import_file(db, resaved, "Robin Example")
    events, opened = _events(db)
    assert events == values.expected_events()
    assert opened["VAL-1899"] == "1899-12-31"


def test_a_real_1899_12_31_is_a_date(tmp_path: Path, capsys) -> None:
    source = values.write_openpyxl(tmp_path / "early.xlsx")
    code, _out, err = run_import(capsys, tmp_path / "early.caseaudit", source)
    assert code == 0, err
    assert "'00:00:00' is not a date" not in err
    assert cells.a_date(time(0, 0)) == "1899-12-31"  # what calamine and openpyxl give for it
    assert cells.a_date(0) == "1899-12-31"
    assert cells.a_date(1) == "1900-01-01"
    assert cells.a_date(59) == "1900-02-28"
    assert cells.a_date(61) == "1900-03-01"
    assert cells.a_date(43186) == "2018-03-27"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (43186.01041666666, "2018-03-27T00:15"),  # openpyxl's 00:15 (truncation gave 00:14)
        (43186.0097222222, "2018-03-27T00:14"),  # LibreOffice's 00:14 (gave 00:13)
        (43186.5, "2018-03-27T12:00"),
        (43186 + 45296 / 86400, "2018-03-27T12:34:56"),
        (43186.99998, "2018-03-27T23:59:58"),
        (43186.999999, "2018-03-28T00:00"),  # 23:59:59.91 rounds to the next midnight
        (datetime(2018, 3, 27, 14, 4, 59, 999_000), "2018-03-27T14:05"),
        (datetime(2018, 3, 27, 14, 4, 59, 499_999), "2018-03-27T14:04:59"),
        (datetime(2018, 3, 27, 14, 5), "2018-03-27T14:05"),
        (date(2018, 3, 27), "2018-03-27T00:00"),
        ("2018-03-27 14:05", "2018-03-27T14:05"),
        ("2018-03-27 14:05:00", "2018-03-27T14:05"),
        ("2018-03-27T14:05:30", "2018-03-27T14:05:30"),
        ("2018-03-27 14:05:30.6", "2018-03-27T14:05:31"),
    ],
)
def test_date_times_are_rounded_to_the_nearest_second(value, expected: str) -> None:
    assert cells.a_datetime(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (3000000, "3000000 is after 9999-12-31 as an Excel date serial"),
        (3000000.5, "3000000.5 is after 9999-12-31 as an Excel date serial"),
        (-5, "-5 is before 1899-12-31 as an Excel date serial"),
        (60, "60 is 1900-02-29 as an Excel date serial, a day that did not exist"),
        (time(14, 5), "'14:05:00' is a time of day without a date"),
        (0.5, "0.5 (an Excel serial) is a time of day without a date"),
        ("yesterday", "'yesterday' is not a date and time (use YYYY-MM-DD HH:MM"),
    ],
)
def test_a_date_time_out_of_range_says_what_it_looked_like(value, message: str) -> None:
    with pytest.raises(cells.CellError) as refused:
        cells.a_datetime(value)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (3000000, "3000000 is after 9999-12-31 as an Excel date serial"),
        (-1, "-1 is before 1899-12-31 as an Excel date serial"),
        (43186.5, "43186.5 is 2018-03-27 12:00 as an Excel date serial: it has a time"),
        (time(9, 30), "'09:30:00' is a time of day, not a date"),
        (datetime(2018, 3, 27, 9, 30), "'2018-03-27 09:30' has a time; give the date alone"),
    ],
)
def test_a_date_out_of_range_says_what_it_looked_like(value, message: str) -> None:
    with pytest.raises(cells.CellError) as refused:
        cells.a_date(value)
    assert message in str(refused.value)


def test_a_serial_out_of_range_is_named_by_cell(tmp_path: Path, capsys, workbook) -> None:
    source = workbook(chronology=[["IMP-001", 3000000, "found", "far future"]])
    code, _out, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert "Chronology, row 2, When: 3000000 is after 9999-12-31 as an Excel date serial" in err


def test_seconds_are_kept_ordered_and_measured(tmp_path: Path, capsys, workbook) -> None:
    source = workbook(
        chronology=[
            ["IMP-002", "2018-03-04 10:00:30", "First contact", "half a minute in"],
            ["IMP-002", "2018-03-04 10:00", "Merlin submitted", "on the minute"],
            ["IMP-002", "2018-03-04 10:01", "Child seen", "a minute on"],
        ]
    )
    db = tmp_path / "seconds.caseaudit"
    code, _out, err = run_import(capsys, db, source)
    assert code == 0, err
    with Inspection.open(db) as inspection:
        case = next(c for c in _cases(inspection) if c.reference == "IMP-002")
        stored = [e.occurred_at for e in inspection.chronology(case.id)]
    assert stored == ["2018-03-04T10:00", "2018-03-04T10:00:30", "2018-03-04T10:01"]  # in time


def test_a_second_over_a_target_is_late() -> None:
    framework = bundled_framework()
    measure = framework.measures[0]
    case_type = next(iter(sorted(measure.applies_to)))
    start = datetime(2018, 3, 4, 10, 0)
    on_time = start + timedelta(hours=measure.target_hours)
    late = on_time + timedelta(seconds=1)
    for end, state in ((on_time, WITHIN), (late, LATE)):
        events = [(when_text(start), measure.from_event), (when_text(end), measure.to_event)]
        result = next(r for r in measure_case(framework, case_type, events) if r.measure == measure)
        assert result.state == state, (end, result.text)
    # and the text says by how much: a rounded "24 hours ... target 24 hours (late)" would not
    whole = int(measure.target_hours)
    assert f"{whole} hours 0 minutes 1 second after" in result.text
