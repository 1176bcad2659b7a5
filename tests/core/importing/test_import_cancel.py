"""Cancelling an import at any stage writes nothing: the transaction is rolled back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor.errors import Cancelled
from auditor.importing.run import import_file
from tests.support.importing import CASES, CASES_HEADINGS, snapshot

STAGES = ["Reading", "Checking", "Adding cases", "Adding chronology", "Importing gradings"]


def cancel_at(stage: str):
    seen: list[str] = []

    def progress(what: str, _done: int) -> None:
        seen.append(what)
        if what == stage:
            raise Cancelled

    return progress, seen


def graded_sample(workbook) -> Path:
    """The base sample, every case graded, plus one new case."""
    headings = [*CASES_HEADINGS, "Overall grade"]
    rows = [[*row, "Good"] for row in CASES]
    rows.append(["IMP-NEW", "S47", "", "", "", "", "Only in the later file", "Inadequate"])
    return workbook(rows, None, headings=headings)


@pytest.mark.parametrize("stage", STAGES)
def test_cancel_leaves_an_existing_inspection_unchanged(
    tmp_path: Path, base_inspection: Path, workbook, stage: str
) -> None:
    db = tmp_path / "existing.caseaudit"
    shutil.copy(base_inspection, db)
    before = snapshot(db)
    progress, seen = cancel_at(stage)
    with pytest.raises(Cancelled):
        import_file(db, graded_sample(workbook), "Robin Example", progress=progress)
    assert seen[-1] == stage
    assert snapshot(db) == before


@pytest.mark.parametrize("stage", STAGES)
def test_cancel_leaves_no_new_file(tmp_path: Path, workbook, stage: str) -> None:
    db = tmp_path / "new.caseaudit"
    progress, _seen = cancel_at(stage)
    with pytest.raises(Cancelled):
        import_file(db, graded_sample(workbook), "Robin Example", progress=progress)
    assert sorted(p.name for p in tmp_path.iterdir() if "caseaudit" in p.name) == []


def test_the_same_import_goes_through_without_cancelling(
    tmp_path: Path, base_inspection: Path, workbook
) -> None:
    db = tmp_path / "existing.caseaudit"
    shutil.copy(base_inspection, db)
    seen: list[str] = []
    report = import_file(
        db, graded_sample(workbook), "Robin Example", progress=lambda w, _d: seen.append(w)
    )
    assert report.added == 1 and report.gradings == 4
    assert [s for s in STAGES if s in seen] == STAGES
