"""A workbook of an inspection made with a format-2 framework (Yes/No answers, four ratings,
two domains, a working-day measure, its own words): the scales' labels, the Criteria sheet's
domain roll-up, timeliness in working days, and no police wording in any cell."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from auditor.exporting.export import ExportOptions, export_workbook
from auditor.framework import bundled_framework, parse_framework
from auditor.inspection import Inspection
from auditor.reports import AREA_FIELDS, area_fields, criteria, load_report_data
from tests.support.yes_no_framework import HOLIDAYS, YES_NO_TOML, yes_no_framework

POLICE_WORDS = ("force", "Force", "Borough", "BCU", "Merlin")
#: The audit trail's stored identifiers (a column's name, a status code), written as the
#: ledger holds them so that the sheet can be checked against the file: not wording.
STORED_IDENTIFIERS = {"force_reference", "force_responded", "force_grades"}
RATINGS = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
BANDS = [(80, "Outstanding"), (65, "Good"), (50, "Requires improvement"), (0, "Inadequate")]
DOMAINS = {"Assessment": ["a1", "a2", "a3", "a4", "a5"], "Planning": ["p1", "p2"]}
TITLES = {
    "a1": "A1 Risk assessed",
    "a2": "A2 Diversity considered",
    "a3": "A3 Victims considered",
    "a4": "A4 Sources checked",
    "a5": "A5 Short order reviewed",  # applies to no case here: no weeks recorded
    "p1": "P1 Plan made",
    "p2": "P2 Plan shared",
}
# Each invented case: type, answers (a5 never applies: no weeks recorded), start, end of the
# working-day measure (None: the assessment is missing).
CASES: dict[str, tuple[str, dict[str, str], str, str | None]] = {
    "YN-0001": (
        "ADULT",
        {"a1": "yes", "a2": "yes", "a3": "yes", "a4": "yes", "p1": "yes", "p2": "yes"},
        "2026-03-20",  # a Friday: Easter's holidays inside
        "2026-04-14",
    ),
    "YN-0002": (
        "ADULT",
        {"a1": "yes", "a2": "no", "a3": "yes", "a4": "not_applicable", "p1": "yes", "p2": "no"},
        "2026-03-28",  # a Saturday
        "2026-04-20",
    ),
    "YN-0003": (
        "YOUTH",
        {"a1": "no", "a2": "no", "a3": "yes", "a4": "no", "p1": "yes", "p2": "no"},
        "2026-03-02",
        "2026-03-02",  # the same day
    ),
    "YN-0004": (
        "YOUTH",
        {"a1": "yes", "a2": "yes", "a3": "no", "a4": "yes", "p1": "no", "p2": "yes"},
        "2026-04-01",
        None,
    ),
    "YN-0005": (
        "ADULT",
        {"a1": "yes", "a2": "yes", "a3": "yes", "a4": "no", "p1": "yes", "p2": "yes"},
        "2026-03-30",
        "2026-04-24",
    ),
}


def working_days(start: str, end: str) -> int:
    """The test's own count: the weekdays after the start's day up to the end's, not holidays."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    days, day = 0, first + timedelta(days=1)
    while day <= last:
        days += day.weekday() < 5 and day.isoformat() not in HOLIDAYS
        day += timedelta(days=1)
    return days


def rating(answers: dict[str, str]) -> str:
    answered = [a for a in answers.values() if a in ("yes", "no")]
    yes = answered.count("yes")
    return next(label for at_least, label in BANDS if 100 * yes >= at_least * len(answered))


CODES = {label: label.lower().replace(" ", "_") for label in RATINGS}


@pytest.fixture
def inspection(tmp_path: Path) -> Iterator[Inspection]:
    insp = Inspection.create(
        tmp_path / "probation.caseaudit",
        name="Invented supervision inspection",
        framework=yes_no_framework(),
    )
    inspector = insp.assessor("Invented Inspector", "inspector")
    supervisor = insp.assessor("Invented Supervisor", "supervisor")
    for reference, (case_type, answers, start, end) in CASES.items():
        case = insp.add_case(
            inspector,
            reference=reference,
            case_type=case_type,
            borough="North region",
            bcu="Office A",
            team="Team 1",
            summary="Invented case.",
        )
        events = [(f"{start}T10:00", "started", "Invented start")]
        if end is not None:
            events.append((f"{end}T15:00", "assessed", "Invented assessment"))
        insp.add_events(inspector, case.id, events)
        for criterion_id, code in answers.items():
            insp.grading.set_grade(case.id, inspector, criterion_id, code)
            insp.grading.set_note(case.id, inspector, criterion_id, "Invented evidence note.")
        insp.grading.set_overall(case.id, inspector, CODES[rating(answers)])
    flagged = insp.case_by_reference("YN-0003")
    insp.grading.set_referral(flagged.id, inspector, "risk", "Invented referral note.")
    assessment = insp.grading.assessment(flagged.id, inspector.id)
    insp.review.confirm_referral(assessment.id, supervisor)
    sent = insp.case_by_reference("YN-0002")  # a second referral, sent and answered
    insp.grading.set_referral(sent.id, inspector, "risk", "Invented second referral note.")
    referral = insp.review.confirm_referral(
        insp.grading.assessment(sent.id, inspector.id).id, supervisor
    ).referral
    assert referral is not None
    insp.referrals.mark_sent(referral.id, supervisor, date.today(), "INV-REF-1")
    insp.referrals.record_response(referral.id, supervisor, date.today(), "Invented action.")
    yield insp
    insp.close()


def rows(book: Any, title: str) -> list[tuple]:
    return list(book[title].iter_rows(values_only=True))


def police_cells(book: Any) -> list[str]:
    found = [title for title in book.sheetnames if any(w in title for w in POLICE_WORDS)]
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            found += [
                f"{ws.title}: {value}"
                for value in row
                if isinstance(value, str)
                and any(w in value for w in POLICE_WORDS)
                and not (ws.title == "Audit trail" and value in STORED_IDENTIFIERS)
            ]
    return found


@pytest.mark.parametrize(
    "options",
    [ExportOptions(), ExportOptions(redact=True), ExportOptions(for_force=True)],
    ids=["full", "redacted", "for the service"],
)
def test_no_police_wording_in_any_cell(
    tmp_path: Path, inspection: Inspection, options: ExportOptions
) -> None:
    out = tmp_path / "book.xlsx"
    export_workbook(inspection, out, options)
    book = load_workbook(out)
    assert police_cells(book) == []
    about = {r[0]: r[1] for r in rows(book, "About")}
    if options.for_force:
        assert about["Workbook"] == "for the service"
        assert "cases referred back to the service" in about["Left out"]
        assert book["Summary"].oddHeader.right.text == "For the service: cases referred back"


def test_the_scales_and_the_domain_roll_up(tmp_path: Path, inspection: Inspection) -> None:
    out = tmp_path / "book.xlsx"
    export_workbook(inspection, out)
    book = load_workbook(out)

    # Summary: the rating scale, with the cases counted by the test's own banding.
    summary = rows(book, "Summary")
    assert summary[0] == ("Case type", *RATINGS, "Total")
    for case_type, label in (("ADULT", "Adult supervision"), ("YOUTH", "Youth supervision")):
        mine = [rating(a) for t, a, _, _ in CASES.values() if t == case_type]
        row = next(r for r in summary if r[0] == label)
        assert list(row[1:6]) == [*(mine.count(r) for r in RATINGS), len(mine)]

    # Criteria: Yes / No columns, each domain's row, then its criteria.
    criteria = rows(book, "Criteria")
    assert criteria[0] == ("Domain", "Criterion", "Applicable cases", "No", "No %", "Yes")
    expected: list[tuple] = []

    def line(domain: str, title: str, answers: list[str | None]) -> tuple:
        yes, no = answers.count("yes"), answers.count("no")
        return (domain, title, yes + no, no, no / (yes + no) if yes + no else None, yes)

    for domain, ids in DOMAINS.items():
        expected.append(
            line(domain, "All its criteria", [CASES[r][1].get(c) for c in ids for r in CASES])
        )
        for c in ids:
            expected.append(line(domain, TITLES[c], [CASES[r][1].get(c) for r in CASES]))
    table = criteria[1 : 1 + len(expected)]
    assert [(*r[:4], r[5]) for r in table] == [(*e[:4], e[5]) for e in expected]
    assert [r[4] for r in table] == [pytest.approx(e[4]) if e[4] else None for e in expected]
    assert book["Criteria"].cell(2, 2).font.b  # a domain's row is bold
    start = next(i for i, r in enumerate(criteria) if r and r[0] == "Case reference")
    assert criteria[start][:5] == ("Case reference", "Criterion id", "Criterion", "Answer", "Note")
    answers = {(r[0], r[1]): r[3] for r in criteria[start + 1 :]}
    assert answers[("YN-0002", "a2")] == "No"
    assert answers[("YN-0002", "a4")] == "Not applicable"
    assert set(answers.values()) == {"Yes", "No", "Not applicable"}

    # Timeliness: the target and the delays in working days.
    timeliness = rows(book, "Timeliness")
    assert timeliness[0][:5] == ("Measure", "Target", "Cases", "Median", "90th percentile")
    measure = next(r for r in timeliness if r[0] == "Assessment after supervision start")
    delays = sorted(working_days(s, e) for _, _, s, e in CASES.values() if e is not None)
    # By hand: the same day 0; Sat 28 Mar-20 Apr 14 (Easter out); Fri 20 Mar-14 Apr 15;
    # Mon 30 Mar-Fri 24 Apr 17 (late).
    assert delays == [0, 14, 15, 17]
    within = sum(d <= 15 for d in delays)
    assert measure[1] == "15 working days"
    assert measure[2] == len(delays)
    assert measure[3] == pytest.approx(statistics.median(delays))
    assert measure[5:] == (within, pytest.approx(within / len(delays)), 1)
    median_cell = book["Timeliness"].cell(timeliness.index(measure) + 1, 4)
    assert "working days" in median_cell.number_format

    # About: the roll-up stated, and what is audited in the framework's words.
    about = {r[0]: r[1] for r in rows(book, "About")}
    assert "rolled up by domain" in about["Criteria"]
    assert "Yes, No" in about["Criteria"]
    assert about["Audited"] == "probation case records"

    # Referrals: the inspected body named in the framework's words.
    referrals = rows(book, "Referrals")
    assert {"Sent to the service", "Service reference", "Service response"} <= set(referrals[0])
    state = referrals[0].index("State")
    assert sorted(r[state] for r in referrals[1:]) == ["Confirmed", "Service responded"]


def test_area_headings_follow_the_framework() -> None:
    assert area_fields(yes_no_framework()) == {"borough": "Region", "bcu": "Office", "team": "Team"}
    assert area_fields(bundled_framework()) == AREA_FIELDS  # format 1: the police wording
    one_area = parse_framework(
        YES_NO_TOML.replace('area_2 = "Office"', 'area_2 = ""'), "one_area.toml"
    )
    assert area_fields(one_area) == {"borough": "Region", "team": "Team"}


def test_a_criterion_applying_by_attribute_counts_only_its_cases(tmp_path: Path) -> None:
    insp = Inspection.create(
        tmp_path / "weeks.caseaudit", name="Weeks", framework=yes_no_framework()
    )
    try:
        inspector = insp.assessor("Invented Inspector", "inspector")
        answers = {"a1": "yes", "a2": "yes", "a3": "yes", "a4": "yes", "p1": "yes", "p2": "yes"}
        for reference, weeks in (("WK-1", 4), ("WK-2", 30), ("WK-3", 6)):
            case = insp.add_case(
                inspector, reference=reference, case_type="ADULT", attributes={"weeks": weeks}
            )
            for criterion_id, code in answers.items():
                insp.grading.set_grade(case.id, inspector, criterion_id, code)
            if reference == "WK-1":
                insp.grading.set_grade(case.id, inspector, "a5", "no")  # 6 of 7 yes: 86%
            insp.grading.set_overall(case.id, inspector, "outstanding")
        table = criteria(load_report_data(insp))
        a5 = table.row("a5")
        # WK-1 answered No; WK-3 (6 weeks) should be answered and is not; WK-2 (30) does not count.
        assert (a5.applicable, a5.counts, a5.not_graded) == (1, (0, 1), 1)
        assert table.row("a1").applicable == 3
        assert table.domain("assessment").counts == (3 * 4, 1)
    finally:
        insp.close()
