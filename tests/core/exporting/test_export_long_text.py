"""A text longer than an Excel cell (32,767 characters) is exported whole: it continues in the
next column(s), headed '<column> (part 2)', …, the About sheet says so, and an import of the
workbook joins the parts again (export → import → export equal cell for cell)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from auditor import text_rules
from auditor.exporting.export import export_workbook
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from tests.support.exporting import CARRIED, cells


def long_text(length: int, seed: str) -> str:
    """``length`` characters of varied text: accents, combining marks, emoji (two UTF-16 units
    each), line breaks and spaces, so that parts end on every kind of character."""
    pieces = ["word", " ", "é", "e\u0301", "👍🏽", "\n", "名前", "O'Brien", "—", "\t", "1234"]
    out, n = [seed, ": "], 0
    size = len(seed) + 2
    while size < length:
        piece = pieces[n % len(pieces)] + (str(n % 97) if n % 5 == 0 else "")
        out.append(piece)
        size += len(piece)
        n += 1
    return "".join(out)[:length].rstrip() + "."


def _graded_case(inspection: Inspection) -> tuple[Any, Any, Any]:
    case = inspection.case(inspection.case_list()[0][0])
    criterion = inspection.framework.criteria_for(case.case_type)[0]
    inspector = inspection.assessor("Long Writer", "inspector")
    return case, criterion, inspector


def _row(sheet: Any, reference: str) -> dict[str, Any]:
    headings = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == reference)
    return dict(zip(headings, row, strict=True))


def _joined(row: dict[str, Any], heading: str) -> str:
    parts = [row[heading]]
    number = 2
    while f"{heading} (part {number})" in row:
        parts.append(row[f"{heading} (part {number})"])
        number += 1
    return "".join(p for p in parts if p is not None)


def test_a_100000_character_note_is_exported_whole(tmp_path: Path, demo: Inspection) -> None:
    note = long_text(100_000, "Evidence")
    summary = long_text(40_000, "Summary")
    detail = long_text(70_000, "Detail")
    case, criterion, inspector = _graded_case(demo)
    demo.grading.set_note(case.id, inspector, criterion.id, note)
    demo.grading.set_overall(case.id, inspector, "good", "Long reasons")
    demo.update_case(None, case.id, {"summary": summary})
    demo.add_events(None, case.id, [("2018-03-01T10:00:30", "first_contact", detail)])
    out = tmp_path / "long.xlsx"
    export_workbook(demo, out)

    book = load_workbook(out)
    row = _row(book["Cases"], case.reference)
    heading = f"{criterion.id} note"
    assert f"{heading} (part 4)" in row and f"{heading} (part 5)" not in row
    assert _joined(row, heading) == note
    assert _joined(row, "Summary") == summary
    assert "Summary (part 3)" not in row
    for value in row.values():  # every piece fits a cell as Excel counts (UTF-16 units)
        if isinstance(value, str):
            assert len(value.encode("utf-16-le")) // 2 <= text_rules.EXCEL_CELL_LIMIT

    chronology = book["Chronology"]
    headings = [c.value for c in chronology[1]]
    assert headings == [
        "Case reference",
        "When",
        "Event",
        "Detail",
        "Detail (part 2)",
        "Detail (part 3)",
    ]
    events = [
        dict(zip(headings, r, strict=True)) for r in chronology.iter_rows(2, values_only=True)
    ]
    assert detail in [_joined(e, "Detail") for e in events]

    criteria = book["Criteria"]
    grade_rows = list(criteria.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(grade_rows) if r[0] == "Case reference")
    assert grade_rows[start][4:6] == ("Note", "Note (part 2)")
    mine = [r for r in grade_rows[start + 1 :] if r[0] == case.reference and r[1] == criterion.id]
    assert "".join(p for p in mine[0][4:] if p) == note

    trail = book["Audit trail"]
    trail_headings = [c.value for c in trail[1]]
    assert "New value (part 4)" in trail_headings
    new_values = [
        _joined(dict(zip(trail_headings, r, strict=True)), "New value")
        for r in trail.iter_rows(2, values_only=True)
    ]
    assert note in new_values

    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert "continues in the next column(s)" in about["Long text"]
    assert "(part 2)" in about["Long text"]


def test_an_export_with_long_text_imports_back_whole(tmp_path: Path, demo: Inspection) -> None:
    note = long_text(100_000, "Evidence")
    summary = long_text(33_000, "Summary")
    case, criterion, inspector = _graded_case(demo)
    demo.grading.set_note(case.id, inspector, criterion.id, note)
    demo.grading.set_overall(case.id, inspector, "good", "Long reasons")
    demo.update_case(None, case.id, {"summary": summary})
    first = tmp_path / "first.xlsx"
    export_workbook(demo, first)

    copy = tmp_path / "copy.caseaudit"
    report = import_file(copy, first, "Robin Example")
    assert report.added == len(demo.case_list())
    with Inspection.open(copy) as again:
        imported = next(
            again.case(r[0])
            for r in again.case_list()
            if again.case(r[0]).reference == case.reference
        )
        assert imported.summary == summary
        notes = [
            a.grades[criterion.id].note
            for a in again.grading.assessments(imported.id)
            if criterion.id in a.grades
        ]
        assert note in notes
        second = tmp_path / "second.xlsx"
        export_workbook(again, second)
    a, b = cells(first), cells(second)
    for sheet in CARRIED:
        assert a[sheet] == b[sheet], sheet


def test_the_pieces_join_to_the_text() -> None:
    text = long_text(200_000, "Pieces")
    parts = text_rules.cell_parts(text)
    assert "".join(parts) == text
    assert all(len(p.encode("utf-16-le")) // 2 <= text_rules.EXCEL_CELL_LIMIT for p in parts)
    emoji = "👍" * 40_000  # two UTF-16 units each: 80,000 units
    assert [len(p) for p in text_rules.cell_parts(emoji)] == [16_383, 16_383, 7_234]
    assert text_rules.cell_parts("short") == ["short"]
