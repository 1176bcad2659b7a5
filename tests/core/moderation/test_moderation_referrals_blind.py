"""The Referrals listing hides another inspector's referral of a case graded blind."""

from __future__ import annotations

from auditor.inspection import Inspection

TODAY = "2018-12-01"


def test_a_blind_second_grader_does_not_see_the_first_graders_referral(demo: Inspection):
    people = {a.name: a for a in demo.assessors()}
    lead = next(a for a in people.values() if a.role == "supervisor")
    referrals = demo.referrals
    flagged = referrals.listing(TODAY)
    assert flagged, "the demo has referrals back"
    first = flagged[0]
    second = next(
        a for a in people.values() if a.role == "inspector" and a.id != first.inspector_id
    )
    desk = demo.moderation
    desk.draw(lead, 0, 1)  # every flagged case is drawn, whatever the percentage
    desk.assign(lead, first.case_id, second.id)

    hidden_view = referrals.listing(TODAY, viewer_id=second.id)
    assert first.referral_id not in {r.referral_id for r in hidden_view}
    assert len(hidden_view) == len(flagged) - 1
    assert first.referral_id in {r.referral_id for r in referrals.listing(TODAY, viewer_id=lead.id)}
    own = referrals.listing(TODAY, viewer_id=first.inspector_id)
    assert first.referral_id in {r.referral_id for r in own}

    # Once the second grading is complete, the first grader's referral is shown again.
    case = demo.case(first.case_id)
    for criterion in demo.framework.criteria_for(case.case_type):
        demo.grading.set_grade(case.id, second, criterion.id, "good")
    demo.grading.set_overall(case.id, second, "good")
    shown = referrals.listing(TODAY, viewer_id=second.id)
    assert first.referral_id in {r.referral_id for r in shown}
