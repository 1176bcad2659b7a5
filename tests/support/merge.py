"""Building laptop files from one base inspection, grading them, and comparing merged files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.inspection import Assessor, Inspection
from auditor.merging.package import write_package
from tests.support.grades import CUSTODY_CRITERIA, GOOD, INADEQUATE, RI

SCALE = (GOOD, RI, INADEQUATE)
REFERENCES = tuple(f"CUS-{n:04d}" for n in range(1, 9))
BOROUGHS = ("Invented North", "Invented South")


def make_base(path: Path) -> Path:
    """An inspection of eight invented custody cases, with a lead and a shared inspector."""
    with Inspection.create(path, name="Merge test inspection", force="Invented force") as insp:
        lead = insp.assessor("Lee Lead", "supervisor")
        insp.assessor("Sam Shared", "inspector")
        cases = insp.add_cases(
            lead,
            [
                {
                    "reference": ref,
                    "case_type": "CUSTODY",
                    "borough": BOROUGHS[i % 2],
                    "date_opened": f"2018-0{1 + i % 6}-1{i}",
                    "summary": f"Invented: custody case {i + 1}.",
                }
                for i, ref in enumerate(REFERENCES)
            ],
        )
        insp.add_chronology(
            lead,
            [
                (c.id, "2018-02-01T10:00", "first_contact", "Invented first contact")
                for c in cases[:4]
            ],
        )
    return path


def copy_of(base: Path, path: Path) -> Path:
    shutil.copyfile(base, path)
    return path


def case_id(insp: Inspection, reference: str) -> str:
    case = insp.case_by_reference(reference)
    assert case is not None
    return case.id


def grade_case(
    insp: Inspection, reference: str, actor: Assessor, grade: str, *, refer: bool = False
) -> None:
    """Grade every criterion of a case ``grade``, the overall grade too; optionally refer it."""
    cid = case_id(insp, reference)
    for criterion in CUSTODY_CRITERIA:
        insp.grading.set_grade(cid, actor, criterion, grade)
    insp.grading.set_note(cid, actor, CUSTODY_CRITERIA[0], f"Invented note by {actor.name}")
    insp.grading.set_overall(cid, actor, grade)
    if refer:
        reason = insp.framework.referral_reasons[0].code
        insp.grading.set_referral(cid, actor, reason, "Invented: child left at risk")


def package(path: Path, out: Path) -> Path:
    with Inspection.open(path) as insp:
        write_package(insp, out)
    return out


def canonical(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table with ids replaced by what they stand for (reference, name and role).

    Two files equal here hold the same inspection even when a record matched on both sides
    kept a different id. Combination entries (which record the order of merging) are left out.
    """
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        q = conn.execute
        cases = {r["id"]: r["reference"] for r in q("SELECT id, reference FROM cases")}
        people = {r["id"]: (r["name"], r["role"]) for r in q("SELECT * FROM assessors")}
        people[None] = None
        assessments = {
            r["id"]: (cases[r["case_id"]], people[r["assessor_id"]])
            for r in q("SELECT * FROM assessments")
        }

        def rows(sql: str, convert: Any) -> list[tuple[Any, ...]]:
            return sorted((convert(dict(r)) for r in q(sql)), key=repr)

        def drop(row: dict[str, Any], *names: str) -> tuple[Any, ...]:
            return tuple(v for k, v in row.items() if k not in names)

        return {
            "inspection": rows("SELECT * FROM inspection", tuple),
            "framework": rows("SELECT * FROM framework", tuple),
            "assessors": sorted(v for v in people.values() if v),
            "cases": rows("SELECT * FROM cases", lambda r: drop(r, "id")),
            "chronology": rows(
                "SELECT * FROM chronology", lambda r: (cases[r["case_id"]], *drop(r, "case_id"))
            ),
            "documents": rows(
                "SELECT * FROM documents", lambda r: (cases[r["case_id"]], *drop(r, "case_id"))
            ),
            "assessments": rows(
                "SELECT * FROM assessments",
                lambda r: (assessments[r["id"]], *drop(r, "id", "case_id", "assessor_id")),
            ),
            "criterion_grades": rows(
                "SELECT * FROM criterion_grades",
                lambda r: (
                    assessments[r["assessment_id"]],
                    people[r["graded_by"]],
                    *drop(r, "id", "assessment_id", "graded_by"),
                ),
            ),
            "referrals": rows(
                "SELECT * FROM referrals",
                lambda r: (
                    assessments[r["assessment_id"]],
                    people[r["flagged_by"]],
                    *drop(r, "id", "assessment_id", "flagged_by"),
                ),
            ),
            "reviews": rows(
                "SELECT * FROM reviews",
                lambda r: (
                    assessments[r["assessment_id"]],
                    people[r["reviewer_id"]],
                    people[r["answered_by"]],
                    *drop(r, "assessment_id", "reviewer_id", "answered_by"),
                ),
            ),
            "allocations": rows(
                "SELECT * FROM allocations",
                lambda r: (
                    cases[r["case_id"]],
                    people[r["assessor_id"]],
                    people[r["allocated_by"]],
                    r["allocated_at"],
                ),
            ),
            "audit_log": rows("SELECT * FROM audit_log WHERE kind != 'combination'", tuple),
        }
    finally:
        conn.close()


@pytest.fixture(scope="session")
def merge_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lead's inspection before it goes out to the laptops (written once per run)."""
    return make_base(tmp_path_factory.mktemp("merge") / "base.caseaudit")


@pytest.fixture
def laptop_a(merge_base: Path, tmp_path: Path) -> Path:
    return copy_of(merge_base, tmp_path / "laptop-a.caseaudit")


@pytest.fixture
def laptop_b(merge_base: Path, tmp_path: Path) -> Path:
    return copy_of(merge_base, tmp_path / "laptop-b.caseaudit")


@pytest.fixture
def lead(merge_base: Path, tmp_path: Path) -> Path:
    return copy_of(merge_base, tmp_path / "lead.caseaudit")
