"""The ledger in another framework's words: a referral ticked, its sending and the area columns
are said with the inspected body and the area headings the framework names, never the police's."""

from __future__ import annotations

from pathlib import Path

from auditor.audit.words import entry_sentence, field_words
from auditor.inspection import Inspection
from tests.support.clock import Clock
from tests.support.yes_no_framework import yes_no_framework


def test_referral_and_area_words_follow_the_framework(tmp_path: Path) -> None:
    framework = yes_no_framework()
    body = framework.words.inspected_body  # "the service", from the test's own TOML
    insp = Inspection.create(
        tmp_path / "words.caseaudit", name="Words", framework=framework, clock=Clock()
    )
    try:
        who = insp.assessor("Ann Inspector", "inspector")
        case = insp.add_case(None, reference="YS-1", case_type="YOUTH", summary="Invented.")
        insp.update_case(None, case.id, {"borough": "North", "bcu": "Office 2"})
        reason = framework.referral_reasons[0]
        insp.grading.set_referral(case.id, who, reason.code, "Plan not shared")
        said = [entry_sentence(framework, e) for e in insp.log.history(case.id)]
    finally:
        insp.close()
    assert f"Ann Inspector (inspector) ticked Refer back to {body}" in said
    assert any("Region" in s and "North" in s for s in said), said
    assert any("Office" in s and "Office 2" in s for s in said), said
    assert not [s for s in said if "force" in s.casefold() or "borough" in s.casefold()]
    assert field_words(framework, "referrals", "sent_at") == f"date sent to {body}"
    noun = body.removeprefix("the ")  # as "force's response" says the police's
    assert field_words(framework, "referrals", "response_action") == f"{noun}'s response"
