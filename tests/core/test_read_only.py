"""An inspection viewed read-only reads everything and refuses every change in words."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from auditor.reports import build_report, load_report_data
from db.errors import ReadOnlyInspection


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_inspection_reads_and_refuses_changes(demo_path: Path) -> None:
    with Inspection.open(demo_path) as insp:  # settle the WAL, so the bytes can be compared
        insp.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(demo_path)
    with Inspection.open(demo_path, read_only=True) as insp:
        assert insp.read_only
        rows = insp.case_list()
        assert len(rows) == 62
        case = insp.case(rows[0][0])
        assert insp.log.history(case.id)
        assert build_report(load_report_data(insp))
        person = insp.assessors()[0]
        criterion = insp.framework.criteria_for(case.case_type)[0].id
        writes = [
            lambda: insp.grading.set_grade(case.id, person, criterion, "good"),
            lambda: insp.grading.set_note(case.id, person, criterion, "Invented"),
            lambda: insp.log.record_disclosure(person, "a workbook", "someone"),
            lambda: insp.referrals.settings.set_referral_response_days(person, 30),
        ]
        for write in writes:
            with pytest.raises(ReadOnlyInspection, match=r"open read-only .*nothing was changed"):
                write()
        insp.record_consultation(person, case.id)  # not logged when viewing (nothing to write)
    assert _digest(demo_path) == before
