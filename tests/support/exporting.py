"""Exporting and importing through the command line in tests; the sheets a round trip carries."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from auditor import cli

#: The sheets an export → import → export round trip must keep equal, cell for cell.
CARRIED = ["Summary", "Timeliness", "Criteria", "Cases", "Chronology"]


def export(capsys, db: Path, out: Path) -> Path:
    assert cli.main(["export", "--db", str(db), str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    return out


def import_(capsys, db: Path, source: Path) -> str:
    code = cli.main(["import", "--db", str(db), str(source), "--assessor", "Robin Example"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def cells(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path)
    return {title: list(book[title].iter_rows(values_only=True)) for title in CARRIED}
