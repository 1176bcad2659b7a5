"""``case-auditor compare``: the Comparison sheet's layout and figures, counted here from the
test's own cases; two and three inspections, an empty case type, another framework, an
encrypted file; the further sheets, the chart, redaction, disclosures and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlcipher3 import dbapi2 as sqlite3

from auditor.cli.entry import main
from auditor.encryption import PASSPHRASE_ENV
from tests.core.analysis.conftest import EARLIER, EARLIEST, NAMES, NOW, PASSPHRASE, Files
from tests.core.analysis.inspections import (
    LABELS,
    RENAMED,
    Expected,
    Spec,
    bundled_case_type_codes,
    expected,
    merlin_median,
)
from tests.support.signed import key_passphrase, make_key, ok, run

GRADES = ("Good", "Requires improvement", "Inadequate")
__all__ = ["key_passphrase"]  # the key's passphrase in the environment, nobody signed in


def header(names: tuple[str, ...]) -> list[str]:
    cols = ["Case type"]
    for name in names:
        cols += [f"{name}: cases", *(f"{name}: {g} %" for g in GRADES)]
        cols.append(f"{name}: Referred back %")
    return [*cols, "Change in Inadequate (points)", "Change in referred back (points)"]


def expected_rows(datasets: list[tuple[list[Spec], dict[str, str]]]) -> list[list]:
    """Rows counted by hand: ``datasets`` are (cases, label -> code of that framework)."""
    labels: list[str] = []
    for _, by_label in datasets:
        labels += [label for label in by_label if label not in labels]
    rows = []
    for label in [*labels, "Total"]:
        row: list = [label]
        figures: list[Expected | None] = []
        for specs, by_label in datasets:
            if label == "Total":
                figure = expected(specs)
            elif label in by_label:
                figure = expected(specs, {by_label[label]})
            else:
                figure = None
            figures.append(figure)
            row += figure.cells() if figure else [None] * 5
        first, last = figures[0], figures[-1]

        def change(attr: str, first=first, last=last) -> float | None:
            a = getattr(first, attr) if first else None
            b = getattr(last, attr) if last else None
            return None if a is None or b is None else 100 * (a - b)

        rows.append([*row, change("inadequate"), change("referred")])
    return rows


BUNDLED_LABELS = {LABELS[code]: code for code in bundled_case_type_codes()}
OTHER_LABELS = {(RENAMED if c == "MISSING" else LABELS[c]): c for c in bundled_case_type_codes()}


def assert_rows(actual: list[tuple], wanted: list[list]) -> None:
    assert len(actual) == len(wanted)
    for got, want in zip(actual, wanted, strict=True):
        assert got[0] == want[0]
        assert got == pytest.approx(tuple(want), abs=1e-9), want[0]


def read(out: Path, sheet: str = "Comparison") -> list[tuple]:
    return list(load_workbook(out)[sheet].iter_rows(values_only=True))


def disclosures(path: Path, passphrase: str | None = None) -> list[str]:
    conn = sqlite3.connect(path)
    if passphrase:
        conn.execute(f"PRAGMA key = '{passphrase}'")
    found = [
        r[0]
        for r in conn.execute("SELECT detail FROM audit_log WHERE kind = 'disclosure' ORDER BY at")
    ]
    conn.close()
    return found


def test_two_inspections_side_by_side(files: Files, tmp_path: Path, capsys) -> None:
    out = tmp_path / "comparison.xlsx"
    code = main(["compare", "--db", str(files.now), "--with", str(files.earlier), str(out)])
    assert code == 0, capsys.readouterr().err
    book = load_workbook(out)
    assert book.sheetnames[0] == "Comparison"
    rows = read(out)
    assert list(rows[0]) == header(NAMES[:2])
    wanted = expected_rows([(NOW, BUNDLED_LABELS), (EARLIER, BUNDLED_LABELS)])
    assert_rows(rows[1:], wanted)
    # custody: no case now, so 0 cases and empty shares; the change is empty too
    custody = next(r for r in rows if r[0] == LABELS["CUSTODY"])
    assert custody[1:6] == (0, None, None, None, None) and custody[-2:] == (None, None)
    # formats: shares as percentages, points as plain numbers, counts as counts
    sheet = book["Comparison"]
    total = sheet.max_row
    assert sheet.cell(total, 1).value == "Total"
    assert sheet.cell(total, 2).number_format == "General"
    for column in (3, 4, 5, 6, 8, 9, 10, 11):
        assert sheet.cell(total, column).number_format.endswith("%")
        assert isinstance(sheet.cell(total, column).value, float)
    for column in (12, 13):
        cell = sheet.cell(total, column)
        assert isinstance(cell.value, float) and not cell.number_format.endswith("%")
    chart = book["Chart"]._charts
    assert len(chart) == 1 and chart[0].grouping == "clustered"
    assert chart[0].tagname == "barChart" and len(chart[0].series) == 2
    for series, column in zip(chart[0].series, ("E", "J"), strict=True):  # Inadequate % columns
        assert series.val.numRef.f == f"'Comparison'!${column}$2:${column}$10"
        assert series.cat.numRef.f == "'Comparison'!$A$2:$A$10"
    assert [s.tx.v for s in chart[0].series] == list(NAMES[:2])
    # logged as a disclosure in each file
    for path in (files.now, files.earlier):
        assert any(out.name in d and "comparison" in d for d in disclosures(path))


def test_three_inspections_another_framework_and_an_encrypted_file(
    files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    out = tmp_path / "three.xlsx"
    argv = ["compare", "--db", str(files.now), "--with", str(files.earlier)]
    code = main([*argv, "--with", str(files.earliest), str(out)])
    assert code == 0, capsys.readouterr().err
    rows = read(out)
    assert list(rows[0]) == header(NAMES)
    wanted = expected_rows(
        [(NOW, BUNDLED_LABELS), (EARLIER, BUNDLED_LABELS), (EARLIEST, OTHER_LABELS)]
    )
    assert_rows(rows[1:], wanted)
    # the renamed type is a row of its own after the first framework's, empty for the others
    labels = [r[0] for r in rows[1:]]
    assert labels == [*(LABELS[c] for c in bundled_case_type_codes()), RENAMED, "Total"]
    renamed = rows[labels.index(RENAMED) + 1]
    assert renamed[1:11] == (None,) * 10 and renamed[11] == 2
    missing = rows[labels.index(LABELS["MISSING"]) + 1]
    assert missing[11:16] == (None,) * 5
    assert len(load_workbook(out)["Chart"]._charts[0].series) == 3
    assert any(out.name in d for d in disclosures(files.earliest, PASSPHRASE))


def test_criteria_and_timeliness_side_by_side(files: Files, tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    assert main(["compare", "--db", str(files.now), "--with", str(files.earlier), str(out)]) == 0
    criteria = read(out, "Criteria")
    worse = "Requires improvement or Inadequate"
    assert list(criteria[0]) == [
        "Criterion",
        f"{NAMES[0]}: applicable cases",
        f"{NAMES[0]}: {worse} %",
        f"{NAMES[1]}: applicable cases",
        f"{NAMES[1]}: {worse} %",
        f"Change in {worse} (points)",
    ]
    voice = next(r for r in criteria if r[0] == "Voice of the child")
    graded_now = [s for s in NOW if s.grade]
    graded_then = [s for s in EARLIER if s.grade]
    worse_now = sum(1 for s in graded_now if s.grade != "good") / len(graded_now)
    worse_then = sum(1 for s in graded_then if s.grade != "good") / len(graded_then)
    assert voice == pytest.approx(
        (
            "Voice of the child",
            len(graded_now),
            worse_now,
            len(graded_then),
            worse_then,
            100 * (worse_now - worse_then),
        )
    )
    supervision = next(r for r in criteria if r[0] == "Supervision")
    assert supervision[2] == 0 and supervision[4] == 0
    timeliness = read(out, "Timeliness")
    merlin = next(r for r in timeliness if r[0] == "Merlin submitted after first contact")
    measured_now = [s.merlin_hours for s in NOW if s.merlin_hours is not None]
    within_now = sum(1 for h in measured_now if h <= 24) / len(measured_now)
    within_then = 1.0 if all(s.merlin_hours <= 24 for s in EARLIER if s.merlin_hours) else 0.0
    assert merlin == pytest.approx(
        (
            merlin[0],
            len(measured_now),
            merlin_median(NOW),
            within_now,
            3,
            merlin_median(EARLIER),
            within_then,
            100 * (within_now - within_then),
        )
    )


def test_redacted_comparison_hides_small_numbers(files: Files, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    argv = ["compare", "--db", str(files.now), "--with", str(files.earlier), "--redact"]
    assert main([*argv, str(out)]) == 0
    rows = read(out)
    for row in rows[1:]:
        for value in row[1:]:
            assert not (isinstance(value, int) and 0 < value < 5), row  # never a count 1-4
    da = next(r for r in rows if r[0] == LABELS["DA_REFERRAL"])
    assert da[1] == "<5" and da[4] == "[c]"  # 4 graded: the count and its shares hidden
    total = rows[-1]
    assert total[0] == "Total" and total[1] == len([s for s in NOW if s.grade])
    # the same cells as the redacted export's table 1 of the same file
    export = tmp_path / "export.xlsx"
    assert main(["export", "--db", str(files.now), "--redact", str(export)]) == 0
    summary = read(export, "Summary")
    counts = {r[0]: r for r in summary[1:11]}
    at = next(i for i, r in enumerate(summary) if r[1] == "Good %")
    shares = {r[0]: r for r in summary[at + 1 : at + 11]}
    at = next(i for i, r in enumerate(summary) if r[1] == "Cases graded")
    referred = {r[0]: r for r in summary[at + 1 : at + 11]}
    assert len(counts) == len(shares) == len(referred) == 10
    for row in rows[1:]:
        if row[0] not in counts:
            continue
        assert row[1] == counts[row[0]][4]  # the row's total, as shown (or hidden)
        assert row[2:5] == pytest.approx(shares[row[0]][1:4])  # Good, RI, Inadequate %
        assert row[5] == pytest.approx(referred[row[0]][3])  # referred back %


@pytest.mark.parametrize(
    "problem", ["missing", "not an inspection", "not xlsx", "passphrase", "same file", "folder"]
)
def test_bad_input_is_one_line_and_writes_nothing(
    problem: str, files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / ("out.csv" if problem == "not xlsx" else "out.xlsx")
    other = files.earliest
    if problem == "missing":
        other = tmp_path / "nowhere.caseaudit"
    elif problem == "not an inspection":
        other = tmp_path / "notes.caseaudit"
        other.write_text("these are not grades\n")
    elif problem == "passphrase":
        monkeypatch.setenv(PASSPHRASE_ENV, "not the passphrase at all")
    elif problem == "same file":
        other = files.now.parent / "." / files.now.name
    elif problem == "folder":
        out.mkdir()
        monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    else:
        monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    before = disclosures(files.now)
    code = main(["compare", "--db", str(files.now), "--with", str(other), str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("case-auditor: ")
    assert "Traceback" not in err
    assert out.is_dir() if problem == "folder" else not out.exists()
    assert not list(tmp_path.glob(".out*"))
    assert disclosures(files.now) == before


def test_an_existing_workbook_is_replaced_only_when_complete(files: Files, tmp_path: Path) -> None:
    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"an earlier workbook")
    code = main(
        ["compare", "--db", str(files.now), "--with", str(tmp_path / "x.caseaudit"), str(out)]
    )
    assert code == 2 and out.read_bytes() == b"an earlier workbook"
    assert main(["compare", "--db", str(files.now), "--with", str(files.earlier), str(out)]) == 0
    assert read(out)[0][0] == "Case type"


def test_signed_files_are_compared_as_the_person_signed_in(tmp_path: Path, capsys) -> None:
    lead = make_key(tmp_path, "Invented Lead")
    paths = []
    for year in ("2018", "2017"):
        path = tmp_path / f"signed-{year}.caseaudit"
        ok(capsys, "new", "--db", path, "--name", f"Signed {year} (invented)", "--lead", lead)
        paths.append(path)
    out = tmp_path / "signed.xlsx"
    argv = ["compare", "--db", paths[0], "--with", paths[1], out]
    code, _, err = run(capsys, *argv)
    assert code == 2 and "--as KEYFILE" in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and all(disclosures(p) == [] for p in paths)
    ok(capsys, *argv, "--as", lead)
    assert read(out)[0][1] == "Signed 2018 (invented): cases"
    assert all(len(disclosures(p)) == 1 for p in paths)
    assert main(["check", "--db", str(paths[1])]) == 0  # the disclosure is signed
    assert "all signatures valid" in capsys.readouterr().out
