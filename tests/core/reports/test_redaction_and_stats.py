"""Small-number suppression for published tables; percentiles as Excel's PERCENTILE.INC."""

from __future__ import annotations

import pytest

from auditor.framework import bundled_framework
from auditor.reports import (
    THRESHOLD,
    WITHHELD,
    CasesAssessedTable,
    CriteriaTable,
    CriterionRow,
    GradeRow,
    ReferralRow,
    ReferralsTable,
    TimelinessRow,
    TimelinessTable,
    median,
    percentile,
    redact_cases_assessed,
    redact_criteria,
    redact_referrals,
    redact_timeliness,
    share,
    suppress_count,
)

GRADES = bundled_framework().grades


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (6, 6), (303, 303)]
)
def test_counts_below_five_become_less_than_five(count: int, shown: int | str) -> None:
    assert THRESHOLD == 5
    assert suppress_count(count) == shown


def test_another_threshold() -> None:
    assert suppress_count(9, threshold=10) == "<10"
    assert suppress_count(10, threshold=10) == 10


def table(*rows: tuple[int, int, int], ungraded: int = 0) -> CasesAssessedTable:
    return CasesAssessedTable(
        GRADES, tuple(GradeRow(f"T{n}", f"Type {n}", r) for n, r in enumerate(rows)), ungraded
    )


def no_lone_hidden_cell(counts: tuple[tuple[int | str, ...], ...]) -> bool:
    """No row or column (totals included) has exactly one hidden cell to subtract out."""
    lines = (*counts, *zip(*counts, strict=True))
    return all(sum(isinstance(c, str) for c in line) != 1 for line in lines)


def test_one_small_count_is_protected_by_a_rectangle() -> None:
    redacted = redact_cases_assessed(table((20, 11, 3), (22, 18, 6), (13, 13, 20)))
    assert redacted.labels == ("Type 0", "Type 1", "Type 2", "Total")
    # 3 is suppressed. Row 0 then has one hidden cell: 11 (smaller than 20) is withheld.
    # Column "Requires improvement" then has one: 13 is its smallest other count. Column
    # "Inadequate" has one: 20 is withheld rather than the smaller 6 because row 2 already
    # has a single hidden cell, so four cells in a rectangle protect each other.
    assert redacted.counts == (
        (20, "[c]", "<5", 34),
        (22, 18, 6, 46),
        (13, "[c]", "[c]", 46),
        (55, 42, 29, 126),
    )
    assert no_lone_hidden_cell(redacted.counts)
    assert redacted.percentages[0] == (pytest.approx(100 * 20 / 34), WITHHELD, WITHHELD)
    assert redacted.percentages[-1] == pytest.approx((100 * 55 / 126, 100 / 3, 100 * 29 / 126))
    assert redacted.not_yet_graded == 0


def test_zeros_are_shown_and_a_lone_small_cell_hides_its_total() -> None:
    redacted = redact_cases_assessed(table((0, 0, 3), (10, 0, 0), (0, 7, 0), ungraded=2))
    # 3 and the totals equal to it (row 0, column Inadequate) are below 5. The row totals'
    # column then has one hidden cell: 7 (row 2) is withheld, then the 7 in that row, and, as
    # no other count of its column is non-zero, that column's total.
    assert redacted.counts == (
        (0, 0, "<5", "<5"),
        (10, 0, 0, 10),
        (0, "[c]", 0, "[c]"),
        (10, "[c]", "<5", 20),
    )
    assert no_lone_hidden_cell(redacted.counts)
    assert redacted.percentages[0] == (WITHHELD, WITHHELD, WITHHELD)
    assert redacted.percentages[1] == (100, 0, 0)
    assert redacted.not_yet_graded == "<5"


def test_referrals_columns_are_protected() -> None:
    referrals = ReferralsTable(
        (ReferralRow("A", "A", 34, 15), ReferralRow("B", "B", 20, 2), ReferralRow("C", "C", 3, 0))
    )
    redacted = redact_referrals(referrals)
    assert redacted.labels == ("A", "B", "C", "Total")
    # 2 referred (B) and 3 graded (C) are suppressed; each column then withholds its
    # smallest other non-zero count (15 referred, 20 graded).
    assert redacted.rows == (
        (34, "[c]", WITHHELD),
        ("[c]", "<5", WITHHELD),
        ("<5", 0, WITHHELD),
        (57, 17, pytest.approx(100 * 17 / 57)),
    )


def test_criteria_and_timeliness_redaction() -> None:
    criteria = CriteriaTable(
        GRADES,
        (
            CriterionRow("a", "Voice of the child", (10, 3, 20)),
            CriterionRow("b", "Supervision", (0, 0, 2)),
        ),
    )
    voice, supervision = redact_criteria(criteria)
    assert (voice.applicable, voice.below_best, voice.below_best_share) == (
        33,
        23,
        pytest.approx(100 * 23 / 33),
    )
    assert (supervision.applicable, supervision.below_best) == ("<5", "<5")
    assert supervision.below_best_share == WITHHELD

    rows = (
        TimelinessRow("m", "Merlin", 24, hours=(1, 2, 3), within=3, late=0, missing=1),
        TimelinessRow("n", "Adult", 2, hours=tuple(range(1, 11)), within=8, late=2, missing=0),
    )
    few, many = redact_timeliness(TimelinessTable(rows))
    assert (few.measured, few.median_hours, few.p90_hours, few.missing) == (
        "<5",
        WITHHELD,
        WITHHELD,
        "<5",
    )
    assert (many.measured, many.within, many.within_share) == (10, "[c]", WITHHELD)
    assert many.median_hours == pytest.approx(5.5)


# --- statistics -----------------------------------------------------------------------------


def test_percentile_matches_excel_percentile_inc() -> None:
    # Excel: =PERCENTILE.INC({1,2,3,4}, 0.3) is 1.9; =PERCENTILE.INC({15,20,35,40,50}, 0.4) 29.
    assert percentile([4, 1, 3, 2], 0.3) == pytest.approx(1.9)
    assert percentile([15, 20, 35, 40, 50], 0.4) == pytest.approx(29)
    assert percentile([7], 0.9) == 7
    assert percentile([1, 2], 0) == 1
    assert percentile([1, 2], 1) == 2
    assert percentile([], 0.5) is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1], 90)


def test_median_and_share() -> None:
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    assert median([]) is None
    assert share(1, 4) == 25
    assert share(0, 0) is None
