"""Every command that takes ``--db`` refuses a folder in one line on standard error (exit 2),
touching nothing; exit 1 is kept for a damaged file (only ``check``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli.entry import main


def _one_line_refusal(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["encrypt"],
        ["change-passphrase"],
        ["export", "{tmp}/out.xlsx"],
        ["package", "{tmp}/out.caseaudit-package"],
        ["import", "{tmp}/cases.csv"],
        ["merge", "{tmp}/team.caseaudit-package"],
        ["demo"],
    ],
)
def test_a_folder_given_for_the_inspection_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    folder = tmp_path / "inspections"
    folder.mkdir()
    (tmp_path / "cases.csv").write_text("Case reference,Case type\nX-1,S47\n")
    (tmp_path / "team.caseaudit-package").write_bytes(b"not opened: the folder is refused first")
    name, *rest = command
    argv = [name, "--db", str(folder), *(a.format(tmp=tmp_path) for a in rest)]

    line = _one_line_refusal(capsys, argv)

    assert line.startswith(f"case-auditor: {folder}: is a folder")
    assert not any(folder.iterdir())
    assert not (tmp_path / "out.xlsx").exists()
    assert not (tmp_path / "out.caseaudit-package").exists()


def test_check_of_a_folder_is_not_reported_as_damage(tmp_path: Path) -> None:
    """As a process: stdout stays empty (it carries only a check's findings)."""
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--db", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"case-auditor: {tmp_path}: is a folder, not an inspection file\n"


def test_encrypt_says_a_folder_is_a_folder(tmp_path: Path, capsys) -> None:
    line = _one_line_refusal(capsys, ["encrypt", "--db", str(tmp_path)])
    assert line == f"case-auditor: {tmp_path}: is a folder, not an inspection file"


def test_a_folder_given_for_a_package_is_named_as_a_folder(
    demo_path: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "packages"
    folder.mkdir()
    before = demo_path.read_bytes()
    line = _one_line_refusal(capsys, ["merge", "--db", str(demo_path), str(folder)])
    assert line == f"case-auditor: {folder}: is a folder, not a package"
    assert demo_path.read_bytes() == before


def test_a_damaged_file_is_still_exit_1(tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.caseaudit"
    path.write_text("these are not grades\n")
    assert main(["check", "--db", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"UNHEALTHY: {path}: not an inspection file")


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", ""],  # the window's own option: refused before any window
        ["check", "--db", ""],
        ["export", "--db", "{tmp}/i.caseaudit", ""],
        ["package", "--db", "{tmp}/i.caseaudit", "  "],
        ["person", "new", "--name", "A Person", "--key", ""],
    ],
)
def test_an_empty_path_is_refused_as_typed_not_taken_for_the_current_folder(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # what Path("") would have meant
    opened: list[object] = []
    code = main([a.format(tmp=tmp_path) for a in argv], open_window=opened.append)
    captured = capsys.readouterr()
    assert code == 2 and opened == [] and captured.out == ""
    assert "an empty path" in captured.err and "Traceback" not in captured.err
    assert len(captured.err.splitlines()) == 1, captured.err
    assert list(tmp_path.iterdir()) == []
