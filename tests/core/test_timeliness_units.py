"""Timeliness in the framework's unit: targets in hours, calendar days and working days
(weekends and the framework's bank holidays excluded), and the text in that unit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from auditor.framework import Framework, bundled_framework
from auditor.timeliness import (
    LATE,
    MISSING,
    WITHIN,
    MeasureResult,
    calendar_days_between,
    measure_case,
    working_days_between,
)
from tests.support.yes_no_framework import HOLIDAYS, yes_no_framework


@pytest.fixture(scope="module")
def fw() -> Framework:
    return yes_no_framework()


def counted(start: date, end: date, holidays: tuple[str, ...] = ()) -> int:
    """The test's own count: each day after ``start`` up to ``end``, Monday to Friday, not a
    listed holiday, one by one."""
    days = 0
    day = start + timedelta(days=1)
    while day <= end:
        if day.weekday() < 5 and day.isoformat() not in holidays:
            days += 1
        day += timedelta(days=1)
    return days


def by_id(results: list[MeasureResult]) -> dict[str, MeasureResult]:
    return {r.measure.id: r for r in results}


FRIDAY, SATURDAY, SUNDAY, MONDAY = (date(2026, 3, 27) + timedelta(days=k) for k in range(4))


@pytest.mark.parametrize(
    ("start", "end", "holidays", "expected"),
    [
        (FRIDAY, FRIDAY, (), 0),  # the same day
        (FRIDAY, SATURDAY, (), 0),  # a weekend day is not a working day
        (FRIDAY, SUNDAY, (), 0),
        (FRIDAY, MONDAY, (), 1),  # across the weekend: Monday only
        (SATURDAY, SUNDAY, (), 0),  # started on a Saturday
        (SATURDAY, MONDAY, (), 1),
        (SUNDAY, MONDAY, (), 1),
        (date(2026, 4, 2), date(2026, 4, 7), (), 3),  # Fri, Mon, Tue
        (date(2026, 4, 2), date(2026, 4, 7), HOLIDAYS, 1),  # Good Friday, Easter Monday out
        (date(2026, 4, 3), date(2026, 4, 6), HOLIDAYS, 0),  # holiday to holiday
        (date(2026, 4, 3), date(2026, 4, 7), HOLIDAYS, 1),  # from a holiday
        (date(2026, 3, 2), date(2026, 3, 30), (), 20),  # four weeks
        (MONDAY, FRIDAY, (), 0),  # end before start
    ],
)
def test_working_days_between(start: date, end: date, holidays: tuple, expected: int) -> None:
    assert counted(start, end, holidays) == expected or end < start
    assert working_days_between(start, end, frozenset(holidays)) == expected


def test_working_days_agree_with_a_day_by_day_count() -> None:
    first = date(2026, 3, 20)
    holidays = (*HOLIDAYS, "2026-04-04")  # a Saturday listed too changes nothing
    for a in range(30):
        for b in range(a, a + 40):
            start, end = first + timedelta(days=a), first + timedelta(days=b)
            assert working_days_between(start, end, frozenset(holidays)) == counted(
                start, end, holidays
            ), (start, end)


def test_calendar_days_count_dates() -> None:
    assert calendar_days_between(FRIDAY, FRIDAY) == 0
    assert calendar_days_between(FRIDAY, MONDAY) == 3


# --- a measure in working days, through measure_case -----------------------------------------


def fifteenth_working_day(start: date) -> date:
    day = start
    while counted(start, day, HOLIDAYS) < 15:
        day += timedelta(days=1)
    return day


def test_a_working_day_target_met_on_its_last_day_and_late_the_day_after(fw: Framework) -> None:
    start = date(2026, 3, 20)  # a Friday; Easter (3 and 6 April) falls inside
    last = fifteenth_working_day(start)
    assert last == date(2026, 4, 14)  # by hand: 23-27 Mar 5, 30 Mar-2 Apr 9, 7-14 Apr 15
    events = [(f"{start}T16:00", "started"), (f"{last}T09:00", "assessed")]
    result = by_id(measure_case(fw, "ADULT", events))["assessment_due"]
    assert result.state == WITHIN
    assert result.days == 15
    assert result.delay == 15
    assert result.text == (
        "Assessment completed 15 working days after supervision start: target 15 working days"
    )
    late_day = last + timedelta(days=1)
    events = [(f"{start}T16:00", "started"), (f"{late_day}T09:00", "assessed")]
    result = by_id(measure_case(fw, "ADULT", events))["assessment_due"]
    assert result.state == LATE
    assert result.days == counted(start, late_day, HOLIDAYS) == 16
    assert result.text.endswith(
        "16 working days after supervision start: target 15 working days (late)"
    )
    assert "hour" not in result.text


def test_same_day_and_weekend_starts(fw: Framework) -> None:
    same = [("2026-03-27T09:00", "started"), ("2026-03-27T17:30", "assessed")]
    result = by_id(measure_case(fw, "YOUTH", same))["assessment_due"]
    assert (result.state, result.days) == (WITHIN, 0)
    assert "0 working days after" in result.text
    saturday = [("2026-03-28T09:00", "started"), ("2026-03-30T08:00", "assessed")]
    result = by_id(measure_case(fw, "YOUTH", saturday))["assessment_due"]
    assert result.days == 1
    assert "1 working day after supervision start" in result.text


def test_missing_end_event_states_the_target_in_its_unit(fw: Framework) -> None:
    result = by_id(measure_case(fw, "ADULT", [("2026-03-20T10:00", "started")]))["assessment_due"]
    assert result.state == MISSING
    assert result.text == (
        "Assessment completed: missing, no record after supervision start (target 15 working days)"
    )


def test_calendar_days_target(fw: Framework) -> None:
    # 1 March 09:00 to 6 March 09:30: 120.5 hours, more than 5 x 24, but 5 dates on: the days
    # are counted by date, so within 5 days.
    events = [("2026-03-01T09:00", "started"), ("2026-03-06T09:30", "seen")]
    result = by_id(measure_case(fw, "ADULT", events))["seen_days"]
    assert (result.state, result.days) == (WITHIN, 5)
    assert result.hours == pytest.approx(120.5)
    assert result.text == "First seen 5 days after supervision started: target 5 days"
    events = [("2026-03-01T09:00", "started"), ("2026-03-07T08:00", "seen")]
    result = by_id(measure_case(fw, "ADULT", events))["seen_days"]
    assert (result.state, result.days) == (LATE, 6)
    assert result.text.endswith("6 days after supervision started: target 5 days (late)")


def test_hour_targets_keep_their_text(fw: Framework) -> None:
    events = [("2026-03-01T09:00", "started"), ("2026-03-04T09:00", "seen")]
    result = by_id(measure_case(fw, "YOUTH", events))["seen_hours"]
    assert (result.state, result.days) == (WITHIN, None)
    assert result.delay == pytest.approx(72)
    assert result.text == "First seen 3 days after supervision started: target 72 hours"
    # The bundled (format 1) framework's text, word for word as before.
    events = [("2018-03-01T09:00", "first_contact"), ("2018-03-30T09:00", "merlin_submitted")]
    merlin = by_id(measure_case(bundled_framework(), "S47", events))["merlin_within_24h"]
    assert merlin.text.endswith("29 days after first contact: target 24 hours (late)")
