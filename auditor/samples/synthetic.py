"""Large invented inspections for benchmarks and scale tests (1,000 to 100,000 cases).

Everything is drawn from one seeded random generator, so the same arguments always give the
same cases, chronologies, grades and documents (only the random ids and times written by the
inspection itself differ). ``GENERATOR_VERSION`` changes whenever the output changes, so
cached files (see ``benchmarks.data``) are written afresh.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from auditor.framework import Framework
from auditor.grading.rules import AWAITING_REVIEW, COMPLETE, suggest_overall
from auditor.inspection import Inspection
from auditor.people import INSPECTOR
from db import bulk

GENERATOR_VERSION = 2
BENCH_ASSESSOR = "Bench Inspector"

BOROUGHS = ("Ashvale", "Brookfield", "Cresthill", "Dunmere", "Elmstead", "Fernleigh")
BCUS = ("North BCU", "East BCU", "South BCU")
TEAMS = ("Community safety unit", "Child abuse investigation team", "Missing persons unit")
WORDS = ("school", "nursery", "neighbour", "bruising", "missing", "custody", "online", "home")
DETAILS = (
    "Entry",
    "Recorded by the officer in the case",
    "Noted on the crime report",
    "Discussed with the duty sergeant",
    "Logged on Merlin",
)
# Criterion grades are mostly good, as in the 2018 review's sample.
GRADE_WEIGHTS = (0.6, 0.3, 0.1)
REFERRED_ONE_IN = 8


@dataclass(frozen=True)
class SyntheticCase:
    """One invented case: its fields and its chronology as (occurred_at, event_type, detail)."""

    fields: dict[str, Any]
    events: list[tuple[str, str, str]]


def synthetic_cases(
    framework: Framework, cases: int, events_per_case: int = 10, seed: int = 7
) -> Iterator[SyntheticCase]:
    """``cases`` invented cases with ``events_per_case`` chronology events each, seeded."""
    rng = random.Random(seed)
    types = [t.code for t in framework.case_types]
    event_types = [e.code for e in framework.event_types]
    start = datetime(2018, 1, 1, 9, 0)
    for number in range(1, cases + 1):
        opened = (start + timedelta(days=rng.randrange(365))).date().isoformat()
        fields = {
            "reference": f"SY-{number:06d}",
            "case_type": rng.choice(types),
            "borough": rng.choice(BOROUGHS),
            "bcu": rng.choice(BCUS),
            "team": rng.choice(TEAMS),
            "date_opened": opened,
            "summary": f"Invented case {number}: concern raised by a {rng.choice(WORDS)}.",
        }
        when = datetime.fromisoformat(f"{opened}T09:00")
        events = []
        for _ in range(events_per_case):
            when += timedelta(hours=rng.randrange(1, 72))
            events.append(
                (when.isoformat(timespec="minutes"), rng.choice(event_types), rng.choice(DETAILS))
            )
        yield SyntheticCase(fields, events)


def write_synthetic(
    path: str | Path,
    cases: int,
    events_per_case: int = 10,
    seed: int = 7,
    *,
    graded: bool = False,
    documents_every: int = 0,
) -> Inspection:
    """A new inspection at ``path`` with ``cases`` invented cases and their chronologies.

    With ``graded``, every case is fully graded by ``BENCH_ASSESSOR`` (every applicable
    criterion, some with notes, the suggested overall grade; one in eight flagged for referral
    back). With ``documents_every`` N, one case in N carries two small text documents. Grades
    and documents are written in bulk without an audit row each (a fixture, not the
    workstation's path: grading through the core takes about 6 ms a case).
    """
    inspection = Inspection.create(path, name=f"Synthetic inspection ({cases:,} cases)")
    return fill_synthetic(
        inspection, cases, events_per_case, seed, graded=graded, documents_every=documents_every
    )


def fill_synthetic(
    inspection: Inspection,
    cases: int,
    events_per_case: int = 10,
    seed: int = 7,
    *,
    graded: bool = False,
    documents_every: int = 0,
) -> Inspection:
    """Add ``write_synthetic``'s invented cases to an open inspection (returned)."""
    framework = inspection.framework
    generated = list(synthetic_cases(framework, cases, events_per_case, seed))
    added = inspection.add_cases(None, [case.fields for case in generated])
    inspection.add_chronology(
        None,
        (
            (case.id, *event)
            for case, invented in zip(added, generated, strict=True)
            for event in invented.events
        ),
    )
    rng = random.Random(seed * 7919 + cases)
    if graded:
        _grade_everything(inspection, [(c.id, c.case_type) for c in added], rng)
    if documents_every > 0:
        _add_documents(inspection, added[::documents_every], rng)
    return inspection


def _grade_everything(
    inspection: Inspection, cases: list[tuple[str, str]], rng: random.Random
) -> None:
    framework = inspection.framework
    assessor = inspection.assessor(BENCH_ASSESSOR, INSPECTOR).id
    codes = [g.code for g in framework.grades]
    reason = framework.referral_reasons[0].code
    applying = {
        t.code: [c.id for c in framework.criteria_for(t.code)] for t in framework.case_types
    }
    at = inspection.clock()
    assessments, grades, referrals = [], [], []
    for case_id, case_type in cases:
        assessment = inspection.new_id()
        chosen = rng.choices(codes, GRADE_WEIGHTS, k=len(applying[case_type]))
        for criterion, grade in zip(applying[case_type], chosen, strict=True):
            note = f"Evidence seen for {criterion}." if rng.random() < 0.3 else ""
            grades.append(
                {
                    "id": inspection.new_id(),
                    "assessment_id": assessment,
                    "criterion_id": criterion,
                    "grade": grade,
                    "note": note,
                    "graded_by": assessor,
                    "graded_at": at,
                }
            )
        referred = rng.randrange(REFERRED_ONE_IN) == 0
        assessments.append(
            {
                "id": assessment,
                "case_id": case_id,
                "assessor_id": assessor,
                "overall_grade": suggest_overall(framework, chosen),
                "override_reason": "",
                "status": AWAITING_REVIEW if referred else COMPLETE,
                "started_at": at,
                "updated_at": at,
                "completed_at": at,
            }
        )
        if referred:
            referrals.append(
                {
                    "id": inspection.new_id(),
                    "assessment_id": assessment,
                    "reason": reason,
                    "note": "Invented referral: the child was not seen.",
                    "flagged_by": assessor,
                    "flagged_at": at,
                }
            )
    with inspection.db.atomic():
        bulk.insert_rows(inspection.db, "assessments", assessments)
        bulk.insert_rows(inspection.db, "criterion_grades", grades)
        bulk.insert_rows(inspection.db, "referrals", referrals)


def _add_documents(inspection: Inspection, cases: list[Any], rng: random.Random) -> None:
    at = inspection.clock()
    rows = []
    for case in cases:
        for title in ("Crime report", "Strategy discussion notes"):
            words = " ".join(rng.choice(WORDS) for _ in range(120))
            content = f"{title} for {case.reference}.\n\n{words}\n".encode()
            rows.append(
                {
                    "id": inspection.new_id(),
                    "case_id": case.id,
                    "title": title,
                    "filename": f"{title.lower().replace(' ', '-')}.txt",
                    "media_type": "text/plain",
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "content": content,
                    "added_at": at,
                }
            )
    with inspection.db.atomic():
        bulk.insert_rows(inspection.db, "documents", rows)
