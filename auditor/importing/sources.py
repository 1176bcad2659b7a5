"""Reading an import file (.xlsx workbook or .csv) into plain sheets of cell values."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import Cancelled
from auditor.importing.limits import DEFAULT_LIMITS, Limits
from auditor.importing.problems import Problems

MAX_FILE_BYTES = 200 * 1024 * 1024  # the file on disk
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # a workbook's contents once unzipped
MAX_ROWS = 500_000  # per sheet
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
    """The sheets of ``path``; file-level problems are added and an empty list returned."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.add(where, f"cannot be read ({exc.strerror or exc})")
        return []
    if path.is_dir():
        problems.add(where, "is a folder, not a workbook or CSV file")
        return []
    if size > MAX_FILE_BYTES:
        problems.add(
            where,
            f"is {size / 1024 / 1024:.0f} MB; files above {MAX_FILE_BYTES // 1024 // 1024} MB "
            "are refused (split the sample into several files)",
        )
        return []
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, problems)
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, problems, progress)
    problems.add(
        where,
        f"is not an .xlsx workbook or a .csv file (its name ends {suffix or 'with no suffix'})",
    )
    return []


def _read_csv(path: Path, problems: Problems) -> list[Sheet]:
    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(
            where,
            f"is not UTF-8 text (byte {exc.start + 1}); save it as 'CSV UTF-8' or as a workbook",
        )
        return []
    if "\x00" in text:
        problems.add(where, "holds binary data, not CSV text")
        return []
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if len(rows) > MAX_ROWS + 1:
        problems.add(where, f"has {len(rows) - 1:,} rows; at most {MAX_ROWS:,} are allowed")
        return []
    if not rows:
        return [Sheet("Cases", [], [])]
    numbered = [(n, list(r)) for n, r in enumerate(rows[1:], start=2)]
    return [Sheet("Cases", list(rows[0]), numbered)]


def _read_workbook(path: Path, problems: Problems, progress: Progress | None) -> list[Sheet]:
    where = str(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_SIGNATURE:
        problems.add(
            where,
            "is password-protected (or an old .xls workbook); save an unprotected .xlsx copy",
        )
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            items = archive.infolist()
            unpacked = sum(item.file_size for item in items)
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        problems.add(where, "is not a workbook: it is damaged, truncated or another kind of file")
        return []
    if "xl/workbook.xml" not in names:
        problems.add(where, "is a zip file but not an Excel workbook")
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
    formulas, entities = _scan_parts(path, names)
    if entities:
        problems.add(
            where,
            f"holds an XML entity declaration in {entities}, which Excel never writes: "
            "refused as a possible XML bomb",
        )
        return []
    if formulas:
        # calamine reads a formula's last computed value; openpyxl keeps its text, and the
        # text is what the file says ("=HYPERLINK(...)" imports as that text, never a link).
        return _read_with_openpyxl(path, problems, progress)
    return _read_with_calamine(path, problems, progress)


def _scan_parts(path: Path, names: set[str]) -> tuple[bool, str]:
    """(whether a worksheet holds a formula, the first XML part declaring entities or '')."""
    formulas = False
    with zipfile.ZipFile(path) as archive:
        for name in sorted(names):
            if not (name.startswith("xl/") and name.endswith(".xml")):
                continue
            sheet = name.startswith("xl/worksheets/")
            tail = b""
            with archive.open(name) as member:
                while chunk := member.read(1 << 20):
                    window = tail + chunk
                    if b"<!ENTITY" in window or b"<!DOCTYPE" in window:
                        return formulas, name
                    if sheet and not formulas:
                        formulas = b"<f>" in window or b"<f " in window or b":f>" in window
                    tail = window[-16:]
    return formulas, ""


def _keep_row(number: int, values: list[Any], rows: list[tuple[int, list[Any]]]) -> bool:
    """Add a data row unless it is blank; False when the sheet has too many rows."""
    if number - 1 > MAX_ROWS:
        return False
    if any(v is not None and str(v).strip() != "" for v in values):
        rows.append((number, values))
    return True


def _too_many(problems: Problems, sheet: str) -> list[Sheet]:
    problems.add(sheet, f"has more than {MAX_ROWS:,} rows; split the sample")
    return []


def _read_with_calamine(path: Path, problems: Problems, progress: Progress | None) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    where = str(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own kinds for damaged files
        problems.add(where, f"is not a readable workbook ({type(exc).__name__}: {exc})")
        return []
    sheets = []
    seen = 0
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue  # chart sheets and macro sheets hold no rows
            ws = book.get_sheet_by_name(meta.name)
            if ws.total_height > MAX_ROWS + 1:
                return _too_many(problems, meta.name)
            rows_iter = ws.iter_rows()  # from row 1, as the user numbers rows
            first = next(rows_iter, None)
            headings = [None if v == "" else v for v in first or []]
            rows: list[tuple[int, list[Any]]] = []
            for number, raw in enumerate(rows_iter, start=2):
                values = [None if v == "" else v for v in raw]
                if not _keep_row(number, values, rows):
                    return _too_many(problems, meta.name)
                seen += 1
                if progress is not None and seen % 5000 == 0:
                    progress(seen)
            sheets.append(Sheet(meta.name, headings, rows))
    except Cancelled:
        raise
    except Exception as exc:  # a sheet that fails half-way is a damaged file
        problems.add(where, f"could not be read to the end ({type(exc).__name__}: {exc})")
        return []
    finally:
        book.close()
    return sheets


def _read_with_openpyxl(path: Path, problems: Problems, progress: Progress | None) -> list[Sheet]:
    from openpyxl import load_workbook  # lazily: openpyxl is slow to import

    where = str(path)
    try:
        # Formulas are read as their text (never evaluated): "=HYPERLINK(...)" is data.
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        problems.add(where, f"is not a readable workbook ({type(exc).__name__}: {exc})")
        return []
    sheets = []
    seen = 0
    try:
        for ws in book.worksheets:
            rows_iter = ws.iter_rows(values_only=True)
            headings = next(rows_iter, None)
            rows: list[tuple[int, list[Any]]] = []
            for number, values in enumerate(rows_iter, start=2):
                if not _keep_row(number, list(values), rows):
                    return _too_many(problems, ws.title)
                seen += 1
                if progress is not None and seen % 5000 == 0:
                    progress(seen)
            sheets.append(Sheet(ws.title, list(headings or []), rows))
    except Cancelled:
        raise
    except Exception as exc:  # a sheet that fails half-way is a damaged file
        problems.add(where, f"could not be read to the end ({type(exc).__name__}: {exc})")
        return []
    finally:
        book.close()
    return sheets
