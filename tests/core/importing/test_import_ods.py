""".ods workbooks (LibreOffice's) import like .xlsx: the same layout, the same problems by sheet,
row and column, formulas as their text; and the protections of workbooks hold for them: a zip
bomb, an XML entity bomb, a password, and what only an .ods can do, a cell repeated millions of
times in a few bytes, are refused quickly in little memory with nothing written.

The fixtures are LibreOffice's own files (tests/fixtures/import, made by
scripts/make-import-fixtures); the live test makes them again where soffice is installed.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from auditor.records import Case
from db import cases as case_rows
from tests.support.import_files import (
    FIXTURES,
    HYPERLINK,
    SAMPLE_CHRONOLOGY,
    fixture_workbooks,
    import_in_child,
    listing,
    refused_cleanly,
    rewrite_zip,
    soffice,
    to_ods,
)
from tests.support.importing import CASES, run_import, snapshot

SAMPLE = FIXTURES / "sample.ods"


def cases_and_events(db: Path) -> tuple[list[tuple], list[tuple]]:
    with Inspection.open(db) as inspection:
        every = [Case.from_row(row) for row in case_rows.all_cases(inspection.db)]
        cases = sorted(
            (c.reference, c.case_type, c.borough, c.bcu, c.team, c.date_opened, c.summary)
            for c in every
        )
        events = sorted(
            (c.reference, e.occurred_at, e.event_type, e.detail)
            for c in every
            for e in inspection.chronology(c.id)
        )
    return cases, events


def test_the_sample_imports_with_its_dates_and_times(capsys, tmp_path: Path) -> None:
    db = tmp_path / "ods.caseaudit"
    code, out, err = run_import(capsys, db, SAMPLE)
    assert (code, err) == (0, "")
    assert "3 cases added" in out and "3 chronology events added" in out
    cases, events = cases_and_events(db)
    assert [(c[0], c[5], c[6]) for c in cases] == [(r[0], r[5], r[6]) for r in CASES]
    assert [e[1] for e in events] == [
        e[1].isoformat(timespec="minutes") for e in sorted(SAMPLE_CHRONOLOGY, key=str)
    ]


def test_an_ods_imports_as_its_xlsx_does(capsys, tmp_path: Path) -> None:
    xlsx = fixture_workbooks(tmp_path)["sample"]  # what LibreOffice made sample.ods from
    assert run_import(capsys, tmp_path / "xlsx.caseaudit", xlsx)[0] == 0
    assert run_import(capsys, tmp_path / "ods.caseaudit", SAMPLE)[0] == 0
    assert cases_and_events(tmp_path / "ods.caseaudit") == cases_and_events(
        tmp_path / "xlsx.caseaudit"
    )


def test_an_ods_has_the_same_problems_as_its_xlsx(capsys, tmp_path: Path) -> None:
    """By sheet, row and column, the column letters counted from A (the sheet starts in B)."""
    problems = {}
    for suffix in ("xlsx", "ods"):
        source = FIXTURES / f"problems.{suffix}"
        code, _, err = run_import(capsys, tmp_path / f"{suffix}.caseaudit", source)
        assert code == 2
        problems[suffix] = err.splitlines()[1:]
    assert problems["ods"] == problems["xlsx"]
    assert [line.split(":")[0].strip() for line in problems["ods"]] == [
        "Cases, row 1, column J",
        "Cases, row 3, Case type",
        "Cases, row 4, Date opened",
        "Chronology, row 3, Event",
    ]
    assert not list(tmp_path.glob("*.caseaudit"))


def test_formulas_import_as_their_text(capsys, tmp_path: Path) -> None:
    db = tmp_path / "formulas.caseaudit"
    assert run_import(capsys, db, FIXTURES / "formulas.ods")[0] == 0
    with Inspection.open(db) as inspection:
        # OpenDocument's own formula syntax: ';' between arguments (never evaluated)
        link = HYPERLINK.replace('",', '";')
        assert inspection.case_by_reference("IMP-001").summary == link
        assert inspection.case_by_reference("IMP-002").summary == "=1+1"
        assert inspection.case_by_reference("IMP-003").summary == CASES[2][6]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_live_libreoffice_files_import_as_the_fixtures_do(capsys, tmp_path: Path) -> None:
    workbooks = fixture_workbooks(tmp_path)
    for name in ("sample", "formulas"):
        fresh = to_ods(workbooks[name], tmp_path / f"fresh-{name}.ods")
        assert run_import(capsys, tmp_path / f"fresh-{name}.caseaudit", fresh)[0] == 0
        assert (
            run_import(capsys, tmp_path / f"fixed-{name}.caseaudit", FIXTURES / f"{name}.ods")[0]
            == 0
        )
        assert cases_and_events(tmp_path / f"fresh-{name}.caseaudit") == cases_and_events(
            tmp_path / f"fixed-{name}.caseaudit"
        )
    fresh = to_ods(workbooks["problems"], tmp_path / "fresh-problems.ods")
    code, _, fresh_err = run_import(capsys, tmp_path / "p1.caseaudit", fresh)
    code2, _, fixed_err = run_import(capsys, tmp_path / "p2.caseaudit", FIXTURES / "problems.ods")
    assert code == code2 == 2
    assert fresh_err.splitlines()[1:] == fixed_err.splitlines()[1:]


# --- hostile .ods files: refused in a child, measured ----------------------------------------


@pytest.fixture(params=["new", "existing"])
def target(request: pytest.FixtureRequest, base_inspection: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "target"
    folder.mkdir()
    db = folder / "inspection.caseaudit"
    if request.param == "existing":
        shutil.copyfile(base_inspection, db)
    return db


def refused_into(target: Path, source: Path, *said: str) -> str:
    before = (snapshot(target) if target.exists() else None), listing(target.parent)
    err = refused_cleanly(import_in_child(target, source), *said)
    assert ((snapshot(target) if target.exists() else None), listing(target.parent)) == before
    return err


def content(source: Path = SAMPLE) -> str:
    with zipfile.ZipFile(source) as archive:
        return archive.read("content.xml").decode()


def with_row_after_headings(row_xml: str) -> bytes:
    """The sample's content.xml with ``row_xml`` inserted after the Cases headings."""
    text = content()
    end = text.index("</table:table-row>") + len("</table:table-row>")
    return (text[:end] + row_xml + text[end:]).encode()


def test_a_zip_bomb_ods_is_refused(tmp_path: Path, target: Path) -> None:
    row = b"<table:table-row><table:table-cell><text:p>AAAAAAAA</text:p></table:table-cell>"
    chunk = (row + b"</table:table-row>") * 10_000  # about 1 MB

    def write(handle) -> None:
        head, _, _ = content().partition("<table:table-row")
        handle.write(head.encode())
        for _ in range(520):
            handle.write(chunk)

    bomb = rewrite_zip(SAMPLE, tmp_path / "bomb.ods", {"content.xml": write})
    assert bomb.stat().st_size < 4 * 1024 * 1024
    refused_into(target, bomb, f"{bomb}: its part content.xml unpacks to", "possible zip bomb")


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize("part", ["content.xml", "styles.xml", "META-INF/manifest.xml"])
def test_an_entity_bomb_ods_is_refused(tmp_path: Path, target: Path, part: str) -> None:
    with zipfile.ZipFile(SAMPLE) as archive:
        text = archive.read(part).decode()
    declaration_end = text.index("?>") + 2
    text = text[:declaration_end] + LAUGHS + text[declaration_end:]
    text = text.replace("<text:p>IMP-001</text:p>", "<text:p>&lol9;</text:p>")
    bomb = rewrite_zip(SAMPLE, tmp_path / "laughs.ods", {part: text.encode()})
    refused_into(target, bomb, f"{bomb}: holds an XML entity declaration in {part}")


def test_a_cell_repeated_millions_of_times_is_refused(tmp_path: Path, target: Path) -> None:
    """40 million cells in a 10 KB file: calamine alone would need gigabytes."""
    row = (
        '<table:table-row table:number-rows-repeated="200000">'
        '<table:table-cell table:number-columns-repeated="200" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    bomb = rewrite_zip(
        SAMPLE, tmp_path / "repeated.ods", {"content.xml": with_row_after_headings(row)}
    )
    assert bomb.stat().st_size < 64 * 1024
    refused_into(
        target,
        bomb,
        f"{bomb}: its sheet 'Cases' spans 200,001 rows by 200 columns",
        "possible repetition bomb",
    )


def test_a_cell_far_to_the_right_is_refused(tmp_path: Path, target: Path) -> None:
    """One filled cell after 16,000 repeated empty ones, in each of 1,000 rows."""
    row = (
        '<table:table-row table:number-rows-repeated="1000">'
        '<table:table-cell table:number-columns-repeated="16000"/>'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row>"
    )
    bomb = rewrite_zip(SAMPLE, tmp_path / "far.ods", {"content.xml": with_row_after_headings(row)})
    refused_into(target, bomb, "rows by 16,001 columns (repeated cells")


def test_repeated_rows_past_the_row_limit_are_refused(tmp_path: Path, target: Path) -> None:
    row = (
        '<table:table-row table:number-rows-repeated="600000">'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row>"
    )
    bomb = rewrite_zip(SAMPLE, tmp_path / "rows.ods", {"content.xml": with_row_after_headings(row)})
    refused_into(target, bomb, "Cases: has more than 500,000 rows; split the sample")


def test_a_password_protected_ods_is_refused(tmp_path: Path, target: Path) -> None:
    with zipfile.ZipFile(SAMPLE) as archive:
        manifest = archive.read("META-INF/manifest.xml").decode()
    encrypted = re.sub(
        r'(<manifest:file-entry manifest:full-path="content.xml"[^>]*)/>',
        r'\1><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>',
        manifest,
    )
    assert encrypted != manifest
    locked = rewrite_zip(
        SAMPLE,
        tmp_path / "locked.ods",
        {"META-INF/manifest.xml": encrypted.encode(), "content.xml": bytes(range(256)) * 40},
    )
    refused_into(target, locked, f"{locked}: is password-protected")


def test_a_zip_that_is_neither_kind_of_workbook_is_refused(tmp_path: Path, target: Path) -> None:
    other = tmp_path / "other.ods"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    refused_into(target, other, f"{other}: is a zip file but not an Excel or OpenDocument workbook")


def test_a_damaged_content_xml_is_refused_in_words(tmp_path: Path, target: Path) -> None:
    broken = rewrite_zip(
        SAMPLE, tmp_path / "broken.ods", {"content.xml": content().encode()[:-500]}
    )
    refused_into(target, broken, f"{broken}: is not a readable workbook")
