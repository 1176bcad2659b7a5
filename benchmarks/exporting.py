"""Export speed against the floor: ``export_workbook`` vs a bare openpyxl write-only dump.

The inspection is the graded synthetic one (every criterion graded, ten chronology rows a
case). "The same cells" are those of the exported workbook itself, read back after each export
(untimed), appended row by row to a write-only workbook and saved: no styles, widths, dates or
checks. Both are timed in the same run, alternately; the measure is their ratio.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import Result

TARGET_RATIO = 1.5


def read_cells(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]
    book.close()
    return sheets


def bare_dump(sheets: list[tuple[str, list[tuple[Any, ...]]]], out: Path) -> float:
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)
    return time.perf_counter() - started


#: The size at which the spreadsheet peer is timed (issue 25: information, not a target).
PEER_CASES = 10_000


def _spreadsheet_opens(db: Path, cases: int, repeat: int) -> list[Result]:
    """What a spreadsheet user waits for: LibreOffice converting the exported workbook to CSV.

    Timed only at 10,000 cases and only where ``soffice`` is installed; it reads the whole
    workbook as opening it in a spreadsheet does, without drawing it.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if cases != PEER_CASES or soffice is None:
        return []
    from auditor.exporting.export import export_workbook
    from auditor.inspection import Inspection

    folder = Path(tempfile.mkdtemp(prefix="bench-peer-"))
    book = folder / "inspection.xlsx"
    with Inspection.open(db) as inspection:
        export_workbook(inspection, book)
    profile = (folder / "profile").as_uri()  # its own profile: no lock on a user's
    command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "csv", "--outdir", str(folder / "out"), str(book)]
    subprocess.run(command, capture_output=True, timeout=600, check=True)  # first start, untimed
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=600, check=True)
        seconds.append(time.perf_counter() - started)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Result(
            "peer: soffice --headless --convert-to csv of the exported workbook",
            cases,
            "s",
            seconds,
            note="what a spreadsheet user waits for; compare with start: usable main window",
        )
    ]


def run(db: Path, cases: int, repeat: int) -> list[Result]:
    from auditor.exporting.export import export_workbook
    from auditor.inspection import Inspection

    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    out = folder / "export.xlsx"
    exports, bares, ratios = [], [], []
    with Inspection.open(db) as inspection:
        for _ in range(repeat):
            started = time.perf_counter()
            export_workbook(inspection, out)
            export = time.perf_counter() - started
            sheets = read_cells(out)
            bare = bare_dump(sheets, folder / "bare.xlsx")
            exports.append(export)
            bares.append(bare)
            ratios.append(export / bare)
    shutil.rmtree(folder, ignore_errors=True)
    cells = sum(len(row) for _, rows in sheets for row in rows)
    rows = {title: len(rows) for title, rows in sheets}
    peer = _spreadsheet_opens(db, cases, repeat)
    return [
        *peer,
        Result("export workbook (full)", cases, "s", exports, extra={"rows": rows, "cells": cells}),
        Result("export: bare openpyxl write-only dump (floor)", cases, "s", bares),
        Result("export / bare dump", cases, "x", ratios, TARGET_RATIO),
    ]
