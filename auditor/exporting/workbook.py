"""Writing sheets safely: text never becomes a formula or makes the export fail, no text is
cut, headers frozen, atomic save.

Every string written goes through :func:`cell_text` (the free-text rule of
:mod:`auditor.text_rules`: what a workbook cannot hold is replaced by '\ufffd'). A text longer
than an Excel cell holds continues in the next column(s) of its row: a table given its rows
at once (:func:`write_table`, :func:`continued`) gets a column '<heading> (part 2)' right after
the heading's, and so on; anywhere else the rest goes in the cells after the row's last value.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from auditor import text_rules
from auditor.exporting import printing
from auditor.importing.layout import column_letter, part_heading
from auditor.timestamps import moment_of

#: Text starting with one of these would be a formula (or start one when edited in Excel).
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_SHEET_NAME = 31  # Excel's limit
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Number formats of date-times (a chronology time shows its seconds only when it has them).
MINUTES, SECONDS = "yyyy-mm-dd hh:mm", "yyyy-mm-dd hh:mm:ss"
DEFAULT_WIDTH = 8.43  # a column openpyxl is given no width for


@dataclass(frozen=True)
class Styled:
    """A value with a number format and/or bold text (e.g. a share shown as a percentage)."""

    value: Any
    number_format: str | None = None
    bold: bool = False


#: Excel's first date (serial 1): earlier dates and date-times are written as ISO text.
FIRST_EXCEL_DAY = date(1900, 1, 1)
LONG_TEXT_NOTE = (
    "A text longer than an Excel cell holds (32,767 characters) is never cut: it continues in "
    "the next column(s) of its row, headed '<column> (part 2)', '<column> (part 3)' and so on "
    "(outside a table, in the cells after the row's last value). Importing this workbook joins "
    "the parts again. Characters a workbook cannot hold (control characters) are written as "
    "'\ufffd'."
)


def cell_text(text: str) -> str:
    """A string as a cell holds it: the free-text rule, and Excel's escape for '_xHHHH_'."""
    cleaned, _ = text_rules.free_text(text)
    return text_rules.excel_escaped(cleaned)


def _parts(value: Any) -> list[str] | None:
    """The pieces of a text too long for one cell, or None (the value fits)."""
    if isinstance(value, Styled):
        value = value.value
    limit = text_rules.EXCEL_CELL_LIMIT
    if not isinstance(value, str) or len(value) <= limit // 4:
        return None  # even in UTF-16 and with every '_xHHHH_' escaped, it fits
    escapes = value.count("_x")  # each escaped '_' ('_x005F_') adds 6 characters
    parts = text_rules.cell_parts(value, max(limit - 6 * escapes, limit // 2))
    return parts if len(parts) > 1 else None


def _as_part(original: Any, part: str | None) -> Any:
    if part is None:
        return None
    return replace(original, value=part) if isinstance(original, Styled) else part


Rows = Sequence[Sequence[Any]] | Callable[[], Iterable[Sequence[Any]]]


def continued(
    headings: Sequence[str], rows: Rows, widths: Sequence[float] | None = None
) -> tuple[list[str], list[float] | None, Iterator[list[Any]]]:
    """A table's headings, widths and rows with every text too long for a cell continued in
    the next column(s): '<heading> (part 2)', … right after its column, blank in other rows.

    ``rows`` is read twice (a sequence, or a function giving the rows each time it is called):
    once to find the long texts, once to write, so that a long table is never held twice.
    """

    def each() -> Iterable[Sequence[Any]]:
        return rows() if callable(rows) else rows

    needed: dict[int, int] = {}
    for row in each():
        for c, value in enumerate(row):
            parts = _parts(value)
            if parts is not None:
                needed[c] = max(needed.get(c, 1), len(parts))
    if not needed:
        return list(headings), list(widths) if widths else None, (list(r) for r in each())
    out_headings: list[str] = []
    out_widths: list[float] = []
    for c, heading in enumerate(headings):
        width = widths[c] if widths and c < len(widths) else len(heading) + 4
        for part in range(1, needed.get(c, 1) + 1):
            out_headings.append(heading if part == 1 else part_heading(heading, part))
            out_widths.append(width)

    def expanded() -> Iterator[list[Any]]:
        for row in each():
            out: list[Any] = []
            for c, value in enumerate(row):
                count = needed.get(c, 1)
                parts = _parts(value) if c in needed else None
                if parts is None:
                    out.append(value)
                    out.extend([None] * (count - 1))
                else:
                    out.extend(_as_part(value, p) for p in parts)
                    out.extend([None] * (count - len(parts)))
            yield out

    return out_headings, out_widths, expanded()


def write_table(
    book: Any,
    title: str,
    headings: Sequence[str],
    widths: Sequence[float] | None,
    rows: Rows,
    *,
    print_until: str | None = None,
) -> None:
    """A whole table sheet (headings, rows, autofilter), long texts continued; only the
    columns up to ``print_until`` (and its parts) are printed, if given."""
    headings, widths, expanded = continued(headings, rows, widths)
    sheet = Sheet(book, title, headings, widths)
    sheet.append_all(expanded)
    sheet.close()
    if print_until is not None:
        parts = [i for i, h in enumerate(headings) if h.startswith(print_until)]
        last = column_letter(max(parts)) if parts else column_letter(len(headings) - 1)
        sheet.ws.print_area = f"A1:{last}{max(sheet.rows, 1)}"


def _date_cell(value: date) -> Any:
    """A date or date-time Excel can show as one, else its ISO text (before 1900-01-01)."""
    if isinstance(value, datetime):
        if value.date() >= FIRST_EXCEL_DAY:
            return value
        spec = "seconds" if value.second or value.microsecond else "minutes"
        return value.isoformat(sep=" ", timespec=spec)
    return value if value >= FIRST_EXCEL_DAY else value.isoformat()


def _plain(value: Any) -> Any:
    """A value as a cell can hold it: text cleaned, bytes as text, early dates as text."""
    if isinstance(value, str):
        return cell_text(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return cell_text(bytes(value).decode("utf-8", "replace"))
    if isinstance(value, date):
        return _date_cell(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def moment_cell(text: str | None) -> Styled | str | None:
    """A stored UTC timestamp as a date-time cell to the second; a value that is not one is
    written as stored (an export never fails on it)."""
    if not text:
        return None
    try:
        return Styled(moment_of(text).replace(microsecond=0), SECONDS)
    except (TypeError, ValueError):
        return str(text)


def percent(value: float | str | None) -> Styled | str | None:
    """A 0-100 share as an Excel percentage (a number formatted 0%); text stays text."""
    if value is None or isinstance(value, str):
        return value
    return Styled(value / 100.0, "0%")


class Sheet:
    """One write-only worksheet, printable: a bold heading row frozen, filtered and repeated on
    every printed page, sized columns, wrapped text with row heights that show it."""

    def __init__(
        self,
        book: Any,
        title: str,
        headings: Sequence[str],
        widths: Sequence[float] | None = None,
        *,
        table: bool = True,
        also: Sequence[Sequence[str]] = (),
        freeze: str | None = None,
    ) -> None:
        """``table``: ``headings`` are the sheet's one table's, in row 1. Otherwise the caller
        writes its tables' headings (:meth:`heading`); ``also`` lists them, so that the columns
        are wide enough, and ``freeze`` is the cell the sheet's view is frozen at."""
        from openpyxl.cell import Cell, WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self._bold = Font(bold=True)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")  # the other cells of a row that wraps

        if len(title) > MAX_SHEET_NAME:
            raise ValueError(f"sheet name {title!r} is longer than {MAX_SHEET_NAME} characters")
        self._cell = WriteOnlyCell
        self._cell_type = Cell
        self.ws = book.create_sheet(title)
        self.title = title
        self.headings = list(headings)
        self.rows = 0
        self._filter: tuple[int, int] | None = None  # the main table's heading row, columns
        self._filter_end: int | None = None
        self.widths: list[float] = []
        for index, heading in enumerate(self.headings):
            wanted = widths[index] if widths and index < len(widths) else len(heading) + 4
            self.widths.append(max(MIN_WIDTH, min(MAX_WIDTH, wanted)))
        for index, width in enumerate(widths or ()):
            if index >= len(self.widths):
                self.widths.append(max(MIN_WIDTH, min(MAX_WIDTH, width)))
        for row in ([self.headings] if table else []) + [list(r) for r in also]:
            for index, heading in enumerate(row):
                while index >= len(self.widths):
                    self.widths.append(DEFAULT_WIDTH)
                fit = printing.heading_width(str(heading), filtered=True)
                self.widths[index] = max(self.widths[index], min(MAX_WIDTH, fit))
        for index, width in enumerate(self.widths):
            self.ws.column_dimensions[column_letter(index)].width = width
        printing.set_up_page(self.ws)
        self._table = table
        if table and self.headings:
            self.ws.freeze_panes = "A2"
            self.heading(self.headings, main=True)
        elif freeze:
            self.ws.freeze_panes = freeze

    def heading(self, headings: Sequence[str], *, main: bool = False, repeat: bool = True) -> int:
        """A bold heading row; the ``main`` table's is filtered and (if ``repeat``) printed
        at the top of every page (a sheet has one). Returns its row number."""
        self.append([Styled(h, bold=True) for h in headings])
        if main:
            self._filter = (self.rows, len(headings))
            if repeat:
                printing.repeat_row(self.ws, self.rows)
        return self.rows

    def width(self, column: int) -> float:
        return self.widths[column] if column < len(self.widths) else DEFAULT_WIDTH

    def append(self, values: Iterable[Any], *, wrap: bool = True) -> None:
        """Add a row; text that looks like a formula is stored as text (with a quote prefix).

        A text longer than its column is wide (or of several lines) wraps, and the row is made
        tall enough to show it, unless not ``wrap`` (a sentence running on over empty cells).
        A text too long for a cell that no table column continues (see :func:`continued`)
        goes on in the cells after the row's last value.
        """
        row = []
        overflow: list[Any] = []
        wrapped: list[tuple[str, float]] = []
        for column, original in enumerate(values):
            parts = _parts(original)
            value = original
            if parts is not None:
                value = _as_part(original, parts[0])
                overflow.extend(parts[1:])
            if isinstance(value, Styled):
                value = replace(value, value=_plain(value.value))
            else:
                value = _plain(value)
            text = value.value if isinstance(value, Styled) else value
            wraps = False
            if wrap and isinstance(text, str):
                width = self.width(column)
                wraps = printing.needs_wrap(text, width)
                if wraps:
                    wrapped.append((text, width))
            if isinstance(value, Styled):
                cell = self._cell(self.ws, value=value.value)
                if isinstance(value.value, str):
                    cell.data_type = "s"  # a heading or label is never a formula either
                if value.number_format:
                    cell.number_format = value.number_format
                if value.bold:
                    cell.font = self._bold
                if wraps:
                    cell.alignment = self._wrap
                row.append(cell)
            elif wraps or (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
                cell = self._cell(self.ws, value=value)
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
                if wraps:
                    cell.alignment = self._wrap
                row.append(cell)
            else:
                row.append(value)
        number = self.rows + 1
        if overflow:
            first = len(row)
            row.extend(self._texts(overflow))
            wrapped.extend((p, self.width(first + k)) for k, p in enumerate(overflow) if wrap)
        height = printing.row_height(wrapped) if wrapped else None
        if height is not None:  # written with the row, then forgotten (a long sheet is long)
            self._align_top(row)
            self.ws.row_dimensions[number].height = height
        self.ws.append(row)
        if height is not None:
            del self.ws.row_dimensions[number]
        self.rows += 1

    def _align_top(self, row: list[Any]) -> None:
        """Every value of a tall row at its top, beside the wrapped text."""
        for index, value in enumerate(row):
            if value is None:
                continue
            if not isinstance(value, self._cell_type):
                value = row[index] = self._cell(self.ws, value=value)
            if not value.alignment.wrap_text:
                value.alignment = self._top

    def _texts(self, parts: list[str]) -> list[Any]:
        """Continuation pieces as wrapped string cells (never formulas)."""
        cells = []
        for part in parts:
            cell = self._cell(self.ws, value=cell_text(part))
            cell.data_type = "s"
            cell.quotePrefix = part.startswith(FORMULA_STARTS)
            cell.alignment = self._wrap
            cells.append(cell)
        return cells

    def append_all(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.append(values)

    def end_table(self) -> None:
        """The main table ends with the row last written (its filter stops there)."""
        self._filter_end = self.rows

    def close(self) -> None:
        """Set the autofilter over the main table (call once the sheet is complete)."""
        if self._filter is None:
            return
        first, columns = self._filter
        last = self._filter_end or self.rows
        self.ws.auto_filter.ref = f"A{first}:{column_letter(columns - 1)}{max(last, first)}"


def save_atomically(
    path: Path, build: Callable[[Any], None], before_replace: Callable[[], None] | None = None
) -> None:
    """Build a write-only workbook and save it beside ``path``, then rename it into place.

    ``before_replace`` runs once the workbook is saved, just before the rename (the export
    logs its disclosure there). A failure in any step (or cancellation raised by ``build``)
    leaves any earlier file at ``path`` intact and no partial file behind.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        build(book)
    except BaseException:
        _discard(book)
        raise
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=path.parent
    )
    os.close(handle)
    try:
        book.save(temporary)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _discard(book: Any) -> None:
    """Finish and delete the temporary files of a write-only workbook that will not be saved."""
    for ws in book.worksheets:
        try:
            ws.close()
            ws._writer.cleanup()
        except Exception:  # best effort: the files are in the temporary folder anyway
            pass
