"""Encryption at rest: the marker name is nowhere in the bytes of an encrypted file, its WAL,
its backups or its packages; a wrong passphrase writes nothing; sqlite-utils works on the
sqlcipher3 connection and SQLCipher's own exceptions are caught where ours are."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from auditor.encryption import (
    change_passphrase,
    encrypt_file,
    encrypting_new_files,
    is_encrypted_file,
    use_source,
)
from auditor.inspection import Inspection
from auditor.merging.manifest import PackageError
from auditor.merging.merge import merge_packages
from auditor.merging.package import open_package, write_package
from db.connection import backup_to, open_database
from db.errors import (
    SQLITE_ERRORS,
    CorruptFileError,
    NotAnInspectionFile,
    PassphraseRequired,
    StorageError,
    WrongPassphrase,
)
from tests.support.security import (
    MARKER,
    MARKER_REFERENCE,
    PASSPHRASE,
    WRONG,
    add_marked_case,
    files_beside,
)

MARKS = (MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER_REFERENCE.encode())


def assert_unreadable(data: bytes, what: str) -> None:
    for mark in MARKS:
        assert mark not in data, f"{mark!r} readable in {what}"


def test_the_marker_is_in_a_plain_file_but_nowhere_in_an_encrypted_one(tmp_path: Path) -> None:
    plain = tmp_path / "plain.caseaudit"
    with Inspection.create(plain, name="Plain") as insp:
        add_marked_case(insp, insp.assessor("Test Inspector", "inspector"))
    assert MARKER.encode() in plain.read_bytes()  # the check below can fail

    secret = tmp_path / "secret.caseaudit"
    with Inspection.create(secret, name="Secret", passphrase=PASSPHRASE) as insp:
        add_marked_case(insp, insp.assessor("Test Inspector", "inspector"))
        wal = Path(f"{secret}-wal")
        assert wal.stat().st_size > 0  # the committed case is in the WAL now
        assert_unreadable(wal.read_bytes(), "the -wal file")
        assert_unreadable(secret.read_bytes(), "the file while open")
        backup = backup_to(insp.db, tmp_path / "backup.caseaudit")
        package = tmp_path / "laptop.caseaudit-package"
        manifest = write_package(insp, package, recipient="Lead inspector")
    assert_unreadable(secret.read_bytes(), "the file")
    assert not is_encrypted_file(plain) and is_encrypted_file(secret)

    # The backup: encrypted, and opens with the passphrase only.
    assert_unreadable(backup.read_bytes(), "the backup")
    with pytest.raises(PassphraseRequired):
        open_database(backup, migrate=False)
    db = open_database(backup, passphrase=PASSPHRASE, migrate=False)
    try:
        assert db.execute("SELECT summary FROM cases").fetchone()[0].startswith(MARKER)
    finally:
        db.close()

    # The package: the zip, and the content inside it.
    assert manifest.encrypted
    assert_unreadable(package.read_bytes(), "the package")
    with zipfile.ZipFile(package) as archive:
        content = archive.read("inspection.caseaudit")
        manifest_text = archive.read("manifest.json")
    assert_unreadable(content, "the package's content")
    assert_unreadable(manifest_text, "the package's manifest")
    assert b'"encrypted": true' in manifest_text


def test_an_encrypted_package_opens_and_merges_with_its_passphrase(
    encrypted_path: Path, tmp_path: Path
) -> None:
    with Inspection.open(encrypted_path, passphrase=PASSPHRASE) as insp:
        package = tmp_path / "laptop.caseaudit-package"
        write_package(insp, package)
    with pytest.raises(PackageError) as refused:
        open_package(package)
    assert str(refused.value).startswith(f"{package}: is encrypted")

    asked: list[tuple[Path, int]] = []

    def source(path: Path, attempt: int, problem: str) -> str:
        asked.append((path, attempt))
        return WRONG if attempt == 1 else PASSPHRASE

    use_source(source)
    lead = tmp_path / "lead.caseaudit"
    with encrypting_new_files(PASSPHRASE):
        summaries = merge_packages(lead, [package])
    assert summaries[0].created
    assert asked[:2] == [(package, 1), (package, 2)]  # named by the package, not a temp copy
    assert is_encrypted_file(lead)
    assert_unreadable(lead.read_bytes(), "the merged file")
    use_source(None)
    with Inspection.open(lead, passphrase=PASSPHRASE) as merged:
        assert merged.case_by_reference(MARKER_REFERENCE) is not None


def test_a_wrong_passphrase_changes_nothing_and_says_so(encrypted_path: Path) -> None:
    before = files_beside(encrypted_path)
    with pytest.raises(WrongPassphrase) as wrong:
        Inspection.open(encrypted_path, passphrase=WRONG)
    message = str(wrong.value)
    assert message.startswith(f"{encrypted_path}: the passphrase does not open this file")
    assert WRONG not in message and PASSPHRASE not in message
    assert files_beside(encrypted_path) == before  # byte for byte; no -wal, -shm or lock left


def test_no_passphrase_is_asked_for_by_name(encrypted_path: Path) -> None:
    before = files_beside(encrypted_path)
    with pytest.raises(PassphraseRequired) as needed:
        Inspection.open(encrypted_path)
    assert str(needed.value).startswith(f"{encrypted_path}: is encrypted")
    assert files_beside(encrypted_path) == before


def test_the_source_gets_three_tries_then_the_file_is_refused(encrypted_path: Path) -> None:
    calls: list[tuple[int, str]] = []

    def always_wrong(path: Path, attempt: int, problem: str) -> str:
        assert path == encrypted_path
        calls.append((attempt, problem))
        return WRONG

    before = files_beside(encrypted_path)
    use_source(always_wrong)
    with pytest.raises(WrongPassphrase) as wrong:
        Inspection.open(encrypted_path)
    assert [attempt for attempt, _ in calls] == [1, 2, 3]
    assert calls[0][1] == "" and "does not open" in calls[1][1]
    assert "after 3 tries" in str(wrong.value)
    assert files_beside(encrypted_path) == before

    offered = iter([WRONG, WRONG, PASSPHRASE])
    use_source(lambda path, attempt, problem: next(offered))
    with Inspection.open(encrypted_path) as insp:
        assert insp.encrypted
        assert insp.case_by_reference(MARKER_REFERENCE) is not None

    use_source(lambda path, attempt, problem: None)  # the user cancels
    with pytest.raises(PassphraseRequired, match="no passphrase was given"):
        Inspection.open(encrypted_path)


def test_a_worker_reopens_an_open_encrypted_file_without_asking(encrypted_path: Path) -> None:
    with (
        Inspection.open(encrypted_path, passphrase=PASSPHRASE) as insp,
        Inspection.open(encrypted_path) as again,  # as the report and export workers do
    ):
        assert again.counts() == insp.counts()
    with pytest.raises(PassphraseRequired):  # closed: the passphrase is no longer held
        Inspection.open(encrypted_path)


def test_sqlite_utils_on_the_sqlcipher_connection(encrypted_path: Path) -> None:
    """The sqlite-utils paths the workstation uses, on an encrypted file, and the errors."""
    with Inspection.open(encrypted_path, passphrase=PASSPHRASE) as insp:
        db = insp.db
        assert isinstance(db.conn, sqlcipher.Connection)
        assert db.supports_strict and db.supports_on_conflict  # no sqlite3 error swallowed
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert insp.schema_version() > 0 and insp.integrity() == ["ok"]
        case = insp.case_by_reference(MARKER_REFERENCE)
        assert case is not None
        # A failed transaction rolls back whole.
        with pytest.raises(sqlcipher.IntegrityError), db.atomic():
            db["cases"].update(case.id, {"summary": "changed"})
            db["chronology"].insert({"id": "e1", "case_id": "none", "occurred_at": "x"})
        assert insp.case(case.id).summary.startswith(MARKER)
        # SQLCipher's errors are not sqlite3's; SQLITE_ERRORS catches both.
        with pytest.raises(SQLITE_ERRORS, match="append-only"):
            db.execute("DELETE FROM audit_log")


def test_change_passphrase_rekeys_and_a_wrong_current_one_changes_nothing(
    encrypted_path: Path,
) -> None:
    new = "a different long passphrase"
    with Inspection.open(encrypted_path, passphrase=PASSPHRASE) as insp:
        before = hashlib.sha256(encrypted_path.read_bytes()).hexdigest()
        with pytest.raises(WrongPassphrase):
            change_passphrase(insp, WRONG, new)
        with pytest.raises(ValueError, match="at least 8 characters"):
            change_passphrase(insp, PASSPHRASE, "short")
        assert hashlib.sha256(encrypted_path.read_bytes()).hexdigest() == before
        change_passphrase(insp, PASSPHRASE, new)
        with Inspection.open(encrypted_path) as again:  # the worker's reopen uses the new one
            assert again.case_by_reference(MARKER_REFERENCE) is not None
    with pytest.raises(WrongPassphrase):
        Inspection.open(encrypted_path, passphrase=PASSPHRASE)
    with Inspection.open(encrypted_path, passphrase=new) as insp:
        assert insp.case_by_reference(MARKER_REFERENCE) is not None


def test_encrypt_a_plain_file_in_place(demo_path: Path) -> None:
    with Inspection.open(demo_path) as insp:
        counts = insp.counts()
        add_marked_case(insp, insp.assessor("Test Inspector", "inspector"))
    with pytest.raises(ValueError, match="at least 8"):
        encrypt_file(demo_path, "short")
    assert not is_encrypted_file(demo_path)
    encrypt_file(demo_path, PASSPHRASE)
    assert is_encrypted_file(demo_path)
    assert_unreadable(demo_path.read_bytes(), "the encrypted demo")
    assert sorted(p.name for p in demo_path.parent.iterdir()) == [demo_path.name]
    with Inspection.open(demo_path, passphrase=PASSPHRASE) as insp:
        assert insp.counts()["cases"] == counts["cases"] + 1
        assert insp.integrity() == ["ok"]
    with pytest.raises(StorageError, match="already encrypted"):
        encrypt_file(demo_path, PASSPHRASE)


def test_damaged_encrypted_files_are_refused_in_words(encrypted_path: Path, tmp_path: Path) -> None:
    data = encrypted_path.read_bytes()
    truncated = tmp_path / "truncated.caseaudit"
    truncated.write_bytes(data[: len(data) // 2 + 100])  # not whole pages
    with pytest.raises(NotAnInspectionFile, match="not an SQLite database"):
        open_database(truncated, passphrase=PASSPHRASE)
    damaged = tmp_path / "damaged.caseaudit"
    shutil.copyfile(encrypted_path, damaged)
    raw = bytearray(data)
    page = 4096
    raw[3 * page + 50 : 3 * page + 60] = b"\x00" * 10  # a page fails its HMAC
    damaged.write_bytes(bytes(raw))
    with pytest.raises((CorruptFileError, StorageError)) as caught:
        open_database(damaged, passphrase=PASSPHRASE)
    assert str(caught.value).startswith(f"{damaged}: ")
    assert PASSPHRASE not in str(caught.value)


def test_an_encrypted_package_is_never_merged_into_plain_text(tmp_path: Path) -> None:
    use_source(lambda _path, _attempt, _problem: PASSPHRASE)  # as the window's dialog would
    plain = tmp_path / "plain.caseaudit"  # the lead's plain file
    Inspection.create(plain, name="Plain lead").close()
    with Inspection.open(plain) as lead:
        write_package(lead, tmp_path / "start.caseaudit-package")
    laptop = tmp_path / "laptop.caseaudit"  # the same inspection, encrypted on a laptop
    with encrypting_new_files(PASSPHRASE):
        merge_packages(laptop, [tmp_path / "start.caseaudit-package"])
    with Inspection.open(laptop, passphrase=PASSPHRASE) as insp:
        add_marked_case(insp, insp.assessor("Test Inspector", "inspector"))
        package = tmp_path / "laptop.caseaudit-package"
        write_package(insp, package)
    # Into a new file without --encrypt: it is encrypted with the package's passphrase.
    copy = tmp_path / "copy.caseaudit"
    merge_packages(copy, [package])
    assert is_encrypted_file(copy)
    assert_unreadable(copy.read_bytes(), "the merged file")
    # Into the plain file: refused, saying how to encrypt it first; nothing written.
    before = plain.read_bytes()
    with pytest.raises(PackageError) as refused:
        merge_packages(plain, [package])
    message = str(refused.value)
    assert "is not encrypted" in message and f"case-auditor encrypt --db {plain}" in message
    assert plain.read_bytes() == before
    use_source(None)
