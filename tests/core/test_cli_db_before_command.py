"""``--db PATH`` given before a command is that command's own, as after it; given twice, or to a
command that takes no file, it is refused in one line (a fresh-eyes review found
``case-auditor --db FILE check`` said ``--db`` was missing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli.entry import main
from auditor.inspection import Inspection


def test_check_reads_the_file_named_before_it(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_path), "check"]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith(f"OK: {demo_path}")


def test_a_nested_command_gets_it_too(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Inspection.open(demo_path) as inspection:
        names = {p.name for p in inspection.assessors()}
    assert main(["--db", str(demo_path), "roster", "list"]) == 0, capsys.readouterr().err
    listed = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]}
    assert listed == names


def test_a_file_named_before_and_after_is_refused(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.caseaudit"
    assert main(["--db", str(demo_path), "check", "--db", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "case-auditor: --db is given both before and after 'check': give it once"
    ]


@pytest.mark.parametrize("after", [["--d", "{other}"], ["--db={other}"], ["--d={other}"]])
def test_a_file_named_after_in_any_spelling_is_refused_and_nothing_written(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], after: list[str]
) -> None:
    """argparse takes ``--d`` for ``--db``: the first file must not be dropped silently."""
    other, out = tmp_path / "other.caseaudit", tmp_path / "out.xlsx"
    spelt = [word.format(other=other) for word in after]
    assert main(["--db", str(demo_path), "export", *spelt, str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "case-auditor: --db is given both before and after 'export': give it once"
    ]
    assert not out.exists() and not other.exists()


def test_after_a_double_dash_a_word_is_the_command_s_own(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search -- --db``: the search text is ``--db``, not a second file."""
    assert main(["--db", str(demo_path), "search", "--", "--db"]) == 0, capsys.readouterr().err


def test_a_command_of_commands_without_its_command_asks_for_it(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_path), "roster"]) == 2
    assert "required: ACTION" in capsys.readouterr().err


def test_a_command_without_a_file_refuses_one(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_path), "framework", "list"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "case-auditor: 'framework list' takes no --db (see 'case-auditor framework list --help')"
    ]


def test_a_path_starting_with_a_dash_stays_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db=-odd.caseaudit", "check"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "case-auditor: -odd.caseaudit: no such inspection file"
    ]
