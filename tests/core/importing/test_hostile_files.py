"""Paths that are not plain import files are refused by what they are, before a byte is read,
in a child process whose time and peak memory are measured: a symbolic link (to /dev/zero, or
even to a good file), a named pipe (which would block a reader for ever), a device, a folder, a
file over the size limit (a sparse 1 GB CSV: refused from its size, never read), and one under a
lowered or raised ``--max-file-mb``. A CSV field longer than the csv module's default 131,072
characters is read whole.

Each refusal: exit 2, a message naming the file and what it is, nothing written to an existing
inspection, no new path left behind, a peak under 500 MB, within 30 s.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from tests.support.import_files import (
    import_in_child,
    listing,
    refused_cleanly,
)
from tests.support.importing import CASES, CASES_HEADINGS, snapshot, write_workbook

GB = 1024 * 1024 * 1024


@pytest.fixture(params=["new", "existing"])
def target(request: pytest.FixtureRequest, base_inspection: Path, tmp_path: Path) -> Path:
    """Where the import goes: a new inspection file, or a copy of one holding the sample."""
    folder = tmp_path / "target"
    folder.mkdir()
    db = folder / "inspection.caseaudit"
    if request.param == "existing":
        shutil.copyfile(base_inspection, db)
    return db


def unchanged(target: Path, before: tuple[str | None, set[str]]) -> None:
    """The target is as it was: its rows, and the names in its folder."""
    digest, names = before
    assert listing(target.parent) == names
    assert (snapshot(target) if target.exists() else None) == digest


def state(target: Path) -> tuple[str | None, set[str]]:
    return (snapshot(target) if target.exists() else None), listing(target.parent)


def good_csv(path: Path) -> Path:
    lines = [",".join(CASES_HEADINGS)] + [",".join(row) for row in CASES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_a_link_to_dev_zero_is_refused_unread(tmp_path: Path, target: Path, suffix: str) -> None:
    source = tmp_path / f"x{suffix}"
    source.symlink_to("/dev/zero")
    before = state(target)
    refused_cleanly(
        import_in_child(target, source),
        f"{source}: is a symbolic link to /dev/zero; links are not followed",
    )
    unchanged(target, before)


def test_a_link_to_a_good_file_is_refused_too(tmp_path: Path, target: Path) -> None:
    real = good_csv(tmp_path / "real.csv")
    source = tmp_path / "link.csv"
    source.symlink_to(real)
    before = state(target)
    refused_cleanly(import_in_child(target, source), f"{source}: is a symbolic link to {real}")
    unchanged(target, before)


def test_a_dangling_link_is_named_as_a_link(tmp_path: Path, target: Path) -> None:
    source = tmp_path / "gone.csv"
    source.symlink_to(tmp_path / "nowhere.csv")
    before = state(target)
    refused_cleanly(import_in_child(target, source), f"{source}: is a symbolic link to")
    unchanged(target, before)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, target: Path, suffix: str
) -> None:
    source = tmp_path / f"fifo{suffix}"
    os.mkfifo(source)
    before = state(target)
    child = import_in_child(target, source)
    refused_cleanly(child, f"{source}: is a named pipe (FIFO), not a workbook or CSV file")
    assert child.seconds < 10
    unchanged(target, before)


def test_a_device_is_refused(tmp_path: Path, target: Path) -> None:
    before = state(target)
    refused_cleanly(import_in_child(target, Path("/dev/zero")), "/dev/zero: is a device")
    unchanged(target, before)


def test_a_folder_is_refused(tmp_path: Path, target: Path) -> None:
    source = tmp_path / "cases.xlsx"
    source.mkdir()
    before = state(target)
    refused_cleanly(import_in_child(target, source), f"{source}: is a folder, not a workbook")
    unchanged(target, before)


def test_a_sparse_gigabyte_csv_is_refused_from_its_size(tmp_path: Path, target: Path) -> None:
    source = tmp_path / "huge.csv"
    with source.open("wb") as handle:
        handle.write(b"Case reference,Case type\n")
        handle.truncate(GB)  # a hole: no disk used, and nothing must read it
    before = state(target)
    child = import_in_child(target, source)
    refused_cleanly(
        child,
        f"{source}: is 1,024 MB; files above 200 MB are refused before they are read",
        "--max-file-mb",
    )
    assert child.peak_mb < 150  # nothing of it was read
    unchanged(target, before)


def test_the_file_limit_is_the_flag_s(tmp_path: Path, target: Path) -> None:
    source = good_csv(tmp_path / "sample.csv")
    before = state(target)
    refused_cleanly(
        import_in_child(target, source, "--max-file-mb", "0.0001"),
        "files above 104 bytes are refused before they are read",
    )
    unchanged(target, before)
    child = import_in_child(target, source, "--max-file-mb", "1")
    assert child.code == 0, child.err


@pytest.mark.parametrize("value", ["0", "-5", "lots", "5000"])
def test_a_limit_that_cannot_be_is_a_usage_error(tmp_path: Path, value: str) -> None:
    source = good_csv(tmp_path / "sample.csv")
    db = tmp_path / "new.caseaudit"
    child = import_in_child(db, source, "--max-file-mb", value)
    err = refused_cleanly(child, "--max-file-mb")
    assert len(err.splitlines()) == 1
    assert listing(tmp_path) == {"sample.csv"}


def test_a_limit_below_one_byte_is_a_usage_error_not_a_refused_file(tmp_path: Path) -> None:
    source = good_csv(tmp_path / "sample.csv")
    db = tmp_path / "new.caseaudit"
    child = import_in_child(db, source, "--max-file-mb", "1e-9")
    err = refused_cleanly(child, "--max-file-mb 1e-09: less than one byte")
    assert len(err.splitlines()) == 1
    assert listing(tmp_path) == {"sample.csv"}


def test_a_field_longer_than_the_csv_module_s_default_is_read_whole(tmp_path: Path) -> None:
    summary = "A long account. " * 16_384  # 262,144 characters: twice csv's default limit
    source = tmp_path / "long.csv"
    source.write_text(
        f"Case reference,Case type,Summary\nLONG-1,S47,{summary}\nLONG-2,S47,short\n",
        encoding="utf-8",
    )
    db = tmp_path / "long.caseaudit"
    child = import_in_child(db, source)
    assert child.code == 0, child.err
    assert "2 cases added" in child.out
    assert child.peak_mb < 500
    with Inspection.open(db) as inspection:
        assert inspection.case_by_reference("LONG-1").summary == summary.strip()
        assert inspection.case_by_reference("LONG-2").summary == "short"


def test_a_field_as_long_as_the_whole_file_limit_is_refused_by_size_not_traceback(
    tmp_path: Path,
) -> None:
    source = tmp_path / "one-field.csv"
    source.write_text("Case reference,Case type,Summary\nX,S47," + "x" * 300_000 + "\n")
    db = tmp_path / "x.caseaudit"
    refused_cleanly(
        import_in_child(db, source, "--max-file-mb", "0.25"),
        f"{source}: is 0.29 MB; files above 0.25 MB are refused",
    )
    assert not db.exists()


def test_the_workbook_limit_applies_to_workbooks(tmp_path: Path, target: Path) -> None:
    source = write_workbook(tmp_path / "sample.xlsx", {"Cases": [CASES_HEADINGS, *CASES]})
    before = state(target)
    refused_cleanly(
        import_in_child(target, source, "--max-file-mb", "0.001"),
        f"{source}: is ",
        "are refused before they are read",
    )
    unchanged(target, before)


def test_a_sheet_over_the_row_limit_is_refused(tmp_path: Path, target: Path) -> None:
    source = good_csv(tmp_path / "sample.csv")
    before = state(target)
    refused_cleanly(
        import_in_child(target, source, "--max-rows", "2"), "has more than 2 rows; split the sample"
    )
    unchanged(target, before)
