"""How the workbook prints and reads: every sheet landscape on A4, one page wide (as many pages
tall as it needs), its heading row repeated on every page, a header and footer naming the
inspection, the workbook's kind and the page; text wrapped with row heights that show it.

openpyxl does not size rows, so a row's height is estimated from its texts and its columns'
widths (:func:`row_height`): a line holds about one character per unit of column width (a unit
is the width of a '0'; see :data:`CHARS_PER_UNIT`), and a row is never taller than Excel allows
(409 points).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from auditor.framework import Words

#: Height of one line of 11-point text in a row, in points (Excel's default row height).
LINE_POINTS = 15.0
MAX_ROW_POINTS = 409.0  # Excel's limit
#: Characters of text a line holds per unit of column width: about 1.2 in Calibri and in the
#: DejaVu Sans LibreOffice falls back to (measured on a printed page), less a margin for words
#: carried whole to the next line.
CHARS_PER_UNIT = 1.1
#: A heading's width: bold text is wider, and a filtered table's heading shows a button.
BOLD_SPREAD, FILTER_BUTTON = 1.1, 3
A4, LANDSCAPE = 9, "landscape"
#: The marking printed at the top right of every page, by the workbook's kind (About: Workbook).
MARKINGS = {
    "full": "Full workbook: for the inspection team only",
    "redacted": "Redacted workbook",
    "for the force": "For the force: cases referred back",
}
PRINT_NOTE = (
    "Every sheet prints landscape on A4, one page wide and as many pages tall as it needs, "
    "with its heading row repeated at the top of each page and gridlines; each page is headed "
    "with the inspection, the sheet and this workbook's kind, and numbered 'Page n of N'. The "
    "Summary's tables and its chart print on pages of their own. Long texts wrap within "
    "their column. Cases prints its case columns (from the reference to the referral note), "
    "not its pair of columns per criterion, which would make a page too wide to read: "
    "Criteria prints the same grades and notes, one to a row."
)


def heading_width(heading: str, *, filtered: bool) -> float:
    """The column width (in '0' characters) that shows ``heading`` whole in bold."""
    return math.ceil(len(heading) * BOLD_SPREAD) + (FILTER_BUTTON if filtered else 1)


def set_up_page(ws: Any) -> None:
    """Landscape A4, fit to one page wide and any number tall, narrow margins, gridlines.

    Call before the sheet's first row: a write-only sheet writes its properties then.
    """
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup = ws.page_setup
    setup.orientation = LANDSCAPE
    setup.paperSize = A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as the sheet needs
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.75
    margins.header = margins.footer = 0.3
    ws.print_options.gridLines = True


def _header_text(text: str) -> str:
    """Text as a print header shows it ('&' starts a code there), kept short."""
    text = " ".join(text.split())
    if len(text) > 80:
        text = text[:79] + "…"
    return text.replace("&", "&&")


def marking_of(kind: str, words: Words) -> str:
    """The page marking of a workbook kind, the inspected body named in the framework's words."""
    if kind == "for the force":
        return f"For {words.inspected_body}: cases referred back"
    return MARKINGS.get(kind, kind)


def mark_pages(book: Any, inspection: str, kind: str, words: Words | None = None) -> None:
    """Head every sheet's pages with the inspection, the sheet and the marking; number them."""
    marking = _header_text(marking_of(kind, words or Words()))
    name = _header_text(inspection)
    for ws in book.worksheets:
        ws.oddHeader.left.text = name
        ws.oddHeader.center.text = "&A"  # the sheet's name
        ws.oddHeader.right.text = marking
        ws.oddFooter.left.text = marking
        ws.oddFooter.right.text = "Page &P of &N"


def repeat_row(ws: Any, row: int) -> None:
    """Print ``row`` (a table's headings) at the top of every page."""
    ws.print_title_rows = f"{row}:{row}"


def break_after(ws: Any, row: int) -> None:
    """Start a new printed page after ``row``."""
    from openpyxl.worksheet.pagebreak import Break

    ws.row_breaks.append(Break(id=row))


def lines_of(text: str, width: float) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` characters wide."""
    per_line = max(1, int(width * CHARS_PER_UNIT) - 1)
    if "\n" not in text:
        return max(1, -(-len(text) // per_line))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def needs_wrap(text: str, width: float) -> bool:
    """Whether ``text`` is longer than one line of its column (or has line breaks)."""
    return len(text) > width * CHARS_PER_UNIT - 1 or "\n" in text


def row_height(texts: Sequence[tuple[str, float]]) -> float | None:
    """The height (points) that shows every (text, column width) of a row, or None for one
    line (the default height)."""
    lines = max((lines_of(text, width) for text, width in texts), default=1)
    if lines <= 1:
        return None
    return min(MAX_ROW_POINTS, lines * LINE_POINTS)
