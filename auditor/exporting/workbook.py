"""Writing sheets safely: text never becomes a formula, headers frozen, atomic save."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.importing.layout import column_letter

#: Text starting with one of these would be a formula (or start one when edited in Excel).
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_SHEET_NAME = 31  # Excel's limit
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class Styled:
    """A value with a number format and/or bold text (e.g. a share shown as a percentage)."""

    value: Any
    number_format: str | None = None
    bold: bool = False


def percent(value: float | str | None) -> Styled | str | None:
    """A 0-100 share as an Excel percentage (a number formatted 0%); text stays text."""
    if value is None or isinstance(value, str):
        return value
    return Styled(value / 100.0, "0%")


class Sheet:
    """One write-only worksheet: a bold frozen heading row, autofilter and sized columns."""

    def __init__(
        self,
        book: Any,
        title: str,
        headings: Sequence[str],
        widths: Sequence[float] | None = None,
        *,
        table: bool = True,
    ) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self._bold = Font(bold=True)

        if len(title) > MAX_SHEET_NAME:
            raise ValueError(f"sheet name {title!r} is longer than {MAX_SHEET_NAME} characters")
        self._cell = WriteOnlyCell
        self.ws = book.create_sheet(title)
        self.title = title
        self.headings = list(headings)
        self.rows = 0
        for index, heading in enumerate(self.headings):
            wanted = widths[index] if widths and index < len(widths) else len(heading) + 4
            letter = column_letter(index)
            self.ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, wanted))
        if table and self.headings:
            self.ws.freeze_panes = "A2"
            self.append([Styled(h, bold=True) for h in self.headings])
        self._table = table

    def append(self, values: Iterable[Any]) -> None:
        """Add a row; text that looks like a formula is stored as text (with a quote prefix)."""
        row = []
        for value in values:
            if isinstance(value, Styled):
                cell = self._cell(self.ws, value=value.value)
                if isinstance(value.value, str):
                    cell.data_type = "s"  # a heading or label is never a formula either
                if value.number_format:
                    cell.number_format = value.number_format
                if value.bold:
                    cell.font = self._bold
                row.append(cell)
            elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell = self._cell(self.ws, value=value)
                cell.data_type = "s"
                cell.quotePrefix = True
                row.append(cell)
            else:
                row.append(value)
        self.ws.append(row)
        self.rows += 1

    def append_all(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.append(values)

    def close(self) -> None:
        """Set the autofilter over the rows written (call once the sheet is complete)."""
        if self._table and self.headings:
            last = column_letter(len(self.headings) - 1)
            self.ws.auto_filter.ref = f"A1:{last}{max(self.rows, 1)}"


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
