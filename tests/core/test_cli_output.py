"""What the command line prints: a closed pipe is not an error, an import refusal has one
summary line, and every subcommand's ``--help`` says what it does and what its exit codes mean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli.entry import main

COMMANDS = [
    "demo",
    "check",
    "import",
    "export",
    "package",
    "merge",
    "encrypt",
    "change-passphrase",
]


def test_a_closed_standard_output_ends_the_command_quietly(demo_path: Path) -> None:
    """``case-auditor check --db X | head -1``: the reader has gone before the output comes."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to the pipe now fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "auditor", "check", "--db", str(demo_path)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 128 + 13  # as the shell reports a program SIGPIPE ended


def test_an_open_standard_output_still_exits_0(demo_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--db", str(demo_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"OK: {demo_path}"


def _import(capsys, db: Path, source: Path) -> tuple[int, list[str], str]:
    code = main(["import", "--db", str(db), str(source), "--assessor", "Robin Example"])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out


def test_an_import_refusal_is_one_summary_line_then_the_problems(tmp_path: Path, capsys) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(
        "Case reference,Case type,Date opened\nIMP-1,Burglary,2018-03-01\nIMP-2,S47,31/03/2018\n"
    )
    db = tmp_path / "new.caseaudit"
    code, lines, out = _import(capsys, db, source)
    assert code == 2 and out == ""
    assert lines[0] == (
        f"case-auditor: Nothing imported: {source} has 2 problem(s), by sheet, row and column:"
    )
    problems = lines[1:]
    assert len(problems) == 2
    assert problems[0].startswith("  Cases, row 2, Case type: 'Burglary' is not a case type")
    assert problems[1].startswith("  Cases, row 3, Date opened: '31/03/2018' is not a date")
    assert not db.exists()


def test_a_single_problem_is_one_line(tmp_path: Path, capsys) -> None:
    source = tmp_path / "cases.csv"
    source.write_text("Case reference,Case type\nIMP-1,Burglary\n")
    code, lines, _ = _import(capsys, tmp_path / "new.caseaudit", source)
    assert code == 2
    assert len(lines) == 1
    assert lines[0].startswith(
        f"case-auditor: Nothing imported: {source}: Cases, row 2, Case type: 'Burglary' is not"
    )


def test_a_refused_file_is_named_once(tmp_path: Path, capsys) -> None:
    source = tmp_path / "cases.xlsx"
    source.write_bytes(b"not a zip, so not a workbook")
    code, lines, _ = _import(capsys, tmp_path / "new.caseaudit", source)
    assert code == 2
    assert lines == [
        f"case-auditor: Nothing imported: {source}: is not a workbook: it is damaged, "
        "truncated or another kind of file"
    ]


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--help"])
    assert stopped.value.code == 0
    return capsys.readouterr().out


def _exit_codes(page: str) -> dict[int, str]:
    section = page.split("exit codes:\n", 1)[1]
    codes: dict[int, str] = {}
    for line in section.splitlines():
        found = re.match(r"\s+(\d+)\s+(\S.*)", line)
        if found:
            codes[int(found[1])] = found[2]
    return codes


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_help_has_a_description_and_its_exit_codes(capsys, command: str) -> None:
    page = _help(capsys, command)
    paragraphs = page.split("\n\n")
    assert paragraphs[0].startswith(f"usage: case-auditor {command} ")
    description = paragraphs[1].strip()
    assert description and "\n" not in description and description.endswith(".")
    codes = _exit_codes(page)
    expected = {0, 1, 2, 141} if command == "check" else {0, 2, 141}
    assert set(codes) == expected
    assert all(len(meaning) > 10 for meaning in codes.values())
    assert "damaged" in codes.get(1, "damaged")


@pytest.mark.parametrize("command", COMMANDS)
def test_the_db_option_has_the_same_metavariable_everywhere(capsys, command: str) -> None:
    page = _help(capsys, command)
    assert "--db PATH" in page
    assert "--db DB" not in page


@pytest.mark.parametrize("command", ["import", "merge"])
def test_the_encrypt_help_names_the_option_s_metavariable(capsys, command: str) -> None:
    page = " ".join(_help(capsys, command).split())
    encrypt = page.split("--encrypt ", 1)[1]
    assert encrypt.startswith("encrypt PATH when it is created")
    assert "--db PATH" in page


def test_the_main_help_names_the_exit_codes(capsys) -> None:
    page = " ".join(_help(capsys).split())
    assert "--db PATH" in page
    assert "exit codes: 0 done; 1 (check only) the file is damaged; 2" in page
    assert "141" in page
