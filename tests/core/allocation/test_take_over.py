"""Taking over a case another inspector graded: the allocation moves, their grading is copied
into the taker's own as ordinary audited edits, and the taker's becomes the reported one."""

from __future__ import annotations

import pytest

from auditor.allocation.desk import Allocations
from auditor.allocation.take_over import TakeOverRefused
from auditor.audit.rebuild import audit_discrepancies
from auditor.inspection import Assessor, Inspection
from db.reports import reported_case_rows
from tests.support.review import (
    GOOD,
    INADEQUATE,
    REASON,
    add_case,
    audit,
    flagged_case,
    grade_fully,
    snapshot,
)


def reported_assessor(insp: Inspection, case_id: str) -> str | None:
    [assessment_id] = [r[7] for r in reported_case_rows(insp.db) if r[0] == case_id]
    row = insp.db.execute(
        "SELECT assessor_id FROM assessments WHERE id = ?", [assessment_id]
    ).fetchone()
    return None if row is None else row[0]


def test_take_over_copies_the_grading_and_moves_the_allocation(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    desk.allocate(lead, [case.id], sam.id)
    criteria = insp.framework.criteria_for("CUSTODY")
    grade_fully(insp, case, sam, GOOD)
    insp.grading.set_grade(case.id, sam, criteria[0].id, INADEQUATE)
    insp.grading.set_note(case.id, sam, criteria[0].id, "Invented: not seen alone.")
    theirs = insp.grading.set_overall(case.id, sam, GOOD, "Invented: the rest outweighs it.")
    assert reported_assessor(insp, case.id) == sam.id

    desk.take_over(ann, case.id)

    mine = insp.grading.assessment(case.id, ann.id)
    assert mine is not None
    assert mine.overall_grade == theirs.overall_grade == GOOD
    assert mine.override_reason == "Invented: the rest outweighs it."
    assert {c: (g.grade, g.note) for c, g in mine.grades.items()} == {
        c: (g.grade, g.note) for c, g in theirs.grades.items()
    }
    assert mine.status == theirs.status
    assert desk.allocated_to(case.id) == ann
    assert reported_assessor(insp, case.id) == ann.id
    # Sam's grading is still there, untouched
    assert insp.grading.assessment(case.id, sam.id) == theirs
    [moved] = [r for r in audit(insp, record_table="allocations") if r["actor_id"] == ann.id]
    assert (moved["old_value"], moved["new_value"]) == (sam.id, ann.id)
    assert moved["detail"] == "taken over from Sam Shared"
    # every copied grade is an ordinary grading edit by the taker
    copied = audit(insp, record_table="criterion_grades", actor_id=ann.id)
    assert len([r for r in copied if r["field"].endswith(".grade")]) == len(theirs.grades)
    assert audit_discrepancies(insp) == []


def test_take_over_of_an_unallocated_case_names_who_graded_it(
    insp: Inspection, desk: Allocations, sam: Assessor, ann: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    grade_fully(insp, case, sam)
    desk.take_over(ann, case.id)
    [row] = audit(insp, record_table="allocations")
    assert (row["old_value"], row["new_value"], row["detail"]) == (
        None,
        ann.id,
        "taken over from Sam Shared",
    )


def test_a_flag_is_copied_too(
    insp: Inspection, desk: Allocations, sam: Assessor, ann: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    for criterion in insp.framework.criteria_for("CUSTODY")[:2]:
        insp.grading.set_grade(case.id, sam, criterion.id, INADEQUATE)
    insp.grading.set_referral(case.id, sam, REASON, "Invented: left at risk.")
    desk.take_over(ann, case.id)
    mine = insp.grading.assessment(case.id, ann.id)
    assert mine is not None and mine.referral is not None
    assert (mine.referral.reason, mine.referral.note) == (REASON, "Invented: left at risk.")


def test_take_over_is_refused_under_review_decided_or_ones_own(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    waiting = flagged_case(insp, "CUS-1", sam)
    decided = flagged_case(insp, "CUS-2", sam)
    insp.review.confirm_referral(decided.id, lead, "Invented: agreed.")
    own = add_case(insp, "CUS-3")
    grade_fully(insp, own, ann)
    nobody = add_case(insp, "CUS-4")
    before = snapshot(insp)

    with pytest.raises(TakeOverRefused, match="CUS-1: it is awaiting a supervisor's review"):
        desk.take_over(ann, waiting.case_id)
    with pytest.raises(
        TakeOverRefused, match=r"CUS-2: its referral has been decided \(confirmed\)"
    ):
        desk.take_over(ann, decided.case_id)
    with pytest.raises(TakeOverRefused, match="CUS-3: the grading that counts is Ann Inspector's"):
        desk.take_over(ann, own.id)
    with pytest.raises(TakeOverRefused, match="CUS-4: nobody else has graded it or holds it"):
        desk.take_over(ann, nobody.id)
    assert snapshot(insp) == before
    assert desk.allocations() == {}
