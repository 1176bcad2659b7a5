"""A paged case list's reads: every case's rowid and reference in one go, and a page's rows
read narrowed to its cases, the same as the whole list's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from auditor.case_pages import CasePages
from auditor.case_rows import R_AWAITING, R_ID
from auditor.inspection import Inspection
from auditor.samples.synthetic import write_synthetic


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


def test_a_reference_holding_a_control_character_is_read_whole(tmp_path: Path) -> None:
    references = ["NM-18-1", "NM-18-2\x1fB", "NM-18-3", 'NM-18-4"\\']  # pasted
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


def test_a_page_s_rows_are_the_whole_list_s_rows(tmp_path: Path) -> None:
    # Graded, one case in eight flagged and awaiting a decision: the page's narrowed reads
    # (who graded, the referrals waiting) must give what the whole list's reads give.
    insp = write_synthetic(tmp_path / "d.caseaudit", 400, events_per_case=1, graded=True)
    user = insp.db.execute("SELECT id FROM assessors ORDER BY name LIMIT 1").fetchone()[0]
    with insp.db.atomic():  # the flagged gradings sent for review, as an inspector sends them
        insp.db.execute(
            "UPDATE assessments SET status = 'awaiting_review' WHERE id IN "
            "(SELECT assessment_id FROM referrals WHERE state = 'flagged')"
        )
    whole = {row[R_ID]: row for row in insp.case_list(user)}
    keys, _texts = insp.case_references()
    page = insp.case_list_page(keys[100:300], user)
    insp.close()
    assert len(page) == 200
    assert [row[:-1] for row in page] == [whole[row[R_ID]] for row in page]
    assert any(row[R_AWAITING] for row in page)  # the waiting referrals are in the page
