"""What the bulk-grading import tests share: graded Cases sheets of the sample's cases, the
people who grade them, and grading through the desks as users would."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from auditor.framework import bundled_framework
from auditor.importing import gradings
from auditor.inspection import Inspection
from auditor.people import SUPERVISOR
from tests.support.importing import CASES, CASES_HEADINGS, write_workbook

FRAMEWORK = bundled_framework()
TYPES = {"IMP-001": "MISSING", "IMP-002": "S47", "IMP-003": "CUSTODY"}
LABELS = {t.code: t.label for t in FRAMEWORK.case_types}
REASON, OTHER_REASON = "child_at_risk", "procedures_not_followed"
ROBIN, SAM, SUE = "Robin Example", "Sam Other", "Sue Visor"


def criteria(reference: str) -> list[str]:
    return [c.id for c in FRAMEWORK.criteria_for(TYPES.get(reference, "S47"))]


def graded_sheet(path: Path, rows: list[dict[str, Any]]) -> Path:
    """A Cases sheet of ``rows``: each names its reference (and type, when not one of the
    sample's), and any of: assessor, criterion ids (grades), "<id> note", overall, override,
    referred, reason, referral_note."""
    headings = [*CASES_HEADINGS, "Assessor"]
    for criterion in FRAMEWORK.criteria:
        headings += [criterion.id, f"{criterion.id} note"]
    headings += ["Overall grade", "Override reason", "Referred back", "Referral reason"]
    headings += ["Referral note"]
    sample = {row[0]: row for row in CASES}
    table = [headings]
    for given_row in rows:
        reference = given_row["reference"]
        base = sample.get(reference) or [
            reference,
            given_row.get("type", "S47"),
            "",
            "",
            "",
            "",
            "Added by a graded file",
        ]
        values: dict[str, Any] = {
            "Assessor": given_row.get("assessor"),
            "Overall grade": given_row.get("overall"),
            "Override reason": given_row.get("override"),
            "Referred back": given_row.get("referred"),
            "Referral reason": given_row.get("reason"),
            "Referral note": given_row.get("referral_note"),
        }
        for key, value in given_row.items():
            if FRAMEWORK.criterion(key.removesuffix(" note")) is not None:
                values[key] = value
        table.append([*base, *(values.get(h) for h in headings[len(CASES_HEADINGS) :])])
    return write_workbook(path, {"Cases": table})


def statuses(outcome) -> dict[str, str]:
    """Case reference -> status of its assessments (one assessor's each) after an import."""
    references = {row[1]: row[2] for row in outcome.rows["cases"]}
    return {references[row[2]]: row[6] for row in outcome.rows["assessments"]}


def every(reference: str, grade: str = "Good", **more: Any) -> dict[str, Any]:
    """A row grading every criterion of the case ``grade``, with ``more``."""
    return {"reference": reference, **dict.fromkeys(criteria(reference), grade), **more}


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two gradings a chunk: the rows are written, and the next read, many times a file."""
    monkeypatch.setattr(gradings, "FLUSH_EVERY", 2)


@pytest.fixture
def start(tmp_path: Path, base_inspection: Path) -> Path:
    """The sample's three cases, with no grades."""
    path = tmp_path / "start.caseaudit"
    shutil.copyfile(base_inspection, path)
    return path


def by_desk(path: Path, work) -> None:
    """Change ``path`` through the desks (``work(inspection, people)``), as users would."""
    with Inspection.open(path) as inspection:
        people = {
            name: inspection.assessor(name, role)
            for name, role in ((ROBIN, "inspector"), (SAM, "inspector"), (SUE, SUPERVISOR))
        }
        work(inspection, people)


def case_id(inspection: Inspection, reference: str) -> str:
    found = inspection.case_by_reference(reference)
    assert found is not None
    return found.id


def grade_fully(inspection: Inspection, who, reference: str, grade: str = "good") -> str:
    cid = case_id(inspection, reference)
    for criterion in criteria(reference):
        inspection.grading.set_grade(cid, who, criterion, grade)
    inspection.grading.set_overall(cid, who, grade)
    return cid
