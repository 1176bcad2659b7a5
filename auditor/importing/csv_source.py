"""Reading a .csv import file: its separator found, its quoting checked, every field whole.

Excel writes CSV with ``,`` or, in many European locales, ``;`` between columns (``sep=;`` on a
first line of its own says which); "Unicode text" is tab-separated. The separator is found in
the heading row: the one that gives a ``Case reference`` column, else the one that splits the
row into most columns. Quoting is read strictly, so that a quote never closed cannot swallow
the rows after it into one cell: the file is refused, naming the row (and line) where the
quoted field began.
"""

from __future__ import annotations

import codecs
import csv
import io
import threading
from collections.abc import Callable, Iterator
from typing import Any

from auditor.importing.limits import Limits
from auditor.importing.problems import Problems, cell

SEPARATORS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
#: Characters that are not read as separators, named when they are what a heading row holds.
OTHER_SEPARATORS = {"|": "a vertical bar '|'", ":": "a colon ':'", "^": "a caret '^'"}
#: The heading every Cases file has: it tells which separator the file uses.
KEY_HEADING = "case reference"
#: Lines of a record kept to say where its quoting went wrong (a record is seldom longer).
KEPT_LINES = 2000
SHEET = "Cases"

Rows = list[tuple[int, list[Any]]]
_field_limit = threading.Lock()  # csv.field_size_limit is one setting for the whole process


def decode(data: bytes, where: str, problems: Problems) -> str | None:
    """The text of a CSV file (UTF-8, with or without its byte-order mark; UTF-16 with one)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            problems.add(where, "is not UTF-16 text, though it starts as if it were")
            return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.add(
                where,
                f"is not UTF-8 text (byte {exc.start + 1}); save it as 'CSV UTF-8' or as a "
                "workbook",
            )
            return None
    if "\x00" in text:
        problems.add(where, "holds binary data, not CSV text")
        return None
    return text


def read_csv_text(
    text: str,
    where: str,
    limits: Limits,
    problems: Problems,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Any], Rows] | None:
    """(headings, numbered data rows) of a CSV file's text, or None with problems added.

    Rows are numbered as a spreadsheet shows the file: the headings are row 1, and a quoted
    field holding line breaks is one row however many lines it spans.
    """
    first, skipped = _first_line(text)
    declared = _declared(first)
    if declared is not None:  # Excel's "sep=;" line: not a row (Excel does not show it)
        if declared not in SEPARATORS:
            problems.add(
                where,
                f"its first line says the separator is {declared!r}; only a comma, a "
                "semicolon or a tab can be read (save the file again with one of them)",
            )
            return None
        separator = declared
        text = text[skipped:]
        first, _ = _first_line(text)
    else:
        found = sniff(first)
        if isinstance(found, str) and found not in SEPARATORS:
            problems.add(
                where,
                f"its columns are separated by {OTHER_SEPARATORS[found]}; only a comma, a "
                "semicolon or a tab can be read (save the file again as 'CSV UTF-8')",
            )
            return None
        separator = found
    with _field_limit:
        previous = csv.field_size_limit()
        # A field can be no longer than the file, and the file no longer than its limit.
        csv.field_size_limit(max(previous, min(limits.file_bytes, len(text)) + 1))
        try:
            return _records(text, separator, where, limits, problems, progress)
        finally:
            csv.field_size_limit(previous)


def _first_line(text: str) -> tuple[str, int]:
    """The first line (without its line break) and where the next one starts."""
    end = len(text)
    for mark in ("\r", "\n"):
        at = text.find(mark, 0, end)
        if at != -1:
            end = at
    after = end + (2 if text.startswith("\r\n", end) else 1)
    return text[:end], min(after, len(text))


def _declared(line: str) -> str | None:
    """The separator an Excel ``sep=X`` first line names, else None."""
    stripped = line.strip('"')
    if stripped.lower().startswith("sep=") and len(stripped) == 5:
        return stripped[4]
    return None


def sniff(heading_line: str) -> str:
    """The separator of a file whose heading row is ``heading_line``.

    The separator giving a ``Case reference`` column wins (a file without one is refused
    later for lacking it); else the one splitting the row into most columns; a row that no
    separator splits is one column (a comma file of one column), unless another character
    plainly separates it, which is returned so that the refusal can name it.
    """
    splits = {sep: _fields(heading_line, sep) for sep in SEPARATORS}
    keyed = [
        sep
        for sep, fields in splits.items()
        if any(" ".join(f.split()).casefold() == KEY_HEADING for f in fields)
    ]
    candidates = keyed or list(SEPARATORS)
    best = max(candidates, key=lambda sep: (len(splits[sep]), sep == ","))
    if len(splits[best]) > 1 or keyed:
        return best
    for other in OTHER_SEPARATORS:
        if len(_fields(heading_line, other)) > 1:
            return other
    return ","


def _fields(line: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=separator), [])
    except csv.Error:
        return [line]


def _records(
    text: str,
    separator: str,
    where: str,
    limits: Limits,
    problems: Problems,
    progress: Callable[[int], None] | None,
) -> tuple[list[Any], Rows] | None:
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=separator, strict=True)
    headings: list[Any] | None = None
    rows: Rows = []
    number = 0
    while True:
        lines.start_record(reader.line_num + 1)
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.add(*_misquoted(lines, separator, number + 1, headings or [], str(exc)))
            return None
        number += 1
        if headings is None:
            headings = list(values)
            continue
        if number - 1 > limits.rows:
            problems.add(where, f"has more than {limits.rows:,} rows; split the sample")
            return None
        if any(v.strip() for v in values):
            rows.append((number, list(values)))
        if progress is not None and number % 5000 == 0:
            progress(number)
    return headings or [], rows


class _Lines:
    """The file's lines for the csv reader, keeping the current record's first lines."""

    def __init__(self, text: str) -> None:
        self._lines: Iterator[str] = iter(io.StringIO(text, newline=""))
        self.first_line = 1
        self.kept: list[str] = []

    def start_record(self, line: int) -> None:
        self.first_line = line
        self.kept = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if len(self.kept) < KEPT_LINES:
            self.kept.append(line)
        return line


def _misquoted(
    lines: _Lines, separator: str, row: int, headings: list[Any], error: str
) -> tuple[str, str]:
    """(where, what) for a record the strict reader refused: the row and column where the
    quoted field began, and what is wrong with it."""
    column, offset, kind = _scan_quotes("".join(lines.kept), separator)
    line = lines.first_line + offset
    if column is None:
        return cell(SHEET, row, f"line {line}"), f"its quoting cannot be read ({error})"
    name = _column_name(headings, column)
    if kind == "unclosed":
        return (
            cell(SHEET, row, name),
            f"a quoted field begins here (line {line} of the file) and its quote is never "
            "closed, so every row after it would be read into this one cell; close the quote "
            "(or save the file again from the spreadsheet)",
        )
    return (
        cell(SHEET, row, name),
        f"a quoted field (line {line} of the file) has more text after its closing quote; "
        'quote the whole cell and double any quote inside it ("like ""this""")',
    )


def _column_name(headings: list[Any], column: int) -> str:
    from openpyxl.utils.cell import get_column_letter  # the spreadsheet's letters

    letter = get_column_letter(column + 1)
    heading = str(headings[column]).strip() if column < len(headings) else ""
    return f"{heading} (column {letter})" if heading else f"column {letter}"


def _scan_quotes(text: str, separator: str) -> tuple[int | None, int, str]:
    """In a record's text: (the column of the quoted field at fault, its line offset from the
    record's first line, 'unclosed' or 'text after quote'); column None if none is found."""
    column = 0
    line = 0
    at = 0
    length = len(text)
    field_start = True
    while at < length:
        char = text[at]
        if field_start and char == '"':
            opened_line = line
            at += 1
            while at < length:  # inside the quotes
                char = text[at]
                if char == '"':
                    if text.startswith('""', at):
                        at += 2
                        continue
                    break
                if char == "\n" or (char == "\r" and not text.startswith("\r\n", at)):
                    line += 1
                at += 1
            else:
                return column, opened_line, "unclosed"
            at += 1  # past the closing quote
            if at < length and text[at] not in (separator, "\r", "\n"):
                return column, opened_line, "text after quote"
            field_start = False
            continue
        if char == separator:
            column += 1
            field_start = True
        elif char in "\r\n":
            return None, line, ""  # the record ended without a fault found
        else:
            field_start = False
        at += 1
    return None, line, ""
