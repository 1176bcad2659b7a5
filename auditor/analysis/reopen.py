"""An earlier inspection viewed read-only for a comparison, made writable just for an export.

The window's Compare with… opens each earlier file read-only (nothing is written, not even a
consultation, and another copy working on it is never blocked). Exporting the comparison is a
disclosure that must be logged in every file compared, and a read-only view cannot log it; so
for the export each view is closed and the file opened again under its one-writer lock, with
the passphrase that opened the view (held while the view is open, so it is not asked again).
When another copy holds the file it cannot be written: the view is opened again and the
export refused, naming the file. After the export the file is viewed read-only again.
"""

from __future__ import annotations

from pathlib import Path

from auditor.analysis.opening import AnalysisError
from auditor.errors import FILE_FAILURES, Refused
from auditor.inspection import Inspection
from db import cipher


class NotWritable(AnalysisError):
    """An earlier file cannot be written for the export; ``view`` is it viewed again."""

    def __init__(self, message: str, view: Inspection) -> None:
        super().__init__(message)
        self.view = view


def _passphrase(inspection: Inspection) -> str | None:
    return cipher.held_passphrase(Path(inspection.path)) if inspection.encrypted else None


def writable_for_export(view: Inspection) -> Inspection:
    """``view`` (read-only) closed and its file opened writable; if it cannot be written,
    NotWritable says so and holds the file viewed again (nothing written anywhere)."""
    if not view.read_only:
        return view
    path, passphrase = Path(view.path), _passphrase(view)
    view.close()
    try:
        return Inspection.open(path, passphrase=passphrase, quick_check=False)
    except (Refused, *FILE_FAILURES) as exc:
        again = Inspection.open(path, read_only=True, passphrase=passphrase, quick_check=False)
        raise NotWritable(
            f"{path.name} cannot be written just now ({exc}), so the disclosure cannot be "
            "logged in it; no workbook written",
            again,
        ) from None


def view_again(inspection: Inspection) -> Inspection:
    """``inspection`` (writable) closed and its file viewed read-only again."""
    if inspection.read_only:
        return inspection
    path, passphrase = Path(inspection.path), _passphrase(inspection)
    inspection.close()
    return Inspection.open(path, read_only=True, passphrase=passphrase, quick_check=False)
