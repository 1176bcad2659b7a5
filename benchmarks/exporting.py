"""Export speed against the floor: ``export_workbook`` vs a bare openpyxl write-only dump.

The inspection is the graded synthetic one (every criterion graded, ten chronology rows a
case). "The same cells" are those of the exported workbook itself, read back after each export
(untimed), appended row by row to a write-only workbook and saved: no styles, widths, dates or
checks. Both are timed in the same run, alternately; the measure is their ratio.
"""

from __future__ import annotations

import shutil
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
    return [
        Result("export workbook (full)", cases, "s", exports, extra={"rows": rows, "cells": cells}),
        Result("export: bare openpyxl write-only dump (floor)", cases, "s", bares),
        Result("export / bare dump", cases, "x", ratios, TARGET_RATIO),
    ]
