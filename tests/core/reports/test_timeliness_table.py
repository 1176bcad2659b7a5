"""Table 4: medians, 90th percentiles and within-target shares against hand-computed values."""

from __future__ import annotations

import pytest

from auditor.inspection import Inspection
from auditor.reports import ReportFilter, build_report, load_report_data
from tests.support.reports import add_cases


def at(hours: float) -> str:
    """The time ``hours`` after 09:00 on 1 March 2018, as the chronology writes it."""
    h, m = divmod(round(hours * 60), 60)
    day, h = divmod(9 + h, 24)
    return f"2018-03-{1 + day:02d}T{h:02d}:{m:02d}"


def chronology(insp: Inspection, case_type: str, events: list[tuple[float, str]]) -> None:
    (case,) = add_cases(insp, [{"case_type": case_type}])
    insp.add_events(None, case.id, [(at(h), kind, "Invented entry") for h, kind in events])


@pytest.fixture
def measured(insp: Inspection) -> Inspection:
    # Merlin (target 24 h) after first contact: 2, 4, 10, 30 and 50 hours.
    for delay in (2, 4, 10, 30, 50):
        chronology(insp, "DA_REFERRAL", [(0, "first_contact"), (delay, "merlin_submitted")])
    chronology(insp, "DA_REFERRAL", [(0, "first_contact")])  # Merlin missing
    # A Merlin dated before the first contact does not end the measure: missing too.
    chronology(insp, "S47", [(0, "merlin_submitted"), (1, "first_contact")])
    chronology(insp, "DA_REFERRAL", [])  # does not arise
    # Appropriate adult (target 2 h) after detention: 1.5, 8 and 16 hours (the review cites
    # 8 and 16); time in custody after charge (target 12 h): 10 and 20 hours.
    chronology(
        insp,
        "CUSTODY",
        [(0, "detained"), (1.5, "appropriate_adult_arrived"), (3, "charged"), (13, "left_custody")],
    )
    chronology(
        insp,
        "CUSTODY",
        [(0, "detained"), (8, "appropriate_adult_arrived"), (9, "charged"), (29, "left_custody")],
    )
    chronology(insp, "CUSTODY", [(0, "detained"), (16, "appropriate_adult_arrived")])
    return insp


def test_merlin_figures_by_hand(measured: Inspection) -> None:
    merlin = build_report(load_report_data(measured)).timeliness.row("merlin_within_24h")
    assert merlin.hours == (2, 4, 10, 30, 50)
    assert merlin.measured == 5
    assert merlin.median_hours == pytest.approx(10)
    # PERCENTILE.INC: h = (5 - 1) * 0.9 = 3.6, so 30 + 0.6 * (50 - 30) = 42.
    assert merlin.p90_hours == pytest.approx(42)
    assert (merlin.within, merlin.late) == (3, 2)
    assert merlin.within_share == pytest.approx(60)
    assert merlin.missing == 2
    assert merlin.not_arisen == 4  # the empty DA case and the three custody cases


def test_custody_figures_by_hand(measured: Inspection) -> None:
    table = build_report(load_report_data(measured)).timeliness
    adult = table.row("appropriate_adult_within_2h")
    assert adult.hours == (1.5, 8, 16)
    assert adult.median_hours == pytest.approx(8)
    assert adult.p90_hours == pytest.approx(14.4)  # h = 1.8: 8 + 0.8 * (16 - 8)
    assert (adult.within, adult.within_share) == (1, pytest.approx(100 / 3))
    assert adult.missing == 0

    charge = table.row("custody_after_charge")
    assert charge.hours == (10, 20)
    assert charge.median_hours == pytest.approx(15)  # even count: mean of the middle two
    assert charge.p90_hours == pytest.approx(19)  # h = 0.9: 10 + 0.9 * 10
    assert (charge.within, charge.late, charge.not_arisen) == (1, 1, 1)

    returns = table.row("return_interview_within_72h")
    assert (returns.measured, returns.median_hours, returns.within_share) == (0, None, None)
    assert [r.measure_id for r in table.rows] == [m.id for m in measured.framework.measures]


def test_the_filter_applies_to_timeliness(measured: Inspection) -> None:
    only_s47 = build_report(load_report_data(measured), ReportFilter(case_types=["S47"]))
    merlin = only_s47.timeliness.row("merlin_within_24h")
    assert (merlin.measured, merlin.missing, merlin.median_hours) == (0, 1, None)


def test_without_events_nothing_is_measured(measured: Inspection) -> None:
    table = build_report(load_report_data(measured, with_events=False)).timeliness
    assert all(r.measured == 0 and r.missing == 0 for r in table.rows)
