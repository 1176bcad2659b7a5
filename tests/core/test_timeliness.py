"""Timeliness measures of the bundled framework, checked against hand-computed delays."""

from __future__ import annotations

import pytest

from auditor.framework import Framework, bundled_framework
from auditor.timeliness import (
    LATE,
    MISSING,
    NOT_ARISEN,
    WITHIN,
    MeasureResult,
    format_duration,
    measure_case,
)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return bundled_framework()


def by_id(results: list[MeasureResult]) -> dict[str, MeasureResult]:
    return {r.measure.id: r for r in results}


# --- the Merlin measure (every case type) ------------------------------------------------------


def test_merlin_29_days_late_as_in_the_report(framework: Framework) -> None:
    # 1 March 09:00 to 30 March 09:00 is 29 days = 29 * 24 = 696 hours; target 24 hours.
    events = [
        ("2018-03-01T09:00", "first_contact"),
        ("2018-03-30T09:00", "merlin_submitted"),
    ]
    merlin = by_id(measure_case(framework, "DA_REFERRAL", events))["merlin_within_24h"]
    assert merlin.state == LATE
    assert merlin.hours == pytest.approx(696)
    assert "29 days after first contact: target 24 hours" in merlin.text
    assert "late" in merlin.text
    assert merlin.needs_attention


def test_merlin_within_target(framework: Framework) -> None:
    # 09:00 to 15:30 the same day: 6.5 hours.
    events = [
        ("2018-03-01T09:00", "first_contact"),
        ("2018-03-01T15:30", "merlin_submitted"),
    ]
    merlin = by_id(measure_case(framework, "S47", events))["merlin_within_24h"]
    assert merlin.state == WITHIN
    assert merlin.hours == pytest.approx(6.5)
    assert "6.5 hours after first contact: target 24 hours" in merlin.text
    assert "late" not in merlin.text
    assert not merlin.needs_attention


@pytest.mark.parametrize(
    ("submitted", "state", "hours"),
    [
        ("2018-03-02T09:00", WITHIN, 24.0),  # exactly on target is not late
        ("2018-03-02T09:01", LATE, 24 + 1 / 60),  # one minute over is
    ],
)
def test_merlin_target_boundary(
    framework: Framework, submitted: str, state: str, hours: float
) -> None:
    events = [("2018-03-01T09:00", "first_contact"), (submitted, "merlin_submitted")]
    merlin = by_id(measure_case(framework, "S47", events))["merlin_within_24h"]
    assert merlin.state == state
    assert merlin.hours == pytest.approx(hours)


def test_missing_merlin_is_reported_missing(framework: Framework) -> None:
    events = [("2018-03-01T09:00", "first_contact"), ("2018-03-01T10:00", "child_seen")]
    merlin = by_id(measure_case(framework, "OTHER_REFERRAL", events))["merlin_within_24h"]
    assert merlin.state == MISSING
    assert merlin.hours is None
    assert "missing" in merlin.text
    assert "target 24 hours" in merlin.text
    assert merlin.needs_attention


def test_no_first_contact_means_the_measure_does_not_arise(framework: Framework) -> None:
    events = [("2018-03-05T09:00", "merlin_submitted")]
    merlin = by_id(measure_case(framework, "OTHER_REFERRAL", events))["merlin_within_24h"]
    assert merlin.state == NOT_ARISEN
    assert merlin.hours is None
    assert "does not arise" in merlin.text
    assert not merlin.needs_attention


def test_no_events_at_all(framework: Framework) -> None:
    results = measure_case(framework, "CUSTODY", [])
    assert [r.state for r in results] == [NOT_ARISEN, NOT_ARISEN, NOT_ARISEN]


def test_to_event_before_from_event_is_ignored(framework: Framework) -> None:
    # A Merlin dated before first contact cannot be the Merlin for that contact.
    events = [
        ("2018-03-01T08:00", "merlin_submitted"),
        ("2018-03-01T09:00", "first_contact"),
    ]
    merlin = by_id(measure_case(framework, "S47", events))["merlin_within_24h"]
    assert merlin.state == MISSING

    # With a later Merlin too, the later one is measured: 09:00 to 21:00 next day = 36 hours.
    events.append(("2018-03-02T21:00", "merlin_submitted"))
    merlin = by_id(measure_case(framework, "S47", events))["merlin_within_24h"]
    assert merlin.state == LATE
    assert merlin.hours == pytest.approx(36)


def test_events_out_of_order_and_repeated(framework: Framework) -> None:
    # Measured from the first first-contact to the first Merlin after it, whatever the input order:
    # 1 March 09:00 -> 3 March 09:00 = 48 hours (not from the second contact on 2 March).
    events = [
        ("2018-03-04T12:00", "merlin_submitted"),
        ("2018-03-02T09:00", "first_contact"),
        ("2018-03-03T09:00", "merlin_submitted"),
        ("2018-03-01T09:00", "first_contact"),
    ]
    merlin = by_id(measure_case(framework, "S47", events))["merlin_within_24h"]
    assert merlin.hours == pytest.approx(48)
    assert merlin.state == LATE
    assert "2 days after first contact" in merlin.text


# --- custody, missing and the case types measures apply to -------------------------------------


def test_custody_case_gets_appropriate_adult_and_after_charge_measures(
    framework: Framework,
) -> None:
    # Detained 02:00 on 4 May; appropriate adult 10:00 (8 hours, target 2); charged 08:00 on
    # 5 May (30 hours in); left custody 14:00 on 6 May (60 hours in all, 30 after charge).
    events = [
        ("2018-05-04T02:00", "detained"),
        ("2018-05-04T10:00", "appropriate_adult_arrived"),
        ("2018-05-05T08:00", "charged"),
        ("2018-05-06T14:00", "left_custody"),
    ]
    results = measure_case(framework, "CUSTODY", events)
    assert [r.measure.id for r in results] == [
        "merlin_within_24h",
        "appropriate_adult_within_2h",
        "custody_after_charge",
    ]
    found = by_id(results)

    adult = found["appropriate_adult_within_2h"]
    assert adult.state == LATE
    assert adult.hours == pytest.approx(8)
    assert "8 hours" in adult.text
    assert "target 2 hours" in adult.text
    assert "late" in adult.text

    charge = found["custody_after_charge"]
    assert charge.state == LATE
    assert charge.hours == pytest.approx(30)
    assert "30 hours" in charge.text
    assert "target 12 hours" in charge.text

    # No first contact recorded in this chronology: the Merlin measure does not arise.
    assert found["merlin_within_24h"].state == NOT_ARISEN


def test_custody_appropriate_adult_in_time(framework: Framework) -> None:
    # 45 minutes after detention.
    events = [
        ("2018-05-04T02:00", "detained"),
        ("2018-05-04T02:45", "appropriate_adult_arrived"),
    ]
    adult = by_id(measure_case(framework, "CUSTODY", events))["appropriate_adult_within_2h"]
    assert adult.state == WITHIN
    assert adult.hours == pytest.approx(0.75)
    assert "45 minutes" in adult.text


def test_domestic_abuse_referral_gets_only_the_merlin_measure(framework: Framework) -> None:
    # Custody events in a DA referral's chronology do not bring the custody measures with them.
    events = [
        ("2018-01-10T18:00", "first_contact"),
        ("2018-01-11T09:00", "merlin_submitted"),
        ("2018-01-10T19:00", "detained"),
        ("2018-01-11T19:00", "appropriate_adult_arrived"),
    ]
    results = measure_case(framework, "DA_REFERRAL", events)
    assert [r.measure.id for r in results] == ["merlin_within_24h"]
    assert results[0].state == WITHIN
    assert results[0].hours == pytest.approx(15)


def test_missing_child_return_interview(framework: Framework) -> None:
    # Found 20:00 on 1 June, interviewed 20:00 on 5 June: 96 hours = 4 days, target 72 hours.
    events = [
        ("2018-05-31T22:00", "reported_missing"),
        ("2018-06-01T20:00", "found"),
        ("2018-06-05T20:00", "return_interview"),
    ]
    results = by_id(measure_case(framework, "MISSING", events))
    assert set(results) == {"merlin_within_24h", "return_interview_within_72h"}
    interview = results["return_interview_within_72h"]
    assert interview.state == LATE
    assert interview.hours == pytest.approx(96)
    assert "4 days" in interview.text
    assert "target 72 hours" in interview.text


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (0.75, "45 minutes"),
        (1.0, "1 hour"),
        (8.0, "8 hours"),
        (6.5, "6.5 hours"),
        (47.0, "47 hours"),
        (696.0, "29 days"),
        (60.0, "2.5 days"),
    ],
)
def test_format_duration(hours: float, text: str) -> None:
    assert format_duration(hours) == text
