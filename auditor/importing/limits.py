"""How much an import reads: the size limits checked before anything is read."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits of one import (the defaults are stated in the README)."""

    #: The workbook or CSV file on disk.
    file_bytes: int = 200 * MB
    #: One case document (documents are stored inside the inspection file).
    document_bytes: int = 50 * MB
    #: Data rows in one sheet.
    rows: int = 500_000


DEFAULT_LIMITS = Limits()
