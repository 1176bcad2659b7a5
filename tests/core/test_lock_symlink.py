"""A lock file that is a symbolic link is never followed: the file it points to is untouched."""

from __future__ import annotations

from pathlib import Path

from auditor import cli
from db.lock import lock_path


def test_check_and_open_never_follow_a_symlinked_lock_file(capsys, tmp_path: Path) -> None:
    demo = tmp_path / "demo.caseaudit"
    assert cli.main(["demo", "--db", str(demo)]) == 0
    precious = tmp_path / "precious.txt"
    precious.write_text("someone's work\n", encoding="utf-8")
    lock_path(demo).symlink_to(precious)
    capsys.readouterr()
    assert cli.main(["check", "--db", str(demo)]) == 0  # it reads; it takes no lock
    outputs = (str(tmp_path / "x.xlsx"), str(tmp_path / "p.cafpkg"))
    for command in (
        ["export", "--db", str(demo), outputs[0]],
        ["package", "--db", str(demo), outputs[1]],
    ):
        code = cli.main(command)
        err = capsys.readouterr().err
        assert code == 2 and "symbolic link" in err, err
        assert len(err.strip().splitlines()) == 1
    assert precious.read_text(encoding="utf-8") == "someone's work\n"
    assert lock_path(demo).is_symlink()
