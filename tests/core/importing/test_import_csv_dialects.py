"""CSV files as spreadsheets write them: a comma, a semicolon (Excel in many European locales)
or a tab between columns, Excel's ``sep=`` line, a byte-order mark, CRLF line ends, UTF-16, and
quoted cells over several lines; and the ones that cannot be read faithfully, refused by row:
a quote never closed (which would swallow every later row into one cell) and text after a
closing quote; a file whose columns are separated by something else, naming it."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from auditor.importing.csv_source import sniff
from auditor.inspection import Inspection
from tests.support.import_files import import_in_child, listing, refused_cleanly
from tests.support.importing import CASES, CASES_HEADINGS, run_import, snapshot


def csv_text(separator: str, rows: list[list[str]] | None = None, newline: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator=newline)
    writer.writerow(CASES_HEADINGS)
    writer.writerows(rows if rows is not None else CASES)
    return out.getvalue()


def imported(capsys, tmp_path: Path, name: str, data: bytes) -> Inspection:
    source = tmp_path / name
    source.write_bytes(data)
    db = tmp_path / f"{source.stem}.caseaudit"
    code, out, err = run_import(capsys, db, source)
    assert (code, err) == (0, ""), err
    assert "3 cases added" in out
    return Inspection.open(db)


def assert_sample(inspection: Inspection) -> None:
    with inspection:
        for row in CASES:
            case = inspection.case_by_reference(row[0])
            assert (case.borough, case.team, case.date_opened, case.summary) == (
                row[2],
                row[4],
                row[5],
                row[6],
            )


@pytest.mark.parametrize(
    ("separator", "newline"),
    [(",", "\n"), (";", "\n"), ("\t", "\n"), (";", "\r\n"), (",", "\r\n")],
    ids=["comma", "semicolon", "tab", "semicolon-crlf", "comma-crlf"],
)
def test_each_separator_imports_the_same_cases(
    capsys, tmp_path: Path, separator: str, newline: str
) -> None:
    data = csv_text(separator, newline=newline).encode("utf-8")
    assert_sample(imported(capsys, tmp_path, "sample.csv", data))


def test_excel_s_csv_utf8_with_a_byte_order_mark_and_semicolons(capsys, tmp_path: Path) -> None:
    data = "\ufeff".encode() + csv_text(";", newline="\r\n").encode("utf-8")
    assert_sample(imported(capsys, tmp_path, "excel.csv", data))


def test_excel_s_sep_line_says_the_separator(capsys, tmp_path: Path) -> None:
    cases = [list(r) for r in CASES]
    cases[0][6] = "Ran; then hid, twice"  # both characters in a cell: only sep= can tell
    data = ("sep=;\r\n" + csv_text(";", cases, "\r\n")).encode("utf-8")
    with imported(capsys, tmp_path, "sep.csv", data) as inspection:
        assert inspection.case_by_reference("IMP-001").summary == "Ran; then hid, twice"


def test_unicode_text_utf16_with_tabs(capsys, tmp_path: Path) -> None:
    data = csv_text("\t", newline="\r\n").encode("utf-16")  # with its byte-order mark
    assert_sample(imported(capsys, tmp_path, "unicode.csv", data))


def test_commas_inside_a_semicolon_file_stay_in_their_cells(capsys, tmp_path: Path) -> None:
    cases = [list(r) for r in CASES]
    cases[1][6] = "Bruising, seen at nursery, twice"
    data = csv_text(";", cases).encode("utf-8")
    with imported(capsys, tmp_path, "commas.csv", data) as inspection:
        assert inspection.case_by_reference("IMP-002").summary == cases[1][6]


def test_the_separator_is_the_one_that_finds_case_reference() -> None:
    assert sniff("Case reference;Case type;Summary") == ";"
    assert sniff("Case reference,Case type,Summary") == ","
    assert sniff("Case reference\tCase type") == "\t"
    assert sniff('"Case reference";"Case type, as given"') == ";"
    assert sniff("Case reference,Case type;Summary") == ","  # the comma gives the column
    assert sniff("Case reference") == ","  # one column
    assert sniff("Case reference|Case type") == "|"  # named, then refused


def test_a_cell_over_several_lines_is_one_row(capsys, tmp_path: Path) -> None:
    cases = [list(r) for r in CASES]
    cases[0][6] = "First line\nsecond line\nthird line"
    cases[2][1] = "Burglary"  # a problem after the multi-line cell names its spreadsheet row
    source = tmp_path / "multi.csv"
    source.write_text(csv_text(",", cases), encoding="utf-8")
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert "Cases, row 4, Case type: 'Burglary'" in err


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_an_unclosed_quote_is_refused_naming_the_row_where_it_began(
    tmp_path: Path, base_inspection: Path, existing: bool
) -> None:
    source = tmp_path / "quote.csv"  # the reported file: "1 cases added" of 3
    source.write_text(
        'Case reference,Case type,Summary\nA-1,S47,"unbalanced\nA-2,S47,two\nA-3,S47,three\n',
        encoding="utf-8",
    )
    folder = tmp_path / "target"
    folder.mkdir()
    db = folder / "inspection.caseaudit"
    if existing:
        shutil.copyfile(base_inspection, db)
    before, names = (snapshot(db) if existing else None), listing(folder)
    err = refused_cleanly(
        import_in_child(db, source),
        f"{source}: Cases, row 2, Summary (column C): a quoted field begins here (line 2 of "
        "the file) and its quote is never closed",
    )
    assert len(err.splitlines()) == 1
    assert listing(folder) == names
    assert (snapshot(db) if existing else None) == before


def test_an_unclosed_quote_after_a_multi_line_cell_names_its_own_row_and_line(
    capsys, tmp_path: Path
) -> None:
    source = tmp_path / "later.csv"
    source.write_text(
        "Case reference,Case type,Summary\n"
        'A-1,S47,"two\nlines"\n'  # row 2, lines 2-3
        "A-2,S47,fine\n"  # row 3, line 4
        'A-3,"S47,oops\n'  # row 4, line 5: the quote opens in column B
        "A-4,S47,swallowed\n",
        encoding="utf-8",
    )
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert "Cases, row 4, Case type (column B): a quoted field begins here (line 5" in err


def test_text_after_a_closing_quote_is_refused_by_row(capsys, tmp_path: Path) -> None:
    source = tmp_path / "after.csv"
    source.write_text(
        'Case reference,Case type,Summary\nA-1,S47,fine\nA-2,S47,"said "no" twice"\n',
        encoding="utf-8",
    )
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert "Cases, row 3, Summary (column C): a quoted field (line 3 of the file) has more" in err
    assert not (tmp_path / "x.caseaudit").exists()


def test_a_row_with_more_values_than_headings_is_refused_not_cut(capsys, tmp_path: Path) -> None:
    """An unquoted comma in a summary made a fourth field, which was dropped without a word."""
    source = tmp_path / "extra.csv"
    source.write_text(
        "Case reference,Case type,Summary\nA-1,S47,fine,\nA-2,S47,Seen by Smith, J on Monday\n",
        encoding="utf-8",
    )
    code, _, err = run_import(capsys, tmp_path / "x.caseaudit", source)
    assert code == 2
    assert "Cases, row 3, column D: has data but no heading" in err  # row 2's empty D is fine
    assert "row 2" not in err
    assert not (tmp_path / "x.caseaudit").exists()


def test_a_quote_inside_an_unquoted_cell_is_kept(capsys, tmp_path: Path) -> None:
    data = b'Case reference,Case type,Summary\nA-1,S47,He said "no"\n'
    source = tmp_path / "inner.csv"
    source.write_bytes(data)
    db = tmp_path / "x.caseaudit"
    code, _, err = run_import(capsys, db, source)
    assert code == 0, err
    with Inspection.open(db) as inspection:
        assert inspection.case_by_reference("A-1").summary == 'He said "no"'


@pytest.mark.parametrize(
    ("first_line", "named"),
    [
        ("Case reference|Case type|Summary", "a vertical bar '|'"),
        ("sep=|", "'|'"),
    ],
)
def test_another_separator_is_refused_naming_it(
    tmp_path: Path, base_inspection: Path, first_line: str, named: str
) -> None:
    source = tmp_path / "bars.csv"
    source.write_text(
        first_line + "\n" + "Case reference|Case type|Summary\nA-1|S47|one\n", encoding="utf-8"
    )
    db = shutil.copyfile(base_inspection, tmp_path / "inspection.caseaudit")
    before, names = snapshot(db), listing(tmp_path)
    err = refused_cleanly(import_in_child(db, source), f"{source}: ", named)
    assert "only a comma, a semicolon or a tab can be read" in err
    assert len(err.splitlines()) == 1
    assert snapshot(db) == before and listing(tmp_path) == names


def test_the_csv_field_limit_is_put_back(capsys, tmp_path: Path) -> None:
    before = csv.field_size_limit()
    source = tmp_path / "sample.csv"
    source.write_text(csv_text(";"), encoding="utf-8")
    assert run_import(capsys, tmp_path / "x.caseaudit", source)[0] == 0
    assert csv.field_size_limit() == before
