"""The import layout: sheets, their columns, and matching headings to columns.

A text longer than an Excel cell holds (32,767 characters) continues in columns headed
'<heading> (part 2)', '<heading> (part 3)', … (as the export writes it): the parts of a row
are joined, in order, into the one value of the column.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils.cell import get_column_letter

from auditor.framework import Framework
from auditor.importing.cells import text
from auditor.importing.problems import Problems, cell
from auditor.importing.sources import Sheet
from auditor.text_rules import shown

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
CITATIONS = "Citations"
#: The Citations sheet: one passage cited for a criterion of a case's grading a row.
CITATION_COLUMNS = {
    "reference": "Case reference",
    "assessor": "Assessor",
    "criterion": "Criterion",
    "document": "Document",
    "page": "Page",
    "quote": "Quote",
    "start": "Start",
    "region": "Region",
}
CITATION_REQUIRED = ("reference", "criterion", "document")


def case_columns(framework: Framework) -> dict[str, str]:
    """Every Cases column: the fixed ones, then a grade and a note column per criterion."""
    columns = dict(CASE_COLUMNS)
    for criterion in framework.criteria:
        columns[f"grade:{criterion.id}"] = criterion.id
        columns[f"note:{criterion.id}"] = f"{criterion.id} note"
    return columns


_PART = re.compile(r"^(?P<heading>.*\S)\s*\(part (?P<part>\d{1,3})\)$", re.IGNORECASE)


def part_heading(heading: str, part: int) -> str:
    """The heading of a column continuing ``heading``'s long texts: 'Summary (part 2)'."""
    return f"{heading} (part {part})"


class Positions(dict[str, int]):
    """Column positions by key; ``parts`` holds the positions of a key's continuation columns
    (its parts 2, 3, … in order), for texts longer than a cell."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, list[int]] = {}


def _folded(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def match_headings(
    sheet: Sheet, columns: dict[str, str], required: tuple[str, ...], problems: Problems
) -> Positions | None:
    """Column positions by key, or None (with problems) when the headings are wrong."""
    wanted = {_folded(heading): key for key, heading in columns.items()}
    positions = Positions()
    parts: dict[str, dict[int, int]] = {}  # key -> part number -> position
    found = False
    sheet_name = shown(sheet.name)
    for index, raw in enumerate(sheet.headings):
        heading = text(raw)
        letter = column_letter(index)
        if not heading:
            if any(index < len(values) and text(values[index]) for _, values in sheet.rows):
                problems.add(cell(sheet_name, 1, f"column {letter}"), "has data but no heading")
            continue
        found = True
        key = wanted.get(_folded(heading))
        part = _PART.match(" ".join(heading.split()))
        if key is None and part is not None and int(part["part"]) >= 2:
            continues = wanted.get(_folded(part["heading"]))
            if continues is not None:
                number = int(part["part"])
                if number in parts.setdefault(continues, {}):
                    problems.add(
                        cell(sheet_name, 1, shown(heading)),
                        f"the column appears twice (columns "
                        f"{column_letter(parts[continues][number])} and {letter}); keep one",
                    )
                else:
                    parts[continues][number] = index
                continue
        if key is None:
            problems.add(
                cell(sheet_name, 1, shown(heading)),
                f"unknown column (column {letter}); the columns are: {allowed(columns)}",
            )
        elif key in positions:
            problems.add(
                cell(sheet_name, 1, shown(heading)),
                f"the column appears twice (columns {column_letter(positions[key])} "
                f"and {letter}); keep one",
            )
        else:
            positions[key] = index
    if not found:
        problems.add(sheet_name, "the sheet is empty: its first row must hold the column headings")
        return None
    for key, numbered in parts.items():
        heading = columns[key]
        if key not in positions:
            first = part_heading(heading, min(numbered))
            problems.add(
                cell(sheet_name, 1, first),
                f"continues the column {heading!r}, which is missing",
            )
            continue
        expected = list(range(2, len(numbered) + 2))
        if sorted(numbered) != expected:
            gap = next(n for n in range(2, max(numbered) + 1) if n not in numbered)
            problems.add(
                cell(sheet_name, 1, part_heading(heading, gap)),
                f"is missing: the parts of {heading!r} go on to part {max(numbered)}",
            )
            continue
        positions.parts[key] = [numbered[n] for n in expected]
    for key in required:
        if key not in positions:
            problems.add(
                cell(sheet_name, 1, columns[key]),
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


def joined(values: list[Any], positions: Positions) -> list[Any]:
    """The row with each text continued in part columns joined whole into its column.

    The parts are joined as stored (a part may begin or end with a space), a part that is not
    text as the cell shows it; a row whose part cells are blank is as it was.
    """
    if not positions.parts:
        return values
    row = list(values)
    for key, continued in positions.parts.items():
        pieces = [value(values, positions, key)]
        pieces += [values[i] if i < len(values) else None for i in continued]
        if any(p is not None for p in pieces[1:]):
            index = positions[key]
            row.extend([None] * (index + 1 - len(row)))
            row[index] = "".join(p if isinstance(p, str) else text(p) for p in pieces)
    return row
