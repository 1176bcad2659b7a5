"""The workbook prints and reads: every sheet of the full, redacted and force workbooks is set
up landscape and one page wide with its headings frozen, filtered and repeated, long text is
wrapped in rows tall enough for it, every date and time is an Excel date-time; LibreOffice
(where installed) prints each sheet one page wide and the demo in far fewer than 229 pages."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from auditor.exporting.export import ExportOptions, export_workbook
from auditor.inspection import Inspection
from tests.core.exporting.test_moderation_export import moderated  # noqa: F401  (a fixture)

KINDS = {
    "full": ExportOptions(),
    "redacted": ExportOptions(redact=True),
    "force": ExportOptions(for_force=True),
}
#: What each kind's pages are marked with (the About sheet's "Workbook" row says the kind).
MARKS = {"full": "Full workbook", "redacted": "Redacted", "force": "For the force"}
#: Columns (by heading) holding dates or date-times, sheet by sheet.
DATE_COLUMNS = {
    "Cases": ["Date opened"],
    "Chronology": ["When"],
    "Referrals": ["Flagged", "Confirmed (UTC)", "Sent to the force", "Force response", "Closed"],
    "Moderation": ["Agreed (UTC)"],
    "Audit trail": ["When (UTC)"],
    "Referred back": ["Confirmed (UTC)"],
}
ISO_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?$")
#: At most this many characters of 11-point text fit in a unit of column width (one '0'); the
#: printed demo shows about 1.2 (DejaVu Sans, LibreOffice's stand-in for Calibri).
MOST_CHARS_PER_UNIT = 1.3
LEAST_POINTS_PER_LINE = 12.0  # 11-point text
MULTI_LINE_NOTE = "\n".join(
    f"Line {n} of the evidence: what was found on the file." for n in range(7)
)


def workbooks(demo: Inspection, folder: Path) -> dict[str, Path]:
    """The demo's three workbooks, one referral confirmed and one note of seven lines."""
    supervisor = next(a for a in demo.assessors() if a.role == "supervisor")
    item = demo.review.queue()[0]
    demo.review.confirm_referral(item.assessment.id, supervisor)
    inspector = next(a for a in demo.assessors() if a.id == item.assessment.assessor_id)
    criterion = next(iter(item.assessment.grades))
    demo.grading.set_note(item.case.id, inspector, criterion, MULTI_LINE_NOTE)
    paths = {}
    for kind, options in KINDS.items():
        paths[kind] = folder / f"{kind}.xlsx"
        export_workbook(demo, paths[kind], options)
    return paths


def is_heading(ws, row: int) -> bool:
    cells = [c for c in ws[row] if c.value is not None]
    return bool(cells) and all(c.font.bold for c in cells)


def width(ws, column: int) -> float:
    dimension = ws.column_dimensions.get(get_column_letter(column))
    return dimension.width if dimension is not None and dimension.width else 8.43


def check_page_setup(ws, inspection: str, mark: str) -> None:
    where = ws.title
    assert ws.page_setup.orientation == "landscape", where
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, where
    assert ws.sheet_properties.pageSetUpPr.fitToPage, where
    assert ws.oddHeader.left.text == inspection, where
    assert mark in ws.oddHeader.right.text, where
    assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text, where
    # The view is frozen below a heading row.
    assert ws.freeze_panes, where
    frozen = int(re.sub(r"[A-Z]+", "", ws.freeze_panes))
    assert frozen >= 2 and is_heading(ws, frozen - 1), where
    # The autofilter starts at a heading row and covers its table to the table's last row.
    low_col, first, high_col, last = range_boundaries(ws.auto_filter.ref)
    assert is_heading(ws, first), where
    headings = [c.column for c in ws[first] if c.value is not None]
    assert low_col == 1 and high_col >= max(headings), where
    end = first  # a table's rows hold several values (a sentence beneath it, one)
    while end < ws.max_row and sum(c.value is not None for c in ws[end + 1]) > 1:
        end += 1
    assert last >= end, where
    # Headings repeated on every page: the filtered table's, or (Summary) none, as each page
    # starts with its own table's headings.
    if ws.print_title_rows:
        assert ws.print_title_rows.replace("$", "") == f"{first}:{first}", where
    else:
        breaks = [b.id for b in ws.row_breaks.brk]
        assert where == "Summary" and breaks, where
        assert all(b >= ws.max_row or is_heading(ws, b + 1) for b in breaks), where
    if where == "Cases":  # printed: the case columns, not one pair per criterion grade
        _, _, printed, _ = range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))
        assert ws.cell(1, printed).value == "Referral note", where
    # Headings shown whole: every heading row's columns are wide enough for the bold text.
    for row in ws.iter_rows():
        if is_heading(ws, row[0].row):
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) < 50:
                    assert width(ws, cell.column) >= len(cell.value) + 2, (where, cell.value)


def check_text_fits(ws) -> int:
    """Every long or multi-line text wraps and its row is tall enough; the wrapped count."""
    wrapped = 0
    for row in ws.iter_rows():
        for cell in row:
            text = cell.value
            if not isinstance(text, str):
                continue
            chars = width(ws, cell.column) * MOST_CHARS_PER_UNIT
            lines = sum(math.ceil(max(len(part), 1) / chars) for part in text.split("\n"))
            if lines <= 1:
                continue
            if ws.title in ("Moderation", "Summary") and all(
                c.value is None for c in row if c.column != cell.column
            ):
                continue  # a sentence alone in its row runs on over the empty cells
            where = (ws.title, cell.coordinate)
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", where
            height = ws.row_dimensions[cell.row].height
            assert height is not None, where
            assert height >= min(409, lines * LEAST_POINTS_PER_LINE), where
            wrapped += 1
    return wrapped


def check_dates(ws) -> int:
    """Date columns hold Excel date-times; no other cell holds a date as ISO text."""
    dated = 0
    columns = DATE_COLUMNS.get(ws.title, [])
    heading_row = None
    if columns:
        heading_row = next(r for r in range(1, ws.max_row + 1) if columns[0] in _values(ws, r))
        names = _values(ws, heading_row)
        for heading in columns:
            column = names.index(heading) + 1
            for row in range(heading_row + 1, ws.max_row + 1):
                cell = ws.cell(row, column)
                if cell.value is None:
                    if not any(_values(ws, row)):
                        break  # the end of the table
                    continue
                assert isinstance(cell.value, datetime), (ws.title, cell.coordinate)
                assert cell.is_date, (ws.title, cell.coordinate)
                dated += 1
    free = {"Old value", "New value", "Detail"}  # the audit trail quotes stored values
    skip = set()
    if ws.title == "Audit trail":
        skip = {i + 1 for i, h in enumerate(_values(ws, 1)) if h in free}
    for row in ws.iter_rows():
        for cell in row:
            if cell.column not in skip and isinstance(cell.value, str):
                assert not ISO_TEXT.match(cell.value), (ws.title, cell.coordinate, cell.value)
    return dated


def _values(ws, row: int) -> list:
    return [c.value for c in ws[row]]


def test_every_sheet_prints_and_reads(tmp_path: Path, demo: Inspection) -> None:
    paths = workbooks(demo, tmp_path)
    for kind, path in paths.items():
        book = load_workbook(path)
        wrapped = dated = 0
        for ws in book.worksheets:
            check_page_setup(ws, demo.name, MARKS[kind])
            wrapped += check_text_fits(ws)
            dated += check_dates(ws)
        about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
        written = book["About"].cell(list(about).index("Written (UTC)") + 1, 2)
        assert isinstance(written.value, datetime) and written.is_date
        assert "one page wide" in about["Printing"]
        assert wrapped > 0 and dated > 0, kind  # the checks above met real cases
    full = load_workbook(paths["full"])
    assert _note_row_height(full["Cases"]) >= 7 * LEAST_POINTS_PER_LINE
    force = load_workbook(paths["force"])["Referred back"]
    assert force.cell(2, _values(force, 1).index("Confirmed (UTC)") + 1).is_date


def _note_row_height(ws) -> float:
    for row in ws.iter_rows(min_row=2):
        if any(c.value == MULTI_LINE_NOTE for c in row):
            return ws.row_dimensions[row[0].row].height or 0
    raise AssertionError("the seven-line note is not on the Cases sheet")


def test_referrals_say_who_confirmed_and_when(tmp_path: Path, demo: Inspection) -> None:
    supervisor = next(a for a in demo.assessors() if a.role == "supervisor")
    item = demo.review.queue()[0]
    before = datetime.utcnow().replace(microsecond=0)
    demo.review.confirm_referral(item.assessment.id, supervisor)
    after = datetime.utcnow()
    for kind in ("full", "redacted"):
        out = tmp_path / f"{kind}.xlsx"
        export_workbook(demo, out, KINDS[kind])
        rows = list(load_workbook(out)["Referrals"].iter_rows(values_only=True))
        records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
        confirmed = [r for r in records if r["Confirmed (UTC)"] is not None]
        assert len(confirmed) == 1 and before <= confirmed[0]["Confirmed (UTC)"] <= after
        by = f"{supervisor.name} ({supervisor.role})" if kind == "full" else None
        assert confirmed[0]["Confirmed by"] == by  # no names beyond the team
        assert all(r["Confirmed by"] is None for r in records if r not in confirmed)


def test_an_agreed_grade_says_when_as_a_date(moderated: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "moderated.xlsx"
    with Inspection.open(moderated) as insp:
        export_workbook(insp, out)
    ws = load_workbook(out)["Moderation"]
    assert check_dates(ws) == 1  # CUS-1's agreed grade
    check_page_setup(ws, "Moderated inspection", MARKS["full"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_each_sheet_one_page_wide(tmp_path: Path, demo: Inspection) -> None:
    paths = workbooks(demo, tmp_path)
    book = load_workbook(paths["full"])
    titles = book.sheetnames
    # Each sheet alone, cut to its first rows: one page wide prints them on a single page (a
    # sheet wider than a page would print its first rows over two or more). Summary is kept
    # whole: its tables and chart are on three pages by their page breaks.
    singles = []
    for title in titles:
        single = load_workbook(paths["full"])
        for other in [t for t in titles if t != title]:
            del single[other]
        ws = single[title]
        if title != "Summary":
            top = int(re.sub(r"[A-Z]+", "", ws.freeze_panes))  # the heading row and two more
            ws.delete_rows(top + 2, ws.max_row)
        singles.append(tmp_path / f"single-{titles.index(title)}.xlsx")
        single.save(singles[-1])
    pdfs = tmp_path / "pdf"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(pdfs)]
        + [str(p) for p in (*singles, paths["full"])],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for title, single in zip(titles, singles, strict=True):
        pages = pdf_pages(pdfs / f"{single.stem}.pdf")
        assert len(pages) == (3 if title == "Summary" else 1), title
    pages = pdf_pages(pdfs / "full.pdf")
    assert all(w > h for w, h in pages)  # landscape
    # 229 pages without page setup; the demo's 9 sheets hold about 1,700 rows, some 30 to a
    # landscape page: a third of 229 is a generous bound.
    assert len(pages) <= 229 // 3


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """(width, height) of every page of a PDF LibreOffice wrote (its page objects are plain)."""
    data = path.read_bytes()
    pages = re.findall(rb"/Type\s*/Page\b(?!s)[^>]*?/MediaBox\s*\[([^\]]*)\]", data)
    sizes = []
    for box in pages:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        sizes.append((x1 - x0, y1 - y0))
    assert sizes, path
    return sizes
