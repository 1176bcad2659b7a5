"""The bundled 2018 framework: case types, grades, criteria, events and measures."""

from __future__ import annotations

import pytest

from auditor.framework import (
    Framework,
    load_framework,
)
from tests.support.framework import BUNDLED_PATH


def test_bundled_file_loads_from_its_path_and_from_the_package(framework: Framework) -> None:
    from_path = load_framework(BUNDLED_PATH)
    assert from_path.id == framework.id == "hmicfrs-2018-mps-child-protection"
    assert from_path.sha256 == framework.sha256
    assert from_path == framework
    assert framework.name
    assert framework.overall_suggestion == "worst"


def test_case_types_have_the_report_labels_in_the_report_order(framework: Framework) -> None:
    assert [(t.code, t.label) for t in framework.case_types] == [
        ("DA_REFERRAL", "Referrals relating to domestic abuse"),
        ("OTHER_REFERRAL", "Referrals other than domestic abuse"),
        ("S47", "Enquiries under section 47 of the Children Act 1989"),
        ("S46", "Children taken to a place of safety by police officers"),
        ("RSO", "Sex offender management"),
        ("CSE", "Children at risk of child sexual exploitation non-internet"),
        ("ONLINE_CSE", "Children at risk of child sexual exploitation online"),
        ("MISSING", "Children missing"),
        ("CUSTODY", "Children in police custody"),
    ]
    assert framework.case_type_label("S46") == (
        "Children taken to a place of safety by police officers"
    )
    assert framework.case_type("NOT_A_TYPE") is None


def test_grade_scale(framework: Framework) -> None:
    assert [(g.label, g.rank) for g in framework.grades] == [
        ("Good", 0),
        ("Requires improvement", 1),
        ("Inadequate", 2),
    ]
    assert framework.not_applicable.label == "Not applicable"
    assert framework.not_applicable not in framework.grades
    assert framework.grade_label("requires_improvement") == "Requires improvement"
    assert framework.grade(None) is None
    assert framework.grade("excellent") is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Requiring improvement", "Requires improvement"),
        ("requires improvement", "Requires improvement"),
        ("  Requires   improvement ", "Requires improvement"),
        ("RI", "Requires improvement"),
        ("GOOD", "Good"),
        ("Inadequate", "Inadequate"),
        ("n/a", "Not applicable"),
        ("N/A", "Not applicable"),
        ("Not applicable", "Not applicable"),
    ],
)
def test_parse_grade_accepts_the_spellings_of_the_report(
    framework: Framework, text: str, label: str
) -> None:
    grade = framework.parse_grade(text)
    assert grade is not None
    assert grade.label == label


def test_parse_grade_refuses_other_text(framework: Framework) -> None:
    assert framework.parse_grade("Outstanding") is None
    assert framework.parse_grade("") is None
    # The overall grade cannot be "not applicable".
    assert framework.parse_grade("n/a", allow_not_applicable=False) is None
    assert framework.parse_grade("Good", allow_not_applicable=False) is not None


def test_required_criteria_are_present(framework: Framework) -> None:
    ids = [c.id for c in framework.criteria]
    assert len(ids) == len(set(ids))
    for required in (
        "voice_of_child",
        "supervision",
        "strategy_discussion",
        "merlin_timeliness",
        "csc_referral",
        "risk_to_other_children",
        "investigation",
    ):
        assert required in ids
    for prefix in ("custody_", "missing_", "rso_", "online_"):
        assert any(i.startswith(prefix) for i in ids), prefix
    for criterion in framework.criteria:
        assert criterion.title and criterion.question


def test_criteria_apply_to_the_right_case_types(framework: Framework) -> None:
    # Read off the bundled file by hand: custody cases have no strategy discussion or
    # investigation criteria, but all the custody ones.
    assert [c.id for c in framework.criteria_for("CUSTODY")] == [
        "voice_of_child",
        "supervision",
        "merlin_timeliness",
        "csc_referral",
        "risk_to_other_children",
        "custody_appropriate_adult",
        "custody_reviews_and_certificate",
        "custody_healthcare",
        "custody_transfer_after_charge",
    ]
    rso = [c.id for c in framework.criteria_for("RSO")]
    assert rso == [
        "voice_of_child",
        "supervision",
        "merlin_timeliness",
        "risk_to_other_children",
        "rso_arms_review",
        "rso_risk_management_plan",
        "rso_information_sharing",
    ]
    # Every case type has something to grade; "*" criteria apply to all nine.
    for case_type in framework.case_types:
        assert framework.criterion("voice_of_child").applies(case_type.code)  # type: ignore[union-attr]
    online = {c.id for c in framework.criteria_for("ONLINE_CSE")}
    assert {"online_timely_action", "online_kirat", "online_digital_triage"} <= online
    assert not any(c.startswith("online_") for c in {c.id for c in framework.criteria_for("CSE")})


def test_required_event_types(framework: Framework) -> None:
    codes = framework.event_codes()
    for required in (
        "first_contact",
        "merlin_submitted",
        "child_seen",
        "csc_referral",
        "strategy_discussion",
        "supervisor_review",
        "detained",
        "appropriate_adult_arrived",
        "charged",
        "left_custody",
        "reported_missing",
        "found",
        "return_interview",
    ):
        assert required in codes
    assert framework.event_label("merlin_submitted") == "Merlin submitted"


def test_measures_and_targets(framework: Framework) -> None:
    measures = {m.id: m for m in framework.measures}
    assert set(measures) == {
        "merlin_within_24h",
        "appropriate_adult_within_2h",
        "return_interview_within_72h",
        "custody_after_charge",
    }
    merlin = measures["merlin_within_24h"]
    assert (merlin.from_event, merlin.to_event, merlin.target_hours) == (
        "first_contact",
        "merlin_submitted",
        24,
    )
    assert merlin.applies_to == {t.code for t in framework.case_types}
    adult = measures["appropriate_adult_within_2h"]
    assert (adult.from_event, adult.to_event, adult.target_hours) == (
        "detained",
        "appropriate_adult_arrived",
        2,
    )
    assert adult.applies_to == {"CUSTODY"}
    interview = measures["return_interview_within_72h"]
    assert (interview.from_event, interview.to_event, interview.target_hours) == (
        "found",
        "return_interview",
        72,
    )
    assert interview.applies_to == {"MISSING"}
    charge = measures["custody_after_charge"]
    assert (charge.from_event, charge.to_event) == ("charged", "left_custody")
    assert charge.target_hours > 0
    assert charge.applies_to == {"CUSTODY"}


def test_referral_reasons(framework: Framework) -> None:
    assert framework.referral_reasons
    assert framework.referral_reason_label("child_at_risk") == "Child left at risk of harm"
