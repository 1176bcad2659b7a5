"""Writing sheets: printable tables (headings frozen, filtered and repeated, wrapped text in
rows tall enough), long texts continued, atomic save. What each cell holds is
:mod:`auditor.exporting.values`'s."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.exporting import printing
from auditor.exporting.values import (
    FORMULA_STARTS,
    Rows,
    Styled,
    as_part,
    cell_text,
    continued,
    parts_of,
    plain,
)
from auditor.importing.layout import column_letter

MAX_SHEET_NAME = 31  # Excel's limit
MIN_WIDTH, MAX_WIDTH = 8, 60
DEFAULT_WIDTH = 8.43  # a column openpyxl is given no width for


def write_table(
    book: Any,
    title: str,
    headings: Sequence[str],
    widths: Sequence[float] | None,
    rows: Rows,
    *,
    print_until: str | None = None,
    align_rows: bool = True,
) -> None:
    """A whole table sheet (headings, rows, autofilter), long texts continued; only the
    columns up to ``print_until`` (and its parts) are printed, if given (``align_rows``: see
    :class:`Sheet`)."""
    headings, widths, expanded = continued(headings, rows, widths)
    sheet = Sheet(book, title, headings, widths, align_rows=align_rows)
    sheet.append_all(expanded)
    sheet.close()
    if print_until is not None:
        parts = [i for i, h in enumerate(headings) if h.startswith(print_until)]
        last = column_letter(max(parts)) if parts else column_letter(len(headings) - 1)
        sheet.ws.print_area = f"A1:{last}{max(sheet.rows, 1)}"


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
        align_rows: bool = True,
    ) -> None:
        """``table``: ``headings`` are the sheet's one table's, in row 1. Otherwise the caller
        writes its tables' headings (:meth:`heading`); ``also`` lists them, so that the columns
        are wide enough, and ``freeze`` is the cell the sheet's view is frozen at.

        ``align_rows``: a row with wrapped text has all its values at the top, not only the
        text (each value then a styled cell: in a very wide sheet, a third of the export's
        time, so Cases leaves its other values at the foot of the row)."""
        from openpyxl.cell import Cell, WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self._bold = Font(bold=True)
        # openpyxl's alignment setter hashes the Alignment for every cell it is given (a third
        # of a long export's time when every row wraps), so each one's index in the book's
        # alignments is found once here and given to cells directly (see _align).
        self._wrap = book._alignments.add(Alignment(wrap_text=True, vertical="top"))
        self._top = book._alignments.add(Alignment(vertical="top"))  # beside wrapped text

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
        self._align_rows = align_rows
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
            parts = parts_of(original)
            value = original
            if parts is not None:
                value = as_part(original, parts[0])
                overflow.extend(parts[1:])
            if isinstance(value, Styled):
                value = replace(value, value=plain(value.value))
            else:
                value = plain(value)
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
                    _align(cell, self._wrap)
                row.append(cell)
            elif wraps or (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
                cell = self._cell(self.ws, value=value)
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
                if wraps:
                    _align(cell, self._wrap)
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
            if self._align_rows:
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
            if value._style is None or value._style.alignmentId != self._wrap:
                _align(value, self._top)

    def _texts(self, parts: list[str]) -> list[Any]:
        """Continuation pieces as wrapped string cells (never formulas)."""
        cells = []
        for part in parts:
            cell = self._cell(self.ws, value=cell_text(part))
            cell.data_type = "s"
            cell.quotePrefix = part.startswith(FORMULA_STARTS)
            _align(cell, self._wrap)
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


def _align(cell: Any, alignment: int) -> None:
    """Give ``cell`` the book's alignment number ``alignment`` (openpyxl's own setter, cheaply)."""
    from openpyxl.styles.cell_style import StyleArray

    if cell._style is None:
        cell._style = StyleArray()
    cell._style.alignmentId = alignment


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
