"""Large invented inspections for benchmarks and scale tests (1,000 to 100,000 cases)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from auditor.inspection import Inspection

BOROUGHS = ("Ashvale", "Brookfield", "Cresthill", "Dunmere", "Elmstead", "Fernleigh")
BCUS = ("North BCU", "East BCU", "South BCU")
TEAMS = ("Community safety unit", "Child abuse investigation team", "Missing persons unit")
WORDS = ("school", "nursery", "neighbour", "bruising", "missing", "custody", "online", "home")


def write_synthetic(
    path: str | Path, cases: int, events_per_case: int = 10, seed: int = 7
) -> Inspection:
    """A new inspection at ``path`` with ``cases`` invented cases and their chronologies."""
    rng = random.Random(seed)
    inspection = Inspection.create(path, name=f"Synthetic inspection ({cases:,} cases)")
    framework = inspection.framework
    types = [t.code for t in framework.case_types]
    event_types = [e.code for e in framework.event_types]
    start = datetime(2018, 1, 1, 9, 0)
    rows = [
        {
            "reference": f"SY-{number:06d}",
            "case_type": rng.choice(types),
            "borough": rng.choice(BOROUGHS),
            "bcu": rng.choice(BCUS),
            "team": rng.choice(TEAMS),
            "date_opened": (start + timedelta(days=rng.randrange(365))).date().isoformat(),
            "summary": f"Invented case {number}: concern raised by a {rng.choice(WORDS)}.",
        }
        for number in range(1, cases + 1)
    ]
    added = inspection.add_cases(None, rows)
    events = []
    for case in added:
        when = datetime.fromisoformat(f"{case.date_opened}T09:00")
        for _ in range(events_per_case):
            when += timedelta(hours=rng.randrange(1, 72))
            events.append(
                (case.id, when.isoformat(timespec="minutes"), rng.choice(event_types), "Entry")
            )
    inspection.add_chronology(None, events)
    return inspection
