"""A small invented format 2 framework file for the framework tests, and edits of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import Framework, FrameworkError, load_framework

#: Every format 2 part once: words, two scales with keys, share bands, a domain each rated its
#: own way, attributes of both types, conditions, prompts, wording per case type, a target in
#: each unit, bank holidays.
V2_TOML = """\
[framework]
id = "invented-v2"
name = "Invented standard (format 2)"
version = "t1"
format = 2

[words]
inspected_body = "the service"
referral = "Referral back to the service"
referral_short = "Referral"
external_grade = "Service rating"
area_1 = "Region"
area_2 = ""
case_files = "invented case records"

[grading]
overall_suggestion = "share"

[grading.share]
answers = ["yes", "partly"]
bands = [
  { at_least = 80, grade = "strong" },
  { at_least = 50.5, grade = "fair" },
  { at_least = 0, grade = "weak" },
]

[[grades]]
code = "strong"
label = "Strong"

[[grades]]
code = "fair"
label = "Fair"

[[grades]]
code = "weak"
label = "Weak"

[[answers]]
code = "yes"
label = "Yes"
aliases = ["y"]
key = "y"

[[answers]]
code = "partly"
label = "Partly"

[[answers]]
code = "no"
label = "No"
key = "n"

[not_applicable]
code = "na"
label = "Does not apply"
key = "x"

[[case_types]]
code = "ADULT"
label = "Adult"

[[case_types]]
code = "YOUTH"
label = "Youth"

[[referral_reasons]]
code = "risk"
label = "Risk not managed"

[[attributes]]
id = "weeks"
label = "Weeks supervised"

[[attributes]]
id = "tier"
label = "Tier"
type = "text"

[[domains]]
id = "assess"
title = "Assessment"

[[domains]]
id = "plan"
title = "Planning"
suggestion = "worst"

[[criteria]]
id = "a1"
domain = "assess"
title = "A1"
question = "Was the risk assessed?"
guidance = "General guidance."
applies_to = ["*"]
prompts = ["a) history used", "b) police checked"]
prompts_feed = "all"

[criteria.wording.YOUTH]
question = "Was the young person's risk assessed?"

[[criteria]]
id = "a2"
domain = "assess"
title = "A2"
question = "Short order?"
applies_to = ["ADULT"]
applies_when = "weeks <= 8"

[[criteria]]
id = "p1"
domain = "plan"
title = "P1"
question = "Tier two plan?"
applies_to = ["*"]
applies_when = ["tier == 'two'", "weeks > 2"]

[[event_types]]
code = "start"
label = "Started"

[[event_types]]
code = "done"
label = "Done"

[[measures]]
id = "in_hours"
label = "Done in hours"
from = "start"
to = "done"
target = { value = 36, unit = "hours" }
applies_to = ["ADULT"]

[[measures]]
id = "in_days"
label = "Done in days"
from = "start"
to = "done"
target = { value = 1, unit = "days" }
applies_to = ["YOUTH"]

[[measures]]
id = "in_working_days"
label = "Done in working days"
from = "start"
to = "done"
target = { value = 15, unit = "working_days" }
applies_to = ["*"]

[[measures]]
id = "old_form"
label = "Done, target in hours (format 1 form)"
from = "start"
to = "done"
target_hours = 24
applies_to = ["*"]

[calendar]
bank_holidays = ["2026-04-03", 2026-04-06]
"""


def v2_file(tmp_path: Path, old: str = "", new: str = "", *, add: str = "") -> Path:
    """The invented file with ``old`` (which must occur exactly once) replaced by ``new``, and
    ``add`` appended."""
    text = V2_TOML
    if old:
        assert text.count(old) == 1, f"{old!r} is not in the invented framework once"
        text = text.replace(old, new)
    path = tmp_path / "invented_v2.toml"
    path.write_text(text + add, encoding="utf-8")
    return path


def v2(tmp_path: Path, old: str = "", new: str = "", *, add: str = "") -> Framework:
    return load_framework(v2_file(tmp_path, old, new, add=add))


def v2_refused(tmp_path: Path, old: str = "", new: str = "", *, add: str = "") -> str:
    """The one-line refusal of the edited file (which must name the file)."""
    path = v2_file(tmp_path, old, new, add=add)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message
