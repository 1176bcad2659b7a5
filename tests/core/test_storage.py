"""The inspection file on disk: identity, pragmas, migration with backup, refusals (damage:
``test_storage_damage.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library
from sqlite_utils import Database

from auditor.framework import bundled_framework
from auditor.inspection import Inspection
from db.connection import APPLICATION_ID, bulk_cache, integrity_check, open_database
from db.errors import NewerSchemaError, NotAnInspectionFile, StorageError
from db.schema import SCHEMA_VERSION, STEPS

PREVIOUS = "0002_append_only_audit_and_case_list_indexes"


def pragma(db: Database, name: str) -> object:
    return db.execute(f"PRAGMA {name}").fetchone()[0]


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    """Databases a test opens, closed at the end even when the test fails."""
    dbs: list[Database] = []
    yield dbs
    for db in dbs:
        db.close()


def make_version_1_file(path: Path) -> None:
    """A file as the previous release wrote it, with one of everything a user relies on."""
    db = Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    STEPS.migrations().apply(db, stop_before=PREVIOUS)
    assert pragma(db, "user_version") == 1
    fw = bundled_framework()
    db["inspection"].insert(
        {
            "id": "insp1",
            "name": "Old inspection 2018",
            "force": "Test force",
            "created_at": "2018-03-01T09:00:00.000Z",
        }
    )
    db["framework"].insert(
        {
            "id": fw.id,
            "name": fw.name,
            "version": fw.version,
            "sha256": fw.sha256,
            "source_toml": fw.toml_text,
            "added_at": "2018-03-01T09:00:00.000Z",
        }
    )
    db["assessors"].insert(
        {
            "id": "ass1",
            "name": "Test Inspector",
            "role": "inspector",
            "created_at": "2018-03-01T09:00:00.000Z",
        }
    )
    db["cases"].insert(
        {
            "id": "case1",
            "reference": "OLD-001",
            "case_type": "CUSTODY",
            "created_at": "2018-03-01T09:00:00.000Z",
            "updated_at": "2018-03-01T09:00:00.000Z",
        }
    )
    db["audit_log"].insert(
        {
            "id": "log1",
            "at": "2018-03-01T09:00:00.000Z",
            "actor_id": "ass1",
            "kind": "alteration",
            "case_id": "case1",
            "record_table": "cases",
            "record_id": "case1",
            "field": "reference",
            "new_value": "OLD-001",
        }
    )
    db.close()


# --- a new file ---------------------------------------------------------------------------------


def test_new_file_identity_and_pragmas(tmp_path: Path, opened: list[Database]) -> None:
    path = tmp_path / "new.caseaudit"
    db = open_database(path, create=True)
    opened.append(db)
    assert pragma(db, "application_id") == 0x43464155 == APPLICATION_ID
    assert pragma(db, "user_version") == SCHEMA_VERSION
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "foreign_keys") == 1
    assert integrity_check(db) == ["ok"]
    assert {"inspection", "cases", "assessments", "audit_log"} <= set(db.table_names())
    # Nothing to back up in a brand-new file.
    assert list(tmp_path.glob("*.bak")) == []


def test_a_bulk_write_has_the_large_cache_and_gives_it_back(
    tmp_path: Path, opened: list[Database]
) -> None:
    """Interactive work keeps a 16 MB page cache (memory); a bulk write has 64 MB for its one
    transaction, and the connection gets its own back after it, also when the write fails."""
    db = open_database(tmp_path / "new.caseaudit", create=True)
    opened.append(db)
    assert pragma(db, "cache_size") == -16 * 1024  # negative: KiB
    with bulk_cache(db):
        assert pragma(db, "cache_size") == -64 * 1024
    assert pragma(db, "cache_size") == -16 * 1024
    with pytest.raises(StorageError), bulk_cache(db):
        raise StorageError("the write failed")
    assert pragma(db, "cache_size") == -16 * 1024


def test_foreign_keys_are_enforced(tmp_path: Path, opened: list[Database]) -> None:
    db = open_database(tmp_path / "fk.caseaudit", create=True)
    opened.append(db)
    with pytest.raises(sqlcipher.IntegrityError):  # inspection files go through sqlcipher3
        db["chronology"].insert(
            {
                "id": "e1",
                "case_id": "no-such-case",
                "occurred_at": "2018-01-01T00:00",
                "event_type": "detained",
            }
        )


def test_reopening_a_current_file_makes_no_backup(tmp_path: Path, opened: list[Database]) -> None:
    path = tmp_path / "current.caseaudit"
    open_database(path, create=True).close()
    db = open_database(path)
    opened.append(db)
    assert pragma(db, "user_version") == SCHEMA_VERSION
    assert list(tmp_path.glob("*.bak")) == []


def test_missing_file_is_not_created_without_create(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.caseaudit"
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert not path.exists()


def test_create_in_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no_folder" / "new.caseaudit"
    with pytest.raises(StorageError) as caught:
        open_database(path, create=True)
    assert str(path) in str(caught.value)


# --- migrating a file of the previous version ---------------------------------------------------


def test_previous_version_is_migrated_with_a_backup(tmp_path: Path, opened: list[Database]) -> None:
    path = tmp_path / "old.caseaudit"
    make_version_1_file(path)

    db = open_database(path)
    opened.append(db)
    assert pragma(db, "user_version") == SCHEMA_VERSION
    assert pragma(db, "application_id") == APPLICATION_ID
    assert [r["name"] for r in db.query("SELECT name FROM inspection")] == ["Old inspection 2018"]
    assert [r["reference"] for r in db.query("SELECT reference FROM cases")] == ["OLD-001"]
    assert [r["name"] for r in db.query("SELECT name FROM assessors")] == ["Test Inspector"]
    assert db.execute("SELECT count(*) FROM framework").fetchone()[0] == 1
    assert [r["id"] for r in db.query("SELECT id FROM audit_log")] == ["log1"]

    # The backup sits next to the file, names the old version, and holds the old data.
    backups = list(tmp_path.glob("old.caseaudit.v1-*.bak"))
    assert len(backups) == 1
    backup = Database(sqlite3.connect(backups[0]))
    try:
        assert pragma(backup, "user_version") == 1
        assert pragma(backup, "application_id") == APPLICATION_ID
        assert [r["reference"] for r in backup.query("SELECT reference FROM cases")] == ["OLD-001"]
        assert backup.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1
    finally:
        backup.close()

    # The migrated audit log is append-only.
    for statement in ("UPDATE audit_log SET new_value = 'changed'", "DELETE FROM audit_log"):
        with pytest.raises(sqlcipher.DatabaseError, match="append-only"):
            db.execute(statement)
    assert [r["new_value"] for r in db.query("SELECT new_value FROM audit_log")] == ["OLD-001"]


def test_migrated_file_opens_as_an_inspection(tmp_path: Path) -> None:
    path = tmp_path / "old.caseaudit"
    make_version_1_file(path)
    with Inspection.open(path) as insp:
        assert insp.name == "Old inspection 2018"
        assert insp.schema_version() == SCHEMA_VERSION
        case = insp.case_by_reference("OLD-001")
        assert case is not None
        assert case.case_type == "CUSTODY"
        actor = insp.assessors()[0]
        insp.grading.set_grade(case.id, actor, "voice_of_child", "good")
        assert insp.grading.assessment(case.id, actor.id).grade_of("voice_of_child") == "good"  # type: ignore[union-attr]


# --- files that are refused ---------------------------------------------------------------------


def test_newer_schema_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.caseaudit"
    db = open_database(path, create=True)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()

    with pytest.raises(NewerSchemaError) as caught:
        open_database(path)
    message = str(caught.value)
    assert str(path) in message
    assert "newer" in message

    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == []


def test_unknown_migration_is_refused(tmp_path: Path) -> None:
    # Same schema number, but a step this version has never heard of (a newer branch).
    path = tmp_path / "branch.caseaudit"
    db = open_database(path, create=True)
    db["_sqlite_migrations"].insert(
        {
            "migration_set": "case_auditor",
            "name": "0003_from_the_future",
            "applied_at": "2030-01-01 00:00:00+00:00",
        }
    )
    db.close()
    with pytest.raises(NewerSchemaError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert "0003_from_the_future" in str(caught.value)


def test_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "notes.caseaudit"
    path.write_text("Case notes typed in a text editor.\n" * 20, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NotAnInspectionFile) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.caseaudit"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Invented Person', '000')")
    conn.commit()
    conn.close()
    before = path.read_bytes()

    with pytest.raises(NotAnInspectionFile) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert "another program" in str(caught.value)
    # Not migrated, not switched to WAL, not touched.
    assert path.read_bytes() == before


def test_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "folder.caseaudit"
    path.mkdir()
    with pytest.raises(NotAnInspectionFile) as caught:
        open_database(path)
    assert str(path) in str(caught.value)


# --- an inspection round trip --------------------------------------------------------------------


def test_inspection_create_and_open_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "round.caseaudit"
    bundled = bundled_framework()
    created = Inspection.create(path, name="MPS child protection 2018", force="Test force")
    created.close()

    with Inspection.open(path) as insp:
        assert insp.name == "MPS child protection 2018"
        assert insp.force == "Test force"
        # The framework comes from the snapshot in the file, identical to the bundled one.
        assert insp.framework.sha256 == bundled.sha256
        assert insp.framework.toml_text == bundled.toml_text
        assert insp.framework == bundled
        row = insp.db.execute("SELECT sha256 FROM framework").fetchone()
        assert row[0] == bundled.sha256


def test_create_refuses_an_existing_path(tmp_path: Path) -> None:
    path = tmp_path / "exists.caseaudit"
    Inspection.create(path, name="First").close()
    before = path.read_bytes()
    with pytest.raises(Exception, match="already exists"):
        Inspection.create(path, name="Second")
    assert path.read_bytes() == before


def test_an_empty_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.caseaudit"
    sqlite3.connect(path).close()  # an empty SQLite database, as another program might leave
    before = path.read_bytes()
    with pytest.raises(NotAnInspectionFile, match="empty"):
        open_database(path)
    assert path.read_bytes() == before
