"""The command line: demo, check, and usage errors (exit codes and messages)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.cli.entry import main
from db.schema import SCHEMA_VERSION


def test_demo_writes_a_new_inspection_and_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.caseaudit"
    assert main(["demo", "--db", str(path)]) == 0
    assert "62 cases" in capsys.readouterr().out
    before = path.read_bytes()
    assert main(["demo", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "already exists" in err
    assert path.read_bytes() == before


def test_check_reports_a_healthy_file(demo_path: Path, capsys) -> None:
    assert main(["check", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "Integrity check: ok" in out
    assert f"Schema version: {SCHEMA_VERSION}" in out
    assert "Cases: 62" in out


def test_check_finds_a_grade_changed_behind_the_log_in_an_unsigned_file(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "plain.caseaudit"
    assert main(["demo", "--db", str(path)]) == 0  # unsigned
    capsys.readouterr()
    conn = sqlite3.connect(path)
    grade_id, grade = conn.execute(
        "SELECT id, grade FROM criterion_grades WHERE grade = 'good' LIMIT 1"
    ).fetchone()
    conn.execute("UPDATE criterion_grades SET grade = 'inadequate' WHERE id = ?", [grade_id])
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("UNHEALTHY") and "the tables differ from the ledger" in out
    assert grade_id in out and repr(grade) in out


def _corrupt(path: Path) -> None:
    """Overwrite the middle of the file with garbage, as a failing disk might."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 3, len(data) - page, page * 5):
        data[start + 100 : start + 900] = b"\xde\xad\xbe\xef" * 200
    path.write_bytes(bytes(data))


def test_check_reports_a_corrupted_file_unhealthy(demo_path: Path, capsys) -> None:
    _corrupt(demo_path)
    assert main(["check", "--db", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("UNHEALTHY")
    assert str(demo_path) in out


def test_check_of_a_text_file_says_what_it_is(tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.caseaudit"
    path.write_text("these are not grades\n")
    assert main(["check", "--db", str(path)]) == 1
    assert "not an inspection file" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["check"], "--db"),
        (["frobnicate"], "invalid choice"),
        (["demo", "--db"], "expected one argument"),
        (["check", "--db", "/nonexistent/folder/x.caseaudit"], "no such inspection file"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], fragment: str, capsys) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = (captured.err + captured.out).strip().splitlines()
    assert len(lines) == 1
    assert fragment in lines[0]
    assert "Traceback" not in captured.err


def test_check_of_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "missing.caseaudit"
    assert main(["check", "--db", str(path)]) == 2
    assert not path.exists()


def test_console_command_runs_as_a_process(demo_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--db", str(demo_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Integrity check: ok" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
