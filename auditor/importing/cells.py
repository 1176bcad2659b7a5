"""Reading one cell: text, dates, date-times and yes/no, with what is allowed when wrong.

Dates and times arrive in three forms, and each is read exactly:

- a ``datetime``, ``date`` or ``time`` from the workbook reader (calamine or openpyxl), for a
  cell formatted as a date. A date-time may carry the float error of its serial number
  (14:04:59.999): it is rounded to the nearest second. Both readers give a ``time`` for a
  serial below 1, which in Excel's 1900 system is day 0, 1899-12-31 (what openpyxl and
  xlsxwriter write for that date).
- an Excel serial number (a cell holding a date without a date format, as some programs write
  it): days since Excel's day 0, with Excel's 1900 leap-year day (serial 60) refused and the
  time of day rounded to the nearest second.
- text: ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM`` or ``YYYY-MM-DD HH:MM:SS`` (a "T" may separate).

A chronology date-time is stored as ``YYYY-MM-DDTHH:MM``, or ``YYYY-MM-DDTHH:MM:SS`` when its
seconds are not zero (:func:`auditor.timeliness.when_text`).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from auditor import text_rules
from auditor.errors import Refused
from auditor.timeliness import when_text

EXCEL_EPOCH = datetime(1899, 12, 30)  # serials from 61 (1900-03-01) count from here
DAY_ZERO = datetime(1899, 12, 31)  # serials below 60 count from here (Excel's 1900-01-00)
LEAP_DAY_SERIAL = 60  # Excel's 1900-02-29, a day that did not exist
LAST_SERIAL = 2958466  # 10000-01-01: serials must be below
FIRST_DAY, LAST_DAY = DAY_ZERO.date(), date.max


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
        try:
            return when_text(_to_second(value)).replace("T", " ")
        except CellError:
            return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def quoted(value: Any) -> str:
    """A cell's value quoted for a message (escaped, never raw control characters)."""
    return text_rules.quoted(text(value))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def a_date(value: Any) -> str | None:
    """An Excel date or ISO YYYY-MM-DD text, as YYYY-MM-DD; None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        moment = _to_second(value)
        if moment.time() != time(0, 0):
            raise CellError(f"{quoted(value)} has a time; give the date alone")
        return moment.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        if value == time(0, 0):  # serial 0: Excel's 1900-01-00, the day before 1900-01-01
            return FIRST_DAY.isoformat()
        raise CellError(f"{quoted(value)} is a time of day, not a date (use YYYY-MM-DD)")
    if _is_number(value):
        moment = _from_serial(value)
        if moment.time() != time(0, 0):
            raise CellError(
                f"{text(value)} is {when_text(moment).replace('T', ' ')} as an Excel date "
                "serial: it has a time; give the date alone"
            )
        return moment.date().isoformat()
    raw = str(value).strip()
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise CellError(f"{quoted(raw)} is not a date (use YYYY-MM-DD, e.g. 2018-03-27)")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        raise CellError(f"{quoted(raw)} is not a real date (no such day)") from None


TEXT_FORMS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f")
#: 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD HH:MM:SS', two digits each (read without strptime).
_USUAL_TEXT = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?")


#: The stored form itself, or with a space for the T (most text cells): checked and kept.
_STORED_FORM = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")


def a_datetime(value: Any) -> str:
    """An Excel date-time or ISO 'YYYY-MM-DD HH:MM[:SS]' text, to the nearest second, as
    stored: YYYY-MM-DDTHH:MM, or YYYY-MM-DDTHH:MM:SS when the seconds are not zero."""
    if type(value) is str and (stored := _STORED_FORM.fullmatch(value)) is not None:
        year, month, day, hour, minute, second = stored.groups("00")
        try:  # a real moment (no 30 February, no 25:00), as datetime would say
            datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
        except ValueError:
            pass  # no such moment: the message below
        else:
            hm = f"{year}-{month}-{day}T{hour}:{minute}"
            return hm if second == "00" else f"{hm}:{second}"
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("is blank; give the date and time (YYYY-MM-DD HH:MM)")
    if isinstance(value, datetime):
        return when_text(_to_second(value))
    if isinstance(value, date):
        # An Excel date-time at midnight is read back as a date: it is that day at 00:00.
        return when_text(datetime.combine(value, time(0, 0)))
    if isinstance(value, time) or (_is_number(value) and 0 <= value < 1):
        # What both readers give for a date-formatted serial below 1, and the serial itself
        shown = quoted(value) if isinstance(value, time) else f"{text(value)} (an Excel serial)"
        raise CellError(
            f"{shown} is a time of day without a date; give the date and time (YYYY-MM-DD HH:MM)"
        )
    if _is_number(value):
        return when_text(_from_serial(value))
    raw = " ".join(str(value).replace("T", " ").split())
    usual = _USUAL_TEXT.fullmatch(raw)  # the common form, without strptime's locale lookups
    if usual is not None:
        try:
            parts = [int(p) for p in usual.groups(default="0")]
            return when_text(datetime(*parts))  # type: ignore[arg-type]
        except ValueError:
            pass  # no such day: the message below
    for form in TEXT_FORMS:
        try:
            parsed = datetime.strptime(raw, form)
        except ValueError:
            continue
        return when_text(_to_second(parsed))
    raise CellError(
        f"{quoted(value)} is not a date and time (use YYYY-MM-DD HH:MM, or YYYY-MM-DD HH:MM:SS, "
        "e.g. 2018-03-27 14:05)"
    )


def _to_second(moment: datetime) -> datetime:
    """``moment`` rounded to the nearest second (half a second rounds up)."""
    if not moment.microsecond:
        return moment
    if moment.microsecond < 500_000:
        return moment.replace(microsecond=0)
    if moment.replace(microsecond=0) == datetime.max.replace(microsecond=0):
        raise CellError(f"{moment.isoformat(sep=' ')} rounds to after 9999-12-31")
    return moment.replace(microsecond=0) + timedelta(seconds=1)


def _from_serial(number: float) -> datetime:
    """An Excel (1900 system) date serial as a date-time, to the nearest second."""
    shown = text(number)
    if isinstance(number, float) and not math.isfinite(number):
        raise CellError(f"{shown} is not a number of days (an Excel date serial)")
    if number < 0:
        raise CellError(f"{shown} is before {FIRST_DAY} as an Excel date serial")
    if number >= LAST_SERIAL:
        raise CellError(f"{shown} is after {LAST_DAY} as an Excel date serial")
    day = math.floor(number)
    seconds = round((number - day) * 86400)
    if seconds == 86400:  # 23:59:59.6 and later is the next day's midnight
        day, seconds = day + 1, 0
    if day >= LAST_SERIAL:
        raise CellError(f"{shown} is after {LAST_DAY} as an Excel date serial")
    if day == LEAP_DAY_SERIAL:
        raise CellError(
            f"{shown} is 1900-02-29 as an Excel date serial, a day that did not exist "
            "(Excel counts 1900 as a leap year); give the date as YYYY-MM-DD"
        )
    start = DAY_ZERO if day < LEAP_DAY_SERIAL else EXCEL_EPOCH
    return start + timedelta(days=day, seconds=seconds)


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


def yes_no(value: Any) -> bool:
    key = text(value).casefold()
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(f"{quoted(value)} is not Yes or No")
