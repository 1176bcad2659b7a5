"""Import tests' workbooks (headings, rows, writing them), running the import command and
snapshotting an inspection file for comparison."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor import cli
from auditor.importing.run import import_file


def run_import(capsys, db: Path, source: Path, *extra: str) -> tuple[int, str, str]:
    code = cli.main(["import", "--db", str(db), str(source), "--assessor", "Robin Example", *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(db: Path) -> str:
    """A digest of every row of every table (the file unchanged means the same digest)."""
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        digest = hashlib.sha256()
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


CASES_HEADINGS = ["Case reference", "Case type", "Borough", "BCU", "Team", "Date opened", "Summary"]


CASES = [
    [
        "IMP-001",
        "Children missing",
        "Ashvale",
        "North BCU",
        "Missing persons unit",
        "2018-03-01",
        "Ran from a care home",
    ],
    [
        "IMP-002",
        "S47",
        "Dunmere",
        "East BCU",
        "Child abuse investigation team",
        "2018-03-04",
        "Bruising seen at nursery",
    ],
    [
        "IMP-003",
        "Children in police custody",
        "Elmstead",
        "South BCU",
        "Custody",
        "2018-03-09",
        "Held overnight after arrest",
    ],
]


CHRONOLOGY_HEADINGS = ["Case reference", "When", "Event", "Detail"]


CHRONOLOGY = [
    ["IMP-001", "2018-03-01 09:00", "Reported missing", "Carer calls police"],
    ["IMP-001", "2018-03-01 21:30", "found", "Found at a friend's flat"],
    ["IMP-002", "2018-03-04 10:15", "First contact", "Nursery calls"],
]


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A real .xlsx with these sheets (first row: headings)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """Make a workbook in tmp_path: the good sample, with rows and sheets changed as asked."""

    def make(
        cases: list[list[Any]] | None = None,
        chronology: list[list[Any]] | None = None,
        *,
        headings: list[str] | None = None,
        name: str = "sample.xlsx",
        extra: dict[str, list[list[Any]]] | None = None,
    ) -> Path:
        sheets = {
            "Cases": [headings or CASES_HEADINGS]
            + [list(r) for r in (cases if cases is not None else CASES)],
            "Chronology": [CHRONOLOGY_HEADINGS]
            + [list(r) for r in (chronology if chronology is not None else CHRONOLOGY)],
        }
        sheets.update(extra or {})
        return write_workbook(tmp_path / name, sheets)

    return make


@pytest.fixture(scope="session")
def base_inspection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An inspection holding the good sample, made once; tests copy it."""
    folder = tmp_path_factory.mktemp("base")
    source = write_workbook(
        folder / "sample.xlsx",
        {"Cases": [CASES_HEADINGS, *CASES], "Chronology": [CHRONOLOGY_HEADINGS, *CHRONOLOGY]},
    )
    db = folder / "base.caseaudit"
    import_file(db, source, "Robin Example")
    return db
