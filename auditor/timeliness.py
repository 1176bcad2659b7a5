"""Timeliness measures computed from a case's chronology, in the unit the framework states.

A measure's delay runs from the first event of its ``from`` kind to the first event of its
``to`` kind at or after it. How it is compared with the target depends on the target's unit:

- **hours**: the time between the two events, in hours; within target when no more than it.
- **days** (calendar days): the number of days after the start's day up to and including the
  end's day (the dates only: 1 March 23:00 to 2 March 01:00 is 1 day; the same day is 0 days);
  within target when no more than the target's days.
- **working days**: counted the same way but only days that are neither a Saturday or Sunday
  nor one of the framework's ``[calendar] bank_holidays``: the working days after the start's
  day up to and including the end's day. An event on the same day is 0 working days; one on
  the Saturday after a Friday start is 0; from a start on a Saturday, the Monday after is 1.
  Within target when no more than the target's working days.

The text says it in the measure's unit ("32 working days after sentence: target 15 working
days"); for a target in hours, as it always has ("29 days after first contact: target 24
hours").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from auditor.framework import Framework, Measure

WITHIN = "within"
LATE = "late"
MISSING = "missing"
NOT_ARISEN = "not_arisen"


HOURS, DAYS, WORKING_DAYS = "hours", "days", "working_days"
WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())


@dataclass(frozen=True)
class MeasureResult:
    """A measure applied to one case: the delay in hours and how it compares to target.

    ``days`` is the delay counted in the target's unit when that is days (calendar or
    working days, see the module's docstring); None for a target in hours."""

    measure: Measure
    state: str
    hours: float | None
    text: str
    days: int | None = None

    @property
    def delay(self) -> float | None:
        """The delay in the target's unit: hours, calendar days or working days."""
        return self.hours if self.measure.target_unit == HOURS else self.days

    @property
    def needs_attention(self) -> bool:
        return self.state in (LATE, MISSING)


def when_text(moment: datetime) -> str:
    """A chronology date-time as stored: 'YYYY-MM-DDTHH:MM', with ':SS' when not zero.

    One text per moment (so that the same event read twice is the same row), and text order is
    time order: '…T10:00' sorts before '…T10:00:30', which sorts before '…T10:01'.
    """
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def parse_when(text: str) -> datetime:
    """An ISO date-time of the chronology ('YYYY-MM-DDTHH:MM[:SS]'), as naive local time.

    A time given with an offset is taken as written (its offset dropped), so a chronology that
    mixes both forms still orders and measures.
    """
    return datetime.fromisoformat(text).replace(tzinfo=None)


def _readable(events: Iterable[tuple[str, str]]) -> list[tuple[datetime, str]]:
    readable = []
    for when, kind in events:
        try:
            readable.append((parse_when(when), kind))
        except (TypeError, ValueError):
            continue
    return readable


def format_duration(hours: float) -> str:
    """'45 minutes', '5 hours', '29 days' (days from 48 hours on)."""
    if hours < 1:
        minutes = round(hours * 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if hours < 48:
        value = round(hours, 1)
        value_text = f"{value:g}"
        return f"{value_text} hour{'s' if value != 1 else ''}"
    days = round(hours / 24, 1)
    return f"{days:g} days"


def _shown_hours(hours: float) -> float:
    """The hours :func:`format_duration` shows (rounded as it rounds)."""
    if hours < 1:
        return round(hours * 60) / 60
    if hours < 48:
        return round(hours, 1)
    return round(hours / 24, 1) * 24


def exact_duration(hours: float) -> str:
    """'24 hours 1 minute', '2 hours 0 minutes 30 seconds': to the second, for a delay whose
    rounded form would not show that it is over its target."""
    seconds = round(hours * 3600)
    whole, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)

    def unit(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    parts = [unit(whole, "hour"), unit(minutes, "minute")]
    if seconds:
        parts.append(unit(seconds, "second"))
    return " ".join(parts)


def _target_text(measure: Measure) -> str:
    if measure.target_unit == HOURS:
        hours = measure.target_hours
        return f"target {hours:g} hour{'s' if hours != 1 else ''}"
    return f"target {measure.target_text}"


@lru_cache(maxsize=16)
def _working_holidays(holidays: frozenset[str]) -> tuple[date, ...]:
    """The listed holidays that fall on a weekday, in order (a weekend one changes nothing)."""
    days = []
    for text in holidays:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            continue
        if day.weekday() not in WEEKEND:
            days.append(day)
    return tuple(sorted(set(days)))


def working_days_between(start: date, end: date, holidays: frozenset[str] = frozenset()) -> int:
    """The working days after ``start`` up to and including ``end`` (0 when ``end`` is not
    after ``start``): weekdays that are not among ``holidays`` (ISO dates)."""
    span = (end - start).days
    if span <= 0:
        return 0
    weeks, rest = divmod(span, 7)
    count = weeks * 5
    first = start.weekday()
    count += sum((first + k) % 7 not in WEEKEND for k in range(1, rest + 1))
    listed = _working_holidays(holidays)
    return count - (bisect_right(listed, end) - bisect_right(listed, start))  # in (start, end]


def calendar_days_between(start: date, end: date) -> int:
    """The days after ``start`` up to and including ``end`` (0 on the same day)."""
    return max((end - start).days, 0)


def _day_word(count: int, unit: str) -> str:
    word = "working day" if unit == WORKING_DAYS else "day"
    return f"{count} {word}{'' if count == 1 else 's'}"


def measure_case(
    framework: Framework, case_type: str, events: Iterable[tuple[str, str]]
) -> list[MeasureResult]:
    """Every measure that applies to the case type, from (occurred_at, event_type) pairs.

    An event whose time is not a date-time (stored by hand or merged from a package; an
    import never stores one) cannot be placed in time and is left out of the measures; the
    chronology still shows it as stored.
    """
    ordered = sorted(_readable(events))
    results = []
    for measure in framework.measures_for(case_type):
        to_label = framework.event_label(measure.to_event)
        from_label = measure.since or framework.event_label(measure.from_event).lower()
        start = next((when for when, kind in ordered if kind == measure.from_event), None)
        if start is None:
            results.append(
                MeasureResult(
                    measure, NOT_ARISEN, None, f"{measure.label}: does not arise (no {from_label})"
                )
            )
            continue
        end = next(
            (when for when, kind in ordered if kind == measure.to_event and when >= start), None
        )
        if end is None:
            results.append(
                MeasureResult(
                    measure,
                    MISSING,
                    None,
                    f"{to_label}: missing, no record after {from_label} ({_target_text(measure)})",
                )
            )
            continue
        hours = (end - start).total_seconds() / 3600
        if measure.target_unit == HOURS:
            late = hours > measure.target_hours
            shown = format_duration(hours)
            if late and _shown_hours(hours) <= measure.target_hours:  # late by minutes
                shown = exact_duration(hours)
            days = None
        else:
            if measure.target_unit == WORKING_DAYS:
                days = working_days_between(start.date(), end.date(), framework.bank_holidays)
            else:
                days = calendar_days_between(start.date(), end.date())
            late = days > measure.target_value
            shown = _day_word(days, measure.target_unit)
        text = f"{to_label} {shown} after {from_label}: {_target_text(measure)}" + (
            " (late)" if late else ""
        )
        results.append(MeasureResult(measure, LATE if late else WITHIN, hours, text, days))
    return results
