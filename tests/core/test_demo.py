"""The demo inspection: deterministic, covers every case type, some cases already graded."""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.inspection import Inspection
from auditor.samples.demo import write_demo

TABLES = ("cases", "chronology", "documents", "assessments", "criterion_grades", "referrals")


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    finally:
        conn.close()


def test_two_demo_runs_give_the_same_inspection(tmp_path: Path) -> None:
    write_demo(tmp_path / "a.caseaudit").close()
    write_demo(tmp_path / "b.caseaudit").close()
    first, second = _dump(tmp_path / "a.caseaudit"), _dump(tmp_path / "b.caseaudit")
    for table in TABLES:
        assert first[table] == second[table], table
    assert first["cases"] and first["criterion_grades"] and first["chronology"]


def test_demo_covers_every_case_type_with_files_and_chronologies(demo: Inspection) -> None:
    rows = demo.case_list()
    assert 55 <= len(rows) <= 70
    types = {row[2] for row in rows}
    assert types == {t.code for t in demo.framework.case_types}
    for row in rows:
        case_id = row[0]
        assert demo.chronology(case_id), row[1]
        documents = demo.documents(case_id)
        assert {d.media_type for d in documents} >= {"text/plain", "application/pdf"}
        pdf = next(d for d in documents if d.media_type == "application/pdf")
        assert demo.document_content(pdf.id).startswith(b"%PDF-")


def test_demo_has_graded_in_progress_and_flagged_cases(demo: Inspection) -> None:
    statuses = [row[8] for row in demo.case_list()]
    assert statuses.count("not_started") >= 10
    assert statuses.count("in_progress") >= 3
    assert statuses.count("complete") >= 10
    assert statuses.count("awaiting_review") >= 2  # flagged for referral back
    graded = [row for row in demo.case_list() if row[8] in ("complete", "awaiting_review")]
    assert all(row[9] in {"good", "requires_improvement", "inadequate"} for row in graded)


def test_demo_is_clearly_fictional(demo: Inspection) -> None:
    assert "fictional" in demo.name.lower()
    for row in demo.case_list():
        assert row[1].startswith("NM-")
        assert "Child " in row[7]


def test_demo_records_late_and_missing_events(demo: Inspection) -> None:
    """The demo shows a newcomer the warnings: some Merlin forms late or never submitted."""
    from auditor.timeliness import LATE, MISSING, measure_case

    states = set()
    for row in demo.case_list():
        events = [(e.occurred_at, e.event_type) for e in demo.chronology(row[0])]
        states.update(r.state for r in measure_case(demo.framework, row[2], events))
    assert {LATE, MISSING} <= states
