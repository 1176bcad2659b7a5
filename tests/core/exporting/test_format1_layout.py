"""A format 1 inspection's workbook keeps the layout it always had: the Timeliness sheet's
delays headed in hours with no Target column, table 3 without per-answer columns (its
criteria are graded on the rating scale)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from auditor.cli.entry import main

#: The headings as the workbook wrote them before format 2 (2026-11, commit f89ad48).
OLD_TIMELINESS = [
    "Measure",
    "Cases",
    "Median hours",
    "90th percentile hours",
    "Within target",
    "Within target %",
    "Missing event",
]
OLD_CRITERIA = ["Criterion", "Applicable cases"]


def test_a_format_1_workbook_keeps_its_headings(tmp_path: Path) -> None:
    db, out = tmp_path / "demo.caseaudit", tmp_path / "demo.xlsx"
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), str(out)]) == 0
    book = load_workbook(out, read_only=True)
    timeliness = next(book["Timeliness"].iter_rows(values_only=True))
    criteria = next(book["Criteria"].iter_rows(values_only=True))
    book.close()
    assert [h for h in timeliness if h is not None] == OLD_TIMELINESS
    headings = [h for h in criteria if h is not None]
    assert headings[:2] == OLD_CRITERIA and len(headings) == 4  # and the worse count, its %
    assert headings[3] == f"{headings[2]} %"
