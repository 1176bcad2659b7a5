"""Bad files are refused whole: exit 2, every problem named by sheet, row and column, and
nothing written (an existing inspection is unchanged; a new path is left with no file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.importing import sources
from tests.support.importing import (
    CASES,
    CASES_HEADINGS,
    CHRONOLOGY,
    run_import,
    snapshot,
    write_workbook,
)


def changed(rows: list[list[Any]], row: int, column: int, value: Any) -> list[list[Any]]:
    """Copy of rows with one cell changed (row 2 is the first data row, as in Excel)."""
    copy = [list(r) for r in rows]
    copy[row - 2][column] = value
    return copy


BAD_WORKBOOKS = {
    "missing required column": (
        {
            "headings": [h for h in CASES_HEADINGS if h != "Case type"],
            "cases": [[r[0], *r[2:]] for r in CASES],
        },
        "Cases, row 1, Case type: required column is missing",
    ),
    "unknown column": (
        {"headings": [*CASES_HEADINGS, "Colour"], "cases": [[*r, "red"] for r in CASES]},
        "Cases, row 1, Colour: unknown column (column H)",
    ),
    "blank reference": (
        {"cases": changed(CASES, 3, 0, "  ")},
        "Cases, row 3, Case reference: is blank; every case needs a reference",
    ),
    "duplicate reference": (
        {"cases": changed(CASES, 4, 0, "imp-001")},
        "Cases, row 4, Case reference: 'imp-001' appears again (first on row 2)",
    ),
    "unknown case type": (
        {"cases": changed(CASES, 2, 1, "Burglary")},
        "Cases, row 2, Case type: 'Burglary' is not a case type of this framework (one of: ",
    ),
    "bad date": (
        {"cases": changed(CASES, 2, 5, "31/03/2018")},
        "Cases, row 2, Date opened: '31/03/2018' is not a date (use YYYY-MM-DD",
    ),
    "impossible date": (
        {"cases": changed(CASES, 3, 5, "2018-02-30")},
        "Cases, row 3, Date opened: '2018-02-30' is not a real date (no such day)",
    ),
    "grade not on the scale": (
        {
            "headings": [*CASES_HEADINGS, "voice_of_child"],
            "cases": [[*CASES[1], "Excellent"]],
        },
        "Cases, row 2, voice_of_child: 'Excellent' is not a grade (one of: Good, ",
    ),
    "referral without a reason": (
        {
            "headings": [*CASES_HEADINGS, "Referred back", "Referral reason"],
            "cases": [[*CASES[0], "Yes", ""]],
        },
        "Cases, row 2, Referral reason: is blank but the case is referred back",
    ),
    "chronology row for an unknown case": (
        {"chronology": changed(CHRONOLOGY, 3, 0, "IMP-999")},
        "Chronology, row 3, Case reference: 'IMP-999' is not a case in the Cases sheet",
    ),
    "unknown event type": (
        {"chronology": changed(CHRONOLOGY, 4, 2, "Teatime")},
        "Chronology, row 4, Event: 'Teatime' is not an event type of this framework (one of: ",
    ),
    "bad date-time": (
        {"chronology": changed(CHRONOLOGY, 2, 1, "yesterday")},
        "Chronology, row 2, When: 'yesterday' is not a date and time (use YYYY-MM-DD HH:MM",
    ),
    "unknown sheet": (
        {"extra": {"Chronolgy": [["Case reference"]]}},
        "Sheet 'Chronolgy': unknown sheet; the sheets are Cases and Chronology",
    ),
}


@pytest.fixture
def existing(tmp_path: Path, capsys, workbook) -> Path:
    """An inspection that already holds the good sample."""
    db = tmp_path / "existing.caseaudit"
    assert run_import(capsys, db, workbook(name="first.xlsx"))[0] == 0
    return db


@pytest.mark.parametrize("kind", list(BAD_WORKBOOKS))
def test_a_bad_workbook_into_a_new_path_leaves_no_file(kind, capsys, tmp_path, workbook) -> None:
    changes, expected = BAD_WORKBOOKS[kind]
    db = tmp_path / "new.caseaudit"
    code, out, err = run_import(capsys, db, workbook(**changes, name="bad.xlsx"))
    assert code == 2
    assert out == ""
    assert expected in err
    assert "Nothing imported" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx"]


@pytest.mark.parametrize("kind", list(BAD_WORKBOOKS))
def test_a_bad_workbook_leaves_the_inspection_unchanged(
    kind, capsys, tmp_path, workbook, existing
) -> None:
    changes, expected = BAD_WORKBOOKS[kind]
    before = snapshot(existing)
    code, _, err = run_import(capsys, existing, workbook(**changes, name="bad.xlsx"))
    assert code == 2 and expected in err
    assert snapshot(existing) == before


def test_every_problem_is_listed_up_to_200(capsys, tmp_path: Path, workbook) -> None:
    rows = [[f"R-{n}", "Burglary"] for n in range(250)]
    source = workbook(rows, [], headings=["Case reference", "Case type"])
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    lines = [line.strip() for line in err.splitlines()]
    assert code == 2
    assert "has 250 problem(s)" in lines[0]
    assert lines[1].startswith("Cases, row 2, Case type: 'Burglary'")
    assert lines[200].startswith("Cases, row 201, Case type:")
    assert lines[201] == "… and 50 more problems"


def test_an_empty_cases_sheet(capsys, tmp_path: Path) -> None:
    source = write_workbook(tmp_path / "empty.xlsx", {"Cases": []})
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert "Cases: the sheet is empty: its first row must hold the column headings" in err


def test_a_renamed_text_file(capsys, tmp_path: Path) -> None:
    source = tmp_path / "sample.xlsx"
    source.write_text("Case reference,Case type\nA,S47\n", encoding="utf-8")
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert f"{source}: is not a workbook: it is damaged, truncated or another kind of file" in err


def test_a_truncated_workbook(capsys, tmp_path: Path, workbook) -> None:
    good = workbook()
    source = tmp_path / "truncated.xlsx"
    source.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2 and f"{source}: is not a workbook" in err


def test_a_password_protected_workbook(capsys, tmp_path: Path) -> None:
    source = tmp_path / "protected.xlsx"  # Excel saves an encrypted workbook as an OLE file
    source.write_bytes(sources.OLE_SIGNATURE + bytes(4096))
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2 and f"{source}: is password-protected" in err


def test_a_file_above_the_size_limit(capsys, tmp_path: Path, workbook) -> None:
    source = workbook()
    limit_mb = (source.stat().st_size - 1) / 1024 / 1024  # the limit is --max-file-mb
    code, _, err = run_import(
        capsys, tmp_path / "x.caseaudit", source, "--max-file-mb", f"{limit_mb:.6f}"
    )
    assert code == 2 and "are refused before they are read (split the sample into" in err


def test_a_csv_that_is_not_utf8(capsys, tmp_path: Path) -> None:
    source = tmp_path / "sample.csv"
    source.write_bytes("Case reference,Case type\nCafé-1,S47\n".encode("latin-1"))
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2 and "is not UTF-8 text (byte 29)" in err


def test_a_documents_folder_for_an_unknown_case(capsys, tmp_path: Path, workbook) -> None:
    (tmp_path / "docs" / "IMP-404").mkdir(parents=True)
    source = workbook()
    code, _, err = run_import(
        capsys, tmp_path / "x.caseaudit", source, "--documents", str(tmp_path / "docs")
    )
    assert code == 2 and "Documents, folder 'IMP-404': no case has this reference" in err
