"""A small format 2 framework written here (Yes / No answers, four ratings, two domains, a
criterion with sub-prompts, words with no police wording) and an inspection made with it."""

from __future__ import annotations

from pathlib import Path

from auditor.framework import Framework, load_framework
from auditor.inspection import Inspection

FRAMEWORK_TOML = """
[framework]
id = "test-youth-service"
name = "Test youth service case questions"
version = "1"
source = "Written for the window tests"
format = 2

[words]
inspected_body = "the youth service"
referral = "Referral back to the youth service"
referral_short = "Referral"
external_grade = "Service's own rating"
area_1 = "Region"
area_2 = "Office"
case_files = "youth service case records"

[grading]
overall_suggestion = "share"

[grading.share]
answers = ["yes"]
bands = [
  { at_least = 80, grade = "outstanding" },
  { at_least = 65, grade = "good" },
  { at_least = 50, grade = "requires_improvement" },
  { at_least = 0, grade = "inadequate" },
]

[[grades]]
code = "outstanding"
label = "Outstanding"

[[grades]]
code = "good"
label = "Good"

[[grades]]
code = "requires_improvement"
label = "Requires improvement"

[[grades]]
code = "inadequate"
label = "Inadequate"

[[answers]]
code = "yes"
label = "Yes"

[[answers]]
code = "no"
label = "No"

[not_applicable]
code = "not_applicable"
label = "Not applicable"

[[case_types]]
code = "COURT"
label = "Court order"

[[case_types]]
code = "DIVERSION"
label = "Out-of-court diversion"

[[attributes]]
id = "weeks"
label = "Weeks supervised"
type = "number"

[[domains]]
id = "assessment"
title = "Assessment"
suggestion = "share"

[[domains]]
id = "delivery"
title = "Delivery"
suggestion = "share"

[[referral_reasons]]
code = "risk_unmanaged"
label = "Risk to others not managed"

[[criteria]]
id = "assessed"
domain = "assessment"
title = "A1 Assessment keeps people safe"
question = "A1 Does the assessment keep other people safe?"
guidance = "Weigh the three prompts."
applies_to = ["COURT", "DIVERSION"]
prompts = ["a) Is risk analysed?", "b) Are other agencies asked?", "c) Are victims named?"]
prompts_feed = "all"

[criteria.wording.DIVERSION]
question = "A1 Does the diversion assessment keep other people safe?"

[[criteria]]
id = "planned"
domain = "assessment"
title = "A2 Planning keeps people safe"
question = "A2 Does planning keep other people safe?"
guidance = "Look at the plan."
applies_to = ["COURT", "DIVERSION"]

[[criteria]]
id = "delivered"
domain = "delivery"
title = "D1 Delivery keeps people safe"
question = "D1 Does delivery keep other people safe?"
guidance = "Look at the contacts."
applies_to = ["COURT", "DIVERSION"]

[[criteria]]
id = "reviewed"
domain = "delivery"
title = "D2 Reviewing keeps people safe"
question = "D2 Does reviewing keep other people safe?"
guidance = "Only for cases supervised more than eight weeks."
applies_to = ["COURT", "DIVERSION"]
applies_when = "weeks > 8"

[[event_types]]
code = "ordered"
label = "Order made"

[[event_types]]
code = "seen"
label = "First seen"

[[measures]]
id = "seen_in_time"
label = "Seen within five working days of the order"
from = "ordered"
to = "seen"
applies_to = ["COURT"]
target = { value = 5, unit = "working_days" }
"""


def write_framework(folder: Path) -> Path:
    path = folder / "youth_service.toml"
    path.write_text(FRAMEWORK_TOML, encoding="utf-8")
    return path


def youth_framework(folder: Path) -> Framework:
    return load_framework(write_framework(folder))


def make_inspection(path: Path, framework: Framework) -> Path:
    """An inspection on ``framework`` with two invented cases, one of each type (closed)."""
    with Inspection.create(path, name="Youth service test inspection", framework=framework) as i:
        i.add_case(
            None,
            reference="YS-0001",
            case_type="COURT",
            borough="North",
            bcu="Office A",
            team="Team 1",
            date_opened="2026-10-01",
            summary="An invented court order case.",
        )
        i.add_case(
            None,
            reference="YS-0002",
            case_type="DIVERSION",
            borough="South",
            bcu="Office B",
            team="Team 2",
            date_opened="2026-10-02",
            summary="An invented diversion case.",
            attributes={"weeks": 12},
        )
    return path
