"""A fault in the program met on the command line is one line naming the log that holds its
traceback (exit 70), never a traceback on the screen; bad input stays exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli import commands
from auditor.cli.entry import main
from auditor.cli.faults import EXIT_FAULT, LOG_ENV


def test_a_fault_is_logged_and_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "logs" / "errors.log"
    monkeypatch.setenv(LOG_ENV, str(log))

    def broken(*_args: object, **_kwargs: object) -> int:
        raise ZeroDivisionError("a bug planted by this test")

    monkeypatch.setattr(commands, "dispatch", broken)  # any command: the fault is ours
    code = main(["check", "--db", str(tmp_path / "x.caseaudit")])
    captured = capsys.readouterr()
    assert code == EXIT_FAULT == 70
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.splitlines() == [
        "case-auditor: a fault in the program (ZeroDivisionError), not in what you gave it; "
        f"details were saved to {log}"
    ]
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "a bug planted by this test" in written
    assert f"case-auditor check --db {tmp_path / 'x.caseaudit'}" in written


def test_without_a_writable_log_the_line_still_says_what_happened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-file-not-a-folder"
    folder.write_text("")
    monkeypatch.setenv(LOG_ENV, str(folder / "errors.log"))
    monkeypatch.setattr(commands, "dispatch", lambda *a: 1 / 0)
    assert main(["check", "--db", "x"]) == EXIT_FAULT
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "could not be saved" in err and "Traceback" not in err
