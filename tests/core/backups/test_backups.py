"""Backups through SQLite's online backup API: consistent, checked, kept to K, restored new."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.backups import (
    BackupError,
    backup_folder,
    list_backups,
    restore_backup,
    take_backup,
)
from auditor.inspection import Inspection


def ticking(start: datetime = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)):
    """A clock that moves on a minute each call, so backup names are distinct and ordered."""
    moments = iter(start + timedelta(minutes=n) for n in range(10_000))
    return lambda: next(moments)


def graded_cases(path: Path) -> int:
    """Cases with an overall grade, counted independently of the code under test."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT count(DISTINCT case_id) FROM assessments WHERE overall_grade IS NOT NULL"
        ).fetchone()[0]
    finally:
        conn.close()


def note_something(inspection: Inspection, text: str) -> tuple[str, str]:
    actor = inspection.assessor("Backup Tester", "inspector")
    case_id, case_type = next((r[0], r[2]) for r in inspection.case_list())
    criterion = inspection.framework.criteria_for(case_type)[0].id
    inspection.grading.set_note(case_id, actor, criterion, text)
    return case_id, criterion


def test_backup_is_a_checked_copy_listed_with_its_counts(demo: Inspection, root: Path) -> None:
    made = take_backup(demo, root)
    assert made is not None
    assert made.path.parent == backup_folder(root, demo.path)
    listed = list_backups(root, demo.path)
    assert [b.path for b in listed] == [made.path]
    backup = listed[0]
    assert backup.usable, backup.problem
    assert backup.cases == demo.counts()["cases"] > 0
    assert backup.graded == graded_cases(demo.path) > 0
    assert backup.size == made.path.stat().st_size > 0
    assert abs((datetime.now(UTC) - backup.taken_at).total_seconds()) < 60
    # Only finished backups are in the folder: no temporary file, no -wal or -shm left.
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]


def test_unchanged_file_is_not_backed_up_again(demo: Inspection, root: Path) -> None:
    clock = ticking()
    assert take_backup(demo, root, now=clock) is not None
    assert take_backup(demo, root, now=clock) is None
    note_something(demo, "changed after the first backup")
    assert take_backup(demo, root, now=clock) is not None
    assert len(list_backups(root, demo.path)) == 2
    assert take_backup(demo, root, now=clock, only_if_changed=False) is not None
    assert len(list_backups(root, demo.path)) == 3


def test_only_the_newest_k_are_kept(demo: Inspection, root: Path) -> None:
    clock = ticking()
    made = []
    for n in range(6):
        note_something(demo, f"edit {n}")
        backup = take_backup(demo, root, keep=3, now=clock)
        assert backup is not None
        made.append(backup.path)
    assert [b.path for b in list_backups(root, demo.path)] == made[::-1][:3]
    assert not any(p.exists() for p in made[:3])


def test_each_file_has_its_own_folder(tmp_path: Path, demo_template: Path, root: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    paths = [tmp_path / "a" / "same.caseaudit", tmp_path / "b" / "same.caseaudit"]
    for path in paths:
        path.write_bytes(demo_template.read_bytes())
        with Inspection.open(path) as inspection:
            take_backup(inspection, root)
    folders = {backup_folder(root, p) for p in paths}
    assert len(folders) == 2
    assert all(len(list_backups(root, p)) == 1 for p in paths)


def test_restore_makes_a_new_file_with_the_work_of_that_moment(
    demo: Inspection, root: Path, tmp_path: Path
) -> None:
    clock = ticking()
    case_id, criterion = note_something(demo, "before the backup")
    take_backup(demo, root, now=clock)
    note_something(demo, "after the backup")
    backup = list_backups(root, demo.path)[0]
    target = tmp_path / "restored.caseaudit"
    assert restore_backup(backup.path, target) == target
    with Inspection.open(target) as restored:
        actor = restored.assessor("Backup Tester", "inspector")
        assessment = restored.grading.assessment(case_id, actor.id)
        assert assessment is not None
        assert assessment.note_of(criterion) == "before the backup"
        assert restored.integrity() == ["ok"]
    # The open file is untouched and still has the later note.
    assessment = demo.grading.assessment(case_id, demo.assessor("Backup Tester", "inspector").id)
    assert assessment is not None and assessment.note_of(criterion) == "after the backup"
    assert not list(tmp_path.glob(".restored*"))


def test_restore_never_overwrites(demo: Inspection, root: Path, tmp_path: Path) -> None:
    backup = take_backup(demo, root)
    assert backup is not None
    before = demo.path.read_bytes()
    with pytest.raises(BackupError, match="already exists"):
        restore_backup(backup.path, demo.path)
    assert demo.path.read_bytes() == before
    other = tmp_path / "other.caseaudit"
    other.write_bytes(b"someone's file")
    with pytest.raises(BackupError, match="already exists"):
        restore_backup(backup.path, other)
    assert other.read_bytes() == b"someone's file"
    with pytest.raises(BackupError, match="does not exist"):
        restore_backup(backup.path, tmp_path / "missing" / "x.caseaudit")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".other")) == []


def test_damaged_backup_is_listed_as_damaged_and_not_restored(
    demo: Inspection, root: Path, tmp_path: Path
) -> None:
    backup = take_backup(demo, root)
    assert backup is not None
    size = backup.path.stat().st_size
    with backup.path.open("r+b") as handle:  # scribble over every page past the first two
        handle.seek(8192)
        handle.write(b"\x5a" * (size - 8192))
    listed = list_backups(root, demo.path)[0]
    assert not listed.usable
    assert listed.cases is None
    target = tmp_path / "restored.caseaudit"
    with pytest.raises(BackupError, match="cannot be restored"):
        restore_backup(listed.path, target)
    assert not target.exists()
    assert not list(tmp_path.glob(".restored*"))


def test_a_truncated_backup_is_listed_as_unusable(demo: Inspection, root: Path) -> None:
    backup = take_backup(demo, root)
    assert backup is not None
    with backup.path.open("r+b") as handle:
        handle.truncate(backup.size // 3)
    listed = list_backups(root, demo.path)[0]
    assert not listed.usable
    assert listed.problem


def test_backup_into_an_unwritable_place_is_a_clear_error(demo: Inspection, tmp_path: Path) -> None:
    root = tmp_path / "not-a-folder"
    root.write_text("a file where the backups folder should be")
    with pytest.raises(BackupError, match="cannot make the backups folder"):
        take_backup(demo, root)


def test_keep_must_be_at_least_one(demo: Inspection, root: Path) -> None:
    with pytest.raises(BackupError, match="at least one"):
        take_backup(demo, root, keep=0)
    assert not root.exists()
