"""The 2018 review's Figure 1, rebuilt through the grading API and read back as table 1."""

from __future__ import annotations

import pytest

from auditor.reports import ReportData, build_report, load_report_data, redact_cases_assessed
from tests.support.reports import (
    ALL,
    FIGURE_1,
    GOOD,
    INADEQUATE,
    RI,
    add_cases,
    grade,
    new_inspection,
    refer,
)

# Figure 1 of the 2018 review, typed by hand from DOMAIN.md:
# (case type, label in the report, Good, Requires improvement, Inadequate, Total).
ALL_PERCENT = (31, 42, 27)  # as the review prints them, rounded


@pytest.fixture(scope="module")
def figure_one(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """303 graded cases as in Figure 1; 15 of the 34 online cases referred back (as in 2018);
    and three cases not yet graded, one of them flagged and one with a criterion grade.

    Built once for the module through the grading API, then read back as the report does."""
    insp = new_inspection(tmp_path_factory.mktemp("figure1") / "figure1.caseaudit")
    try:
        actor = insp.assessor("Invented Inspector", "inspector")
        second = insp.assessor("Another Invented Inspector", "inspector")
        for code, _, good, ri, inadequate, _ in FIGURE_1:
            grades = [GOOD] * good + [RI] * ri + [INADEQUATE] * inadequate
            cases = add_cases(insp, [{"case_type": code} for _ in grades])
            for case, overall in zip(cases, grades, strict=True):
                grade(insp, actor, case, overall)
            if code == "ONLINE_CSE":
                for case in cases[:15]:
                    refer(insp, actor, case)
        pending = add_cases(insp, [{"case_type": t} for t in ("S47", "CUSTODY", "RSO")])
        refer(insp, second, pending[0])
        insp.grading.set_grade(pending[1].id, second, "voice_of_child", INADEQUATE)
        return load_report_data(insp)
    finally:
        insp.close()


def test_table_one_gives_every_figure_of_figure_one(figure_one: ReportData) -> None:
    table = build_report(figure_one).cases_assessed

    assert [g.label for g in table.grades] == ["Good", "Requires improvement", "Inadequate"]
    assert [(r.key, r.label) for r in table.rows] == [(c, label) for c, label, *_ in FIGURE_1]
    for code, _, good, ri, inadequate, total in FIGURE_1:
        row = table.row(code)
        assert row.counts == (good, ri, inadequate)
        assert row.total == total
        assert table.count(code, GOOD) == good
    assert table.column_totals == ALL[:3]
    assert table.total_row.counts == (93, 127, 83)
    assert (table.total_row.key, table.total_row.label) == (None, "Total")
    assert table.grand_total == 303
    assert table.column_total(INADEQUATE) == 83
    assert table.not_yet_graded == 3


def test_percentages_match_the_review(figure_one: ReportData) -> None:
    table = build_report(figure_one).cases_assessed
    overall = table.percentages()[-1]
    assert tuple(round(p) for p in overall) == ALL_PERCENT
    assert overall[0] == pytest.approx(100 * 93 / 303)
    custody = table.row("CUSTODY").percentages()
    assert custody == pytest.approx((0.0, 70.0, 30.0))
    assert sum(overall) == pytest.approx(100)


def test_referrals_back_as_in_2018(figure_one: ReportData) -> None:
    table = build_report(figure_one).referrals
    online = table.row("ONLINE_CSE")
    assert (online.graded, online.referred) == (34, 15)
    assert online.percentage == pytest.approx(100 * 15 / 34)
    assert table.row("S47").graded == 46
    assert table.row("S47").referred == 0  # the flagged S47 case is not yet graded
    assert (table.total_row.graded, table.total_row.referred) == (303, 15)
    assert table.not_yet_graded == 3
    assert table.percentages()[-1] == pytest.approx(100 * 15 / 303)


def test_figure_one_redacted(figure_one: ReportData) -> None:
    redacted = redact_cases_assessed(build_report(figure_one).cases_assessed)
    rows = dict(zip(redacted.labels, redacted.counts, strict=True))
    # RSO: 3 inadequate is suppressed, and its smallest row neighbour (9) withheld with it.
    assert rows["Sex offender management"] == ("[c]", 10, "<5", 22)
    # CSE: 4 inadequate is suppressed; 8 good is withheld so 4 cannot be subtracted out.
    assert rows["Children at risk of child sexual exploitation non-internet"] == (
        "[c]",
        15,
        "<5",
        27,
    )
    assert rows["Children in police custody"] == (0, 21, 9, 30)  # 0 stays 0
    assert rows["Total"] == (93, 127, 83, 303)
    assert redacted.not_yet_graded == "<5"
