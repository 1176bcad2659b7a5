"""Reading one cell: text, dates, date-times and yes/no, with what is allowed when wrong."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from auditor.errors import Refused

EXCEL_EPOCH = datetime(1899, 12, 30)


class CellError(Refused, ValueError):
    """A cell's value is not allowed; the message says what is."""


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious '.0', surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _quoted(value: Any) -> str:
    shown = text(value)
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


def a_date(value: Any) -> str | None:
    """An Excel date or ISO YYYY-MM-DD text, as YYYY-MM-DD; None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        if value.time() != time(0, 0):
            raise CellError(f"{_quoted(value)} has a time; give the date alone")
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(value).date().isoformat()
    raw = str(value).strip()
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise CellError(f"{_quoted(raw)} is not a date (use YYYY-MM-DD, e.g. 2018-03-27)")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        raise CellError(f"{_quoted(raw)} is not a real date (no such day)") from None


def a_datetime(value: Any) -> str:
    """An Excel date-time or ISO 'YYYY-MM-DD HH:MM' text, as YYYY-MM-DDTHH:MM."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("is blank; give the date and time (YYYY-MM-DD HH:MM)")
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        # An Excel date-time at midnight is read back as a date: it is that day at 00:00.
        return datetime.combine(value, time(0, 0)).isoformat(timespec="minutes")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(value).isoformat(timespec="minutes")
    raw = " ".join(str(value).replace("T", " ").split())
    try:
        parsed = datetime.strptime(raw, "%Y-%m-%d %H:%M")
    except ValueError:
        try:
            parsed = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise CellError(
                f"{_quoted(value)} is not a date and time (use YYYY-MM-DD HH:MM, "
                "e.g. 2018-03-27 14:05)"
            ) from None
    return parsed.isoformat(timespec="minutes")


def _excel_serial(number: float) -> datetime:
    if not 1 <= number < 2958466:  # 1900-01-01 to 9999-12-31
        raise CellError(f"{number!r} is not an Excel date")
    return EXCEL_EPOCH + timedelta(days=float(number))


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


def yes_no(value: Any) -> bool:
    key = text(value).casefold()
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(f"{_quoted(value)} is not Yes or No")


def quoted(value: Any) -> str:
    return _quoted(value)
