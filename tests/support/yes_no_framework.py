"""A small invented format-2 framework for the tests: Yes/No answers, four ratings, two
domains, a case attribute, measures in hours, calendar days and working days, and the words of
an inspectorate that is not the police's."""

from __future__ import annotations

from auditor.framework import Framework, parse_framework

#: Bank holidays of the invented calendar (a Friday and the Monday after).
HOLIDAYS = ("2026-04-03", "2026-04-06")

YES_NO_TOML = """
[framework]
id = "test-yes-no"
name = "Invented Yes/No standard"
version = "test 1"
source = "Invented for the tests"
format = 2

[words]
inspected_body = "the service"
referral = "Referral back to the service"
referral_short = "Referral"
external_grade = "Service's own rating"
area_1 = "Region"
area_2 = "Office"
case_files = "probation case records"

[grading]
overall_suggestion = "share"
overall_from = "criteria"

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
aliases = ["n/a"]

[[case_types]]
code = "ADULT"
label = "Adult supervision"

[[case_types]]
code = "YOUTH"
label = "Youth supervision"

[[attributes]]
id = "weeks"
label = "Weeks supervised"
type = "number"

[[domains]]
id = "assessment"
title = "Assessment"
suggestion = "share"

[[domains]]
id = "planning"
title = "Planning"
suggestion = "worst"

[[referral_reasons]]
code = "risk"
label = "Risk not managed"

[[criteria]]
id = "a1"
domain = "assessment"
title = "A1 Risk assessed"
question = "Was the risk assessed?"
applies_to = ["ADULT", "YOUTH"]

[[criteria]]
id = "a2"
domain = "assessment"
title = "A2 Diversity considered"
question = "Were the person's needs considered?"
applies_to = ["ADULT", "YOUTH"]

[[criteria]]
id = "a3"
domain = "assessment"
title = "A3 Victims considered"
question = "Were victims considered?"
applies_to = ["ADULT", "YOUTH"]

[[criteria]]
id = "a4"
domain = "assessment"
title = "A4 Sources checked"
question = "Were other sources checked?"
applies_to = ["ADULT", "YOUTH"]

[[criteria]]
id = "a5"
domain = "assessment"
title = "A5 Short order reviewed"
question = "Was the short order reviewed?"
applies_to = ["ADULT"]
applies_when = "weeks <= 8"

[[criteria]]
id = "p1"
domain = "planning"
title = "P1 Plan made"
question = "Was a plan made?"
applies_to = ["ADULT", "YOUTH"]

[[criteria]]
id = "p2"
domain = "planning"
title = "P2 Plan shared"
question = "Was the plan shared?"
applies_to = ["ADULT", "YOUTH"]

[[event_types]]
code = "started"
label = "Supervision started"

[[event_types]]
code = "assessed"
label = "Assessment completed"

[[event_types]]
code = "seen"
label = "First seen"

[[measures]]
id = "assessment_due"
since = "supervision start"
label = "Assessment after supervision start"
from = "started"
to = "assessed"
target = { value = 15, unit = "working_days" }
applies_to = ["ADULT", "YOUTH"]

[[measures]]
id = "seen_days"
label = "First seen after start"
from = "started"
to = "seen"
target = { value = 5, unit = "days" }
applies_to = ["ADULT"]

[[measures]]
id = "seen_hours"
label = "First seen within hours"
from = "started"
to = "seen"
target_hours = 72
applies_to = ["YOUTH"]

[calendar]
bank_holidays = ["2026-04-03", "2026-04-06"]
"""


def yes_no_framework(
    overall_from: str = "criteria", overall_suggestion: str = "share"
) -> Framework:
    """The invented framework, its overall rule as given."""
    text = YES_NO_TOML.replace(
        'overall_suggestion = "share"\noverall_from = "criteria"',
        f'overall_suggestion = "{overall_suggestion}"\noverall_from = "{overall_from}"',
    )
    return parse_framework(text, "yes_no_test.toml")
