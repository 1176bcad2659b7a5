"""The review queue, decisions, questions and the referral's lifecycle, each step audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.audit.log import AuditLog
from auditor.case_list import CaseList
from auditor.case_rows import COL_STATUS
from auditor.errors import ReviewError
from auditor.grading.rules import (
    AWAITING_REVIEW,
    COMPLETE,
    DONE_STATUSES,
    FORCE_RESPONDED,
    IN_PROGRESS,
    NOT_REFERRED,
    REFERRAL_CLOSED,
    REFERRAL_CONFIRMED,
    REFERRAL_SENT,
    RETURNED,
    STATUS_LABELS,
)
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import Referrals
from tests.support.clock import Clock
from tests.support.review import (
    GOOD,
    INADEQUATE,
    REASON,
    RI,
    add_case,
    flagged_case,
    grade_fully,
    snapshot,
)


def test_the_whole_lifecycle_is_audited_in_order_with_the_right_users(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    log: AuditLog,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    case = add_case(insp, "CUS-1")
    grade_fully(insp, case, inspector, INADEQUATE)
    start = len(log.history(case.id))
    flagged = insp.grading.set_referral(
        case.id, inspector, REASON, "Invented: no appropriate adult."
    )
    assert flagged.status == AWAITING_REVIEW
    assessment_id = flagged.id
    referral_id = flagged.referral.id  # type: ignore[union-attr]

    returned = desk.return_to_inspector(assessment_id, supervisor, "When was the AA called?")
    assert returned.status == RETURNED
    assert returned.open_question is not None
    assert returned.open_question.note == "When was the AA called?"
    assert desk.answer(assessment_id, inspector, "Eight hours after arrival.").status == (
        AWAITING_REVIEW
    )
    assert desk.confirm_referral(assessment_id, supervisor).status == REFERRAL_CONFIRMED
    assert referrals.mark_sent(referral_id, supervisor, "2018-03-05", "MPS/REF/0001").status == (
        REFERRAL_SENT
    )
    responded = referrals.record_response(
        referral_id, supervisor, "2018-03-20", "Invented: strategy discussion held."
    )
    assert responded.status == FORCE_RESPONDED
    closed = referrals.close(referral_id, supervisor, "2018-03-21")
    assert closed.status == REFERRAL_CLOSED
    assert closed.referral is not None
    assert (closed.referral.sent_at, closed.referral.force_reference) == (
        "2018-03-05",
        "MPS/REF/0001",
    )

    ann, sue = "Ann Inspector", "Sue Supervisor"
    steps = [
        (e.actor_name, e.record_table, e.field, e.old_value, e.new_value)
        for e in log.history(case.id)[start:]
    ]
    review_ids = [r.id for r in desk.reviews(assessment_id)]
    assert steps == [
        (ann, "referrals", "flag", None, "flagged"),
        (ann, "referrals", "reason", "", REASON),
        (ann, "referrals", "note", "", "Invented: no appropriate adult."),
        (ann, "assessments", "status", COMPLETE, AWAITING_REVIEW),
        (sue, "reviews", "decision", None, "returned"),
        (sue, "reviews", "note", "", "When was the AA called?"),
        (sue, "assessments", "status", AWAITING_REVIEW, RETURNED),
        (ann, "reviews", "answer", "", "Eight hours after arrival."),
        (ann, "assessments", "status", RETURNED, AWAITING_REVIEW),
        (sue, "reviews", "decision", None, "confirmed"),
        (sue, "referrals", "state", "flagged", "confirmed"),
        (sue, "assessments", "status", AWAITING_REVIEW, REFERRAL_CONFIRMED),
        (sue, "referrals", "state", "confirmed", "sent"),
        (sue, "referrals", "sent_at", None, "2018-03-05"),
        (sue, "referrals", "force_reference", "", "MPS/REF/0001"),
        (sue, "assessments", "status", REFERRAL_CONFIRMED, REFERRAL_SENT),
        (sue, "referrals", "state", "sent", "responded"),
        (sue, "referrals", "response_at", None, "2018-03-20"),
        (sue, "referrals", "response_action", "", "Invented: strategy discussion held."),
        (sue, "assessments", "status", REFERRAL_SENT, FORCE_RESPONDED),
        (sue, "referrals", "state", "responded", "closed"),
        (sue, "referrals", "closed_at", None, "2018-03-21"),
        (sue, "assessments", "status", FORCE_RESPONDED, REFERRAL_CLOSED),
    ]
    entries = log.history(case.id)[start:]
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert {e.record_id for e in entries if e.record_table == "reviews"} == set(review_ids)
    assert all(e.case_id == case.id and e.reference == "CUS-1" for e in entries)
    assert all(e.kind == "alteration" for e in entries)


def test_the_queue_is_oldest_flag_first_with_what_a_decision_needs(
    insp: Inspection,
    clock: Clock,
    desk: ReviewDesk,
    inspector: Assessor,
    other_inspector: Assessor,
    supervisor: Assessor,
) -> None:
    first = flagged_case(insp, "CUS-2", inspector)
    clock.jump(days=1)
    second = flagged_case(insp, "DA-1", other_inspector, "DA_REFERRAL")
    clock.jump(days=1)
    third = flagged_case(insp, "CUS-1", inspector)
    unflagged = add_case(insp, "CUS-3")
    grade_fully(insp, unflagged, inspector)
    incomplete = add_case(insp, "CUS-4")
    insp.grading.set_grade(incomplete.id, inspector, "voice_of_child", INADEQUATE)
    insp.grading.set_referral(incomplete.id, inspector, REASON, "Invented note.")

    queue = desk.queue()
    assert [item.case.reference for item in queue] == ["CUS-2", "DA-1", "CUS-1"]
    item = queue[1]
    assert item.inspector.name == "Ben Inspector"
    assert (item.reason, item.note) == (REASON, "Invented: child left at risk overnight.")
    assert item.assessment.id == second.id
    assert item.grades and {g.grade for g in item.grades.values()} == {INADEQUATE}
    assert item.assessment.overall_grade == INADEQUATE
    assert item.flagged_at < queue[2].flagged_at

    # A returned case leaves the queue and comes back in its place once answered.
    desk.return_to_inspector(first.id, supervisor, "Was a Merlin submitted?")
    assert [i.case.reference for i in desk.queue()] == ["DA-1", "CUS-1"]
    (question,) = desk.questions(inspector.id)
    assert (question.reference, question.text, question.reviewer_name) == (
        "CUS-2",
        "Was a Merlin submitted?",
        "Sue Supervisor",
    )
    assert desk.questions(other_inspector.id) == []
    desk.answer(first.id, inspector, "Yes, 29 days late.")
    assert desk.questions() == []
    queue = desk.queue()
    assert [i.case.reference for i in queue] == ["CUS-2", "DA-1", "CUS-1"]
    (exchange,) = queue[0].exchanges
    assert (exchange.note, exchange.answer, exchange.answered_by) == (
        "Was a Merlin submitted?",
        "Yes, 29 days late.",
        inspector.id,
    )

    desk.confirm_referral(third.id, supervisor)
    assert [i.case.reference for i in desk.queue()] == ["CUS-2", "DA-1"]


def test_not_referred_needs_a_reason_and_ends_the_lifecycle(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    before = snapshot(insp)
    with pytest.raises(ReviewError, match="Say why CUS-1 is not to be referred back"):
        desk.do_not_refer(assessment.id, supervisor, "  ")
    assert snapshot(insp) == before
    result = desk.do_not_refer(assessment.id, supervisor, "Invented: the risk was managed.")
    assert result.status == NOT_REFERRED
    assert result.referral is not None and result.referral.state == "not_referred"
    (review,) = desk.reviews(assessment.id)
    assert (review.decision, review.note) == ("not_referred", "Invented: the risk was managed.")
    assert desk.queue() == []
    with pytest.raises(ReviewError, match="not referred; it cannot be sent to force now"):
        referrals.mark_sent(result.referral.id, supervisor, "2018-03-02", "MPS/1")


def _confirmed(desk: ReviewDesk, assessment_id: str, who: Assessor) -> str:
    return desk.confirm_referral(assessment_id, who).referral.id  # type: ignore[union-attr]


ILLEGAL: dict[str, tuple[int, Callable[[ReviewDesk, Referrals, str, str, Assessor], object]]] = {
    # name: (steps done first: 0 flagged, 1 confirmed, 2 sent, 3 responded, 4 closed), step
    "sent before confirmed": (
        0,
        lambda d, r, aid, rid, who: r.mark_sent(rid, who, "2018-03-02", "MPS/1"),
    ),
    "response before sent": (
        1,
        lambda d, r, aid, rid, who: r.record_response(rid, who, "2018-03-02", "Invented."),
    ),
    "closed before a response": (2, lambda d, r, aid, rid, who: r.close(rid, who, "2018-03-09")),
    "closed when confirmed": (1, lambda d, r, aid, rid, who: r.close(rid, who, "2018-03-09")),
    "confirmed twice": (1, lambda d, r, aid, rid, who: d.confirm_referral(aid, who)),
    "not referred once sent": (2, lambda d, r, aid, rid, who: d.do_not_refer(aid, who, "Why.")),
    "returned once confirmed": (
        1,
        lambda d, r, aid, rid, who: d.return_to_inspector(aid, who, "Question?"),
    ),
    "sent twice": (2, lambda d, r, aid, rid, who: r.mark_sent(rid, who, "2018-03-03", "MPS/2")),
    "response twice": (
        3,
        lambda d, r, aid, rid, who: r.record_response(rid, who, "2018-03-09", "Again."),
    ),
    "closed twice": (4, lambda d, r, aid, rid, who: r.close(rid, who, "2018-03-10")),
}


@pytest.mark.parametrize("name", list(ILLEGAL))
def test_illegal_transitions_are_refused_and_write_nothing(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
    name: str,
) -> None:
    done, step = ILLEGAL[name]
    assessment = flagged_case(insp, "CUS-1", inspector)
    referral_id = assessment.referral.id  # type: ignore[union-attr]
    if done >= 1:
        _confirmed(desk, assessment.id, supervisor)
    if done >= 2:
        referrals.mark_sent(referral_id, supervisor, "2018-03-02", "MPS/1")
    if done >= 3:
        referrals.record_response(referral_id, supervisor, "2018-03-08", "Invented action.")
    if done >= 4:
        referrals.close(referral_id, supervisor, "2018-03-09")
    before = snapshot(insp)
    with pytest.raises(ReviewError, match=r"^The referral of CUS-1 is .*; it cannot be "):
        step(desk, referrals, assessment.id, referral_id, supervisor)
    assert snapshot(insp) == before


def test_steps_need_their_details_in_order(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    referral_id = _confirmed(desk, flagged_case(insp, "CUS-1", inspector).id, supervisor)
    before = snapshot(insp)
    with pytest.raises(ReviewError, match="Write the force's reference"):
        referrals.mark_sent(referral_id, supervisor, "2018-03-02", " ")
    with pytest.raises(ReviewError, match="is not a date"):
        referrals.mark_sent(referral_id, supervisor, "2nd March", "MPS/1")
    with pytest.raises(ReviewError, match="before the case was flagged"):
        referrals.mark_sent(referral_id, supervisor, "2018-02-28", "MPS/1")
    assert snapshot(insp) == before
    referrals.mark_sent(referral_id, supervisor, "2018-03-02", "MPS/1")
    with pytest.raises(ReviewError, match="Write what action the force took"):
        referrals.record_response(referral_id, supervisor, "2018-03-03", "")
    with pytest.raises(ReviewError, match="before it was sent"):
        referrals.record_response(referral_id, supervisor, "2018-03-01", "Invented.")


def test_an_incomplete_case_cannot_be_decided(
    insp: Inspection, desk: ReviewDesk, inspector: Assessor, supervisor: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    assessment = insp.grading.set_referral(case.id, inspector, REASON, "Invented note.")
    assert assessment.status == IN_PROGRESS
    with pytest.raises(ReviewError, match="CUS-1 is not graded completely yet"):
        desk.confirm_referral(assessment.id, supervisor)
    unflagged = add_case(insp, "CUS-2")
    done = grade_fully(insp, unflagged, inspector)
    with pytest.raises(ReviewError, match="CUS-2 is not flagged for referral back"):
        desk.confirm_referral(done.id, supervisor)


def test_a_returned_case_must_be_complete_to_resubmit(
    insp: Inspection, desk: ReviewDesk, inspector: Assessor, supervisor: Assessor
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    with pytest.raises(ReviewError, match="Write the question for Ann Inspector to answer"):
        desk.return_to_inspector(assessment.id, supervisor, "")
    desk.return_to_inspector(assessment.id, supervisor, "Is supervision really inadequate?")
    # Editing while returned keeps the case returned; clearing a grade blocks the answer.
    cleared = insp.grading.set_grade(assessment.case_id, inspector, "supervision", None)
    assert cleared.status == RETURNED
    with pytest.raises(ReviewError, match="cannot be resubmitted until it is graded completely"):
        desk.answer(assessment.id, inspector, "Changed my mind.")
    insp.grading.set_grade(assessment.case_id, inspector, "supervision", RI)
    # The question stays open until answered: no second decision meanwhile.
    with pytest.raises(ReviewError, match="waiting for Ann Inspector's answer"):
        desk.confirm_referral(assessment.id, supervisor)
    assert desk.answer(assessment.id, inspector, "Regraded.").status == AWAITING_REVIEW


def test_quality_assurance_agree_and_disagree(
    insp: Inspection,
    desk: ReviewDesk,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    case = add_case(insp, "CUS-1")
    with pytest.raises(ReviewError, match="no assessment"):
        desk.quality_assure("nope", supervisor, True)
    insp.grading.set_grade(case.id, inspector, "voice_of_child", GOOD)
    partial = insp.grading.assessment(case.id, inspector.id)
    assert partial is not None
    with pytest.raises(ReviewError, match="CUS-1 is not graded completely yet"):
        desk.quality_assure(partial.id, supervisor, True)
    graded = grade_fully(insp, case, inspector, GOOD)

    agreed = desk.quality_assure(graded.id, supervisor, True, "Sound grading.")
    assert agreed.status == COMPLETE
    before = snapshot(insp)
    with pytest.raises(ReviewError, match="Say why you disagree with the overall grade of CUS-1"):
        desk.quality_assure(graded.id, supervisor, False)
    assert snapshot(insp) == before

    disagreed = desk.quality_assure(graded.id, supervisor, False, "The child was not seen.")
    assert disagreed.status == RETURNED
    qa = [r for r in desk.reviews(graded.id) if r.kind == "qa"]
    assert [(r.decision, r.overall_grade, r.note) for r in qa] == [
        ("agree", GOOD, "Sound grading."),
        ("disagree", GOOD, "The child was not seen."),
    ]
    (question,) = desk.questions(inspector.id)
    assert question.label == "Disagrees with the overall grade"
    insp.grading.set_grade(case.id, inspector, "voice_of_child", INADEQUATE)
    insp.grading.set_overall(case.id, inspector, INADEQUATE)
    answered = desk.answer(graded.id, inspector, "Regraded: the child was not seen.")
    assert answered.status == COMPLETE
    assert answered.overall_grade == INADEQUATE


def test_statuses_sort_in_lifecycle_order_in_the_case_list(insp: Inspection) -> None:
    order = list(STATUS_LABELS)
    assert order.index(IN_PROGRESS) < order.index(RETURNED) < order.index(COMPLETE)
    assert order.index(AWAITING_REVIEW) < order.index(REFERRAL_CONFIRMED)
    assert order.index(REFERRAL_CONFIRMED) < order.index(REFERRAL_SENT)
    assert order.index(REFERRAL_SENT) < order.index(FORCE_RESPONDED) < order.index(REFERRAL_CLOSED)
    assert set(DONE_STATUSES) <= set(STATUS_LABELS)
    assert RETURNED not in DONE_STATUSES
    # Rows as the list reads them: one grading a case, the one that counts (shared fields).
    shared = (None, None, "Ann", "a1", "Ann", None)

    def row(i: int, status: str) -> tuple:
        own = (f"id{i}", f"R-{i}", "CUSTODY", "", "", "", None, "", status, None, None)
        return (*own, *shared, status, None, None)

    rows = [row(i, status) for i, status in enumerate(reversed(order))]
    case_list = CaseList(insp.framework)
    case_list.load(rows)
    case_list.set_sort(COL_STATUS)
    shown = [case_list.row_at(p) for p in range(len(case_list))]
    assert [r[8] for r in shown] == order
    assert [case_list.display(r, COL_STATUS) for r in shown] == list(STATUS_LABELS.values())
