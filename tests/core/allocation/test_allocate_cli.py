"""``case-auditor allocate``: exit 0 saying what changed; exit 2 with one line for bad input,
and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from tests.support.signed import key_passphrase, ok, run, team  # noqa: F401  (the fixture)


def state(path: Path) -> tuple[list[tuple], int]:
    """The allocations (by reference) and the number of ledger rows."""
    with sqlite3.connect(path) as conn:
        held = conn.execute(
            "SELECT c.reference, p.name FROM allocations a JOIN cases c ON c.id = a.case_id "
            "JOIN assessors p ON p.id = a.assessor_id ORDER BY c.reference"
        ).fetchall()
        rows = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return [tuple(r) for r in held], rows


def test_the_lead_allocates_by_reference_and_clears(tmp_path: Path, capsys) -> None:
    files = team(capsys, tmp_path)
    lead, lee = files["lead"], files["lee"]
    out = ok(
        capsys,
        "allocate",
        "--db",
        lead,
        "--case",
        "IMP-001",
        "--case",
        "IMP-002",
        "--to",
        "Ann Inspector",
        "--as",
        lee,
    )
    assert out.splitlines() == [
        f"{lead}: allocated 2 case(s): 2 to Ann Inspector",
        "  IMP-001: nobody -> Ann Inspector",
        "  IMP-002: nobody -> Ann Inspector",
    ]
    assert state(lead)[0] == [("IMP-001", "Ann Inspector"), ("IMP-002", "Ann Inspector")]
    out = ok(capsys, "allocate", "--db", lead, "--case", "IMP-001", "--clear", "--as", lee)
    assert out.splitlines()[0] == f"{lead}: cleared the allocation of 1 case(s)"
    assert state(lead)[0] == [("IMP-002", "Ann Inspector")]
    ok(capsys, "check", "--db", lead)


def test_balance_over_the_named_people(tmp_path: Path, capsys) -> None:
    files = team(capsys, tmp_path)
    lead, lee = files["lead"], files["lee"]
    out = ok(
        capsys,
        "allocate",
        "--db",
        lead,
        "--balance",
        "--to",
        "Ann Inspector",
        "--to",
        "Lee Lead",
        "--as",
        lee,
    )
    with sqlite3.connect(lead) as conn:
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    held = state(lead)[0]
    assert len(held) == cases
    assert out.splitlines()[0].startswith(f"{lead}: allocated {cases} case(s): ")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--case", "IMP-404", "--to", "Ann Inspector"], "no case with reference 'IMP-404'"),
        (["--case", "IMP-001", "--to", "Zed Nobody"], "nobody named 'Zed Nobody' is on the"),
        (["--case", "IMP-001"], "say who is given the cases: --to NAME"),
        (["--to", "Ann Inspector"], "name the cases (--case REF), or spread them with"),
        (["--case", "IMP-001", "--to", "Ann Inspector", "--to", "Lee Lead"], "needs --balance"),
        (["--balance", "--to", "Ann Inspector", "--case-type", "NOPE"], "'NOPE' is not a case"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, capsys, extra: list[str], message: str
) -> None:
    files = team(capsys, tmp_path)
    lead = files["lead"]
    before = state(lead)
    code, out, err = run(capsys, "allocate", "--db", lead, *extra, "--as", files["lee"])
    assert code == 2, out
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert "Traceback" not in err
    assert state(lead) == before


def test_an_inspector_cannot_allocate(tmp_path: Path, capsys) -> None:
    files = team(capsys, tmp_path)
    laptop = files["laptop"]
    before = state(laptop)
    code, _out, err = run(
        capsys,
        "allocate",
        "--db",
        laptop,
        "--case",
        "IMP-001",
        "--to",
        "Ann Inspector",
        "--as",
        files["ann"],
    )
    assert code == 2
    assert err.strip() == (
        f"case-auditor: {laptop}: only a supervisor allocates cases; Ann Inspector is an "
        "inspector; nothing allocated"
    )
    assert state(laptop) == before


def test_an_unsigned_inspection_names_its_supervisor(demo_path: Path, capsys) -> None:
    code, _out, err = run(capsys, "allocate", "--db", demo_path, "--balance", "--to", "x")
    assert code == 2 and "say who allocates: --by NAME" in err
    with sqlite3.connect(demo_path) as conn:
        people = conn.execute("SELECT name, role FROM assessors ORDER BY name").fetchall()
    supervisor = next(name for name, role in people if role == "supervisor")
    inspectors = [name for name, role in people if role == "inspector"][:2]
    out = ok(
        capsys,
        "allocate",
        "--db",
        demo_path,
        "--balance",
        "--by",
        supervisor,
        "--to",
        inspectors[0],
        "--to",
        inspectors[1],
    )
    assert "allocated" in out.splitlines()[0]
    ok(capsys, "check", "--db", demo_path)
