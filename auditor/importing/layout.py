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


#: The Cases columns headed by the framework's words (``Framework.words``), by key.
AREA_1, AREA_2, EXTERNAL_GRADE = "borough", "bcu", "force_grade"
#: Key prefixes of the columns a framework adds: a case attribute, a criterion's grade, its
#: note, its sub-prompt ticks ("y,n,-": one per prompt, in order).
ATTRIBUTE, GRADE, NOTE, PROMPTS = "attribute:", "grade:", "note:", "prompts:"
#: What the sub-prompt ticks column holds per prompt: ticked yes, no, not answered.
TICKS = {"y": "yes", "n": "no", "-": "not answered"}


def prompts_heading(criterion_id: str) -> str:
    """The heading of a criterion's sub-prompt ticks column: '<criterion id> prompts'."""
    return f"{criterion_id} prompts"


def case_columns(framework: Framework) -> dict[str, str]:
    """Every Cases column: the fixed ones (the area and external grade columns headed by the
    framework's words; no second area column when ``words.area_2`` is blank), a column per
    case attribute (headed by its label), then per criterion a grade and a note column, and a
    ticks column for a criterion with sub-prompts."""
    words = framework.words
    columns: dict[str, str] = {}
    for key, heading in CASE_COLUMNS.items():
        if key == AREA_1:
            heading = words.area_1 or heading
        elif key == AREA_2:
            if not words.area_2:
                continue
            heading = words.area_2
        elif key == EXTERNAL_GRADE:
            heading = words.external_grade or heading
        columns[key] = heading
    for attribute in framework.attributes:
        columns[ATTRIBUTE + attribute.id] = attribute.label
    for criterion in framework.criteria:
        columns[GRADE + criterion.id] = criterion.id
        columns[NOTE + criterion.id] = f"{criterion.id} note"
        if criterion.prompts:
            columns[PROMPTS + criterion.id] = prompts_heading(criterion.id)
    return columns


def case_aliases(framework: Framework) -> dict[str, str]:
    """Other headings the Cases sheet may use for a column: an attribute's id; the police
    headings (Borough, BCU, Force grade) of a column the framework words otherwise."""
    columns = case_columns(framework)
    aliases = {attribute.id: ATTRIBUTE + attribute.id for attribute in framework.attributes}
    for key in (AREA_1, AREA_2, EXTERNAL_GRADE):
        if key in columns:
            aliases.setdefault(CASE_COLUMNS[key], key)
    taken = {_folded(h) for h in columns.values()}
    return {h: k for h, k in aliases.items() if _folded(h) not in taken}


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
    sheet: Sheet,
    columns: dict[str, str],
    required: tuple[str, ...],
    problems: Problems,
    aliases: dict[str, str] | None = None,
) -> Positions | None:
    """Column positions by key, or None (with problems) when the headings are wrong.

    ``aliases`` are other headings (heading -> key) a column is also found under."""
    wanted = {_folded(heading): key for heading, key in (aliases or {}).items()}
    wanted.update({_folded(heading): key for key, heading in columns.items()})
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
    _refuse_cells_past_the_headings(sheet, sheet_name, problems)
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


def _refuse_cells_past_the_headings(sheet: Any, sheet_name: str, problems: Problems) -> None:
    """A value right of the last heading (a CSV row with more fields than the heading row, an
    unquoted comma in a summary): said per column, the first row holding it, never dropped."""
    width = len(sheet.headings)
    said: set[int] = set()
    for row_number, values in sheet.rows:
        for index in range(width, len(values)):
            if index not in said and text(values[index]):
                said.add(index)
                problems.add(
                    cell(sheet_name, row_number, f"column {column_letter(index)}"),
                    "has data but no heading (more values than the heading row names; a "
                    "comma inside a value needs the value in double quotes)",
                )
