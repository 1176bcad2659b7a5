"""Synthetic inspections and import workbooks, cached under the temporary folder.

A cached file's name holds its size, seed and ``GENERATOR_VERSION``, so a change to the
generator writes new files. Files are written under a temporary name and renamed into place
once complete; benchmarks that write (grading, consultations) work on a copy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from auditor.samples.synthetic import GENERATOR_VERSION, write_synthetic

EVENTS_PER_CASE = 10
DOCUMENTS_EVERY = 10  # one case in ten carries two text documents


def cache_folder(override: Path | None = None) -> Path:
    folder = override or Path(tempfile.gettempdir()) / "case-auditor-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log(message: str) -> None:
    print(message, flush=True)


def inspection_file(cases: int, seed: int, cache: Path | None = None) -> Path:
    """A graded synthetic inspection of ``cases`` cases (written once, then cached)."""
    name = f"synthetic-{cases}-seed{seed}-v{GENERATOR_VERSION}.caseaudit"
    path = cache_folder(cache) / name
    if path.exists():
        return path
    partial = path.with_name(f"{path.stem}-{os.getpid()}.partial.caseaudit")
    started = time.perf_counter()
    write_synthetic(
        partial,
        cases,
        EVENTS_PER_CASE,
        seed,
        graded=True,
        documents_every=DOCUMENTS_EVERY,
    ).close()
    partial.replace(path)
    partial.with_name(f".{partial.name}.lock").unlink(missing_ok=True)
    _log(f"  wrote {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def working_copy(source: Path, folder: Path, name: str) -> Path:
    """A copy of ``source`` in ``folder`` that a benchmark may write to."""
    target = folder / name
    shutil.copyfile(source, target)
    return target


def import_workbook(cases: int, seed: int, cache: Path | None = None) -> Path:
    """An .xlsx of ``cases`` cases and their chronologies in the import layout (cached)."""
    from openpyxl import Workbook

    from auditor.framework import bundled_framework
    from auditor.samples.synthetic import synthetic_cases

    name = f"import-{cases}-seed{seed}-v{GENERATOR_VERSION}.xlsx"
    path = cache_folder(cache) / name
    if path.exists():
        return path
    started = time.perf_counter()
    generated = list(synthetic_cases(bundled_framework(), cases, EVENTS_PER_CASE, seed))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Cases")
    columns = ("reference", "case_type", "borough", "bcu", "team", "date_opened", "summary")
    sheet.append(
        ["Case reference", "Case type", "Borough", "BCU", "Team", "Date opened", "Summary"]
    )
    for case in generated:
        sheet.append([case.fields[c] for c in columns])
    chronology = book.create_sheet("Chronology")
    chronology.append(["Case reference", "When", "Event", "Detail"])
    for case in generated:
        for when, event_type, detail in case.events:
            chronology.append(
                [case.fields["reference"], when.replace("T", " "), event_type, detail]
            )
    partial = path.with_name(f"{path.stem}-{os.getpid()}.partial.xlsx")
    book.save(partial)
    partial.replace(path)
    _log(f"  wrote {path.name} in {time.perf_counter() - started:.1f} s")
    return path
