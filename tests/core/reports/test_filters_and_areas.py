"""Filters, cases not yet graded beneath the tables, and the tables per borough, BCU and team."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.inspection import Assessor, Inspection
from auditor.reports import (
    NOT_RECORDED,
    ReportData,
    ReportFilter,
    area_tables,
    build_report,
    grades_by_area,
    load_report_data,
)
from tests.support.reports import GOOD, INADEQUATE, RI, add_cases, grade

# (case type, borough, bcu, team, date opened, overall grade or None)
CASES = [
    ("S47", "Area 10", "North BCU", "CAIT", "2018-01-05", GOOD),
    ("S47", "Area 2", "North BCU", "CAIT", "2018-02-01", GOOD),
    ("S47", "Area 2", "South BCU", "Response", "2018-02-28", INADEQUATE),
    ("CUSTODY", "Area 2", "South BCU", "Response", "2018-03-01", RI),
    ("CUSTODY", "", "", "", None, INADEQUATE),
    ("MISSING", "Area 10", "North BCU", "CAIT", "2018-03-02", None),
    ("MISSING", "", "South BCU", "Response", "2018-01-31", None),
]


@pytest.fixture
def data(insp: Inspection, actor: Assessor) -> ReportData:
    fields = ("case_type", "borough", "bcu", "team", "date_opened")
    cases = add_cases(insp, [dict(zip(fields, c[:5], strict=True)) for c in CASES])
    for case, spec in zip(cases, CASES, strict=True):
        if spec[5]:
            grade(insp, actor, case, spec[5])
    return load_report_data(insp)


def totals(data: ReportData, f: ReportFilter) -> tuple[tuple[int, ...], int]:
    table = build_report(data, f).cases_assessed
    return table.column_totals, table.not_yet_graded


def test_ungraded_cases_are_counted_beneath(data: ReportData) -> None:
    table = build_report(data).cases_assessed
    assert table.grand_total == 5
    assert table.not_yet_graded == 2
    assert table.row("MISSING").counts == (0, 0, 0)  # shown, empty, in framework order
    assert len(table.rows) == 9


@pytest.mark.parametrize(
    ("report_filter", "expected"),
    [
        (ReportFilter(), ((2, 1, 2), 2)),
        (ReportFilter(case_types={"S47"}), ((2, 0, 1), 0)),
        (ReportFilter(case_types=["CUSTODY", "MISSING"]), ((0, 1, 1), 2)),
        (ReportFilter(boroughs=["Area 2"]), ((1, 1, 1), 0)),
        (ReportFilter(boroughs=[""]), ((0, 0, 1), 1)),  # "" keeps cases with no borough
        (ReportFilter(bcus=["North BCU"]), ((2, 0, 0), 1)),
        (ReportFilter(teams=["Response"]), ((0, 1, 1), 1)),
        (ReportFilter(bcus=["South BCU"], teams=["Response"]), ((0, 1, 1), 1)),
        # Inclusive bounds; a case with no date opened is left out once a bound is set.
        (ReportFilter(opened_from=date(2018, 2, 1)), ((1, 1, 1), 1)),
        (ReportFilter(opened_to="2018-01-31"), ((1, 0, 0), 1)),
        (ReportFilter(opened_from="2018-02-01", opened_to="2018-02-28"), ((1, 0, 1), 0)),
        (ReportFilter(case_types=["RSO"]), ((0, 0, 0), 0)),
    ],
)
def test_filters(
    data: ReportData, report_filter: ReportFilter, expected: tuple[tuple[int, ...], int]
) -> None:
    assert totals(data, report_filter) == expected


def test_filter_is_hashable_and_empty_by_default() -> None:
    assert ReportFilter().is_empty
    assert ReportFilter(case_types=["S47"]) == ReportFilter(case_types=("S47",))
    assert len({ReportFilter(), ReportFilter(teams="CAIT"), ReportFilter(teams=["CAIT"])}) == 2


def test_a_table_per_borough_in_natural_order(data: ReportData) -> None:
    boroughs = area_tables(data, "borough")
    assert [a.label for a in boroughs] == ["Area 2", "Area 10", NOT_RECORDED]
    area2, area10, unknown = (a.table for a in boroughs)
    assert area2.row("S47").counts == (1, 0, 1)
    assert area2.row("CUSTODY").counts == (0, 1, 0)
    assert (area2.grand_total, area2.not_yet_graded) == (3, 0)
    assert (area10.row("S47").counts, area10.not_yet_graded) == ((1, 0, 0), 1)
    assert (unknown.row("CUSTODY").counts, unknown.not_yet_graded) == ((0, 0, 1), 1)


def test_tables_per_bcu_and_team(data: ReportData) -> None:
    report = build_report(data)
    teams = {a.label: a.table.column_totals for a in report.by_team}
    assert teams == {"CAIT": (2, 0, 0), "Response": (0, 1, 1), NOT_RECORDED: (0, 0, 1)}
    bcus = {a.label: (a.table.column_totals, a.table.not_yet_graded) for a in report.by_bcu}
    assert bcus == {
        "North BCU": ((2, 0, 0), 1),
        "South BCU": ((0, 1, 1), 1),
        NOT_RECORDED: ((0, 0, 1), 0),
    }


def test_grades_by_area_has_a_row_per_team(data: ReportData) -> None:
    table = grades_by_area(data, "team")
    assert [(r.label, r.counts) for r in table.rows] == [
        ("CAIT", (2, 0, 0)),
        ("Response", (0, 1, 1)),
        (NOT_RECORDED, (0, 0, 1)),
    ]
    assert table.percentages()[0] == pytest.approx((100, 0, 0))
    with pytest.raises(ValueError, match="areas are one of"):
        area_tables(data, "summary")
