"""Another inspectorate's framework loads and works with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import (
    load_framework,
)
from auditor.grading.rules import suggest_overall
from auditor.inspection import Inspection
from auditor.timeliness import LATE, WITHIN, measure_case

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
