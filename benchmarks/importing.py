"""Import speed: cases with ten chronology rows each, from an .xlsx, through ``import_file``.

The workbook (Cases and Chronology sheets in the import layout, no gradings) is written once
from the same generator as the inspections and cached; each run imports it into a new file.
The target is stated for 10,000 cases and 100,000 chronology rows.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks import Result
from benchmarks.data import EVENTS_PER_CASE, import_workbook

TARGET_S = 5.0
TARGET_CASES = 10_000


def run(cases: int, repeat: int, seed: int, cache: Path | None) -> list[Result]:
    from auditor.importing.run import import_file

    source = import_workbook(cases, seed, cache)
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    seconds, reading = [], []
    for n in range(repeat):
        stages: dict[str, float] = {}
        started = time.perf_counter()

        def progress(
            what: str, _done: int, stages: dict[str, float] = stages, started: float = started
        ) -> None:
            stages.setdefault(what, time.perf_counter() - started)

        import_file(folder / f"import-{n}.caseaudit", source, "Bench Inspector", None, progress)
        seconds.append(time.perf_counter() - started)
        reading.append(stages.get("Checking", float("nan")))
        (folder / f"import-{n}.caseaudit").unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Result(
            f"import {cases:,} cases + {cases * EVENTS_PER_CASE:,} chronology rows (.xlsx)",
            cases,
            "s",
            seconds,
            TARGET_S if cases == TARGET_CASES else None,
            note="target stated at 10k",
            extra={"reading_s": reading},
        )
    ]
