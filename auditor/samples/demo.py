"""The demo inspection: about 60 invented cases, deterministic, some already graded."""

from __future__ import annotations

import random
import tomllib
import uuid
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.framework import bundled_framework
from auditor.grading.rules import suggest_overall
from auditor.inspection import Assessor, Inspection
from auditor.pdftext import text_pdf
from auditor.people import INSPECTOR
from auditor.people.keys import PersonalKey, read_key
from auditor.records import Case

SEED = 2018
#: The demo's fieldwork began this many days before the day it is written, so the ages the
#: views show ("12 days since flagged") look like a real inspection's.
FIELDWORK_DAYS_AGO = 21
FIELDWORK_DAYS = 25


def clock_start(today: date | None = None) -> datetime:
    """9:00 UTC on the first day of the demo's fieldwork."""
    day = (today or datetime.now(UTC).date()) - timedelta(days=FIELDWORK_DAYS_AGO)
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def _material() -> dict[str, Any]:
    text = resources.files("resources.demo").joinpath("demo_material.toml").read_text("utf-8")
    return tomllib.loads(text)


class _DeterministicClock:
    """A clock that ticks 37 seconds a call, so two demo runs on a day write the same times."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> str:
        self.now += timedelta(seconds=37)
        return self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_demo(path: str | Path) -> Inspection:
    """Write the demo inspection to a new file at ``path`` and return it open."""
    rng = random.Random(SEED)
    material = _material()
    meta = material["inspection"]
    start = clock_start()
    inspection = Inspection.create(
        path,
        name=meta["name"],
        force=meta["force"],
        start_date=start.date().isoformat(),
        end_date=(start.date() + timedelta(days=FIELDWORK_DAYS)).isoformat(),
        framework=bundled_framework(),
        clock=_DeterministicClock(start),
        new_id=lambda: uuid.UUID(int=rng.getrandbits(128), version=4).hex,
    )
    people = [inspection.assessor(a["name"], a["role"]) for a in material["assessors"]]
    inspectors = [p for p in people if p.role == INSPECTOR]
    number = 0
    for case_type in inspection.framework.case_types:
        spec = material["types"][case_type.code]
        for index in range(spec["count"]):
            number += 1
            case = _add_case(inspection, rng, material, case_type.code, spec, number, index)
            # About half the cases are graded already; a few more are under way.
            progress = rng.random()
            who = inspectors[number % len(inspectors)]
            if progress < 0.5:
                _grade(inspection, rng, material, case, who, complete=True)
            elif progress < 0.62:
                _grade(inspection, rng, material, case, who, complete=False)
    return inspection


def _add_case(
    inspection: Inspection,
    rng: random.Random,
    material: dict[str, Any],
    case_type: str,
    spec: dict[str, Any],
    number: int,
    index: int,
) -> Case:
    area = material["areas"][rng.randrange(len(material["areas"]))]
    child = f"Child {chr(ord('A') + index)}"
    age = rng.randint(4, 17) if case_type != "CUSTODY" else rng.randint(12, 17)
    opened = date(2018, 1, 8) + timedelta(days=rng.randrange(150))
    summary = rng.choice(spec["summaries"]).format(child=child, age=age)
    case = inspection.add_case(
        None,
        reference=f"NM-{opened:%y}-{number:04d}",
        case_type=case_type,
        borough=area["borough"],
        bcu=area["bcu"],
        team=spec["team"],
        date_opened=opened.isoformat(),
        summary=summary,
    )
    start = datetime(
        opened.year, opened.month, opened.day, rng.randint(8, 22), rng.choice([0, 15, 30, 45])
    )
    events = []
    for hours, event_type, detail in spec["events"]:
        offset = _offset(rng, hours)
        if offset is None:
            continue  # this case file has no record of the event
        when = start + timedelta(hours=offset)
        events.append((when.isoformat(timespec="minutes"), event_type, detail.format(child=child)))
    inspection.add_events(None, case.id, events)
    _add_documents(inspection, case, child, summary, events)
    return case


def _offset(rng: random.Random, hours: int | str) -> float | None:
    """Hours after first contact; the named slots vary between on time, late and missing."""
    if isinstance(hours, int | float):
        return float(hours)
    roll = rng.random()
    # (cumulative probability, hours) for each slot; None is "no record in the file".
    choices: dict[str, list[tuple[float, float | None]]] = {
        # target 24 hours; the review cites a 29-day (696-hour) delay
        "merlin": [(0.55, 4.0), (0.7, 20.0), (0.8, 696.0), (0.9, None), (1.0, 60.0)],
        # target 2 hours after detention at hour 1; the review cites 8 and 16 hours
        "adult": [(0.4, 2.5), (0.7, 9.0), (0.9, 17.0), (1.0, None)],
        # target 72 hours after being found at hour 19
        "return": [(0.6, 59.0), (0.85, 139.0), (1.0, None)],
        # charged at hour 14; a 14-year-old was held 60 hours in all
        "leave": [(0.5, 20.0), (1.0, 60.0)],
    }
    if hours in choices:
        return next(value for limit, value in choices[hours] if roll < limit)
    raise ValueError(f"unknown demo slot {hours!r}")


def _add_documents(
    inspection: Inspection, case: Case, child: str, summary: str, events: list[tuple[str, str, str]]
) -> None:
    report = (
        f"CRIME REPORT {case.reference} (fictional demo material)\n\n"
        f"Case type: {inspection.framework.case_type_label(case.case_type)}\n"
        f"Borough: {case.borough} ({case.bcu})\nTeam: {case.team}\n"
        f"Opened: {case.date_opened}\n\nSummary\n{summary}\n\n"
        "Officer's account\nThe attending officer recorded the circumstances above. "
        f"{child}'s account is summarised in the chronology.\n"
    )
    inspection.add_document(
        None, case.id, "crime_report.txt", report.encode("utf-8"), title="Crime report"
    )
    merlin = next((e for e in events if e[1] == "merlin_submitted"), None)
    paragraphs = [
        f"Case {case.reference}. Fictional demo material: no real person is described.",
        f"Subject: {child}. {summary}",
        (
            f"Submitted {merlin[0].replace('T', ' ')}."
            if merlin
            else "No submission is recorded in the case file."
        ),
        "Shared with children's social care through the multi-agency safeguarding hub.",
    ]
    inspection.add_document(
        None,
        case.id,
        "merlin_form.pdf",
        text_pdf("Merlin pre-assessment checklist (demo)", paragraphs),
        title="Merlin form",
    )
    reviews = [e for e in events if e[1] == "supervisor_review"]
    if reviews:
        lines = [f"{when.replace('T', ' ')}  {detail}" for when, _, detail in reviews]
        inspection.add_document(
            None,
            case.id,
            "supervisor_review.txt",
            ("SUPERVISOR REVIEW\n\n" + "\n".join(lines) + "\n").encode(),
            title="Supervisor review",
        )


def _grade(
    inspection: Inspection,
    rng: random.Random,
    material: dict[str, Any],
    case: Case,
    who: Assessor,
    *,
    complete: bool,
) -> None:
    framework = inspection.framework
    grading = inspection.grading
    # A case leans to one grade; each criterion is that grade or a neighbour of it.
    lean = rng.choices([0, 1, 2], weights=[31, 42, 27])[0]
    criteria = framework.criteria_for(case.case_type)
    if not complete:
        criteria = criteria[: max(1, len(criteria) // 2)]
    for criterion in criteria:
        if rng.random() < 0.12 and criterion.id not in ("voice_of_child", "supervision"):
            grading.set_grade(case.id, who, criterion.id, framework.not_applicable.code)
            continue
        rank = min(2, max(0, lean + rng.choice([-1, 0, 0, 0, 1])))
        grade = framework.grades[rank]
        grading.set_grade(case.id, who, criterion.id, grade.code)
        if rng.random() < 0.6:
            grading.set_note(case.id, who, criterion.id, rng.choice(material["notes"][grade.code]))
    if not complete:
        return
    assessment = grading.assessment(case.id, who.id)
    assert assessment is not None
    suggested = suggest_overall(framework, [assessment.grade_of(c.id) for c in criteria])
    grading.set_overall(case.id, who, suggested)
    if suggested == "inadequate" and rng.random() < 0.4:
        reason = rng.choice(["child_at_risk", "procedures_not_followed"])
        grading.set_referral(case.id, who, reason, rng.choice(material["notes"]["referral"]))


#: The passphrase of the demo people's keys (resources/demo/keys; written in the user guide).
DEMO_KEY_PASSPHRASE = "demo passphrase"
#: The demo's people with keys: the lead first.
DEMO_KEYS = ("alex", "robin", "sam")


def demo_keys_folder() -> str:
    """Where the demo people's key files are (inside the installed workstation)."""
    return str(resources.files("resources.demo.keys"))


def demo_key(first_name: str) -> PersonalKey:
    """A demo person's key (fictional: the passphrase is public, in the user guide)."""
    source = resources.files("resources.demo.keys").joinpath(f"{first_name}.key")
    with resources.as_file(source) as path:
        return read_key(path, DEMO_KEY_PASSPHRASE)


def write_signed_demo(path: str | Path) -> Inspection:
    """The demo inspection, signed: Alex Placeholder its lead, Robin and Sam with keys."""
    inspection = write_demo(path)
    lead, *others = (demo_key(name) for name in DEMO_KEYS)
    me = inspection.roster.start(lead)
    people = {p.name: p for p in inspection.assessors()}
    for key in others:
        inspection.roster.add_key(me, people[key.name].id, key.card)
    return inspection
