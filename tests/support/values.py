"""Workbooks of dates and times as other programs write them (openpyxl, xlsxwriter, and
LibreOffice re-saving one), and what an import must make of them.

Every minute of a day, and some times with seconds, each written twice: as a date-time cell
(a number with a date format, what a reader gives as a ``datetime``) and as a bare serial
number (General format, what a reader gives as a float). The Cases sheet holds a case per
early date (1899-12-31, Excel's serial 0, and the days around its 1900 leap-year day).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from auditor.timeliness import when_text

DAY = datetime(2018, 3, 27)
SECONDS = [1, 59, 30 * 60 + 30, 3599, 12 * 3600 + 34 * 60 + 56, 14 * 3600 + 4 * 60 + 59, 86399]
#: Every minute of DAY, then times with seconds.
MOMENTS = [DAY + timedelta(minutes=m) for m in range(1440)] + [
    DAY + timedelta(seconds=s) for s in SECONDS
]
EVENT = "First contact"
CASE = "VAL-0001"
#: Cases whose Date opened is a date Excel's 1900 system makes awkward.
EARLY_DAYS = {
    "VAL-1899": date(1899, 12, 31),
    "VAL-1900A": date(1900, 1, 1),
    "VAL-1900B": date(1900, 2, 28),
    "VAL-1900C": date(1900, 3, 1),
}
CASES_HEADINGS = ["Case reference", "Case type", "Date opened"]
CHRONOLOGY_HEADINGS = ["Case reference", "When", "Event", "Detail"]


def detail(moment: datetime, kind: str) -> str:
    return f"{moment:%H:%M:%S} {kind}"


def expected_events() -> set[tuple[str, str]]:
    """(when as stored, detail) of every chronology row of the workbooks."""
    return {
        (when_text(moment), detail(moment, kind))
        for moment in MOMENTS
        for kind in ("date", "number")
    }


def _rows() -> list[tuple[datetime, str]]:
    return [(moment, kind) for moment in MOMENTS for kind in ("date", "number")]


def write_openpyxl(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils.datetime import to_excel

    book = Workbook()
    cases = book.active
    cases.title = "Cases"
    cases.append(CASES_HEADINGS)
    cases.append([CASE, "S47", DAY.date()])
    for reference, day in EARLY_DAYS.items():
        cases.append([reference, "S47", day])
    chronology = book.create_sheet("Chronology")
    chronology.append(CHRONOLOGY_HEADINGS)
    for moment, kind in _rows():
        value = moment if kind == "date" else to_excel(moment)
        chronology.append([CASE, value, EVENT, detail(moment, kind)])
        if kind == "date":
            chronology.cell(chronology.max_row, 2).number_format = "yyyy-mm-dd hh:mm:ss"
    book.save(path)
    return path


def write_xlsxwriter(path: Path) -> Path:
    import xlsxwriter
    from xlsxwriter.utility import _datetime_to_excel_datetime as serial  # what write_datetime uses

    book = xlsxwriter.Workbook(str(path))
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    timed = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    cases = book.add_worksheet("Cases")
    cases.write_row(0, 0, CASES_HEADINGS)
    for row, (reference, day) in enumerate([(CASE, DAY.date()), *EARLY_DAYS.items()], start=1):
        cases.write_string(row, 0, reference)
        cases.write_string(row, 1, "S47")
        # a date, not a datetime: xlsxwriter writes datetime(1900, 1, 1) as serial 0, a time
        cases.write_datetime(row, 2, day, dated)
    chronology = book.add_worksheet("Chronology")
    chronology.write_row(0, 0, CHRONOLOGY_HEADINGS)
    for row, (moment, kind) in enumerate(_rows(), start=1):
        chronology.write_string(row, 0, CASE)
        if kind == "date":
            chronology.write_datetime(row, 1, moment, timed)
        else:
            chronology.write_number(row, 1, serial(moment, False, False))
        chronology.write_string(row, 2, EVENT)
        chronology.write_string(row, 3, detail(moment, kind))
    book.close()
    return path


def resave_with_libreoffice(source: Path, out: Path) -> Path:
    """``source`` opened and saved again as .xlsx by LibreOffice (``soffice`` must be found)."""
    soffice = shutil.which("soffice")
    assert soffice is not None, "LibreOffice (soffice) is not installed"
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"  # its own profile: no clash with a running copy
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(Path(folder) / f"{source.stem}.xlsx", out)
    return out
