"""Nobody can pose as a supervisor, and no grade or decision can be altered or forged without
it showing: each attempt is refused (exit 2, one line, nothing written) or found by check."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from auditor.inspection import Inspection
from auditor.people.keys import PersonalKey, read_key
from tests.support.importing import snapshot
from tests.support.signed import PASSPHRASE, graded_workbook, make_key, ok, run, sql, team


def test_a_grade_changed_in_the_file_is_found_by_check(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=False)
    ok(capsys, "import", "--db", t["laptop"], graded, "--as", t["ann"])
    assert "all signatures valid" in ok(capsys, "check", "--db", t["laptop"])
    sql(t["laptop"], "UPDATE criterion_grades SET grade = 'good' WHERE rowid = 1")
    code, out, _ = run(capsys, "check", "--db", t["laptop"])
    assert code == 1
    assert out.startswith("UNHEALTHY") and "criterion_grades" in out and "'good'" in out


def test_an_audit_row_deleted_is_found_by_check(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=False)
    ok(capsys, "import", "--db", t["laptop"], graded, "--as", t["ann"])
    sql(t["laptop"], "DROP TRIGGER audit_log_no_delete")
    sql(t["laptop"], "DELETE FROM audit_log WHERE rowid = (SELECT max(rowid) - 3 FROM audit_log)")
    code, out, _ = run(capsys, "check", "--db", t["laptop"])
    assert code == 1
    assert "is missing" in out and "Ann Inspector" in out  # whose chain broke, and where


def test_an_altered_audit_row_is_found_by_check(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    sql(t["lead"], "DROP TRIGGER audit_log_no_update")
    sql(t["lead"], "UPDATE audit_log SET at = '2099-01-01T00:00:00.000Z' WHERE rowid = 4")
    code, out, _ = run(capsys, "check", "--db", t["lead"])
    assert code == 1 and "audit row 4" in out and "altered after it was signed" in out


def test_a_supervisor_cannot_confirm_their_own_flag(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=True)
    ok(capsys, "import", "--db", t["lead"], graded, "--as", t["lee"])  # the lead grades it
    before = snapshot(t["lead"])
    code, _, err = run(
        capsys, "review", "confirm", "--db", t["lead"], "--case", "IMP-001", "--as", t["lee"]
    )
    assert code == 2 and "case-auditor: " in err and len(err.strip().splitlines()) == 1
    assert snapshot(t["lead"]) == before


def test_a_laptop_that_made_itself_supervisor_cannot_bring_a_confirmation(
    capsys, tmp_path: Path
) -> None:
    t = team(capsys, tmp_path)
    # The lead imports a flagged grading by an inspector with no key yet, and sends it out.
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=True, assessor="Cal Cole")
    ok(capsys, "import", "--db", t["lead"], graded, "--as", t["lee"])
    ok(capsys, "package", "--db", t["lead"], tmp_path / "flag.cafpkg", "--as", t["lee"])
    ok(capsys, "merge", "--db", t["laptop"], tmp_path / "flag.cafpkg", "--as", t["ann"])
    # On the laptop, with the sqlite3 command line: Ann made a supervisor, confirms Cal's flag.
    sql(t["laptop"], "UPDATE assessors SET role = 'supervisor' WHERE name = 'Ann Inspector'")
    with Inspection.open(t["laptop"], key=_key(t["ann"])) as laptop:
        item = laptop.review.queue()[0]
        laptop.review.confirm_referral(item.assessment.id, laptop.me, "")
    ok(capsys, "package", "--db", t["laptop"], tmp_path / "forged.cafpkg", "--as", t["ann"])
    before = snapshot(t["lead"])
    code, _, err = run(
        capsys, "merge", "--db", t["lead"], tmp_path / "forged.cafpkg", "--as", t["lee"]
    )
    assert code == 2 and "Ann Inspector is inspector on this roster" in err
    assert "not merged" in err
    assert snapshot(t["lead"]) == before


def test_a_package_edited_behind_the_workstation_is_refused(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=False)
    ok(capsys, "import", "--db", t["laptop"], graded, "--as", t["ann"])
    sql(t["laptop"], "UPDATE criterion_grades SET grade = 'good'")  # then packaged as usual
    ok(capsys, "package", "--db", t["laptop"], tmp_path / "edited.cafpkg", "--as", t["ann"])
    before = snapshot(t["lead"])
    code, _, err = run(
        capsys, "merge", "--db", t["lead"], tmp_path / "edited.cafpkg", "--as", t["lee"]
    )
    assert code == 2 and "differ from its signed ledger" in err
    assert snapshot(t["lead"]) == before


def test_an_unsigned_package_is_refused_by_a_signed_inspection(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    ok(capsys, "demo", "--db", tmp_path / "demo.caseaudit")
    ok(capsys, "package", "--db", tmp_path / "demo.caseaudit", tmp_path / "demo.cafpkg")
    before = snapshot(t["lead"])
    code, _, err = run(
        capsys, "merge", "--db", t["lead"], tmp_path / "demo.cafpkg", "--as", t["lee"]
    )
    assert code == 2 and ("another inspection" in err or "unsigned package" in err)
    assert snapshot(t["lead"]) == before


def test_a_key_not_on_the_roster_writes_nothing(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    before = snapshot(t["lead"])
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=False)
    code, _, err = run(capsys, "import", "--db", t["lead"], graded, "--as", t["ben"])
    assert code == 2 and "not on this inspection's roster" in err
    code, _, err = run(capsys, "import", "--db", t["lead"], graded)  # nobody at all
    assert code == 2 and "--as KEYFILE" in err
    assert snapshot(t["lead"]) == before


def test_signing_an_existing_inspection_adopts_its_history(capsys, tmp_path: Path) -> None:
    demo = tmp_path / "demo.caseaudit"
    ok(capsys, "demo", "--db", demo)
    assert "unsigned inspection" in ok(capsys, "check", "--db", demo)
    lee = tmp_path / "lee.key"
    ok(capsys, "person", "new", "--name", "Lee Lead", "--key", lee)
    ok(capsys, "sign", "--db", demo, "--lead", lee)
    assert "all signatures valid" in ok(capsys, "check", "--db", demo)
    sql(demo, "DROP TRIGGER audit_log_no_update")
    sql(demo, "UPDATE audit_log SET new_value = 'good' WHERE rowid = 5")  # before signing
    code, out, _ = run(capsys, "check", "--db", demo)
    assert code == 1 and "before it were changed" in out


def _key(path: Path) -> PersonalKey:
    return read_key(path, PASSPHRASE)


def test_a_package_whose_manifest_was_changed_is_refused(capsys, tmp_path: Path) -> None:
    t = team(capsys, tmp_path)
    graded = graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=False)
    ok(capsys, "import", "--db", t["laptop"], graded, "--as", t["ann"])
    made = tmp_path / "ann.cafpkg"
    ok(capsys, "package", "--db", t["laptop"], made, "--as", t["ann"])
    forged = tmp_path / "forged.cafpkg"
    with zipfile.ZipFile(made) as original, zipfile.ZipFile(forged, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                assert manifest["signed_by"] and manifest["signature"]
                manifest["assessor"] = "Lee Lead"  # claims the lead made it
                data = json.dumps(manifest).encode()
            copy.writestr(item, data)
    before = snapshot(t["lead"])
    code, _, err = run(capsys, "merge", "--db", t["lead"], forged, "--as", t["lee"])
    assert code == 2 and "not signed by its maker" in err
    assert snapshot(t["lead"]) == before


def test_a_lost_key_is_replaced_and_what_it_signed_still_verifies(capsys, tmp_path: Path):
    t = team(capsys, tmp_path)
    lead, graded = t["lead"], graded_workbook(tmp_path / "g.xlsx", "IMP-001", referred=False)
    ok(capsys, "import", "--db", lead, graded, "--as", t["lee"])  # signed with the old key
    (tmp_path / "new").mkdir()
    new = make_key(tmp_path / "new", "Lee Lead")
    card = f"{new}.pub"
    ok(
        capsys,
        "roster",
        "key",
        "--db",
        lead,
        "--name",
        "Lee Lead",
        "--card",
        card,
        "--as",
        t["lee"],
    )
    ok(capsys, "roster", "retire", "--db", lead, "--card", f"{t['lee']}.pub", "--as", new)
    code, _, err = run(capsys, "import", "--db", lead, graded, "--as", t["lee"])
    assert code == 2 and "was retired" in err  # the old key signs nothing more
    ok(capsys, "import", "--db", lead, graded, "--as", new)
    assert "all signatures valid" in ok(capsys, "check", "--db", lead)
