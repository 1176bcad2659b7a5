"""Citations in the exported workbook: beside each grade's note in Criteria, the Citations sheet
in the import layout, in the force's Referred back sheet, nowhere in the redacted workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.support.citations_workbook import (
    COLLEAGUES_QUOTE,
    CUSTODY,
    FORMULA_QUOTE,
    MISSING,
    RETURN_SENTENCE,
    TAKEN_BACK,
    Cited,
    Expected,
    export,
)


def grade_table(sheet: Any) -> list[dict[str, Any]]:
    """The Criteria sheet's table of criterion grades, each row by its headings."""
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Case reference")
    headings = rows[top]
    return [dict(zip(headings, r, strict=False)) for r in rows[top + 1 :] if r[0]]


def joined(row: dict[str, Any], heading: str) -> str | None:
    """A column's text with its continuation parts ('<heading> (part 2)', …) joined."""
    parts = [row.get(heading)]
    number = 2
    while f"{heading} (part {number})" in row:
        parts.append(row[f"{heading} (part {number})"])
        number += 1
    text = "".join(p for p in parts if p)
    return text or None


def test_criteria_lists_each_grades_citations_beside_its_note(cited: Cited, tmp_path: Path) -> None:
    book = load_workbook(export(cited.path, tmp_path / "full.xlsx"))
    rows = grade_table(book["Criteria"])
    listed = {(r["Case reference"], r["Criterion id"]): r for r in rows}
    wanted: dict[tuple[str, str], list[str]] = {}
    for e in cited.standing:
        wanted.setdefault((e.reference, e.criterion), []).append(e.line)
    for key, lines in wanted.items():
        assert joined(listed[key], "Citations") == "\n".join(lines), key
    voice = listed[(CUSTODY, "voice_of_child")]
    assert (voice["Grade"], voice["Note"]) == ("Inadequate", "The child's voice is absent.")
    # a criterion only cited (not graded) is listed too
    assert listed[(MISSING, "missing_return_interview")]["Grade"] is None
    # nine passages of 4,000 characters: the column continues in a part column
    headings = list(rows[0])
    assert "Citations (part 2)" in headings
    assert headings.index("Citations (part 2)") == headings.index("Citations") + 1
    every = "\n".join(str(c) for r in book["Criteria"].iter_rows(values_only=True) for c in r)
    assert TAKEN_BACK not in every and COLLEAGUES_QUOTE not in every
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert "Citations column" in about["Citations"] and "one a line" in about["Citations"]
    # the quote that looks like a formula is text wherever it is written
    sheet = book["Citations"]
    quotes = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == FORMULA_QUOTE]
    assert quotes and all(c.data_type == "s" for c in quotes)
    for row in book["Criteria"].iter_rows():
        assert all(c.data_type != "f" for c in row)


def test_the_citations_sheet_is_the_import_layout(cited: Cited, tmp_path: Path) -> None:
    book = load_workbook(export(cited.path, tmp_path / "full.xlsx"))
    sheet = book["Citations"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Case reference",
        "Assessor",
        "Criterion",
        "Document",
        "Page",
        "Quote",
        "Start",
        "Region",
    )
    got = [
        Expected(*(v if v is not None else _blank(i) for i, v in enumerate(r))) for r in rows[1:]
    ]
    assert sorted(got, key=repr) == sorted(cited.standing, key=repr)


def _blank(column: int) -> Any:
    return "" if column == 5 else None  # a blank quote is ""; other blanks None


def test_the_force_workbook_lists_the_citations_beside_the_notes(
    cited: Cited, tmp_path: Path
) -> None:
    book = load_workbook(export(cited.path, tmp_path / "force.xlsx", for_force=True))
    assert "Citations" not in book.sheetnames
    sheet = book["Referred back"]
    headings = [c.value for c in sheet[1]]
    assert headings.index("Citations") == headings.index("Evidence notes") + 1
    [row] = [dict(zip(headings, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)]
    assert row["Case reference"] == CUSTODY
    titles = {
        "voice_of_child": "Voice of the child",
        "supervision": "Supervision",
        "merlin_timeliness": "Merlin timeliness",
        "custody_appropriate_adult": "Appropriate adult",
        "custody_healthcare": "Healthcare referral",
    }
    order = list(titles)  # the framework's order of these criteria
    mine = sorted(
        (e for e in cited.standing if e.reference == CUSTODY),
        key=lambda e: order.index(e.criterion),
    )
    wanted = "\n".join(f"{titles[e.criterion]}: {e.line}" for e in mine)
    assert joined(row, "Citations") == wanted
    assert "Voice of the child (Inadequate): The child's voice is absent." in row["Evidence notes"]
    every = "\n".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r)
    assert RETURN_SENTENCE not in every  # the missing case was not referred back


def test_the_redacted_workbook_holds_no_citation(cited: Cited, tmp_path: Path) -> None:
    book = load_workbook(export(cited.path, tmp_path / "redacted.xlsx", redact=True))
    assert "Citations" not in book.sheetnames
    quotes = [e.quote for e in cited.standing if e.quote] + [TAKEN_BACK, COLLEAGUES_QUOTE]
    names = {e.document for e in cited.standing}
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                text = str(value) if value is not None else ""
                # the first 30 characters of each: a long text could be split over cells
                assert not any(q[:30] in text for q in quotes), (sheet.title, text)
                assert not any(n in text for n in names), (sheet.title, text)
    headings = {c for r in book["Criteria"].iter_rows(values_only=True) for c in r}
    assert "Citations" not in headings
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert "Left out" in about["Citations"]
