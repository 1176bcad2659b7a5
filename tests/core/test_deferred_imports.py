"""What the window's start does not load: the date parser sqlite-utils imports, the signing
library, the moderation desk, the commands' parser and modules; each still works when used."""

from __future__ import annotations

import subprocess
import sys

from auditor.cli.entry import main, window_request
from tests.support.start_up import ROOT


def run(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout.split()


def test_the_date_parser_runs_only_when_used() -> None:
    out = run(
        "import sys, db.library\n"
        "print(type(sys.modules['dateutil.parser']).__name__)\n"
        "from sqlite_utils.recipes import parsedate\n"
        "print(parsedate('1 Dec 2026'))\n"
        "print(sys.modules['dateutil.parser'].parser.__name__)\n"
    )
    assert out == ["_LazyModule", "2026-12-01", "parser"]


def test_opening_an_unsigned_file_loads_no_signing_or_moderation(tmp_path) -> None:
    path = tmp_path / "plain.caseaudit"
    out = run(
        "import sys\n"
        "from auditor.inspection import Inspection\n"
        f"Inspection.create({str(path)!r}, name='Plain').close()\n"
        f"inspection = Inspection.open({str(path)!r})\n"
        "inspection.case_list('nobody')\n"
        "print('cryptography' in sys.modules, 'auditor.moderation.desk' in sys.modules)\n"
        "inspection.moderation\n"
        "print('auditor.moderation.desk' in sys.modules)\n"
        "from auditor.people.keys import new_key\n"
        "print(len(new_key('Ann Example', 'a long passphrase here').public))\n"
        "inspection.close()\n"
    )
    assert out == ["False", "False", "True", "32"]


def test_opening_the_window_builds_no_command_s_parser() -> None:
    # The launcher's path with a stand-in window: which --db it was given, and whether any
    # command's module (merging, importing...) was loaded on the way.
    out = run(
        "import sys\n"
        "from auditor.cli.entry import main\n"
        "for argv in ([], ['--db', 'a.caseaudit'], ['--db=b.caseaudit']):\n"
        "    print(main(argv, open_window=lambda db: print(db) or 0))\n"
        "print('auditor.cli.commands' in sys.modules, 'auditor.merging' in sys.modules)\n"
    )
    assert out == ["None", "0", "a.caseaudit", "0", "b.caseaudit", "0", "False", "False"]


def test_anything_but_the_window_goes_to_the_full_parser(capsys) -> None:
    opened: list[object] = []
    for argv in (["demo"], ["--help"], ["--db"], ["--bogus"], ["--db", "x", "check"]):
        assert window_request(argv) is None, argv
    # The full parser's own message for a --db without its path, and the window not opened.
    assert main(["--db"], open_window=opened.append) == 2
    assert opened == []
    assert "argument --db: expected one argument" in capsys.readouterr().err
