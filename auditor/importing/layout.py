"""The import layout: sheets, their columns, and matching headings to columns."""

from __future__ import annotations

from typing import Any

from openpyxl.utils.cell import get_column_letter

from auditor.framework import Framework
from auditor.importing.cells import text
from auditor.importing.problems import Problems, cell
from auditor.importing.sources import Sheet

CASES = "Cases"
CHRONOLOGY = "Chronology"
#: Sheets of the workstation's own export that import passes over (they are derived data).
EXPORT_ONLY_SHEETS = (
    "About",
    "Summary",
    "Timeliness",
    "Criteria",
    "Referrals",
    "Audit trail",
    "Moderation",
    "Referred back",
)

CASE_COLUMNS = {
    "reference": "Case reference",
    "case_type": "Case type",
    "borough": "Borough",
    "bcu": "BCU",
    "team": "Team",
    "date_opened": "Date opened",
    "summary": "Summary",
    "force_grade": "Force grade",
    "assessor": "Assessor",
    "overall": "Overall grade",
    "override_reason": "Override reason",
    "referred": "Referred back",
    "referral_reason": "Referral reason",
    "referral_note": "Referral note",
}
CASE_REQUIRED = ("reference", "case_type")
CHRONOLOGY_COLUMNS = {
    "reference": "Case reference",
    "when": "When",
    "event": "Event",
    "detail": "Detail",
}
CHRONOLOGY_REQUIRED = ("reference", "when", "event")


def case_columns(framework: Framework) -> dict[str, str]:
    """Every Cases column: the fixed ones, then a grade and a note column per criterion."""
    columns = dict(CASE_COLUMNS)
    for criterion in framework.criteria:
        columns[f"grade:{criterion.id}"] = criterion.id
        columns[f"note:{criterion.id}"] = f"{criterion.id} note"
    return columns


def match_headings(
    sheet: Sheet, columns: dict[str, str], required: tuple[str, ...], problems: Problems
) -> dict[str, int] | None:
    """Column positions by key, or None (with problems) when the headings are wrong."""
    wanted = {" ".join(heading.split()).casefold(): key for key, heading in columns.items()}
    positions: dict[str, int] = {}
    found = False
    for index, raw in enumerate(sheet.headings):
        heading = text(raw)
        letter = column_letter(index)
        if not heading:
            if any(index < len(values) and text(values[index]) for _, values in sheet.rows):
                problems.add(cell(sheet.name, 1, f"column {letter}"), "has data but no heading")
            continue
        found = True
        key = wanted.get(" ".join(heading.split()).casefold())
        if key is None:
            problems.add(
                cell(sheet.name, 1, heading),
                f"unknown column (column {letter}); the columns are: {allowed(columns)}",
            )
        elif key in positions:
            problems.add(
                cell(sheet.name, 1, heading),
                f"the column appears twice (columns {column_letter(positions[key])} "
                f"and {letter}); keep one",
            )
        else:
            positions[key] = index
    if not found:
        problems.add(sheet.name, "the sheet is empty: its first row must hold the column headings")
        return None
    for key in required:
        if key not in positions:
            problems.add(
                cell(sheet.name, 1, columns[key]),
                "required column is missing (headings are matched ignoring case)",
            )
    return positions if all(k in positions for k in required) else None


def allowed(columns: dict[str, str], limit: int = 15) -> str:
    names = list(columns.values())
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += ", and a grade column '<criterion id>' and '<criterion id> note' per criterion"
    return shown


def column_letter(index: int) -> str:
    """The spreadsheet letter of the 0-based column ``index`` (0 is A, 26 is AA)."""
    return get_column_letter(index + 1)


def value(values: list[Any], positions: dict[str, int], key: str) -> Any:
    index = positions.get(key)
    return values[index] if index is not None and index < len(values) else None
