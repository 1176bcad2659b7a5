"""An invented format 2 framework with case attributes and sub-prompts, and inspections of it
(for the case attribute and sub-prompt tick tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from auditor.framework import Framework, parse_framework
from auditor.importing.run import import_file
from auditor.inspection import Inspection

ATTRIBUTES_TOML = """\
[framework]
id = "invented-attributes"
name = "Invented standard with case attributes"
version = "t1"
format = 2

[words]
inspected_body = "the service"
referral = "Referral back to the service"
referral_short = "Referral"
external_grade = "Local rating"
area_1 = "Region"
area_2 = "PDU"
case_files = "invented case records"

[[grades]]
code = "good"
label = "Good"

[[grades]]
code = "poor"
label = "Poor"

[[answers]]
code = "yes"
label = "Yes"

[[answers]]
code = "no"
label = "No"

[not_applicable]
code = "na"
label = "Not applicable"

[[case_types]]
code = "LICENCE"
label = "Licence"

[[case_types]]
code = "ORDER"
label = "Community order"

[[referral_reasons]]
code = "risk"
label = "Risk not managed"

[[attributes]]
id = "licence_weeks"
label = "Licence weeks"
type = "number"

[[attributes]]
id = "tier"
label = "Tier"
type = "text"

[[criteria]]
id = "short_licence"
title = "Short licence contact"
question = "Was contact made within the short licence?"
applies_to = ["LICENCE"]
applies_when = "licence_weeks <= 8"
prompts = ["a) seen in week one", "b) address checked", "c) plan shared"]
prompts_feed = "all"

[[criteria]]
id = "safety"
title = "Safety"
question = "Was safety considered?"
applies_to = ["LICENCE", "ORDER"]
prompts = ["a) victims", "b) children"]
prompts_feed = "any"

[[criteria]]
id = "plan"
title = "Plan"
question = "Was there a plan?"
applies_to = ["LICENCE", "ORDER"]

[[event_types]]
code = "start"
label = "Started"

[[event_types]]
code = "seen"
label = "Seen"

[[measures]]
id = "seen_in_days"
label = "Seen in days"
from = "start"
to = "seen"
target = { value = 5, unit = "days" }
applies_to = ["LICENCE", "ORDER"]
"""

#: The Cases sheet's headings for this framework, as its words and attributes name them.
HEADINGS = ["Case reference", "Case type", "Region", "PDU", "Licence weeks", "Tier"]


def attributes_framework() -> Framework:
    return parse_framework(ATTRIBUTES_TOML, "invented_attributes.toml")


def new_inspection(path: Path) -> Inspection:
    """An empty inspection of the invented framework."""
    return Inspection.create(path, name="Invented attributes", framework=attributes_framework())


def workbook(path: Path, headings: list[str], rows: list[list[Any]]) -> Path:
    """A workbook whose Cases sheet holds ``headings`` and ``rows``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cases"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


IMPORTER = "Robin Example"
ROWS = [
    ["LIC-1", "Licence", "North", "PDU A", 8, "two"],
    ["LIC-2", "Licence", "North", "PDU A", "9", None],
    ["LIC-3", "Licence", "South", "PDU B", None, None],
    ["ORD-1", "Community order", "South", "PDU B", 7.5, "one"],
]


def imported_inspection(tmp_path: Path) -> Path:
    """An inspection of the invented framework with ``ROWS`` imported."""
    path = tmp_path / "attributes.caseaudit"
    new_inspection(path).close()
    import_file(path, workbook(tmp_path / "cases.xlsx", HEADINGS, ROWS), IMPORTER)
    return path
