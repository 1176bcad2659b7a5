"""Killing the program while it writes a workbook or a package never leaves a partial OUT.

A child process writes the export (or the package) of a 300-case inspection to OUT over and
over; the test SIGKILLs it at random moments. OUT starts as an earlier complete file, so after
every kill it must still be there and complete: the workbook opens with openpyxl with every
sheet, the package passes ``open_package`` (sizes and SHA-256 of its content). Temporary files
left by a killed write are allowed, but never under OUT's name.

``KILLS`` is small here to keep the test within seconds; ``scripts/stress-crash`` runs it with
many more (``CRASH_KILLS``).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from auditor.exporting.export import export_workbook
from auditor.inspection import Inspection
from auditor.merging.package import open_package, write_package
from auditor.samples.synthetic import write_synthetic
from tests.support import CHILDREN

CHILD = CHILDREN / "kill_export_child.py"
KILLS = int(os.environ.get("CRASH_KILLS", "4"))
CASES = 300
SHEETS = [
    "About",
    "Summary",
    "Timeliness",
    "Criteria",
    "Cases",
    "Chronology",
    "Citations",
    "Referrals",
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "large.caseaudit"
    write_synthetic(path, CASES, events_per_case=20).close()
    return path


def check_workbook(out: Path) -> None:
    from openpyxl import load_workbook

    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
    book = load_workbook(out, read_only=True)
    try:
        assert book.sheetnames[: len(SHEETS)] == SHEETS
        assert book.sheetnames[-1] == "Audit trail"
        cases = book["Cases"]
        assert sum(1 for _ in cases.iter_rows(min_row=2, values_only=True)) == CASES
    finally:
        book.close()


def check_package(out: Path) -> None:
    with open_package(out) as package:
        assert package.manifest.counts["cases"] == CASES


def identity(out: Path) -> tuple[int, int]:
    """Which file OUT is: an inode may be reused by a later write, its change time not."""
    stat = out.stat()
    return stat.st_ino, stat.st_mtime_ns


def first_write(kind: str, source: Path, out: Path) -> None:
    with Inspection.open(source) as inspection:
        if kind == "export":
            export_workbook(inspection, out)
        else:
            write_package(inspection, out)


def kill_at_random(
    source: Path, out: Path, kind: str, rng: random.Random, *, after_write: bool
) -> int:
    """Start the child, wait a random moment (the child is always mid-write: it writes
    back to back), SIGKILL it; returns the writes it finished. With ``after_write`` the moment
    comes after its first complete write, so OUT has been replaced at least once."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(source), str(out), kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    finished = 0
    if after_write:
        assert child.stdout.readline().startswith("wrote"), child.stderr.read()
        finished = 1
    time.sleep(rng.uniform(0.0, 1.0))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    finished += sum(1 for line in child.stdout if line.startswith("wrote"))
    child.stdout.close()
    child.stderr.close()
    return finished


@pytest.mark.parametrize("kind", ["export", "package"])
def test_sigkill_mid_write_leaves_the_old_or_a_complete_new_file(
    kind: str, source: Path, tmp_path: Path
) -> None:
    out = tmp_path / ("out.xlsx" if kind == "export" else "out.caseaudit-package")
    check = check_workbook if kind == "export" else check_package
    first_write(kind, source, out)
    check(out)
    rng = random.Random(f"{kind}-8")
    replaced = 0
    for kill in range(KILLS):
        before = identity(out)
        finished = kill_at_random(source, out, kind, rng, after_write=kill % 2 == 0)
        assert out.is_file(), f"kill {kill}: {out.name} is gone"
        check(out)
        if finished:
            assert identity(out) != before, f"kill {kill}: a finished write is not at OUT"
            replaced += 1
        assert [p.name for p in tmp_path.iterdir() if p.name == out.name] == [out.name]
        strays = [p for p in tmp_path.iterdir() if p != out]
        assert all(p.name.startswith(f".{out.name}") for p in strays), strays
    assert replaced >= KILLS // 2
    with Inspection.open(source) as inspection:
        assert inspection.integrity() == ["ok"]
