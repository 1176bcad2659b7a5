"""The suggested overall grade and a case's status, through a real inspection file."""

from __future__ import annotations

import pytest

from auditor.framework import Framework
from auditor.grading.rules import (
    AWAITING_REVIEW,
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    completion_problems,
    derive_status,
    suggest_overall,
)
from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from tests.support.grades import CUSTODY_CRITERIA, GOOD, INADEQUATE, NA, RI
from tests.support.grading import grade_all


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([GOOD, GOOD, GOOD], GOOD),
        ([GOOD, RI, GOOD], RI),
        ([GOOD, RI, INADEQUATE, GOOD], INADEQUATE),
        ([GOOD, NA, NA], GOOD),  # Not applicable does not count against the case
        ([RI, NA, None], RI),  # nor does an ungraded criterion
        ([NA, NA], None),  # nothing to suggest from
        ([], None),
    ],
)
def test_worst_rule_ignores_not_applicable(
    framework: Framework, grades: list[str | None], expected: str | None
) -> None:
    assert framework.overall_suggestion == "worst"
    assert suggest_overall(framework, grades) == expected


def test_the_custody_case_has_the_expected_criteria(insp: Inspection) -> None:
    assert tuple(c.id for c in insp.framework.criteria_for("CUSTODY")) == CUSTODY_CRITERIA


# --- status --------------------------------------------------------------------------------------


def test_status_not_started_then_in_progress_then_complete(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    assert insp.grading.assessment(case.id, actor.id) is None
    assert derive_status(insp.framework, "CUSTODY", None) == NOT_STARTED
    assert insp.case_list(actor.id)[0][8] == NOT_STARTED

    first = insp.grading.set_grade(case.id, actor, "voice_of_child", GOOD)
    assert first.status == IN_PROGRESS

    # Every criterion but the last: still in progress, and the problem says which one.
    for criterion_id in CUSTODY_CRITERIA[1:-1]:
        latest = insp.grading.set_grade(case.id, actor, criterion_id, GOOD)
        assert latest.status == IN_PROGRESS
    problems = completion_problems(insp.framework, "CUSTODY", latest)
    assert "Transfer to local authority accommodation: not graded" in problems
    assert "Overall grade: not recorded" in problems

    latest = insp.grading.set_grade(case.id, actor, "custody_transfer_after_charge", NA)
    assert latest.status == IN_PROGRESS  # no overall grade yet
    assert completion_problems(insp.framework, "CUSTODY", latest) == ["Overall grade: not recorded"]

    done = insp.grading.set_overall(case.id, actor, GOOD)
    assert done.status == COMPLETE
    assert done.overall_grade == GOOD
    assert completion_problems(insp.framework, "CUSTODY", done) == []
    row = insp.db.execute("SELECT status, completed_at FROM assessments").fetchone()
    assert row[0] == COMPLETE
    assert row[1]
    assert insp.case_list(actor.id)[0][8] == COMPLETE
    assert insp.grading.progress(actor.id) == (1, 1, 0)


def test_an_evidence_note_alone_starts_the_case(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    started = insp.grading.set_note(case.id, actor, "supervision", "No supervisor review.")
    assert started.status == IN_PROGRESS
    assert started.note_of("supervision") == "No supervisor review."
    assert started.grade_of("supervision") is None


def test_clearing_a_grade_reopens_a_complete_case(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {})
    assert insp.grading.set_overall(case.id, actor, GOOD).status == COMPLETE
    reopened = insp.grading.set_grade(case.id, actor, "custody_healthcare", None)
    assert reopened.status == IN_PROGRESS
    assert reopened.grade_of("custody_healthcare") is None


def test_overall_differing_from_suggestion_needs_a_reason(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {"custody_appropriate_adult": INADEQUATE, "supervision": RI})
    # Suggested: inadequate (the worst). The inspector records requires improvement.
    assessment = insp.grading.set_overall(case.id, actor, RI)
    assert assessment.status == IN_PROGRESS
    assert any(
        "differs from the suggested Inadequate" in p
        for p in completion_problems(insp.framework, "CUSTODY", assessment)
    )
    # A blank reason is no reason.
    assert insp.grading.set_overall(case.id, actor, RI, "   ").status == IN_PROGRESS

    reason = "Appropriate adult late by minutes only; otherwise sound practice."
    assessment = insp.grading.set_overall(case.id, actor, RI, reason)
    assert assessment.status == COMPLETE
    assert assessment.override_reason == reason


def test_overall_equal_to_the_suggestion_needs_no_reason(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {"custody_appropriate_adult": INADEQUATE})
    assert insp.grading.set_overall(case.id, actor, INADEQUATE).status == COMPLETE


def test_referral_needs_a_note_and_awaits_review(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {"custody_transfer_after_charge": INADEQUATE})
    assert insp.grading.set_overall(case.id, actor, INADEQUATE).status == COMPLETE

    flagged = insp.grading.set_referral(case.id, actor, "child_at_risk", "")
    assert flagged.status == IN_PROGRESS
    assert "Referral back: write a note" in completion_problems(insp.framework, "CUSTODY", flagged)

    note = "Held 30 hours after charge with no escalation to the local authority."
    flagged = insp.grading.set_referral(case.id, actor, "child_at_risk", note)
    assert flagged.status == AWAITING_REVIEW
    assert flagged.referral is not None
    assert flagged.referral.reason == "child_at_risk"
    assert flagged.referral.note == note
    assert flagged.referral.state == "flagged"
    assert insp.case_list(actor.id)[0][8] == AWAITING_REVIEW
    assert insp.case_list(actor.id)[0][10] == "flagged"
    assert insp.grading.progress(actor.id) == (1, 1, 1)

    withdrawn = insp.grading.withdraw_referral(case.id, actor)
    assert withdrawn is not None
    assert withdrawn.referral is None
    assert withdrawn.status == COMPLETE
    assert insp.db.execute("SELECT count(*) FROM referrals").fetchone()[0] == 0


def test_referral_without_a_reason_is_not_complete(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {})
    insp.grading.set_overall(case.id, actor, GOOD)
    flagged = insp.grading.set_referral(case.id, actor, "", "Something is wrong here.")
    assert flagged.status == IN_PROGRESS
    assert "Referral back: choose a reason" in completion_problems(
        insp.framework, "CUSTODY", flagged
    )
