"""Import files written by other programs, and running the import in a child process.

The .ods fixtures under tests/fixtures/import/ are written by LibreOffice from workbooks
openpyxl writes here (``scripts/make-import-fixtures`` runs ``python -m
tests.support.import_files``); the live tests make them again when ``soffice`` is installed.
The child runs ``case-auditor import`` and reports its peak memory, as the hostile-input
tests measure it.
"""

from __future__ import annotations

import contextlib
import datetime
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support import ROOT
from tests.support.importing import CASES, CASES_HEADINGS, CHRONOLOGY_HEADINGS, write_workbook

FIXTURES = ROOT / "tests" / "fixtures" / "import"
#: Every hostile input: refused within this many seconds, in under this much memory.
LIMIT_SECONDS = 30.0
LIMIT_MB = 500

#: The good sample with real dates and date-times (LibreOffice keeps them as dates).
SAMPLE_CASES = [
    [*row[:5], datetime.date.fromisoformat(row[5]), row[6]] for row in [list(r) for r in CASES]
]
SAMPLE_CHRONOLOGY = [
    ["IMP-001", datetime.datetime(2018, 3, 1, 0, 15), "Reported missing", "Carer calls police"],
    ["IMP-001", datetime.datetime(2018, 3, 1, 21, 30), "found", "Found at a friend's flat"],
    ["IMP-002", datetime.datetime(2018, 3, 4, 10, 15), "First contact", "Nursery calls"],
]
#: The sheets of problems.xlsx / problems.ods: the Cases start in column B (column A empty),
#: a case type, a date and a chronology event wrong, and data in a column with no heading.
PROBLEM_CASES = [
    [None, *CASES_HEADINGS],
    [None, *CASES[0]],
    [None, CASES[1][0], "Burglary", *CASES[1][2:]],
    [None, *CASES[2][:5], "2018-02-30", CASES[2][6], None, "stray"],
]
PROBLEM_CHRONOLOGY = [
    CHRONOLOGY_HEADINGS,
    ["IMP-001", datetime.datetime(2018, 3, 1, 9, 0), "Reported missing", "Carer calls police"],
    ["IMP-003", datetime.datetime(2018, 3, 9, 23, 0), "Teleported", ""],
]
HYPERLINK = '=HYPERLINK("http://example.invalid","click")'


def fixture_workbooks(folder: Path) -> dict[str, Path]:
    """The workbooks the .ods fixtures are made from, written by openpyxl into ``folder``."""
    formula_cases = [list(r) for r in SAMPLE_CASES]
    formula_cases[0][6] = HYPERLINK
    formula_cases[1][6] = "=1+1"
    return {
        "sample": write_workbook(
            folder / "sample.xlsx",
            {
                "Cases": [CASES_HEADINGS, *SAMPLE_CASES],
                "Chronology": [CHRONOLOGY_HEADINGS, *SAMPLE_CHRONOLOGY],
            },
        ),
        "problems": write_workbook(
            folder / "problems.xlsx",
            {"Cases": PROBLEM_CASES, "Chronology": PROBLEM_CHRONOLOGY},
        ),
        "formulas": write_workbook(
            folder / "formulas.xlsx", {"Cases": [CASES_HEADINGS, *formula_cases]}
        ),
    }


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_ods(workbook: Path, out: Path) -> Path:
    """``workbook`` re-saved by LibreOffice as ``out`` (an .ods), headless."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"  # its own profile: never the user's, never locked
        subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "ods",
                "--outdir",
                work,
                str(workbook),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.move(Path(work) / f"{workbook.stem}.ods", out)
    return out


def make_fixtures(target: Path = FIXTURES) -> list[Path]:
    """Write the .ods fixtures (and the .xlsx they compare with) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        for name, workbook in fixture_workbooks(Path(work)).items():
            written.append(to_ods(workbook, target / f"{name}.ods"))
            if name == "problems":
                written.append(Path(shutil.copyfile(workbook, target / "problems.xlsx")))
    return written


# --- the import in a child process ----------------------------------------------------------

# The child's peak memory is its VmHWM (kB), which starts afresh with the program: ru_maxrss
# would include the test runner's own size at the moment it forked the child.
CHILD = """
import sys
from auditor import cli
code = cli.main(["import", "--db", *sys.argv[1:]])
sys.stdout.flush()
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(f"\\npeak-kb {peak}")
sys.exit(code)
"""


@dataclass
class Child:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


def import_in_child(
    db: Path, source: Path, *extra: str, preexec: Callable[[], None] | None = None
) -> Child:
    """Run ``case-auditor import --db DB SOURCE EXTRA…`` in a child process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(source), *extra],
        capture_output=True,
        text=True,
        timeout=LIMIT_SECONDS * 4,
        cwd=ROOT,
        preexec_fn=preexec,
    )
    seconds = time.perf_counter() - started
    out, _, peak = done.stdout.rpartition("\npeak-kb ")
    peak_mb = int(peak) / 1024 if peak.strip().isdigit() else float("nan")
    return Child(done.returncode, out, done.stderr, seconds, peak_mb)


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def refused_cleanly(child: Child, *said: str) -> str:
    """Assert the hostile-input contract: exit 2, no traceback, the words expected, within
    the time and memory allowed; the standard error's text is returned."""
    assert child.code == 2, (child.code, child.out, child.err)
    assert "Traceback" not in child.err, child.err
    for words in said:
        assert words in child.err, (words, child.err)
    assert child.seconds < LIMIT_SECONDS, child.seconds
    assert child.peak_mb < LIMIT_MB, child.peak_mb
    return child.err


def rewrite_zip(source: Path, target: Path, parts: dict[str, Any]) -> Path:
    """A copy of a zip (a workbook), with ``parts`` replaced: bytes, or a function given the
    open member to write (for a part too big to hold in memory)."""
    import zipfile

    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for item in old.infolist():
            replacement = parts.get(item.filename)
            if replacement is None:
                new.writestr(item, old.read(item.filename))
            elif callable(replacement):
                with new.open(item.filename, "w", force_zip64=True) as handle:
                    replacement(handle)
            else:
                new.writestr(item, replacement)
    return target


# --- a small real disk: a tmpfs, filled or read-only ------------------------------------------


@contextlib.contextmanager
def small_tmpfs(point: Path, kilobytes: int = 2048) -> Iterator[Path | None]:
    """A tmpfs of ``kilobytes`` mounted at ``point`` (made here) while the block runs; None
    where this process may not mount one (not root, or a container that forbids it)."""
    point.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        yield None
        return
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False, capture_output=True)


NO_MOUNT = "this process may not mount a tmpfs (needs root, and a container allowing it)"


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk holding ``folder`` until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True, capture_output=True)


if __name__ == "__main__":
    for path in make_fixtures(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
