"""The case list's filters and sort order, in plain Python (no Qt)."""

from __future__ import annotations

import pytest

from auditor.case_list import CaseList, longest
from auditor.case_rows import (
    COL_AREA,
    COL_FLAG,
    COL_GRADE,
    COL_REFERENCE,
    COL_STATUS,
    COL_TYPE,
    CaseFilter,
    naturally_ordered,
    reference_order,
)
from auditor.framework import bundled_framework


def row(ref, case_type="S47", status="not_started", grade=None, flag=None, summary="", area=""):
    """A case-list row in the shape Inspection.case_list() gives: graded (when at all) by one
    inspector, whose grading is the one that counts."""
    graded = status != "not_started"
    own = (f"id-{ref}", ref, case_type, area, "", "", "2018-01-01", summary, status, grade, flag)
    shared = (
        None,  # allocated to nobody
        None,
        "Ann Inspector" if graded else None,
        "a1" if graded else None,
        "Ann Inspector" if graded else None,
        grade,
        status if graded else None,
        flag,
        None,
    )
    return own + shared


@pytest.fixture
def cases() -> CaseList:
    listing = CaseList(bundled_framework())
    listing.load(
        [
            row("NM-18-10", "CUSTODY", "complete", "inadequate", "flagged", "Boy held overnight"),
            row("NM-18-2", "S47", "in_progress", None, None, "Bruising seen at nursery"),
            row("NM-18-1", "MISSING", "complete", "good", None, "Ran away from a care home"),
            row("nm-18-3", "S47", "awaiting_review", "requires_improvement", "flagged", "Nursery"),
        ]
    )
    return listing


def refs(listing: CaseList) -> list[str]:
    return [listing.row_at(p)[1] for p in range(len(listing))]


def test_references_sort_naturally_and_ignore_case(cases: CaseList) -> None:
    assert refs(cases) == ["NM-18-1", "NM-18-2", "nm-18-3", "NM-18-10"]
    cases.set_sort(COL_REFERENCE, descending=True)
    assert refs(cases) == ["NM-18-10", "nm-18-3", "NM-18-2", "NM-18-1"]


def test_grade_sorts_by_the_scale_with_ungraded_last(cases: CaseList) -> None:
    cases.set_sort(COL_GRADE)
    assert refs(cases) == ["NM-18-1", "nm-18-3", "NM-18-10", "NM-18-2"]


def test_status_sorts_by_the_lifecycle_not_the_alphabet(cases: CaseList) -> None:
    cases.set_sort(COL_STATUS)
    assert refs(cases) == ["NM-18-2", "NM-18-1", "NM-18-10", "nm-18-3"]


def test_case_type_sorts_by_its_label(cases: CaseList) -> None:
    cases.set_sort(COL_TYPE)
    # "Children in police custody" < "Children missing" < "Enquiries under section 47".
    assert refs(cases)[-2:] == ["NM-18-2", "nm-18-3"]
    assert refs(cases)[0] == "NM-18-10"


def test_flagged_cases_sort_first(cases: CaseList) -> None:
    cases.set_sort(COL_FLAG)
    assert refs(cases) == ["nm-18-3", "NM-18-10", "NM-18-1", "NM-18-2"]


def test_each_filter_and_their_combination(cases: CaseList) -> None:
    cases.set_filter(CaseFilter(case_type="S47"))
    assert refs(cases) == ["NM-18-2", "nm-18-3"]
    cases.set_filter(CaseFilter(status="complete"))
    assert refs(cases) == ["NM-18-1", "NM-18-10"]
    cases.set_filter(CaseFilter(grade="good"))
    assert refs(cases) == ["NM-18-1"]
    cases.set_filter(CaseFilter(flagged_only=True))
    assert refs(cases) == ["nm-18-3", "NM-18-10"]
    cases.set_filter(CaseFilter(case_type="S47", flagged_only=True))
    assert refs(cases) == ["nm-18-3"]
    cases.set_filter(CaseFilter())
    assert len(cases) == 4


def test_search_matches_reference_or_summary_ignoring_case(cases: CaseList) -> None:
    cases.set_filter(CaseFilter(text="  NURSERY "))
    assert refs(cases) == ["NM-18-2", "nm-18-3"]
    cases.set_filter(CaseFilter(text="nm-18-1"))
    assert refs(cases) == ["NM-18-1", "NM-18-10"]
    cases.set_filter(CaseFilter(text="burglary"))
    assert refs(cases) == []


def test_an_edited_row_stays_in_place_until_the_filter_changes(cases: CaseList) -> None:
    cases.set_filter(CaseFilter(status="in_progress"))
    assert refs(cases) == ["NM-18-2"]
    position = cases.update(row("NM-18-2", "S47", "complete", "good"))
    assert position == 0 and refs(cases) == ["NM-18-2"]
    assert cases.display(cases.row_at(0), COL_STATUS) == "Complete"
    cases.set_filter(CaseFilter(status="in_progress"))
    assert refs(cases) == []
    assert cases.position_of("id-NM-18-2") is None


def test_next_position_follows_the_display_order(cases: CaseList) -> None:
    cases.set_sort(COL_REFERENCE, descending=True)
    unfinished = cases.next_position(0, lambda r: r[8] not in ("complete", "awaiting_review"))
    assert unfinished is not None and cases.row_at(unfinished)[1] == "NM-18-2"
    assert cases.next_position(unfinished, lambda r: r[8] == "in_progress") is None


def test_area_shows_borough_and_bcu_present(cases: CaseList) -> None:
    assert cases.display(row("X", area="Eastmere"), COL_AREA) == "Eastmere"


def test_reference_order_is_natural_with_or_without_padding() -> None:
    padded = ["NM-18-0010", "nm-18-0002", "NM-18-0001"]
    assert [padded[i] for i in reference_order(padded)] == [
        "NM-18-0001",
        "nm-18-0002",
        "NM-18-0010",
    ]
    mixed = ["B-10", "a-9", "B-9", "A-10"]
    assert [mixed[i] for i in reference_order(mixed)] == ["a-9", "A-10", "B-9", "B-10"]


def test_items_are_put_in_their_references_natural_order() -> None:
    keys = [1, 2, 3, 4]
    in_order = ["NM-18-0001", "nm-18-0002", "NM-18-0003", "NM-18-0010"]
    assert naturally_ordered(keys, in_order) is keys  # already in order: kept as it is
    # The index's order (binary: capitals first) is not the case-insensitive one...
    by_index = ["NM-18-0002", "NM-18-0010", "nm-18-0001", "nm-18-0003"]
    assert naturally_ordered(keys, by_index) == [3, 1, 4, 2]
    # ...nor, for references of other shapes, the numbers' order.
    assert naturally_ordered(keys, ["B-10", "B-9", "a-9", "A-10"]) == [3, 4, 2, 1]
    # A reference holding the character the folding joins them with is still one reference.
    assert naturally_ordered(keys, ["b\x1fa", "B-1", "a\x1fb", "A-1"]) == [3, 4, 1, 2]  # \x1f < "-"
    assert naturally_ordered(keys, ["Straße-1", "STRASSE-2", "strasse-3", "Strasse-4"]) is keys


def test_referred_back_only_leaves_out_referrals_a_supervisor_turned_down() -> None:
    listing = CaseList(bundled_framework())
    listing.load(
        [
            row("A-1", flag="flagged"),
            row("A-2", flag="not_referred"),
            row("A-3", flag="sent"),
            row("A-4"),
        ]
    )
    listing.set_filter(CaseFilter(flagged_only=True))
    assert refs(listing) == ["A-1", "A-3"]
    shown = [listing.display(listing.row_at(p), COL_FLAG) for p in range(len(listing))]
    assert shown == ["Flagged", "Sent to force"]


def test_progress_counts_follow_edits(cases: CaseList) -> None:
    done = ("complete", "awaiting_review")
    assert cases.progress(done) == (4, 3, 2)
    cases.update(row("NM-18-2", "S47", "complete", "good", "flagged", "Bruising seen at nursery"))
    assert cases.progress(done) == (4, 4, 3)
    cases.update(row("NM-18-10", "CUSTODY", "in_progress", None, None, "Boy held overnight"))
    assert cases.progress(done) == (4, 3, 2)


def test_progress_counts_are_those_of_the_grading_core(demo) -> None:
    from auditor.grading.rules import DONE_STATUSES

    for assessor in demo.assessors():
        listing = CaseList(demo.framework)
        listing.load(demo.case_list(assessor.id))
        assert listing.progress(DONE_STATUSES) == demo.grading.progress(assessor.id)


def test_a_sort_after_an_edit_orders_by_the_edited_row(cases: CaseList) -> None:
    for column in (COL_STATUS, COL_GRADE, COL_AREA, COL_TYPE):
        cases.set_sort(column)  # keys built for each column, then kept through the edit
    before = cases.row_at(cases.position_of("id-NM-18-2"))
    edited = list(before)
    edited[16], edited[17] = "inadequate", "complete"  # reported grade, case status
    edited[15] = "Ann Inspector"
    edited[2], edited[3] = "CUSTODY", "Zeta"
    cases.update(tuple(edited))
    cases.set_sort(COL_STATUS)
    assert refs(cases) == ["NM-18-1", "NM-18-2", "NM-18-10", "nm-18-3"]
    cases.set_sort(COL_GRADE)
    assert refs(cases) == ["NM-18-1", "nm-18-3", "NM-18-2", "NM-18-10"]  # no longer last
    cases.set_sort(COL_AREA, descending=True)
    assert refs(cases)[0] == "NM-18-2"  # "Zeta" last by area, first descending
    cases.set_sort(COL_TYPE)
    assert refs(cases)[:2] == ["NM-18-2", "NM-18-10"]  # custody, in natural reference order


def test_the_longest_references_are_kept_to_size_their_column() -> None:
    texts = ["NM-1", "NM-18-0001", "NM-18-01", "X", "NM-18-000001", "NM-18-00001"]
    assert longest(texts) == ["NM-18-0001", "NM-18-000001", "NM-18-00001"]  # 12 chars, and 10-11
    assert longest([]) == []
    assert longest([f"R-{n:04d}" for n in range(100)], count=5) == [
        "R-0000",
        "R-0001",
        "R-0002",
        "R-0003",
        "R-0004",
    ]
