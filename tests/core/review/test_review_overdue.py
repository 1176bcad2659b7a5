"""The Referrals view: state, age and overdue responses on a given day, filters, the setting."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.case_material import InspectionError
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import ReferralRow, Referrals
from auditor.settings import REFERRAL_RESPONSE_DAYS, InspectionSettings
from db import settings as setting_rows
from tests.support.clock import Clock
from tests.support.review import audit, flagged_case


def _sent(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    reference: str,
    who: Assessor,
    supervisor: Assessor,
    sent_on: str,
    case_type: str = "CUSTODY",
) -> str:
    assessment = flagged_case(insp, reference, who, case_type)
    desk.confirm_referral(assessment.id, supervisor)
    referral_id = assessment.referral.id  # type: ignore[union-attr]
    referrals.mark_sent(referral_id, supervisor, sent_on, f"MPS/{reference}")
    return referral_id


def _by_reference(rows: list[ReferralRow]) -> dict[str, ReferralRow]:
    return {r.reference: r for r in rows}


def test_a_response_is_overdue_after_the_configured_days(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    assert InspectionSettings(insp).referral_response_days() == 28
    referral_id = _sent(insp, desk, referrals, "CUS-1", inspector, supervisor, "2018-03-05")

    (on_time,) = referrals.listing(date(2018, 4, 2))  # 28 days after sending
    assert (on_time.age_days, on_time.age_since, on_time.overdue) == (28, "sent", False)
    (late,) = referrals.listing("2018-04-03")  # 29 days
    assert (late.overdue, late.days_overdue, late.state_label) == (True, 1, "Sent to force")
    assert [r.reference for r in referrals.overdue("2018-04-03")] == ["CUS-1"]

    InspectionSettings(insp).set_referral_response_days(supervisor, 10)
    assert referrals.listing("2018-03-15")[0].overdue is False
    assert referrals.listing("2018-03-16")[0].overdue is True
    (changed,) = audit(insp, record_table="settings")
    assert (changed["record_id"], changed["old_value"], changed["new_value"]) == (
        REFERRAL_RESPONSE_DAYS,
        None,
        "10",
    )
    assert changed["actor_id"] == supervisor.id

    referrals.record_response(referral_id, supervisor, "2018-04-10", "Invented action.")
    (answered,) = referrals.listing("2018-06-01")
    assert (answered.overdue, answered.state, answered.response_at) == (
        False,
        "responded",
        "2018-04-10",
    )


def test_the_listing_filters_by_state_overdue_and_case_type(
    insp: Inspection,
    clock: Clock,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
) -> None:
    flagged = flagged_case(insp, "CUS-1", inspector)  # flagged on 1 March 2018
    _sent(insp, desk, referrals, "CUS-2", inspector, supervisor, "2018-03-02")
    _sent(insp, desk, referrals, "DA-1", inspector, supervisor, "2018-03-20", "DA_REFERRAL")
    not_referred = flagged_case(insp, "CUS-3", inspector)
    desk.do_not_refer(not_referred.id, supervisor, "Invented: risk managed.")

    today = date(2018, 4, 5)
    every = _by_reference(referrals.listing(today))
    assert list(every) == ["CUS-1", "CUS-2", "DA-1", "CUS-3"]
    assert (every["CUS-1"].state, every["CUS-1"].age_since, every["CUS-1"].age_days) == (
        "flagged",
        "flagged",
        35,
    )
    assert every["CUS-1"].assessment_id == flagged.id
    assert every["CUS-1"].inspector_name == "Ann Inspector"
    assert (every["CUS-2"].age_days, every["CUS-2"].overdue) == (34, True)
    assert (every["DA-1"].age_days, every["DA-1"].overdue) == (16, False)
    assert every["CUS-3"].status == "not_referred"

    assert [r.reference for r in referrals.listing(today, state="sent")] == ["CUS-2", "DA-1"]
    assert [r.reference for r in referrals.listing(today, overdue=True)] == ["CUS-2"]
    assert [r.reference for r in referrals.listing(today, overdue=False)] == [
        "CUS-1",
        "DA-1",
        "CUS-3",
    ]
    assert [r.reference for r in referrals.listing(today, case_type="DA_REFERRAL")] == ["DA-1"]
    assert referrals.listing(today, state="sent", case_type="DA_REFERRAL", overdue=True) == []
    assert [r.reference for r in referrals.listing(today, state="not_referred")] == ["CUS-3"]


def test_settings_are_kept_in_the_file(insp: Inspection, supervisor: Assessor) -> None:
    settings = InspectionSettings(insp)
    assert settings.get("report.baseline_2016") is None
    assert settings.get("report.baseline_2016", "n/a") == "n/a"
    settings.set(supervisor, "report.baseline_2016", "17%")
    settings.set(supervisor, "report.baseline_2016", "17%")  # unchanged: no second audit row
    assert settings.get("report.baseline_2016") == "17%"
    assert setting_rows.all_settings(insp.db) == {"report.baseline_2016": "17%"}
    assert len(audit(insp, record_table="settings")) == 1
    with pytest.raises(InspectionError, match="whole number of days"):
        settings.set_referral_response_days(supervisor, 0)
    with pytest.raises(InspectionError, match="needs a name"):
        settings.set(supervisor, " ", "x")


def test_the_listing_says_who_confirmed_and_when(
    insp: Inspection,
    desk: ReviewDesk,
    referrals: Referrals,
    inspector: Assessor,
    supervisor: Assessor,
    clock: Clock,
) -> None:
    waiting = flagged_case(insp, "CUS-W", inspector)
    confirmed = flagged_case(insp, "CUS-C", inspector)
    before = clock()
    desk.confirm_referral(confirmed.id, supervisor)
    after = clock()
    rows = _by_reference(referrals.listing("2018-06-01"))
    assert (rows["CUS-W"].confirmed_by, rows["CUS-W"].confirmed_at) == ("", None)
    assert rows["CUS-C"].confirmed_by == "Sue Supervisor (supervisor)"
    assert before < rows["CUS-C"].confirmed_at < after
    assert waiting.id != confirmed.id
