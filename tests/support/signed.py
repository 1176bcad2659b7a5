"""Signed inspections in tests: keys made with the core, the command line run as a user would,
workbooks of complete gradings, and reading a file with the workstation's own SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor import cli
from auditor.framework import bundled_framework
from auditor.people import session
from auditor.people.keys import KEY_PASSPHRASE_ENV, new_key, write_key
from tests.support.importing import CASES, CASES_HEADINGS, write_workbook

#: Every test person's passphrase (the command line reads it from the environment).
PASSPHRASE = "a long test passphrase"


@pytest.fixture(autouse=True)
def key_passphrase(monkeypatch: pytest.MonkeyPatch):
    """The key passphrase in the environment; nobody signed in before or after the test."""
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, PASSPHRASE)
    session.forget_everyone()
    yield
    session.forget_everyone()


def make_key(folder: Path, name: str) -> Path:
    """A person's key file (and card beside it) in ``folder``."""
    path = folder / f"{name.split()[0].lower()}.key"
    write_key(new_key(name, PASSPHRASE), PASSPHRASE, path)
    return path


def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    """``case-auditor ARGV`` in this process; (exit code, stdout, stderr)."""
    session.forget_everyone()  # each command is its own process for the user
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def ok(capsys, *argv: str | Path) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def cases_workbook(path: Path) -> Path:
    """The good sample's cases, with no gradings."""
    return write_workbook(path, {"Cases": [CASES_HEADINGS, *CASES]})


def graded_workbook(path: Path, reference: str, *, referred: bool, assessor: str = "") -> Path:
    """One case graded completely (every criterion of its type Inadequate), referred back or
    not; for the person importing it unless ``assessor`` names someone."""
    framework = bundled_framework()
    row = next(r for r in CASES if r[0] == reference)
    case_type = next(t.code for t in framework.case_types if t.label == row[1] or t.code == row[1])
    criteria = [c.id for c in framework.criteria_for(case_type)]
    headings = [*CASES_HEADINGS, "Assessor", *criteria, "Overall grade", "Referred back"]
    headings += ["Referral reason", "Referral note"]
    reason = framework.referral_reasons[0].code
    values = [*row, assessor, *["Inadequate"] * len(criteria), "Inadequate"]
    values += ["Yes", reason, "The child was not seen"] if referred else ["No", "", ""]
    return write_workbook(path, {"Cases": [headings, values]})


def sql(path: Path, statement: str, *params: object) -> None:
    """Change the file behind the workstation's back (another program would)."""
    with sqlite3.connect(path) as conn:
        conn.execute(statement, params)


def team(capsys, folder: Path) -> dict[str, Path]:
    """A lead's signed inspection with two cases and Ann on its roster, and Ann's laptop file
    started from the lead's package: {"lead", "lee", "laptop", "ann", "ben"} paths."""
    lee, ann, ben = (make_key(folder, n) for n in ("Lee Lead", "Ann Inspector", "Ben Other"))
    lead = folder / "lead.caseaudit"
    ok(capsys, "new", "--db", lead, "--name", "Ashvale 2026", "--lead", lee)
    card = folder / "ann.key.pub"
    ok(capsys, "roster", "add", "--db", lead, "--card", card, "--role", "inspector", "--as", lee)
    ok(capsys, "import", "--db", lead, cases_workbook(folder / "cases.xlsx"), "--as", lee)
    ok(capsys, "package", "--db", lead, folder / "lead.cafpkg", "--as", lee)
    laptop = folder / "laptop.caseaudit"
    ok(capsys, "merge", "--db", laptop, folder / "lead.cafpkg", "--as", ann)
    return {"lead": lead, "lee": lee, "laptop": laptop, "ann": ann, "ben": ben}
