"""An import onto a full disk, or into a read-only place: one line, exit 2, nothing left behind
(no half-written ``.NAME.importing``, no -wal or -shm, no lock file) and an existing inspection
unchanged, for a new inspection file and an existing one.

The failures are real. A full disk is, for every user, ``RLIMIT_FSIZE`` lowered in the child
(writes past it fail with EFBIG, which SQLite reports as a disk I/O error; SIGXFSZ ignored);
and, where this process may mount (root in a container that allows it), a small tmpfs filled
to the brim (ENOSPC, "database or disk is full"), and the same tmpfs remounted read-only
(EROFS, which stops root too). The window's import dialog calls ``import_file`` itself: it
raises ImportFailed, one line, which the dialog shows as it is (tests/window/importing).
"""

from __future__ import annotations

import csv
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.import_files import (
    NO_MOUNT,
    fill,
    import_in_child,
    listing,
    refused_cleanly,
    remount_read_only,
    small_tmpfs,
)
from tests.support.importing import snapshot

MOUNT_KB = 2048


def full_disk(limit: int) -> Callable[[], None]:
    """In the child: every write past ``limit`` bytes of any file fails (EFBIG)."""

    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_writes


def new_cases_csv(path: Path, how_many: int = 3000) -> Path:
    """Enough new cases that writing them overflows a small disk."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Case reference", "Case type", "Borough", "Date opened", "Summary"])
        for n in range(how_many):
            summary = f"Invented case {n}: a referral from a school nurse about bruising"
            writer.writerow([f"NEW-{n:05d}", "S47", "Ashvale", "2018-03-01", summary])
    return path


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_cases_csv(tmp_path_factory.mktemp("source") / "new-cases.csv")


def one_line(child, *said: str) -> str:
    err = refused_cleanly(child, *said)
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- RLIMIT_FSIZE: every user can run these ---------------------------------------------------


@pytest.mark.parametrize("limit", [1, 5_000, 60_000, 400_000])
def test_a_full_disk_leaves_an_existing_inspection_as_it_was(
    base_inspection: Path, tmp_path: Path, source: Path, limit: int
) -> None:
    db = shutil.copyfile(base_inspection, tmp_path / "inspection.caseaudit")
    before, names = snapshot(db), listing(tmp_path)
    line = one_line(import_in_child(db, source, preexec=full_disk(limit)))
    assert line.startswith(f"case-auditor: {db}: nothing imported; ")
    assert "could not be written" in line
    assert snapshot(db) == before
    assert listing(tmp_path) == names  # no -wal, -shm or lock file left


@pytest.mark.parametrize("limit", [1, 5_000, 60_000, 400_000])
def test_a_full_disk_leaves_no_new_inspection(tmp_path: Path, source: Path, limit: int) -> None:
    db = tmp_path / "new.caseaudit"
    line = one_line(import_in_child(db, source, preexec=full_disk(limit)))
    assert line.startswith(f"case-auditor: {db}: nothing imported; ")
    assert "could not be written" in line
    assert ".importing" not in line  # the half-written file's name is not the user's concern
    assert listing(tmp_path) == set()


WINDOW_CHILD = """
import sys
from pathlib import Path
from auditor.importing.problems import ImportFailed
from auditor.importing.run import import_file
try:
    import_file(Path(sys.argv[1]), Path(sys.argv[2]), "Robin Example")
except ImportFailed as exc:
    print(f"ImportFailed: {exc}")
"""


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "new"])
def test_the_window_s_import_raises_one_import_failed_line(
    base_inspection: Path, tmp_path: Path, source: Path, existing: bool
) -> None:
    """What the dialog is given (it shows a Refused's message as it is)."""
    db = tmp_path / "inspection.caseaudit"
    if existing:
        shutil.copyfile(base_inspection, db)
    names = listing(tmp_path)
    for limit in (5_000, 60_000):
        done = subprocess.run(
            [sys.executable, "-c", WINDOW_CHILD, str(db), str(source)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            preexec_fn=full_disk(limit),
        )
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        lines = done.stdout.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"ImportFailed: {db}: nothing imported")
        assert listing(tmp_path) == names


# --- a real small disk: a tmpfs, full, then read-only ------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for this test (skipped where this process may not mount)."""
    with small_tmpfs(tmp_path / "disk", MOUNT_KB) as point:
        if point is None:
            pytest.skip(NO_MOUNT)
        yield point


@pytest.mark.parametrize("leave", [0, 64 * 1024, 256 * 1024])
def test_a_really_full_disk_with_an_existing_inspection(
    small_disk: Path, base_inspection: Path, source: Path, leave: int
) -> None:
    db = shutil.copyfile(base_inspection, small_disk / "inspection.caseaudit")
    fill(small_disk, leave)
    before, names = db.read_bytes(), listing(small_disk)  # a reader too needs room (-shm)
    line = one_line(import_in_child(db, source))
    assert line.startswith(f"case-auditor: {db}: nothing imported; ")
    assert db.read_bytes() == before  # not a byte changed
    assert listing(small_disk) == names


@pytest.mark.parametrize("leave", [0, 64 * 1024, 512 * 1024])
def test_a_really_full_disk_with_a_new_inspection(
    small_disk: Path, source: Path, leave: int
) -> None:
    db = small_disk / "new.caseaudit"
    fill(small_disk, leave)
    names = listing(small_disk)
    line = one_line(import_in_child(db, source))
    assert line.startswith(f"case-auditor: {db}: nothing imported; ")
    assert listing(small_disk) == names


def test_a_read_only_disk_refuses_an_existing_inspection_in_one_line(
    small_disk: Path, base_inspection: Path, source: Path
) -> None:
    db = shutil.copyfile(base_inspection, small_disk / "inspection.caseaudit")
    remount_read_only(small_disk)
    before, names = db.read_bytes(), listing(small_disk)
    line = one_line(import_in_child(db, source))
    assert line.startswith(f"case-auditor: {db}: is read-only") and "nothing imported" in line
    assert db.read_bytes() == before
    assert listing(small_disk) == names


def test_a_read_only_disk_refuses_a_new_inspection_in_one_line(
    small_disk: Path, source: Path
) -> None:
    remount_read_only(small_disk)
    db = small_disk / "new.caseaudit"
    line = one_line(import_in_child(db, source))
    assert line.startswith(f"case-auditor: {db}: its folder") and "nothing imported" in line
    assert listing(small_disk) == set()


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "new"])
def test_the_window_s_import_onto_a_read_only_disk_is_one_import_failed_line(
    small_disk: Path, base_inspection: Path, source: Path, existing: bool
) -> None:
    db = small_disk / "inspection.caseaudit"
    if existing:
        shutil.copyfile(base_inspection, db)
    remount_read_only(small_disk)
    names = listing(small_disk)
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_CHILD, str(db), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ImportFailed: {db}: nothing imported")
    assert listing(small_disk) == names
