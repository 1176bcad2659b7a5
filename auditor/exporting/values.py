"""What a cell holds: text by the free-text rule (never a formula, never failing the export),
dates and date-times Excel shows as such, and a text too long for a cell continued in the next
column(s) of its row.

Every string written goes through :func:`cell_text` (the free-text rule of
:mod:`auditor.text_rules`: what a workbook cannot hold is replaced by '\ufffd'). A text longer
than an Excel cell holds continues in the next column(s) of its row: a table given its rows
at once (:func:`continued`) gets a column '<heading> (part 2)' right after the heading's, and so
on; anywhere else the rest goes in the cells after the row's last value (``Sheet.append``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from auditor import text_rules
from auditor.importing.layout import part_heading
from auditor.timestamps import moment_of

#: Text starting with one of these would be a formula (or start one when edited in Excel).
FORMULA_STARTS = ("=", "+", "-", "@")
#: Number formats of date-times (a chronology time shows its seconds only when it has them).
MINUTES, SECONDS = "yyyy-mm-dd hh:mm", "yyyy-mm-dd hh:mm:ss"


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


def parts_of(value: Any) -> list[str] | None:
    """The pieces of a text too long for one cell, or None (the value fits)."""
    if isinstance(value, Styled):
        value = value.value
    limit = text_rules.EXCEL_CELL_LIMIT
    if not isinstance(value, str) or len(value) <= limit // 4:
        return None  # even in UTF-16 and with every '_xHHHH_' escaped, it fits
    escapes = value.count("_x")  # each escaped '_' ('_x005F_') adds 6 characters
    parts = text_rules.cell_parts(value, max(limit - 6 * escapes, limit // 2))
    return parts if len(parts) > 1 else None


def as_part(original: Any, part: str | None) -> Any:
    """One piece of a long text, styled as the whole was."""
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
            parts = parts_of(value)
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
                parts = parts_of(value) if c in needed else None
                if parts is None:
                    out.append(value)
                    out.extend([None] * (count - 1))
                else:
                    out.extend(as_part(value, p) for p in parts)
                    out.extend([None] * (count - len(parts)))
            yield out

    return out_headings, out_widths, expanded()


def _date_cell(value: date) -> Any:
    """A date or date-time Excel can show as one, else its ISO text (before 1900-01-01)."""
    if isinstance(value, datetime):
        if value.date() >= FIRST_EXCEL_DAY:
            return value
        spec = "seconds" if value.second or value.microsecond else "minutes"
        return value.isoformat(sep=" ", timespec=spec)
    return value if value >= FIRST_EXCEL_DAY else value.isoformat()


def plain(value: Any) -> Any:
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
