"""One writer at a time: a file another running copy holds is refused with who holds it, the
lock of a killed copy is reclaimed, and files on network drives are refused."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from db.errors import StorageError
from db.lock import FileInUse, filesystem_type, lock_path, refuse_network_path
from tests.support import ROOT
from tests.support.importing import snapshot

HOLDER = """
import sys, time
from auditor.inspection import Inspection
inspection = Inspection.open(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


def hold_in_another_process(path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "holding"
    return child


def test_a_file_held_by_another_copy_is_refused_naming_the_holder(demo_path: Path) -> None:
    child = hold_in_another_process(demo_path)
    try:
        before = snapshot(demo_path)
        with pytest.raises(FileInUse) as refused:
            Inspection.open(demo_path)
        message = str(refused.value)
        assert message.startswith(f"{demo_path}: open for writing by ")
        assert f"on {socket.gethostname()} (process {child.pid}," in message
        assert "open it read-only" in message
        assert snapshot(demo_path) == before
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.stdout is not None
        child.stdout.close()
    # The killed copy's lock is reclaimed without asking.
    with Inspection.open(demo_path) as inspection:
        assert inspection.counts()["cases"] == 62
    assert not lock_path(demo_path).exists()


def test_one_process_may_open_its_file_twice(demo_path: Path) -> None:
    """The window and its worker threads (import, reports, export) share the hold."""
    first = Inspection.open(demo_path)
    second = Inspection.open(demo_path)
    second.close()
    assert lock_path(demo_path).exists()  # still held by the first
    first.close()
    assert not lock_path(demo_path).exists()


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/team nfs4 rw,relatime 0 0
//fileserver/share /media/share\\040drive cifs rw 0 0
"""


def test_files_on_network_drives_are_refused() -> None:
    assert filesystem_type(Path("/home/inspector/a.caseaudit"), MOUNTS) == "ext4"
    assert filesystem_type(Path("/mnt/team/a.caseaudit"), MOUNTS) == "nfs4"
    assert filesystem_type(Path("/media/share drive/x/a.caseaudit"), MOUNTS) == "cifs"
    assert filesystem_type(Path("/mnt/teammate/a.caseaudit"), MOUNTS) == "ext4"
    with pytest.raises(StorageError, match=r"a\.caseaudit: is on a network drive \(nfs4\)"):
        refuse_network_path(Path("/mnt/team/a.caseaudit"), MOUNTS)
    refuse_network_path(Path("/home/inspector/a.caseaudit"), MOUNTS)
