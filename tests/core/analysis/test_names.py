"""Names of inspections: ``import --name`` names a new file (else the file's stem), and
``new --name`` names a new signed one; the name heads the comparison's columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli.entry import main
from auditor.inspection import Inspection
from auditor.people.keys import KEY_PASSPHRASE_ENV

CSV = "Case reference,Case type\nNM-0001,S47\nNM-0002,CUSTODY\n"


def name_of(path: Path) -> str:
    with Inspection.open(path, read_only=True) as insp:
        return insp.name


def test_import_into_a_new_file_takes_its_name(tmp_path: Path, capsys) -> None:
    source = tmp_path / "northmere-cases-2018.csv"
    source.write_text(CSV)
    named = tmp_path / "named.caseaudit"
    argv = ["import", "--db", str(named), str(source), "--assessor", "Invented Inspector"]
    assert main([*argv, "--name", "  Northmere   2018 (invented) "]) == 0
    assert name_of(named) == "Northmere 2018 (invented)"
    plain = tmp_path / "plain.caseaudit"
    assert main(["import", "--db", str(plain), str(source)]) == 0
    assert name_of(plain) == "northmere-cases-2018"
    capsys.readouterr()


def test_name_is_refused_for_an_existing_file(tmp_path: Path, capsys) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(CSV)
    path = tmp_path / "existing.caseaudit"
    assert main(["import", "--db", str(path), str(source)]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["import", "--db", str(path), str(source), "--name", "Another name"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--name" in err and len(err.strip().splitlines()) == 1
    assert name_of(path) == "cases" and path.read_bytes() == before


def test_new_names_a_signed_inspection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, "an invented key passphrase")
    key = tmp_path / "lead.key"
    assert main(["person", "new", "--name", "Invented Lead", "--key", str(key)]) == 0
    path = tmp_path / "new.caseaudit"
    argv = ["new", "--db", str(path), "--name", "Northmere 2019 (invented)", "--lead", str(key)]
    assert main(argv) == 0
    assert name_of(path) == "Northmere 2019 (invented)"
    capsys.readouterr()
