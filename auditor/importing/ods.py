"""What an OpenDocument spreadsheet (.ods) needs beyond a workbook's checks: its kind, its
password, and one streaming pass over ``content.xml`` for formulas and for repetition.

An .ods is a zip of XML like an .xlsx, and gets the same zip-bomb and entity checks (see
sources). It can also say "this cell, repeated a million times" in a few bytes
(``table:number-rows-repeated``, ``table:number-columns-repeated``): calamine would build every
repeated cell, so the sheet's extent is counted here first and a sheet larger than
``MAX_CELLS`` is refused. Formulas are kept as their text, as for an .xlsx (calamine would give
the last computed value): ``of:=HYPERLINK(…)`` imports as ``=HYPERLINK(…)``, never a link.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from auditor.importing.limits import Limits
from auditor.importing.problems import Problems

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
CONTENT = "content.xml"
#: Cells a sheet may span (its rows to the last filled one, times its columns to the last
#: filled one): calamine holds that many cells in memory, about 30 bytes each.
MAX_CELLS = 10_000_000
#: Formula cells an .ods may hold (each is kept as its text while the sheet is read).
MAX_FORMULAS = 1_000_000

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SHEET = f"{{{_TABLE}}}table"
_ROW = f"{{{_TABLE}}}table-row"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_NAME = f"{{{_TABLE}}}name"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_FORMULA = f"{{{_TABLE}}}formula"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
#: Formula text as OpenDocument writes it: "of:=SUM([.A1:.A3])" (older files: "oooc:=…").
_FORMULA_PREFIXES = ("of:", "oooc:", "msoxl:")


def is_ods(names: set[str], archive: zipfile.ZipFile) -> bool:
    """Whether the zip is an OpenDocument spreadsheet (its ``mimetype`` part says so)."""
    if "mimetype" not in names or CONTENT not in names:
        return False
    with archive.open("mimetype") as member:
        return member.read(len(MIMETYPE) + 1).strip() == MIMETYPE


def is_encrypted(names: set[str], archive: zipfile.ZipFile) -> bool:
    """Whether the manifest says the parts are encrypted (a password-protected .ods)."""
    if "META-INF/manifest.xml" not in names:
        return False
    with archive.open("META-INF/manifest.xml") as member:
        tail = b""
        while chunk := member.read(1 << 16):
            if b"encryption-data" in tail + chunk:
                return True
            tail = chunk[-32:]
    return False


@dataclass
class Content:
    """What the pass over content.xml found: formulas by (sheet, row, column), 0-based rows
    and columns as calamine numbers them."""

    formulas: dict[tuple[str, int, int], str] | None = field(default_factory=dict)


def scan_content(
    archive: zipfile.ZipFile, where: str, limits: Limits, problems: Problems
) -> Content | None:
    """Formulas of every sheet, or None (with a problem) for a sheet too large to read."""
    from defusedxml.ElementTree import iterparse  # no entity is ever expanded

    content = Content()
    sheet = ""
    row = 0
    extent_rows = extent_columns = 0
    open_elements = []  # the elements being read, outermost first: a row read is removed
    with archive.open(CONTENT) as member:
        for event, elem in iterparse(member, events=("start", "end")):
            if event == "start":
                open_elements.append(elem)
                if elem.tag == _SHEET:
                    sheet = elem.get(_NAME, "")
                    row = 0
                    extent_rows = extent_columns = 0
                continue
            open_elements.pop()
            if elem.tag != _ROW:
                continue  # a row's cells are read at the row's end
            rows = _count(elem.get(_ROWS_REPEATED))
            filled_to = _read_row(elem, sheet, row, rows, content)
            if content.formulas is None:
                problems.add(
                    where,
                    f"holds more than {MAX_FORMULAS:,} formula cells; save a copy with "
                    "values instead of formulas",
                )
                return None
            if filled_to:
                extent_rows = row + rows
                extent_columns = max(extent_columns, filled_to)
                if extent_rows - 1 > limits.rows:
                    problems.add(sheet, f"has more than {limits.rows:,} rows; split the sample")
                    return None
                if extent_rows * extent_columns > MAX_CELLS:
                    problems.add(
                        where,
                        f"its sheet {sheet!r} spans {extent_rows:,} rows by {extent_columns:,} "
                        f"columns (repeated cells, {extent_rows * extent_columns:,} in all); "
                        f"sheets above {MAX_CELLS:,} cells are refused as a possible "
                        "repetition bomb",
                    )
                    return None
            row += rows
            if open_elements:
                open_elements[-1].remove(elem)  # memory stays that of one row
    return content


def _read_row(elem, sheet: str, row: int, rows: int, content: Content) -> int:
    """The column after the row's last filled cell (0: none filled); its formulas recorded
    (``content.formulas`` becomes None past MAX_FORMULAS)."""
    column = 0
    filled_to = 0
    for item in elem:
        if item.tag not in _CELLS:
            continue
        columns = _count(item.get(_COLUMNS_REPEATED))
        formula = item.get(_FORMULA)
        if item.get(_VALUE_TYPE) is not None or formula is not None or len(item):
            filled_to = column + columns
            if formula is not None:
                formulas = content.formulas
                if formulas is None or len(formulas) + rows * columns > MAX_FORMULAS:
                    content.formulas = None
                    return filled_to
                text = _formula_text(formula)
                for r in range(row, row + rows):
                    for c in range(column, column + columns):
                        formulas[(sheet, r, c)] = text
        column += columns
    return filled_to


def _count(value: str | None) -> int:
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


def _formula_text(formula: str) -> str:
    """``of:=HYPERLINK("x";"y")`` as the cell shows it: ``=HYPERLINK("x";"y")``."""
    for prefix in _FORMULA_PREFIXES:
        if formula.startswith(prefix):
            return formula[len(prefix) :]
    return formula
