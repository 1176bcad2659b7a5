"""Export speed: 10,000 graded cases and 100,000 chronology rows, against bare openpyxl.

.venv/bin/python benchmarks/bench_export.py [--cases 10000] [--events-per-case 10]

Issue 6's target: ``export_workbook`` takes no more than 1.5x the time of a bare openpyxl
write-only dump of the same cells, measured in the same run. The same cells are those of the
exported workbook itself (read back after the export, untimed), appended row by row to a
write-only workbook and saved: no styles, widths, dates or checks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reports import grade_everything

TARGET = 1.5


def read_cells(path: Path) -> list[tuple[str, list[tuple]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]
    book.close()
    return sheets


def bare_dump(sheets: list[tuple[str, list[tuple]]], out: Path) -> float:
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--events-per-case", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from auditor.exporting.export import export_workbook
    from auditor.inspection import Inspection
    from auditor.synthetic import write_synthetic

    folder = Path(tempfile.mkdtemp())
    db = folder / "bench.caseaudit"
    write_synthetic(db, args.cases, args.events_per_case).close()
    criterion_grades = grade_everything(db)
    print(
        f"{args.cases:,} graded cases, {criterion_grades:,} criterion grades, "
        f"{args.cases * args.events_per_case:,} chronology rows"
    )
    exports, bares = [], []
    out = folder / "export.xlsx"
    with Inspection.open(db) as inspection:
        for _ in range(args.runs):
            started = time.perf_counter()
            export_workbook(inspection, out)
            exports.append(time.perf_counter() - started)
            sheets = read_cells(out)
            bares.append(bare_dump(sheets, folder / "bare.xlsx"))
    cells = sum(len(row) for _, rows in sheets for row in rows)
    export, bare = min(exports), min(bares)
    sizes = ", ".join(f"{title} {len(rows):,}" for title, rows in sheets)
    print(f"rows per sheet: {sizes} ({cells:,} cells)")
    print(f"export_workbook (full): {export:.2f} s (best of {args.runs})")
    print(f"bare openpyxl write-only dump of the same cells: {bare:.2f} s")
    verdict = "met" if export <= TARGET * bare else "NOT met"
    print(f"ratio: {export / bare:.2f}x (target {TARGET}x: {verdict})")


if __name__ == "__main__":
    main()
