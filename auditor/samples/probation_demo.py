"""The probation demo: twelve invented probation cases graded on the second bundled framework."""

from __future__ import annotations

import tomllib
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.framework import Framework, bundled_framework
from auditor.grading.rules import suggest_for_case
from auditor.inspection import Assessor, Inspection
from auditor.records import Case

#: The framework file the demo is graded on (resources/frameworks).
PROBATION_FRAMEWORK = "hmip_probation_case_assessment.toml"
#: The demo material (resources/demo).
PROBATION_MATERIAL = "probation_demo.toml"
#: The fieldwork began this many days before the day the demo is written, and lasted this long.
FIELDWORK_DAYS_AGO = 14
FIELDWORK_DAYS = 20


def probation_framework() -> Framework:
    """The bundled HM Inspectorate of Probation framework the demo uses."""
    return bundled_framework(PROBATION_FRAMEWORK)


def probation_material() -> dict[str, Any]:
    """The demo's invented cases, people and answers, as read from its TOML file."""
    text = resources.files("resources.demo").joinpath(PROBATION_MATERIAL).read_text("utf-8")
    return tomllib.loads(text)


class _Clock:
    """A clock that ticks 41 seconds a call, so two runs on a day write the same times."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> str:
        self.now += timedelta(seconds=41)
        return self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Ids:
    """Deterministic ids: the same demo run twice has the same ids."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return uuid.UUID(int=0x2025_10_20 << 64 | self.count, version=4).hex


def write_probation_demo(path: str | Path, today: date | None = None) -> Inspection:
    """Write the probation demo inspection to a new file at ``path`` and return it open."""
    material = probation_material()
    meta = material["inspection"]
    first = (today or datetime.now(UTC).date()) - timedelta(days=FIELDWORK_DAYS_AGO)
    start = datetime(first.year, first.month, first.day, 9, 0, tzinfo=UTC)
    inspection = Inspection.create(
        path,
        name=meta["name"],
        force=meta["inspected_body"],
        start_date=first.isoformat(),
        end_date=(first + timedelta(days=FIELDWORK_DAYS)).isoformat(),
        framework=probation_framework(),
        clock=_Clock(start),
        new_id=_Ids(),
    )
    try:
        _fill(inspection, material)
    except BaseException:
        inspection.close()
        Path(path).unlink(missing_ok=True)
        raise
    return inspection


def _fill(inspection: Inspection, material: dict[str, Any]) -> None:
    for person in material["assessors"]:
        inspection.assessor(person["name"], person["role"])
    people = {p.name: p for p in inspection.assessors()}
    cases = [(_add_case(inspection, spec), spec) for spec in material["cases"]]
    ratings = {
        case.id: spec["local_assessor_rating"]
        for case, spec in cases
        if "local_assessor_rating" in spec
    }
    if ratings:
        inspection.moderation.set_force_grades(None, ratings)
    for case, spec in cases:
        if "graded_by" in spec:
            _grade(inspection, case, spec, people[spec["graded_by"]])


def case_attributes(framework: Framework, spec: Mapping[str, Any]) -> dict[str, Any]:
    """A demo case's attributes: those the framework declares that the case gives."""
    return {a.id: spec[a.id] for a in framework.attributes if a.id in spec}


def _add_case(inspection: Inspection, spec: dict[str, Any]) -> Case:
    case = inspection.add_case(
        None,
        reference=spec["reference"],
        case_type=spec["case_type"],
        borough=spec["region"],
        bcu=spec["pdu"],
        team=spec["team"],
        date_opened=spec["started"],
        summary=spec["summary"],
        attributes=case_attributes(inspection.framework, spec),
    )
    events = [(when, event_type, detail) for when, event_type, detail in spec["events"]]
    inspection.add_events(None, case.id, events)
    lines = [f"{when.replace('T', ' ')}  {detail}" for when, _, detail in events]
    record = (
        f"CASE RECORD {case.reference} (fictional demo material: no real person is described)\n\n"
        f"Sentence: {inspection.framework.case_type_label(case.case_type)}\n"
        f"Region: {spec['region']}  PDU: {spec['pdu']}\nTeam: {spec['team']}\n"
        f"Supervision started: {spec['started']}\n\nSummary\n{spec['summary']}\n\n"
        "Contact log\n" + "\n".join(lines) + "\n"
    )
    inspection.add_document(
        None, case.id, "case_record.txt", record.encode("utf-8"), title="Case record"
    )
    return case


def _grade(inspection: Inspection, case: Case, spec: dict[str, Any], who: Assessor) -> None:
    framework = inspection.framework
    grading = inspection.grading
    questions = framework.criteria_for(case.case_type, case.attributes)
    answers: dict[str, str] = spec.get("answers", {})
    notes: dict[str, str] = spec.get("notes", {})
    ticks: dict[str, str] = spec.get("prompts", {})
    for criterion in questions:
        for index, tick in enumerate(ticks.get(criterion.id, "")):
            inspection.prompts.set_prompt(who, case.id, criterion.id, index, tick)
        if criterion.id in answers:
            grading.set_grade(case.id, who, criterion.id, answers[criterion.id])
        if criterion.id in notes:
            grading.set_note(case.id, who, criterion.id, notes[criterion.id])
    if spec.get("overall"):
        suggested = suggest_for_case(framework, case.case_type, answers, case.attributes)
        grading.set_overall(case.id, who, suggested)
    if "referral" in spec:
        grading.set_referral(case.id, who, spec["referral"]["reason"], spec["referral"]["note"])
