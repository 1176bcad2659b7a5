"""Synthetic inspections and import workbooks, cached under the temporary folder.

A cached file's name holds its size, seed and ``GENERATOR_VERSION``, so a change to the
generator writes new files. Files are written under a temporary name and renamed into place
once complete; benchmarks that write (grading, consultations) work on a copy.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from auditor.samples.synthetic import GENERATOR_VERSION, write_synthetic

EVENTS_PER_CASE = 10
#: At most this many Chronology rows in an import workbook: the import refuses a sheet of more
#: than 500,000 rows, so at 100,000 cases the workbooks carry four events a case, not ten.
IMPORT_CHRONOLOGY_ROWS = 400_000
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


def import_events_per_case(cases: int) -> int:
    """Chronology events a case in the import workbook of ``cases`` cases."""
    return max(1, min(EVENTS_PER_CASE, IMPORT_CHRONOLOGY_ROWS // cases))


def import_workbook(
    cases: int, seed: int, cache: Path | None = None, *, graded: bool = False
) -> Path:
    """An .xlsx of ``cases`` cases and their chronologies in the import layout (cached).

    With ``graded``, the Cases sheet also grades every case for the person importing: every
    applicable criterion (three in ten with an evidence note), the suggested overall grade,
    one case in eight referred back with a reason and a note (as ``write_synthetic`` grades).
    """
    from openpyxl import Workbook

    from auditor.framework import bundled_framework
    from auditor.samples.synthetic import synthetic_cases

    kind = "graded-" if graded else ""
    events = import_events_per_case(cases)
    shape = "" if events == EVENTS_PER_CASE else f"-{events}events"
    name = f"import-{kind}{cases}{shape}-seed{seed}-v{GENERATOR_VERSION}.xlsx"
    path = cache_folder(cache) / name
    if path.exists():
        return path
    started = time.perf_counter()
    framework = bundled_framework()
    generated = list(synthetic_cases(framework, cases, events, seed))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Cases")
    columns = ("reference", "case_type", "borough", "bcu", "team", "date_opened", "summary")
    headings = ["Case reference", "Case type", "Borough", "BCU", "Team", "Date opened", "Summary"]
    if graded:
        headings += _grading_headings(framework)
    sheet.append(headings)
    rng = random.Random(seed * 7919 + cases)
    for case in generated:
        row = [case.fields[c] for c in columns]
        if graded:
            row += _grading_cells(framework, case.fields["case_type"], rng)
        sheet.append(row)
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


def _grading_headings(framework) -> list[str]:
    headings = []
    for criterion in framework.criteria:
        headings += [criterion.id, f"{criterion.id} note"]
    return [
        *headings,
        "Overall grade",
        "Referred back",
        "Referral reason",
        "Referral note",
    ]


def _grading_cells(framework, case_type: str, rng: random.Random) -> list[object]:
    """One case's grading cells: as ``write_synthetic`` grades (labels, as a user types)."""
    from auditor.grading.rules import suggest_overall
    from auditor.samples.synthetic import GRADE_WEIGHTS, REFERRED_ONE_IN

    codes = [g.code for g in framework.grades]
    cells: list[object] = []
    chosen = []
    for criterion in framework.criteria:
        if not criterion.applies(case_type):
            cells += [None, None]
            continue
        grade = rng.choices(codes, GRADE_WEIGHTS)[0]
        chosen.append(grade)
        note = f"Evidence seen for {criterion.id}." if rng.random() < 0.3 else None
        cells += [framework.grade_label(grade), note]
    overall = suggest_overall(framework, chosen)
    cells.append(framework.grade_label(overall))
    if rng.randrange(REFERRED_ONE_IN) == 0:
        reason = framework.referral_reasons[0]
        cells += ["Yes", reason.label, "Invented referral: the child was not seen."]
    else:
        cells += ["No", None, None]
    return cells
