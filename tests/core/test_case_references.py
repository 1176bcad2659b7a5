"""A paged case list's keys: every case's rowid and reference, read from the file in one go."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from auditor.case_pages import CasePages
from auditor.inspection import Inspection


def _file_with(path: Path, references: list[str]) -> Inspection:
    insp = Inspection.create(path, name="Invented inspection")
    actor = insp.assessor("Test Inspector", "inspector")
    with insp.db.atomic():
        for reference in references:
            insp.add_case(actor, reference=reference, case_type="CUSTODY", summary="Invented")
    return insp


def _row_by_row(path: Path) -> dict[int, str]:
    """Each case's rowid and reference as plain sqlite3 reads them."""
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT rowid, reference FROM cases").fetchall())


def test_every_case_s_key_comes_with_its_own_reference(tmp_path: Path) -> None:
    references = ["NM-18-10", "NM-18-2", "nm-18-3", "NM-18-1", "Ärzte-1", "NM, 18/4"]
    insp = _file_with(tmp_path / "a.caseaudit", references)
    keys, texts = insp.case_references()
    insp.close()
    assert dict(zip(keys, texts, strict=True)) == _row_by_row(tmp_path / "a.caseaudit")


def test_a_reference_holding_the_joining_character_is_still_read_whole(tmp_path: Path) -> None:
    references = ["NM-18-1", "NM-18-2\x1fB", "NM-18-3"]  # a pasted control character
    insp = _file_with(tmp_path / "b.caseaudit", references)
    keys, texts = insp.case_references()
    pages = CasePages((keys, texts), lambda _keys: [], insp.case_rowid)
    insp.close()
    expected = _row_by_row(tmp_path / "b.caseaudit")
    assert dict(zip(keys, texts, strict=True)) == expected
    by_reference = {reference: key for key, reference in expected.items()}
    assert pages.keys == [by_reference[r] for r in references]  # natural order


def test_an_inspection_without_cases_has_no_keys(tmp_path: Path) -> None:
    insp = Inspection.create(tmp_path / "c.caseaudit", name="Empty")
    assert insp.case_references() == ([], [])
    insp.close()
