"""Reading an import file (.xlsx or .ods workbook, or .csv) into plain sheets of cell values.

The file is opened once, as a regular file (auditor.importing.opening), and everything after
reads that open file: the zip checks, the XML scans and the workbook library (on Linux through
the descriptor's own /proc path), so the path cannot be swapped for another file meanwhile.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from auditor.errors import Cancelled
from auditor.importing.csv_source import decode, read_csv_text
from auditor.importing.limits import DEFAULT_LIMITS, FILE_FLAG, Limits
from auditor.importing.ods import MAX_CELLS, is_encrypted, is_ods, scan_content
from auditor.importing.opening import (
    NotRegular,
    TooBig,
    megabytes,
    open_regular,
    path_of,
    read_at_most,
)
from auditor.importing.problems import Problems

MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # a workbook's contents once unzipped
#: A part bigger than this that unpacks to more than MAX_RATIO times its packed size is refused
#: as a likely zip bomb (real workbooks, even very repetitive ones, pack about 15 to 1).
BOMB_PART_BYTES = 10 * 1024 * 1024
MAX_RATIO = 100
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls
Progress = Callable[[int], None]


@dataclass
class Sheet:
    """A sheet's heading row and data rows, with their row numbers as the user sees them."""

    name: str
    headings: list[Any]
    rows: list[tuple[int, list[Any]]]


def read_source(
    path: Path,
    problems: Problems,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Sheet]:
    """The sheets of ``path``; file-level problems are added and an empty list returned.

    Only a regular file is read (never a link, a named pipe or a device), opened once and
    checked on the opened descriptor, its size against ``limits.file_bytes`` before reading.
    """
    where = str(path)
    try:
        handle = open_regular(path, limits.file_bytes, FILE_FLAG, "workbook or CSV file")
    except TooBig as exc:
        problems.add(
            where,
            f"is {megabytes(exc.size)}; files above {megabytes(exc.limit)} are refused before "
            f"they are read (split the sample into several files) unless the limit is raised "
            f"({FILE_FLAG})",
        )
        return []
    except NotRegular as exc:
        problems.add(where, str(exc))
        return []
    with handle:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return _read_csv(handle, where, problems, progress, limits)
        if suffix in (".xlsx", ".xlsm", ".ods"):
            return _read_workbook(handle, path, problems, progress, limits)
    problems.add(
        where,
        "is not an .xlsx or .ods workbook or a .csv file (its name ends "
        f"{suffix or 'with no suffix'})",
    )
    return []


def _read_csv(
    handle: BinaryIO,
    where: str,
    problems: Problems,
    progress: Progress | None,
    limits: Limits,
) -> list[Sheet]:
    try:
        data = read_at_most(handle, limits.file_bytes, FILE_FLAG)
    except NotRegular as exc:
        problems.add(where, str(exc))
        return []
    text = decode(data, where, problems)
    del data
    if text is None:
        return []
    read = read_csv_text(text, where, limits, problems, progress)
    if read is None:
        return []
    headings, rows = read
    return [Sheet("Cases", headings, rows)]


def _read_workbook(
    handle: BinaryIO,
    path: Path,
    problems: Problems,
    progress: Progress | None,
    limits: Limits,
) -> list[Sheet]:
    where = str(path)
    head = handle.read(8)
    handle.seek(0)
    if head == OLE_SIGNATURE:
        problems.add(
            where,
            "is password-protected (or an old .xls workbook); save an unprotected .xlsx copy",
        )
        return []
    try:
        with zipfile.ZipFile(handle) as archive:
            items = archive.infolist()
            unpacked = sum(item.file_size for item in items)
            names = set(archive.namelist())
            ods = is_ods(names, archive)
            encrypted = ods and is_encrypted(names, archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        problems.add(where, "is not a workbook: it is damaged, truncated or another kind of file")
        return []
    if not ods and "xl/workbook.xml" not in names:
        problems.add(where, "is a zip file but not an Excel or OpenDocument workbook")
        return []
    if encrypted:
        problems.add(where, "is password-protected; save an unprotected copy")
        return []
    for item in items:
        if item.file_size > BOMB_PART_BYTES and item.file_size > MAX_RATIO * max(
            item.compress_size, 1
        ):
            problems.add(
                where,
                f"its part {item.filename} unpacks to {item.file_size / 1024 / 1024:.0f} MB from "
                f"{item.compress_size / 1024:.0f} KB (over {MAX_RATIO} to 1): refused as a "
                "possible zip bomb",
            )
            return []
    if unpacked > MAX_UNPACKED_BYTES:
        problems.add(
            where,
            f"unpacks to {unpacked / 1024 / 1024:.0f} MB; workbooks above "
            f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB unpacked are refused",
        )
        return []
    try:
        with zipfile.ZipFile(handle) as archive:
            scan = _scan_parts(archive, names, ods)
            if scan.entities:
                problems.add(
                    where,
                    f"holds an XML entity declaration in {scan.entities}, which Excel and "
                    "LibreOffice never write: refused as a possible XML bomb",
                )
                return []
            if scan.spread:
                problems.add(where, scan.spread)
                return []
            content = scan_content(archive, where, limits, problems) if ods else None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, SyntaxError) as exc:
        # SyntaxError: defusedxml's ParseError (XML that is not well formed)
        problems.add(where, f"is not a readable workbook ({type(exc).__name__}: {exc})")
        return []
    if ods and content is None:
        return []
    handle.seek(0)
    if scan.formulas and not ods:
        # calamine reads a formula's last computed value; openpyxl keeps its text, and the
        # text is what the file says ("=HYPERLINK(...)" imports as that text, never a link).
        return _read_with_openpyxl(handle, where, problems, progress, limits)
    overlay = content.formulas if content is not None else None
    return _read_with_calamine(handle, path, problems, progress, limits, overlay)


#: The parts scanned for entity declarations: every XML part of either kind of workbook.
_XML_SUFFIXES = (".xml", ".rels", ".rdf")


#: A cell's reference in a worksheet's XML (``<c r="XFD20000"``); a row's ``r`` has no letters.
#: Its row and its column letters are found by two patterns: each gives a flat list, which
#: is about twice as fast as splitting one pattern's pairs.
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')


@dataclass
class _Scan:
    """What a pass over a workbook's XML parts found before anything is read into memory."""

    formulas: bool = False
    entities: str = ""  # the first part declaring XML entities
    spread: str = ""  # a worksheet whose cells span more than MAX_CELLS, in words


def _scan_parts(archive: zipfile.ZipFile, names: set[str], ods: bool) -> _Scan:
    """Formulas, entity declarations and each .xlsx worksheet's extent (an .ods's formulas
    and extent are found by ods.scan_content). calamine holds every cell of a sheet's
    rectangle, so one value in column XFD of row 20,000 would cost gigabytes: the extent is
    read from the cells' own references (a sheet's ``<dimension>`` can say anything)."""
    found = _Scan()
    for name in sorted(names):
        if not name.lower().endswith(_XML_SUFFIXES):
            continue
        sheet = not ods and name.startswith("xl/worksheets/")
        tail = b""
        last_row = last_column = 0
        with archive.open(name) as member:
            while chunk := member.read(1 << 20):
                window = tail + chunk
                if b"<!ENTITY" in window or b"<!DOCTYPE" in window:
                    found.entities = name
                    return found
                if sheet:
                    if not found.formulas:
                        found.formulas = b"<f>" in window or b"<f " in window or b":f>" in window
                    # the work done in C: one int per cell, the letters as a set
                    rows = map(int, _CELL_ROW.findall(window))
                    last_row = max(last_row, max(rows, default=0))
                    columns = set(_CELL_COLUMN.findall(window))
                    last_column = max(
                        last_column,
                        max((column_index_from_string(c.decode()) for c in columns), default=0),
                    )
                tail = window[-24:]
        if last_row * last_column > MAX_CELLS and not found.spread:
            found.spread = (
                f"its worksheet {name} spans {last_row:,} rows by {last_column:,} columns "
                f"({last_row * last_column:,} cells, up to column "
                f"{get_column_letter(last_column)}); sheets above {MAX_CELLS:,} cells are "
                "refused as a possible memory bomb (delete the far-away cells, or save a copy "
                "holding only the used range)"
            )
    return found


#: Excel's escape of a control character in cell text (``_x000D_`` for a carriage return).
_CONTROL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f])_")


def _unescaped(values: tuple[Any, ...]) -> list[Any]:
    """Text as the file means it, as calamine reads it: openpyxl decodes only ``_x005F_`` (a
    literal underscore) and leaves a control character's escape as written (Excel writes a
    line's carriage return as ``_x000D_``). Only those are decoded here: after openpyxl, a
    literal ``_x0041_`` and an escaped "A" look alike, and a literal is kept."""
    return [
        _CONTROL_ESCAPE.sub(_character, v) if isinstance(v, str) and "_x" in v else v
        for v in values
    ]


def _character(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def _keep_row(
    number: int, values: list[Any], rows: list[tuple[int, list[Any]]], limits: Limits
) -> bool:
    """Add a data row unless it is blank; False when the sheet has too many rows."""
    if number - 1 > limits.rows:
        return False
    if any(v is not None and str(v).strip() != "" for v in values):
        rows.append((number, values))
    return True


def _too_many(problems: Problems, sheet: str, limits: Limits) -> list[Sheet]:
    problems.add(sheet, f"has more than {limits.rows:,} rows; split the sample")
    return []


def _read_with_calamine(
    handle: BinaryIO,
    path: Path,
    problems: Problems,
    progress: Progress | None,
    limits: Limits,
    formulas: dict[tuple[str, int, int], str] | None = None,
) -> list[Sheet]:
    """Every worksheet, read by calamine; ``formulas`` (an .ods's, by sheet and 0-based row
    and column) replace the computed values calamine gives for those cells."""
    from python_calamine import CalamineWorkbook

    where = str(path)
    opened = path_of(handle, path)
    try:
        book = CalamineWorkbook.from_path(opened)
    except Exception as exc:  # calamine raises its own kinds for damaged files
        said = str(exc).replace(opened, where)
        problems.add(where, f"is not a readable workbook ({type(exc).__name__}: {said})")
        return []
    sheets = []
    seen = 0
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue  # chart sheets and macro sheets hold no rows
            ws = book.get_sheet_by_name(meta.name)
            if ws.total_height > limits.rows + 1:
                return _too_many(problems, meta.name, limits)
            # Rows are given from row 1, columns from the first filled one: pad to column A,
            # so that a column's letter in a problem is the one the spreadsheet shows.
            pad = [None] * (ws.start[1] if ws.start else 0)
            rows_iter = ws.iter_rows()
            first = next(rows_iter, None)
            sheet_formulas = formulas and {
                (r, c): f for (name, r, c), f in formulas.items() if name == meta.name
            }
            headings = _values(first or [], 0, pad, sheet_formulas)
            rows: list[tuple[int, list[Any]]] = []
            for number, raw in enumerate(rows_iter, start=2):
                values = _values(raw, number - 1, pad, sheet_formulas)
                if not _keep_row(number, values, rows, limits):
                    return _too_many(problems, meta.name, limits)
                seen += 1
                if progress is not None and seen % 5000 == 0:
                    progress(seen)
            sheets.append(Sheet(meta.name, headings, rows))
    except Cancelled:
        raise
    except Exception as exc:  # a sheet that fails half-way is a damaged file
        said = str(exc).replace(opened, where)
        problems.add(where, f"could not be read to the end ({type(exc).__name__}: {said})")
        return []
    finally:
        book.close()
    return sheets


def _values(
    raw: list[Any], row: int, pad: list[None], formulas: dict[tuple[int, int], str] | None
) -> list[Any]:
    """A row's values from column A ('' is None), with its formulas' text where it has any."""
    values = [*pad, *(None if v == "" else v for v in raw)]
    if formulas:
        for column in range(len(values)):
            text = formulas.get((row, column))
            if text is not None:
                values[column] = text
    return values


def _read_with_openpyxl(
    handle: BinaryIO, where: str, problems: Problems, progress: Progress | None, limits: Limits
) -> list[Sheet]:
    from openpyxl import load_workbook  # lazily: openpyxl is slow to import

    try:
        # Formulas are read as their text (never evaluated): "=HYPERLINK(...)" is data.
        book = load_workbook(handle, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        problems.add(where, f"is not a readable workbook ({type(exc).__name__}: {exc})")
        return []
    sheets = []
    seen = 0
    try:
        for ws in book.worksheets:
            rows_iter = ws.iter_rows(values_only=True)
            headings = _unescaped(next(rows_iter, None) or ())
            rows: list[tuple[int, list[Any]]] = []
            for number, values in enumerate(rows_iter, start=2):
                if not _keep_row(number, _unescaped(values), rows, limits):
                    return _too_many(problems, ws.title, limits)
                seen += 1
                if progress is not None and seen % 5000 == 0:
                    progress(seen)
            sheets.append(Sheet(ws.title, headings, rows))
    except Cancelled:
        raise
    except Exception as exc:  # a sheet that fails half-way is a damaged file
        problems.add(where, f"could not be read to the end ({type(exc).__name__}: {exc})")
        return []
    finally:
        book.close()
    return sheets
