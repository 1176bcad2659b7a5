"""Helpers for the report tests: real inspection files built through the grading API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from auditor.reports import ReportData, load_report_data

GOOD, RI, INADEQUATE, NA = "good", "requires_improvement", "inadequate", "not_applicable"
SCALE = (GOOD, RI, INADEQUATE)
# The framework's case types in its order, typed by hand from DOMAIN.md.
TYPES = (
    "DA_REFERRAL",
    "OTHER_REFERRAL",
    "S47",
    "S46",
    "RSO",
    "CSE",
    "ONLINE_CSE",
    "MISSING",
    "CUSTODY",
)


@dataclass
class Ticker:
    """A clock that moves on one second at every reading, so 'most recent' is unambiguous."""

    now: datetime = field(default_factory=lambda: datetime(2018, 6, 1, 9, 0))

    def __call__(self) -> str:
        self.now += timedelta(seconds=1)
        return self.now.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def new_inspection(path: Path) -> Inspection:
    return Inspection.create(path, name="Report test inspection (invented)", clock=Ticker())


def add_cases(insp: Inspection, specs: list[dict[str, Any]]) -> list[Case]:
    """Cases from dicts of case fields; reference defaults to R-0001, R-0002, ..."""
    start = len(insp.case_list())
    rows = [{"reference": f"R-{start + n:04d}", **spec} for n, spec in enumerate(specs, start=1)]
    return insp.add_cases(None, rows)


def grade(insp: Inspection, actor: Assessor, case: Case, overall: str | None) -> None:
    insp.grading.set_overall(case.id, actor, overall)


def refer(insp: Inspection, actor: Assessor, case: Case) -> None:
    insp.grading.set_referral(case.id, actor, "child_at_risk", "Invented reason for the test.")


def load(insp: Inspection) -> ReportData:
    return load_report_data(insp)


FIGURE_1 = [
    ("DA_REFERRAL", "Referrals relating to domestic abuse", 20, 11, 6, 37),
    ("OTHER_REFERRAL", "Referrals other than domestic abuse", 22, 18, 5, 45),
    ("S47", "Enquiries under section 47 of the Children Act 1989", 13, 13, 20, 46),
    ("S46", "Children taken to a place of safety by police officers", 7, 11, 9, 27),
    ("RSO", "Sex offender management", 9, 10, 3, 22),
    ("CSE", "Children at risk of child sexual exploitation non-internet", 8, 15, 4, 27),
    ("ONLINE_CSE", "Children at risk of child sexual exploitation online", 5, 11, 18, 34),
    ("MISSING", "Children missing", 9, 17, 9, 35),
    ("CUSTODY", "Children in police custody", 0, 21, 9, 30),
]


ALL = (93, 127, 83, 303)
