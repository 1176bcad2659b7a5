"""Exporting an inspection to an Excel workbook, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.exporting.case_sheets import write_cases, write_chronology
from auditor.exporting.workbook import Sheet, save_atomically
from auditor.inspection import Inspection, utc_now

Progress = Callable[[str], None]  # the sheet being written; may raise to cancel


class ExportError(Exception):
    """The workbook could not be written; the message says where and why."""


@dataclass(frozen=True)
class ExportOptions:
    """What goes into the workbook."""

    recipient: str = ""  # who receives it (audit log: disclosure); "" means not stated


def export_workbook(
    inspection: Inspection,
    out: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the inspection's workbook to ``out`` (replacing it only once complete)."""
    options = options or ExportOptions()
    report = progress or (lambda _sheet: None)
    if out.suffix.lower() != ".xlsx":
        raise ExportError(f"{out}: the workbook's name must end in .xlsx")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder")
    db = inspection.db
    framework = inspection.framework

    def build(book: Any) -> None:
        report("About")
        about = Sheet(book, "About", ["About this workbook", ""], [28, 90])
        about.append_all(
            [
                ["Inspection", inspection.name],
                ["Framework", f"{framework.name} ({framework.version})"],
                ["Written", utc_now()],
                ["Recipient", options.recipient or "not stated"],
            ]
        )
        about.close()
        report("Cases")
        order = write_cases(book, db, framework)
        report("Chronology")
        write_chronology(book, db, framework, order)

    try:
        save_atomically(out, build)
    except OSError as exc:
        raise ExportError(f"{out}: could not be written ({exc.strerror or exc})") from None
