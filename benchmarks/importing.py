"""Import speed: cases with their chronologies, from an .xlsx, through ``import_file``.

Two workbooks in the import layout, written once from the same generator as the inspections
and cached: plain (Cases and Chronology, no gradings) and graded (the same, every case graded
for the person importing, as ``write_synthetic`` grades: every applicable criterion, three in
ten with a note, the suggested overall grade, one case in eight referred back). Each run imports
one into a new file. The plain target is stated for 10,000 cases; the graded one at 10,000
(3 s) and 100,000 cases (30 s). At 100,000 cases a workbook carries four chronology events a
case, not ten (the import refuses a sheet of more than 500,000 rows).

Each row also records where the time went, from the import's progress reports: reading the
workbook (to "Checking"), checking it (to "Adding cases") and writing it (the one transaction,
the commit and the new file moved into place). The graded import's writing is a row of its own.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks import Result
from benchmarks.data import import_events_per_case, import_workbook

TARGET_S = 5.0
TARGET_CASES = 10_000
#: The graded import's targets, by size (issue 19).
GRADED_TARGETS_S = {10_000: 3.0, 100_000: 30.0}


def run(cases: int, repeat: int, seed: int, cache: Path | None) -> list[Result]:
    plain = _timed(import_workbook(cases, seed, cache), repeat)
    graded = _timed(import_workbook(cases, seed, cache, graded=True), repeat)
    rows = f"{cases:,} cases + {cases * import_events_per_case(cases):,} chronology rows"
    return [
        Result(
            f"import {rows} (.xlsx)",
            cases,
            "s",
            plain["total"],
            TARGET_S if cases == TARGET_CASES else None,
            note="target stated at 10k",
            extra={"reading_s": plain["reading"], "checking_s": plain["checking"]}
            | {"writing_s": plain["writing"]},
        ),
        Result(
            f"import {rows}, every case graded (.xlsx)",
            cases,
            "s",
            graded["total"],
            GRADED_TARGETS_S.get(cases),
            note="targets stated at 10k and 100k",
            extra={"reading_s": graded["reading"], "checking_s": graded["checking"]}
            | {"writing_s": graded["writing"]},
        ),
        Result(
            "graded import: writing (the transaction, commit, file in place)",
            cases,
            "s",
            graded["writing"],
        ),
    ]


def _timed(source: Path, repeat: int) -> dict[str, list[float]]:
    """Seconds of ``repeat`` imports of ``source`` into a new file: in all, and by stage."""
    from auditor.importing.run import import_file

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    times: dict[str, list[float]] = {"total": [], "reading": [], "checking": [], "writing": []}
    try:
        for n in range(repeat):
            stages: dict[str, float] = {}
            started = time.perf_counter()

            def progress(
                what: str, _done: int, stages: dict[str, float] = stages, started: float = started
            ) -> None:
                stages.setdefault(what, time.perf_counter() - started)

            target = folder / f"import-{n}.caseaudit"
            import_file(target, source, "Bench Inspector", None, progress)
            total = time.perf_counter() - started
            checking = stages.get("Checking", float("nan"))
            writing = stages.get("Adding cases", float("nan"))
            times["total"].append(total)
            times["reading"].append(checking)
            times["checking"].append(writing - checking)
            times["writing"].append(total - writing)
            target.unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return times
