"""The file's times in one place: timestamps are ISO 8601 UTC text ("2018-07-02T09:02:11.120Z"),
days are "YYYY-MM-DD"; these read them back (no caller slices the text by hand)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def day_of(value: date | str) -> date:
    """The day of a ``date``, a "YYYY-MM-DD" or an ISO timestamp (``ValueError`` if neither)."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(value.strip()[:10])


def moment_of(text: str) -> datetime:
    """A stored UTC timestamp as a naive UTC ``datetime`` (as Excel shows times)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)


def shown_minute(at: str | None) -> str:
    """A timestamp as "2018-07-02 09:02 UTC"; a day stays a day; nothing stays empty."""
    if not at:
        return ""
    if len(at) <= 10:
        return at
    moment = moment_of(at)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def shown_day(at: str | None) -> str:
    """The "YYYY-MM-DD" of a timestamp or day (empty for none)."""
    return day_of(at).isoformat() if at else ""
