"""The whole team flow by command line, signed: three people, a lead's inspection, laptops
started from the lead's package, grading and flagging there, merging back, the lead's
confirmation and the workbook; every file's ledger verifies."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.support.signed import cases_workbook, graded_workbook, ok, run


def test_a_signed_team_inspection_from_keys_to_the_force_workbook(capsys, tmp_path: Path):
    out = ok(capsys, "person", "new", "--name", "Lee Lead", "--key", tmp_path / "lee.key")
    assert "Fingerprint: " in out
    assert (tmp_path / "lee.key").is_file() and (tmp_path / "lee.key.pub").is_file()
    ok(capsys, "person", "new", "--name", "Ann Inspector", "--key", tmp_path / "ann.key")
    ok(capsys, "person", "new", "--name", "Ben Inspector", "--key", tmp_path / "ben.key")
    lead, lee = tmp_path / "lead.caseaudit", tmp_path / "lee.key"
    ok(capsys, "new", "--db", lead, "--name", "Ashvale 2026", "--lead", lee)
    for person in ("ann", "ben"):
        card = tmp_path / f"{person}.key.pub"
        ok(
            capsys,
            "roster",
            "add",
            "--db",
            lead,
            "--card",
            card,
            "--role",
            "inspector",
            "--as",
            lee,
        )
    roster = ok(capsys, "roster", "list", "--db", lead)
    assert "Ann Inspector\tinspector" in roster and "Lee Lead\tsupervisor" in roster
    ok(capsys, "import", "--db", lead, cases_workbook(tmp_path / "cases.xlsx"), "--as", lee)
    ok(capsys, "package", "--db", lead, tmp_path / "lead.cafpkg", "--as", lee)

    # Ann's laptop starts from the lead's package: the same inspection, its roster, her key.
    laptop, ann = tmp_path / "ann.caseaudit", tmp_path / "ann.key"
    ok(capsys, "merge", "--db", laptop, tmp_path / "lead.cafpkg", "--as", ann)
    graded = graded_workbook(tmp_path / "ann-grades.xlsx", "IMP-001", referred=True)
    ok(capsys, "import", "--db", laptop, graded, "--as", ann)
    assert "all signatures valid" in ok(capsys, "check", "--db", laptop)
    ok(capsys, "package", "--db", laptop, tmp_path / "ann.cafpkg", "--as", ann)

    # Back on the lead's file: merged, verified, confirmed, exported.
    ok(capsys, "merge", "--db", lead, tmp_path / "ann.cafpkg", "--as", lee)
    code, _, err = run(capsys, "review", "confirm", "--db", lead, "--case", "IMP-001", "--as", ann)
    assert code == 2 and "supervisor" in err  # an inspector cannot confirm
    out = ok(capsys, "review", "confirm", "--db", lead, "--case", "IMP-001", "--as", lee)
    assert "IMP-001: confirm recorded by Lee Lead (supervisor)" in out
    workbook = tmp_path / "force.xlsx"
    ok(capsys, "export", "--db", lead, workbook, "--for-force", "--as", lee)
    sheet = load_workbook(workbook)["Referred back"]
    references = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "IMP-001" in references
    check = ok(capsys, "check", "--db", lead)
    assert "ledger: " in check and "all signatures valid" in check
