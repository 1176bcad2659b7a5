"""What the window's start does not load: the date parser sqlite-utils imports, the signing
library, the moderation desk; each still works when first used."""

from __future__ import annotations

import subprocess
import sys

from tests.support.start_up import ROOT


def run(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout.split()


def test_the_date_parser_runs_only_when_used() -> None:
    out = run(
        "import sys, db\n"
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
