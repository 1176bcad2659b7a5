"""How much an import reads: the size limits checked before anything is read."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024

#: The ``case-auditor import`` options that raise (or lower) each limit, named in refusals.
FILE_FLAG = "--max-file-mb"
DOCUMENT_FLAG = "--max-document-mb"
ROWS_FLAG = "--max-rows"

#: The most a limit may be raised to. SQLite stores a document as one value, of at most
#: about 1,000 MB (SQLITE_MAX_LENGTH); an import file is read whole into memory.
MOST_DOCUMENT_BYTES = 900 * MB
MOST_FILE_BYTES = 4096 * MB
MOST_ROWS = 5_000_000


@dataclass(frozen=True)
class Limits:
    """Size limits of one import (the defaults are stated in the README)."""

    #: The workbook or CSV file on disk.
    file_bytes: int = 200 * MB
    #: One case document (documents are stored inside the inspection file).
    document_bytes: int = 50 * MB
    #: Data rows in one sheet.
    rows: int = 500_000

    @classmethod
    def given(
        cls,
        file_mb: float | None = None,
        document_mb: float | None = None,
        rows: int | None = None,
    ) -> Limits:
        """The defaults, with the limits given (in MB, and rows) instead; ValueError, in
        words naming the option, for a limit that is not positive or above its most."""
        default = cls()
        return cls(
            file_bytes=_bytes(file_mb, default.file_bytes, MOST_FILE_BYTES, FILE_FLAG),
            document_bytes=_bytes(
                document_mb, default.document_bytes, MOST_DOCUMENT_BYTES, DOCUMENT_FLAG
            ),
            rows=_count(rows, default.rows, MOST_ROWS, ROWS_FLAG),
        )


def _bytes(mb: float | None, default: int, most: int, flag: str) -> int:
    if mb is None:
        return default
    if not mb > 0:  # also NaN
        raise ValueError(f"{flag} {mb:g}: give a size in MB above 0")
    if mb * MB > most:
        raise ValueError(f"{flag} {mb:g}: at most {most // MB:,} MB")
    if mb * MB < 1:  # int() would make it 0 bytes: every file refused, saying "above 0 bytes"
        raise ValueError(f"{flag} {mb:g}: less than one byte; give a size in MB such as 0.5")
    return int(mb * MB)


def _count(value: int | None, default: int, most: int, flag: str) -> int:
    if value is None:
        return default
    if value < 1 or value > most:
        raise ValueError(f"{flag} {value}: give a number of rows from 1 to {most:,}")
    return value


DEFAULT_LIMITS = Limits()
