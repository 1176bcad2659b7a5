"""Damaged inspection files: found on opening (the quick check) or by the full check, refused
naming the file, and left as they were."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from db.connection import integrity_check, open_database
from db.errors import CorruptFileError


@pytest.fixture(scope="module")
def demo_size_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a healthy file with a thousand cases (about 600 pages: the schema's own
    pages, about 75 of them, all lie in its first third)."""
    path = tmp_path_factory.mktemp("demo") / "demo.caseaudit"
    insp = Inspection.create(path, name="Invented demo inspection")
    actor = insp.assessor("Test Inspector", "inspector")
    with insp.db.atomic():
        for i in range(1000):
            case = insp.add_case(
                actor,
                reference=f"DEMO-{i:04d}",
                case_type="CUSTODY",
                summary="An invented case summary for testing. " * 6,
            )
            insp.add_events(actor, case.id, [("2018-01-01T10:00", "detained", "x" * 80)])
    insp.close()
    data = path.read_bytes()
    assert len(data) > 400 * 4096
    return data


def test_damaged_middle_pages_are_found_by_the_integrity_check(
    tmp_path: Path, demo_size_file: bytes
) -> None:
    data = bytearray(demo_size_file)
    page = 4096
    pages = len(data) // page
    for number in range(pages // 3, 2 * pages // 3):
        data[number * page + 100 : number * page + 4000] = b"\xa5" * 3900
    path = tmp_path / "damaged.caseaudit"
    path.write_bytes(bytes(data))

    # The schema page is intact, but the quick check on opening finds the damage ...
    before = path.read_bytes()
    with pytest.raises(CorruptFileError) as caught:
        open_database(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: the file is damaged (SQLite's quick check found: ")
    assert "more problem(s)" in message and "\n" not in message
    assert path.read_bytes() == before
    # ... and the full check (case-auditor check opens without the quick check) lists it.
    with closing(open_database(path, quick_check=False, migrate=False)) as db:
        problems = integrity_check(db)
    assert problems != ["ok"]
    assert any("page" in p for p in problems)


def test_truncated_file_is_reported_damaged(tmp_path: Path, demo_size_file: bytes) -> None:
    path = tmp_path / "truncated.caseaudit"
    path.write_bytes(demo_size_file[: len(demo_size_file) // 2])
    with pytest.raises(CorruptFileError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert "damaged" in str(caught.value)


def test_damaged_schema_page_is_reported_damaged(tmp_path: Path, demo_size_file: bytes) -> None:
    data = bytearray(demo_size_file)
    data[100:4000] = b"\xa5" * 3900  # page 1 after the header: the table of tables
    path = tmp_path / "schema.caseaudit"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)


def test_healthy_demo_size_file_checks_ok(tmp_path: Path, demo_size_file: bytes) -> None:
    path = tmp_path / "healthy.caseaudit"
    path.write_bytes(demo_size_file)
    with Inspection.open(path) as insp:
        assert insp.integrity() == ["ok"]
        assert insp.counts()["cases"] == 1000
