"""The criteria framework: the bundled 2018 framework, malformed files, another inspectorate's."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import (
    BUNDLED_FRAMEWORK,
    Framework,
    FrameworkError,
    bundled_framework,
    load_framework,
)
from auditor.grading import suggest_overall
from auditor.inspection import Inspection
from auditor.timeliness import LATE, WITHIN, measure_case

BUNDLED_PATH = Path(__file__).resolve().parents[1] / "resources" / "frameworks" / BUNDLED_FRAMEWORK


@pytest.fixture(scope="module")
def framework() -> Framework:
    return bundled_framework()


@pytest.fixture(scope="module")
def bundled_text() -> str:
    return BUNDLED_PATH.read_text(encoding="utf-8")


def variant(tmp_path: Path, text: str, old: str, new: str, name: str = "edited.toml") -> Path:
    """Write the bundled framework with one exact edit (``old`` must occur exactly once)."""
    assert text.count(old) == 1, f"the bundled framework no longer contains {old!r} once"
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message
    return message


# --- the bundled framework ---------------------------------------------------------------------


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


# --- malformed files ---------------------------------------------------------------------------


def test_bad_toml_syntax_names_the_file_and_the_line(tmp_path: Path, bundled_text: str) -> None:
    # An inspector types a unit after the number.
    old = "target_hours = 2\n"
    line = bundled_text[: bundled_text.index(old)].count("\n") + 1
    path = variant(tmp_path, bundled_text, old, "target_hours = 2 hours\n")
    message = refused(path)
    assert "not valid TOML" in message
    assert f"line {line}" in message


def test_unknown_case_type_in_applies_to(tmp_path: Path, bundled_text: str) -> None:
    old = 'applies_to = ["DA_REFERRAL", "OTHER_REFERRAL", "S47", "S46", "CSE", "ONLINE_CSE"]\n'
    path = variant(tmp_path, bundled_text, old, 'applies_to = ["DA_REFERRAL", "S74"]\n')
    message = refused(path)
    assert "criteria 'investigation'" in message
    assert "'applies_to'" in message
    assert "'S74'" in message


def test_unknown_case_type_in_a_measure(tmp_path: Path, bundled_text: str) -> None:
    old = 'to = "return_interview"\ntarget_hours = 72\napplies_to = ["MISSING"]'
    new = 'to = "return_interview"\ntarget_hours = 72\napplies_to = ["MISSING_CHILD"]'
    message = refused(variant(tmp_path, bundled_text, old, new))
    assert "measures 'return_interview_within_72h'" in message
    assert "'applies_to'" in message
    assert "'MISSING_CHILD'" in message


@pytest.mark.parametrize(
    ("old", "new", "key", "bad"),
    [
        ('from = "detained"\n', 'from = "detention"\n', "from", "detention"),
        (
            'to = "appropriate_adult_arrived"\n',
            'to = "appropriate_adult_arrival"\n',
            "to",
            "appropriate_adult_arrival",
        ),
    ],
)
def test_measure_naming_an_unknown_event(
    tmp_path: Path, bundled_text: str, old: str, new: str, key: str, bad: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, old, new))
    assert "measures 'appropriate_adult_within_2h'" in message
    assert f"key '{key}'" in message
    assert repr(bad) in message


def test_duplicate_criterion_ids(tmp_path: Path, bundled_text: str) -> None:
    path = variant(
        tmp_path, bundled_text, 'id = "missing_trigger_plan"', 'id = "missing_return_interview"'
    )
    message = refused(path)
    assert "criteria 'missing_return_interview'" in message
    assert "key 'id'" in message
    assert "duplicate" in message


def test_duplicate_case_type_codes(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'code = "CSE"\n', 'code = "S47"\n')
    message = refused(path)
    assert "case_types 'S47'" in message
    assert "key 'code'" in message
    assert "duplicate" in message


def test_missing_framework_table(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, "[framework]\n", "[about]\n")
    message = refused(path)
    assert "[framework]" in message
    assert "missing" in message


def test_framework_table_without_its_id(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'id = "hmicfrs-2018-mps-child-protection"\n', "")
    message = refused(path)
    assert "[framework]" in message
    assert "key 'id'" in message


def test_criterion_without_a_title(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'title = "Healthcare referral"\n', "")
    message = refused(path)
    assert "criteria 'custody_healthcare'" in message
    assert "key 'title'" in message


@pytest.mark.parametrize("bad", ["0", "-72", '"72"', "true"])
def test_target_hours_must_be_a_positive_number(
    tmp_path: Path, bundled_text: str, bad: str
) -> None:
    path = variant(tmp_path, bundled_text, "target_hours = 72\n", f"target_hours = {bad}\n")
    message = refused(path)
    assert "measures 'return_interview_within_72h'" in message
    assert "key 'target_hours'" in message


def test_measure_written_as_a_single_table(tmp_path: Path, bundled_text: str) -> None:
    # [measures] instead of [[measures]]: a common slip; refused, not a crash.
    start = bundled_text.index("[[measures]]")
    text = bundled_text[:start] + (
        '[measures]\nid = "visit_within_24h"\nlabel = "Home visit"\nfrom = "first_contact"\n'
        'to = "home_visit"\ntarget_hours = 24\napplies_to = ["*"]\n'
    )
    path = tmp_path / "single.toml"
    path.write_text(text, encoding="utf-8")
    message = refused(path)
    assert "[[measures]]" in message


def test_a_framework_without_measures_is_allowed(tmp_path: Path, bundled_text: str) -> None:
    start = bundled_text.index("[[measures]]")
    path = tmp_path / "no_measures.toml"
    path.write_text(bundled_text[:start], encoding="utf-8")
    loaded = load_framework(path)
    assert loaded.measures == ()
    assert measure_case(loaded, "CUSTODY", [("2018-01-01T00:00", "detained")]) == []


def test_file_that_is_not_utf8(tmp_path: Path, bundled_text: str) -> None:
    # Saved by an editor in Windows-1252, with an en dash in a label.
    path = tmp_path / "cp1252.toml"
    text = bundled_text.replace("Child left at risk of harm", "Child left at risk – of harm")
    path.write_bytes(text.encode("cp1252"))
    message = refused(path)
    assert "cannot read" in message
    assert "utf-8" in message.lower()


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    message = refused(tmp_path / "no_such_framework.toml")
    assert "cannot read" in message
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    message = refused(folder)
    assert "cannot read" in message


# --- another inspectorate's framework ----------------------------------------------------------

CUSTOM_TOML = """\
[framework]
id = "northshire-joint-audit-2025"
name = "Northshire multi-agency case audit"
version = "2"

[grading]
overall_suggestion = "median"

[[grades]]
code = "outstanding"
label = "Outstanding"

[[grades]]
code = "good"
label = "Good"

[[grades]]
code = "requires_improvement"
label = "Requires improvement to be good"
aliases = ["RI"]

[[grades]]
code = "inadequate"
label = "Inadequate"

[not_applicable]
code = "na"
label = "Not relevant"
aliases = ["-"]

[[case_types]]
code = "NEGLECT"
label = "Children living with neglect"

[[case_types]]
code = "EXPLOITATION"
label = "Children at risk of criminal exploitation"

[[referral_reasons]]
code = "unsafe"
label = "Child unsafe"

[[criteria]]
id = "plan"
title = "Plan"
question = "Is there a plan that says who does what, by when?"
applies_to = ["*"]

[[criteria]]
id = "family_engaged"
title = "Family engaged"
question = "Were parents and carers engaged in the plan?"
applies_to = ["NEGLECT"]

[[criteria]]
id = "disruption"
title = "Disruption"
question = "Were the exploiters disrupted?"
applies_to = ["EXPLOITATION"]

[[event_types]]
code = "referral"
label = "Referral"

[[event_types]]
code = "home_visit"
label = "Home visit"

[[measures]]
id = "visit_within_5_days"
label = "Home visit after referral"
from = "referral"
to = "home_visit"
target_hours = 120
applies_to = ["NEGLECT"]
"""


@pytest.fixture
def custom_path(tmp_path: Path) -> Path:
    path = tmp_path / "northshire.toml"
    path.write_text(CUSTOM_TOML, encoding="utf-8")
    return path


def test_another_inspectorate_framework_loads_and_works(custom_path: Path) -> None:
    custom = load_framework(custom_path)
    assert custom.id == "northshire-joint-audit-2025"
    assert [t.code for t in custom.case_types] == ["NEGLECT", "EXPLOITATION"]
    assert [c.id for c in custom.criteria_for("NEGLECT")] == ["plan", "family_engaged"]
    assert [c.id for c in custom.criteria_for("EXPLOITATION")] == ["plan", "disruption"]
    assert custom.criteria_for("CUSTODY") == []
    assert [g.code for g in custom.grades] == [
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
    ]
    assert custom.parse_grade("ri").code == "requires_improvement"  # type: ignore[union-attr]
    assert custom.parse_grade("-") == custom.not_applicable
    assert custom.parse_grade("n/a") is None  # not an alias in this framework

    # Median of outstanding, good, inadequate (ranks 0, 1, 3) is good; N/A is left out.
    assert suggest_overall(custom, ["outstanding", "inadequate", "na", "good"]) == "good"
    # Worst rule would give inadequate; this framework asks for the median.
    assert suggest_overall(custom, ["inadequate", "inadequate", "good"]) == "inadequate"
    assert suggest_overall(custom, ["na", None]) is None

    # Referral 1 June 10:00, visit 8 June 10:00: 7 days = 168 hours, target 120.
    (visit,) = measure_case(
        custom,
        "NEGLECT",
        [("2025-06-01T10:00", "referral"), ("2025-06-08T10:00", "home_visit")],
    )
    assert visit.state == LATE
    assert visit.hours == pytest.approx(168)
    assert "target 120 hours" in visit.text
    (visit,) = measure_case(
        custom,
        "NEGLECT",
        [("2025-06-01T10:00", "referral"), ("2025-06-03T10:00", "home_visit")],
    )
    assert visit.state == WITHIN
    assert measure_case(custom, "EXPLOITATION", [("2025-06-01T10:00", "referral")]) == []


def test_an_inspection_with_another_framework(tmp_path: Path, custom_path: Path) -> None:
    custom = load_framework(custom_path)
    path = tmp_path / "northshire.caseaudit"
    insp = Inspection.create(path, name="Northshire audit", framework=custom)
    try:
        actor = insp.assessor("Test Auditor", "inspector")
        case = insp.add_case(actor, reference="NS-001", case_type="NEGLECT")
        insp.grading.set_grade(case.id, actor, "plan", "good")
        insp.grading.set_grade(case.id, actor, "family_engaged", "na")
        done = insp.grading.set_overall(case.id, actor, "good")
        assert done.status == "complete"
    finally:
        insp.close()

    with Inspection.open(path) as reopened:
        assert reopened.framework.id == custom.id
        assert reopened.framework.sha256 == custom.sha256
        assert reopened.framework.case_type_label("NEGLECT") == "Children living with neglect"
        case = reopened.case_by_reference("NS-001")
        assert case is not None
        (assessment,) = reopened.grading.assessments(case.id)
        assert assessment.grade_of("family_engaged") == "na"
        assert assessment.overall_grade == "good"
