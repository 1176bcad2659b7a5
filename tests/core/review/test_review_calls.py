"""What calls each person: their open questions; for a supervisor, the flagged cases they may
decide and the force's overdue responses, each counted and said in words with its key."""

from __future__ import annotations

from datetime import date

from auditor.inspection import Assessor, Inspection
from auditor.review.calls import calls_for
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import Referrals
from tests.support.review import flagged_case


def test_each_person_is_called_by_their_own_queues(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    other_inspector: Assessor,
    supervisor: Assessor,
    other_supervisor: Assessor,
) -> None:
    waiting = [flagged_case(insp, f"CUS-Q{n}", inspector) for n in range(3)]
    by_supervisor = flagged_case(insp, "CUS-OWN", supervisor)  # Sue graded it: not hers
    desk.return_to_inspector(waiting[0].id, supervisor, "Was the child seen alone?")
    sent = flagged_case(insp, "CUS-SENT", other_inspector)
    desk.confirm_referral(sent.id, supervisor)
    referrals.mark_sent(sent.referral.id, supervisor, "2018-03-01", "MPS/1")  # type: ignore[union-attr]

    ann = calls_for(insp, inspector, date(2018, 3, 10))
    assert (ann.questions, ann.review, ann.overdue) == (1, 0, 0)  # inspectors review nothing
    assert ann.lines() == ["1 question for you (F4)"]
    assert calls_for(insp, other_inspector, date(2018, 3, 10)).lines() == []

    # Sue may decide the two still waiting, not the one she graded; nothing overdue yet.
    sue = calls_for(insp, supervisor, date(2018, 3, 10))
    assert (sue.questions, sue.review, sue.overdue) == (0, 2, 0)
    assert sue.lines() == ["2 awaiting your review (F5)"]
    # Tom may decide all three; 28 days after sending, the force's response is overdue.
    tom = calls_for(insp, other_supervisor, date(2018, 4, 1))
    assert (tom.review, tom.overdue) == (3, 1)
    assert tom.lines() == ["3 awaiting your review (F5)", "1 referral response overdue (F6)"]
    assert by_supervisor.id not in {w.id for w in waiting}
