"""``db.database.Database`` runs plain SQL without sqlite-utils, by the library's own rules:
the same statements through both give the same files and the same open transactions."""

from __future__ import annotations

import gc
import sqlite3
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from db.database import Database
from db.library import Migrations, sqlite_utils
from db.migrating import MIGRATIONS_TABLE
from db.schema import MIGRATION_NAMES, MIGRATION_SET, STEPS
from tests.support.start_up import ROOT

STATEMENTS = [
    ("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)", None),
    ("INSERT INTO t (v) VALUES (?)", ["a"]),  # a write outside a transaction: committed
    ("WITH x(v) AS (SELECT 'b') INSERT INTO t (v) SELECT v FROM x", None),
    ("SELECT count(*) FROM t", None),
    ("PRAGMA user_version = 3", None),
    ("INSERT INTO t (v) VALUES ('c') RETURNING id", None),  # rows: left open, as the library
]


def _run_all(db: object, path: Path) -> list[object]:
    seen: list[object] = []
    for sql, params in STATEMENTS:
        cursor = db.execute(sql, params)  # type: ignore[attr-defined]
        seen.append((cursor.fetchall(), db.conn.in_transaction))  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.IntegrityError):  # a failed write outside a transaction
        db.execute("INSERT INTO t (v) VALUES ('a')")  # type: ignore[attr-defined]
    seen.append(db.conn.in_transaction)  # type: ignore[attr-defined]
    db.conn.commit()  # type: ignore[attr-defined]
    with sqlite3.connect(path) as other:  # what another program reads from the file
        seen.append(other.execute("SELECT v FROM t ORDER BY id").fetchall())
        seen.append(other.execute("PRAGMA user_version").fetchone())
    return seen


def test_plain_sql_behaves_as_through_sqlite_utils(tmp_path: Path) -> None:
    ours = Database(sqlite3.connect(tmp_path / "ours.db"))
    library = sqlite_utils.Database(sqlite3.connect(tmp_path / "theirs.db"))
    assert _run_all(ours, tmp_path / "ours.db") == _run_all(library, tmp_path / "theirs.db")


def test_a_failed_write_inside_a_transaction_leaves_the_transaction_to_its_owner(
    tmp_path: Path,
) -> None:
    db = Database(sqlite3.connect(tmp_path / "a.db"))
    db.execute("CREATE TABLE t (v TEXT UNIQUE)")
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db.execute("INSERT INTO t VALUES ('x')")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO t VALUES ('x')")
        assert db.conn.in_transaction  # not rolled back by execute: the block decides
        db.execute("INSERT INTO t VALUES ('x')")
    assert db.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_the_steps_applied_are_read_as_sqlite_utils_reads_them(tmp_path: Path) -> None:
    db = Database(sqlite3.connect(tmp_path / "b.db"))
    assert STEPS.applied(db) == [] and STEPS.pending(db) == MIGRATION_NAMES
    STEPS.migrations().apply(db)
    assert Migrations.migrations_table == MIGRATIONS_TABLE
    read = [m.name for m in Migrations(MIGRATION_SET).applied(db.utils)]
    assert STEPS.applied(db) == read == MIGRATION_NAMES
    assert STEPS.pending(db) == []


def test_opening_a_file_and_reading_its_case_list_loads_no_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "c.caseaudit"
    code = (
        "import sys\n"
        "from auditor.inspection import Inspection\n"
        f"inspection = Inspection.create({str(path)!r}, name='Plain')\n"
        "inspection.assessor('Ann Example', 'inspector')\n"  # a new person: a table's insert
        "inspection.close()\n"
    )
    # The file is made in one process (making it needs the library), opened in another by
    # someone it knows, as the window opens it.
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from auditor.inspection import Inspection\n"
            f"inspection = Inspection.open({str(path)!r})\n"
            "user = inspection.assessor('Ann Example', 'inspector')\n"
            "inspection.case_list(user.id)\n"
            "inspection.grading.progress(user.id)\n"
            "print('sqlite_utils' in sys.modules)\n"
            "inspection.db['cases'].count\n"  # a table's method: loaded now
            "print('sqlite_utils' in sys.modules)\n",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert opened.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(
    "begin", ["-- why\nBEGIN", "/* why */ BEGIN", ";BEGIN", "\ufeffBEGIN", "BEGIN/*x*/", "begin;"]
)
def test_a_transaction_begun_however_it_is_spelt_stays_open(tmp_path: Path, begin: str) -> None:
    ours = Database(sqlite3.connect(tmp_path / "ours.db"))
    library = sqlite_utils.Database(sqlite3.connect(tmp_path / "theirs.db"))
    for db in (ours, library):
        db.execute(begin)
    assert ours.conn.in_transaction == library.conn.in_transaction is True


def test_a_dropped_database_closes_its_file_at_once(tmp_path: Path) -> None:
    db = Database(sqlite3.connect(tmp_path / "e.db"))
    db.execute("CREATE TABLE t (v TEXT)")
    db["t"].insert({"v": "x"})  # the library's object made, and holding the owner
    gone = weakref.ref(db)
    gc.disable()
    try:
        del db
        assert gone() is None  # freed by reference counting, no collection needed
    finally:
        gc.enable()


def test_with_closes_the_file_as_sqlite_utils_does(tmp_path: Path) -> None:
    with Database(sqlite3.connect(tmp_path / "f.db")) as db:
        db.execute("CREATE TABLE t (v TEXT)")
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")
