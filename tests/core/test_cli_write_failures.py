"""A full disk or a read-only inspection: one line that says where and what, exit 2, no
traceback, and nothing left behind (no workbook or package without its logged disclosure, no
lock file, no half-written inspection).

The failures are real. A full disk is ``RLIMIT_FSIZE`` lowered in a child process (writes past
the limit fail with EFBIG, which SQLite reports as a disk I/O error, as it does ENOSPC; SIGXFSZ
is ignored). A read-only file is ``chmod 444``; as root, whom permissions do not stop, the
child also gives up the capabilities that override them (``CAP_DAC_OVERRIDE`` and
``CAP_DAC_READ_SEARCH``, dropped from its bounding set before it runs Python), so the file is
as read-only to it as to an inspector. Files are read back with the workstation's SQLite.
"""

from __future__ import annotations

import csv
import ctypes
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.exporting.export import ExportError, ExportOptions, export_workbook
from auditor.inspection import Inspection
from auditor.merging.manifest import PackageError
from auditor.merging.package import write_package

DEMO_CASES = 62  # the demo inspection's sample (README: the demo writes 62 cases)
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
_LIBC = ctypes.CDLL(None, use_errno=True)

Preexec = Callable[[], None]


def full_disk(limit: int) -> Preexec:
    """In the child: every write past ``limit`` bytes of any file fails (EFBIG)."""

    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_writes


def _no_override() -> None:
    """In the child, before Python runs: root loses the capabilities that ignore permissions."""
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if _LIBC.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def cli(*argv: str, preexec: Preexec | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=preexec,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def disclosures(path: Path) -> int:
    return count(path, "SELECT count(*) FROM audit_log WHERE kind = 'disclosure'")


def new_cases_csv(path: Path, how_many: int = 3000) -> Path:
    """Cases not in the demo, enough that writing them overflows a small file-size limit."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Case reference", "Case type", "Borough", "Date opened", "Summary"])
        for n in range(how_many):
            summary = f"Invented case {n}: a referral from a school nurse about bruising"
            writer.writerow([f"NEW-{n:05d}", "S47", "Ashvale", "2018-03-01", summary])
    return path


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- a full disk -----------------------------------------------------------------------------


def test_a_full_disk_during_import_is_one_line_and_leaves_no_lock(
    demo_path: Path, tmp_path: Path
) -> None:
    source = new_cases_csv(tmp_path / "new-cases.csv")
    result = cli("import", "--db", str(demo_path), str(source), preexec=full_disk(100_000))
    line = one_line(result)
    assert line.startswith(f"case-auditor: {demo_path}: nothing imported")
    assert count(demo_path, "SELECT count(*) FROM cases") == DEMO_CASES
    left = listing(tmp_path) - {demo_path.name, source.name}
    assert left <= {f"{demo_path.name}-wal", f"{demo_path.name}-shm"}  # SQLite's own


@pytest.mark.parametrize("limit", [1, 100_000])  # the lock file itself fails; then the data
def test_a_full_disk_when_importing_into_a_new_file_leaves_nothing(
    tmp_path: Path, limit: int
) -> None:
    source = new_cases_csv(tmp_path / "new-cases.csv")
    target = tmp_path / "new.caseaudit"
    line = one_line(cli("import", "--db", str(target), str(source), preexec=full_disk(limit)))
    assert line.startswith(f"case-auditor: {target}: nothing imported")
    assert listing(tmp_path) == {source.name}


def test_a_full_disk_when_writing_a_package_names_the_package(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "laptop.caseaudit-package"
    before = disclosures(demo_path)
    line = one_line(cli("package", "--db", str(demo_path), str(out), preexec=full_disk(100_000)))
    assert line.startswith(f"case-auditor: {out}: could not be written")
    assert "merge" not in line
    assert listing(tmp_path) <= {demo_path.name, f"{demo_path.name}-wal", f"{demo_path.name}-shm"}
    assert disclosures(demo_path) == before


def test_a_full_disk_when_writing_the_demo_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "demo.caseaudit"
    line = one_line(cli("demo", "--db", str(target), preexec=full_disk(200_000)))
    assert line.startswith(f"case-auditor: {target}: the demo was not written")
    assert listing(tmp_path) == set()


# --- the app's own read-only view: the disclosure cannot be logged, so nothing leaves ---------


def test_an_export_whose_disclosure_cannot_be_logged_writes_no_workbook(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "for-the-force.xlsx"
    before = disclosures(demo_path)
    with (
        Inspection.open(demo_path, read_only=True) as viewing,
        pytest.raises(ExportError, match="its disclosure could not be logged"),
    ):
        export_workbook(viewing, out, ExportOptions(for_force=True, recipient="The force"))
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}")]
    assert disclosures(demo_path) == before


def test_a_package_whose_disclosure_cannot_be_logged_is_not_written(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "laptop.caseaudit-package"
    before = disclosures(demo_path)
    with (
        Inspection.open(demo_path, read_only=True) as viewing,
        pytest.raises(PackageError, match="its disclosure could not be logged"),
    ):
        write_package(viewing, out, recipient="Lee Lead")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}")]
    assert disclosures(demo_path) == before


# --- a read-only file on the command line ----------------------------------------------------


@pytest.fixture
def read_only(demo_path: Path) -> Iterator[tuple[Path, Preexec | None]]:
    """The demo file made read-only for the child processes that run the command line."""
    demo_path.chmod(0o444)
    preexec = _no_override if os.geteuid() == 0 else None
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; open(sys.argv[1], 'r+b')", str(demo_path)],
        capture_output=True,
        preexec_fn=preexec,
        timeout=60,
    )
    if probe.returncode == 0:
        pytest.skip("this process can write a chmod 444 file and cannot give up that power")
    yield demo_path, preexec
    demo_path.chmod(0o644)


@pytest.mark.parametrize(
    ("command", "consequence"),
    [
        (["export", "{tmp}/out.xlsx"], "no workbook was written"),
        (["package", "{tmp}/out.caseaudit-package"], "no package was written"),
        (["import", "{source}"], "nothing imported"),
        (["merge", "{package}"], "nothing merged"),
        (["encrypt"], "nothing was changed"),
    ],
)
def test_a_read_only_inspection_is_refused_before_anything_is_written(
    read_only: tuple[Path, Preexec | None],
    demo_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    command: list[str],
    consequence: str,
) -> None:
    path, preexec = read_only
    outside = tmp_path_factory.mktemp("sources")
    source = new_cases_csv(outside / "new-cases.csv", 10)
    laptop = shutil.copyfile(demo_template, outside / "laptop.caseaudit")
    package = outside / "laptop.caseaudit-package"
    with Inspection.open(laptop) as inspection:
        write_package(inspection, package)
    folder = path.parent
    name, *rest = command
    argv = [name, "--db", str(path)]
    argv += [a.format(tmp=folder, source=source, package=package) for a in rest]
    before, files = path.read_bytes(), listing(folder)

    line = one_line(cli(*argv, preexec=preexec))

    assert line.startswith(f"case-auditor: {path}: is read-only")
    assert line.endswith(consequence)
    assert path.read_bytes() == before
    assert listing(folder) == files
