"""The case list's shared picture: for everyone, who a case is allocated to, who graded it,
whose grading counts, the reported grade and state; the "My cases" and "Awaiting my review"
filters; and the status line's counts."""

from __future__ import annotations

from datetime import date

from auditor.allocation.desk import Allocations
from auditor.case_list import CaseList
from auditor.case_rows import (
    R_ALLOCATED_ID,
    R_ALLOCATED_TO,
    R_CASE_REF_STATE,
    R_CASE_STATUS,
    R_GRADED_BY,
    R_REF,
    R_REPORTED_BY,
    R_REPORTED_GRADE,
    R_STATUS,
    CaseFilter,
    team_progress,
)
from auditor.inspection import Assessor, Inspection
from auditor.review.calls import calls_for
from db.reports import reported_case_rows
from tests.support.review import GOOD, INADEQUATE, RI, add_case, flagged_case, grade_fully

TODAY = date(2018, 3, 20)


def build(insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor):
    """Five cases: allocated to Sam and graded by him; graded by Sam then by Ann (Ann's later);
    flagged by Ann; flagged by the lead himself; untouched and allocated to Ann."""
    one = add_case(insp, "C-1")
    desk.allocate(lead, [one.id], sam.id)
    grade_fully(insp, one, sam, GOOD)
    two = add_case(insp, "C-2")
    grade_fully(insp, two, sam, GOOD)
    grade_fully(insp, two, ann, RI)
    three = flagged_case(insp, "C-3", ann).case_id
    four = flagged_case(insp, "C-4", lead).case_id
    five = add_case(insp, "C-5")
    desk.allocate(lead, [five.id], ann.id)
    return one.id, two.id, three, four, five.id


def by_reference(rows: list[tuple]) -> dict[str, tuple]:
    return {row[R_REF]: row for row in rows}


def test_every_reader_sees_the_same_picture(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    build(insp, desk, lead, sam, ann)
    for reader in (sam.id, lead.id, None):
        rows = by_reference(insp.case_list(reader))
        shared = {ref: row[11:] for ref, row in rows.items()}
        assert shared == {ref: row[11:] for ref, row in by_reference(insp.case_list()).items()}
        one, two, three, _four, five = (rows[f"C-{n}"] for n in range(1, 6))
        assert (one[R_ALLOCATED_ID], one[R_ALLOCATED_TO]) == (sam.id, "Sam Shared")
        assert (one[R_GRADED_BY], one[R_REPORTED_BY], one[R_REPORTED_GRADE]) == (
            "Sam Shared",
            "Sam Shared",
            GOOD,
        )
        assert two[R_ALLOCATED_TO] is None
        assert two[R_GRADED_BY] == "Ann Inspector, Sam Shared"
        assert (two[R_REPORTED_BY], two[R_REPORTED_GRADE]) == ("Ann Inspector", RI)
        assert (three[R_CASE_STATUS], three[R_CASE_REF_STATE]) == ("awaiting_review", "flagged")
        assert three[R_REPORTED_GRADE] == INADEQUATE
        assert five[R_ALLOCATED_TO] == "Ann Inspector" and five[R_GRADED_BY] is None
        assert five[R_CASE_STATUS] == "not_started"
    # the own-status column is still each reader's own (the lead has not graded C-3)
    assert by_reference(insp.case_list(lead.id))["C-3"][R_STATUS] == "not_started"


def test_whose_grading_counts_is_the_reported_assessment(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    build(insp, desk, lead, sam, ann)
    names = {p.id: p.name for p in insp.assessors()}
    reported = {}
    for row in reported_case_rows(insp.db):
        if row[7] is not None:
            owner = insp.db.execute(
                "SELECT assessor_id FROM assessments WHERE id = ?", [row[7]]
            ).fetchone()[0]
            reported[row[1]] = (names[owner], row[8])
    listed = {
        row[R_REF]: (row[R_REPORTED_BY], row[R_REPORTED_GRADE])
        for row in insp.case_list()
        if row[R_REPORTED_GRADE] is not None
    }
    assert listed == reported
    # one row read after an edit is the row the whole list holds
    for row in insp.case_list(sam.id):
        assert insp.case_list_row(row[0], sam.id) == row


def test_my_cases_and_awaiting_my_review(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    one, two, three, four, five = build(insp, desk, lead, sam, ann)
    other_lead = insp.assessor("Olu Lead", "supervisor")
    rows = insp.case_list()

    def shown(case_filter: CaseFilter) -> set[str]:
        return {row[0] for row in rows if case_filter.accepts(row, "")}

    # allocated to Sam; graded by Sam when nobody is allocated (C-2 too)
    assert shown(CaseFilter(mine=sam.id)) == {one, two}
    # Ann: C-5 allocated to her, C-2 and C-3 graded by her, not allocated
    assert shown(CaseFilter(mine=ann.id)) == {two, three, five}
    # the lead may decide Ann's flag but not his own; another supervisor may decide both
    assert shown(CaseFilter(review_by=lead.id)) == {three}
    assert shown(CaseFilter(review_by=other_lead.id)) == {three, four}
    # the same count the status bar's call gives
    for person in (lead, other_lead):
        assert calls_for(insp, person, TODAY).review == len(shown(CaseFilter(review_by=person.id)))
    listing = CaseList(insp.framework)
    listing.load(rows)
    listing.set_filter(CaseFilter(mine=sam.id))
    assert {row[0] for row in (listing.row_at(i) for i in range(len(listing)))} == {one, two}


def test_progress_counts_the_team_and_mine(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    build(insp, desk, lead, sam, ann)
    rows = insp.case_list(ann.id)
    # graded: C-1, C-2 complete; C-3, C-4 awaiting review (done); C-5 not started
    # Ann's: C-2, C-3 (graded), C-5 (not); flagged: C-3 and C-4
    progress = team_progress(rows, ann.id)
    assert progress.words() == "4 of 5 graded (2 of 3 of mine), 2 flagged"
    assert team_progress(rows, None).words() == "4 of 5 graded, 2 flagged"
