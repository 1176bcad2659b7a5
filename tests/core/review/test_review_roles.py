"""Who may decide what: supervisors decide, never on their own case; inspectors answer theirs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from auditor.errors import GradingError, ReviewError
from auditor.grading.rules import (
    AWAITING_REVIEW,
    COMPLETE,
    NOT_REFERRED,
    REFERRAL_CONFIRMED,
    RETURNED,
)
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import Referrals
from auditor.settings import InspectionSettings
from tests.support.review import GOOD, add_case, flagged_case, grade_fully, snapshot

Step = Callable[[ReviewDesk, Referrals, Any, Assessor], object]

SUPERVISOR_STEPS: dict[str, Step] = {
    "confirm a referral": lambda d, r, a, who: d.confirm_referral(a.id, who),
    "decide not to refer a case": lambda d, r, a, who: d.do_not_refer(a.id, who, "Invented."),
    "return a case to its inspector": lambda d, r, a, who: d.return_to_inspector(
        a.id, who, "Invented question?"
    ),
    "quality-assure a grading": lambda d, r, a, who: d.quality_assure(a.id, who, True),
}


@pytest.mark.parametrize("action", list(SUPERVISOR_STEPS))
def test_an_inspector_cannot_record_supervisor_decisions(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    other_inspector: Assessor,
    action: str,
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    before = snapshot(insp)
    with pytest.raises(ReviewError) as refused:
        SUPERVISOR_STEPS[action](desk, referrals, assessment, other_inspector)
    assert str(refused.value) == (f"Only a supervisor can {action}; Ben Inspector is an inspector.")
    assert snapshot(insp) == before


@pytest.mark.parametrize("action", list(SUPERVISOR_STEPS))
def test_a_supervisor_can_record_each_decision(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
    action: str,
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    result = SUPERVISOR_STEPS[action](desk, referrals, assessment, supervisor)
    expected = {
        "confirm a referral": REFERRAL_CONFIRMED,
        "decide not to refer a case": NOT_REFERRED,
        "return a case to its inspector": RETURNED,
        "quality-assure a grading": AWAITING_REVIEW,
    }[action]
    assert result.status == expected  # type: ignore[attr-defined]
    (review,) = desk.reviews(assessment.id)
    assert review.reviewer_id == supervisor.id


def test_an_inspector_cannot_record_the_later_referral_steps(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    referral_id = desk.confirm_referral(assessment.id, supervisor).referral.id  # type: ignore[union-attr]
    before = snapshot(insp)
    with pytest.raises(ReviewError, match="Only a supervisor can record a referral as sent"):
        referrals.mark_sent(referral_id, inspector, "2018-03-02", "MPS/0001")
    with pytest.raises(ReviewError, match="Only a supervisor can record the force's response"):
        referrals.record_response(referral_id, inspector, "2018-03-02", "Invented action.")
    with pytest.raises(ReviewError, match="Only a supervisor can close a referral"):
        referrals.close(referral_id, inspector, "2018-03-02")
    with pytest.raises(ReviewError, match="Only a supervisor can change when a response"):
        InspectionSettings(insp).set_referral_response_days(inspector, 10)
    assert snapshot(insp) == before
    # ... and a supervisor can.
    referrals.mark_sent(referral_id, supervisor, "2018-03-02", "MPS/0001")
    referrals.record_response(referral_id, supervisor, "2018-03-05", "Invented action.")
    assert referrals.close(referral_id, supervisor, "2018-03-06").referral.state == "closed"  # type: ignore[union-attr]
    InspectionSettings(insp).set_referral_response_days(supervisor, 10)
    assert InspectionSettings(insp).referral_response_days() == 10


def test_nobody_confirms_their_own_referral(
    insp: Inspection, desk: ReviewDesk, supervisor: Assessor, other_supervisor: Assessor
) -> None:
    """Even a supervisor who graded and flagged a case cannot decide it: reviewer != flagger."""
    own = flagged_case(insp, "CUS-1", supervisor)
    before = snapshot(insp)
    for decide in (
        lambda: desk.confirm_referral(own.id, supervisor),
        lambda: desk.do_not_refer(own.id, supervisor, "Invented reason."),
        lambda: desk.return_to_inspector(own.id, supervisor, "Invented question?"),
        lambda: desk.quality_assure(own.id, supervisor, True),
    ):
        with pytest.raises(ReviewError, match="Sue Supervisor graded or flagged CUS-1, so cannot"):
            decide()
    assert snapshot(insp) == before
    assert desk.confirm_referral(own.id, other_supervisor).status == REFERRAL_CONFIRMED


def test_only_the_cases_inspector_answers_its_question(
    insp: Inspection,
    desk: ReviewDesk,
    inspector: Assessor,
    other_inspector: Assessor,
    supervisor: Assessor,
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    with pytest.raises(ReviewError, match="No question about CUS-1 is waiting"):
        desk.answer(assessment.id, inspector, "Invented answer.")
    desk.return_to_inspector(assessment.id, supervisor, "Was the appropriate adult called?")
    before = snapshot(insp)
    for someone in (other_inspector, supervisor):
        with pytest.raises(ReviewError, match="Only Ann Inspector, who graded CUS-1, can answer"):
            desk.answer(assessment.id, someone, "Invented answer.")
    with pytest.raises(ReviewError, match="Write an answer"):
        desk.answer(assessment.id, inspector, "   ")
    assert snapshot(insp) == before
    assert desk.answer(assessment.id, inspector, "Yes, at 02:10.").status == AWAITING_REVIEW


def test_a_decided_referral_cannot_be_changed_or_withdrawn_by_the_inspector(
    insp: Inspection, desk: ReviewDesk, inspector: Assessor, supervisor: Assessor
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    desk.confirm_referral(assessment.id, supervisor)
    before = snapshot(insp)
    with pytest.raises(GradingError, match="cannot be withdrawn"):
        insp.grading.withdraw_referral(assessment.case_id, inspector)
    with pytest.raises(GradingError, match="cannot be changed"):
        insp.grading.set_referral(assessment.case_id, inspector, "child_at_risk", "Changed.")
    assert snapshot(insp) == before


def test_a_supervisor_cannot_quality_assure_their_own_grading(
    insp: Inspection, desk: ReviewDesk, supervisor: Assessor, other_supervisor: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    own = grade_fully(insp, case, supervisor, GOOD)
    assert own.status == COMPLETE
    with pytest.raises(ReviewError, match="graded or flagged CUS-1"):
        desk.quality_assure(own.id, supervisor, True)
    assert desk.quality_assure(own.id, other_supervisor, True).status == COMPLETE
