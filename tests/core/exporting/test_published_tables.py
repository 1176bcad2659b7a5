"""The published tables through the import path and back out of the exported workbook:
Figure 1 of the 2018 review exactly, then random counts, read back with openpyxl."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from auditor import cli
from auditor.inspection import Inspection
from auditor.reports import build_report, load_report_data
from tests.support.reports import ALL, FIGURE_1

GRADE_LABELS = ["Good", "Requires improvement", "Inadequate"]
SUMMARY_HEADER = ("Case type", "Good", "Requires improvement", "Inadequate", "Total")
REFERRALS_HEADER = ("Case type", "Cases graded", "Referred back", "Referred back %")


def sample(path: Path, counts: dict[str, tuple[int, int, int]], referred: dict[str, int]) -> Path:
    """An import workbook: per case type, cases graded Good / RI / Inadequate; the first
    ``referred[type]`` of each type referred back."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cases"
    sheet.append(
        [
            "Case reference",
            "Case type",
            "Assessor",
            "Overall grade",
            "Referred back",
            "Referral reason",
        ]
    )
    n = 0
    for code, per_grade in counts.items():
        grades = [g for g, k in zip(GRADE_LABELS, per_grade, strict=True) for _ in range(k)]
        for index, grade in enumerate(grades):
            n += 1
            refer = index < referred.get(code, 0)
            sheet.append(
                [
                    f"FIG-{n:04d}",
                    code,
                    "Invented Inspector",
                    grade,
                    "Yes" if refer else "No",
                    "child_at_risk" if refer else None,
                ]
            )
    book.save(path)
    return path


def through_the_workbook(capsys, tmp_path: Path, source: Path) -> tuple[Path, Path]:
    db = tmp_path / "published.caseaudit"
    assert cli.main(["import", "--db", str(db), str(source), "--assessor", "Invented"]) == 0
    out = tmp_path / "published.xlsx"
    assert cli.main(["export", "--db", str(db), str(out)]) == 0
    capsys.readouterr()
    return db, out


def summary_tables(out: Path) -> tuple[list[tuple], list[tuple]]:
    """Table 1 and table 2 as read back from the Summary sheet."""
    rows = [r for r in load_workbook(out)["Summary"].iter_rows(values_only=True)]
    first = rows.index(SUMMARY_HEADER)
    end = next(i for i in range(first, len(rows)) if rows[i][0] == "Total")
    second = next(i for i, r in enumerate(rows) if r[:4] == REFERRALS_HEADER)
    end2 = next(i for i in range(second, len(rows)) if rows[i][0] == "Total")
    return rows[first + 1 : end + 1], [r[:4] for r in rows[second + 1 : end2 + 1]]


def test_figure_one_through_import_report_and_workbook(capsys, tmp_path: Path) -> None:
    counts = {code: (g, ri, i) for code, _, g, ri, i, _ in FIGURE_1}
    source = sample(tmp_path / "figure1.xlsx", counts, {"ONLINE_CSE": 15})
    db, out = through_the_workbook(capsys, tmp_path, source)

    with Inspection.open(db) as inspection:
        table = build_report(load_report_data(inspection)).cases_assessed
    assert table.total_row.counts == (93, 127, 83) and table.grand_total == 303
    for code, _, good, ri, inadequate, _ in FIGURE_1:
        assert table.row(code).counts == (good, ri, inadequate)

    assert load_workbook(out)["Summary"]["A1"].value == "Case type"
    table1, table2 = summary_tables(out)
    expected = [(label, g, ri, i, total) for _, label, g, ri, i, total in FIGURE_1]
    assert [r[:5] for r in table1] == [*expected, ("Total", *ALL)]
    by_type = {r[0]: r for r in table2}
    online = by_type["Children at risk of child sexual exploitation online"]
    assert online[:3] == ("Children at risk of child sexual exploitation online", 34, 15)
    assert online[3] == pytest.approx(15 / 34)
    assert by_type["Total"][:3] == ("Total", 303, 15)


def test_random_counts_through_the_workbook(capsys, tmp_path: Path) -> None:
    rng = random.Random(20181129)
    counts = {code: tuple(rng.randint(0, 12) for _ in range(3)) for code, *_ in FIGURE_1}
    referred = {code: rng.randint(0, sum(c)) for code, c in counts.items()}
    source = sample(tmp_path / "random.xlsx", counts, referred)
    _db, out = through_the_workbook(capsys, tmp_path, source)
    table1, table2 = summary_tables(out)
    labels = {code: label for code, label, *_ in FIGURE_1}
    expected = [(labels[c], *n, sum(n)) for c, n in counts.items()]
    totals = tuple(sum(n[i] for n in counts.values()) for i in range(3))
    assert [r[:5] for r in table1] == [*expected, ("Total", *totals, sum(totals))]
    graded = {labels[c]: sum(n) for c, n in counts.items()}
    assert [r[:3] for r in table2] == [
        *((labels[c], graded[labels[c]], referred[c]) for c in counts),
        ("Total", sum(graded.values()), sum(referred.values())),
    ]
