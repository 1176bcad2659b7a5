"""A decision on a flagged case can be undone by the supervisor who made it, until the referral
is sent to the force (or the question answered): the case is back in the queue, and the
decision and its undoing both stay in the history; anyone else, or later, is refused."""

from __future__ import annotations

import pytest

from auditor.audit.rebuild import audit_discrepancies
from auditor.errors import ReviewError
from auditor.grading.rules import AWAITING_REVIEW, FLAGGED, RETURNED
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import Referrals
from tests.support.review import audit, flagged_case, snapshot


def queued(desk: ReviewDesk) -> set[str]:
    return {item.assessment.id for item in desk.queue()}


@pytest.mark.parametrize("decision", ["confirm", "not_refer", "return"])
def test_the_maker_undoes_a_decision_and_the_case_is_back_in_the_queue(
    insp: Inspection, desk: ReviewDesk, inspector: Assessor, supervisor: Assessor, decision: str
) -> None:
    flagged = flagged_case(insp, "CUS-U1", inspector)
    decide = {
        "confirm": lambda: desk.confirm_referral(flagged.id, supervisor),
        "not_refer": lambda: desk.do_not_refer(flagged.id, supervisor, "Invented: seen alone."),
        "return": lambda: desk.return_to_inspector(flagged.id, supervisor, "Seen alone?"),
    }
    decided = decide[decision]()
    assert flagged.id not in queued(desk)
    before = len(audit(insp, case_id=flagged.case_id))
    undone = desk.undo_decision(flagged.id, supervisor)
    assert undone.status == AWAITING_REVIEW
    assert undone.referral is not None and undone.referral.state == FLAGGED
    assert undone.open_question is None
    assert flagged.id in queued(desk)
    rows = audit(insp, case_id=flagged.case_id)[before:]
    assert rows and {r["actor_id"] for r in rows} == {supervisor.id}
    assert any(r["new_value"] == "undone" for r in rows)  # the undoing is a review of its own
    assert [r.decision for r in undone.reviews][-1] == "undone"
    assert decided.status != AWAITING_REVIEW
    assert audit_discrepancies(insp) == []  # the tables still agree with the ledger
    # Decided again, as if for the first time.
    desk.confirm_referral(flagged.id, supervisor)
    assert flagged.id not in queued(desk)


def test_only_the_maker_and_only_before_it_is_sent(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
    other_supervisor: Assessor,
) -> None:
    flagged = flagged_case(insp, "CUS-U2", inspector)
    desk.confirm_referral(flagged.id, supervisor)
    before = snapshot(insp)
    with pytest.raises(ReviewError, match="only the supervisor who decided"):
        desk.undo_decision(flagged.id, other_supervisor)
    with pytest.raises(ReviewError, match="only the supervisor who decided"):
        desk.undo_decision(flagged.id, inspector)
    assert snapshot(insp) == before
    referrals.mark_sent(flagged.referral.id, supervisor, "2018-03-01", "MPS/U2")  # type: ignore[union-attr]
    sent = snapshot(insp)
    with pytest.raises(ReviewError, match="sent to force now, so the decision stands"):
        desk.undo_decision(flagged.id, supervisor)
    assert snapshot(insp) == sent


def test_an_answered_question_and_an_undone_decision_cannot_be_undone(
    insp: Inspection, desk: ReviewDesk, inspector: Assessor, supervisor: Assessor
) -> None:
    flagged = flagged_case(insp, "CUS-U3", inspector)
    returned = desk.return_to_inspector(flagged.id, supervisor, "Seen alone?")
    assert returned.status == RETURNED
    desk.answer(flagged.id, inspector, "Yes, on the 3rd.")
    with pytest.raises(ReviewError, match="has answered the question"):
        desk.undo_decision(flagged.id, supervisor)
    desk.confirm_referral(flagged.id, supervisor)
    desk.undo_decision(flagged.id, supervisor)
    with pytest.raises(ReviewError, match="no decision on this case is waiting to be undone"):
        desk.undo_decision(flagged.id, supervisor)
