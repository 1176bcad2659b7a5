"""Import speed: 10,000 cases with 100,000 chronology rows (target: within 5 s).

.venv/bin/python benchmarks/bench_import.py [--cases 10000] [--events-per-case 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def write_sample(path: Path, cases: int, per_case: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Cases")
    sheet.append(
        ["Case reference", "Case type", "Borough", "BCU", "Team", "Date opened", "Summary"]
    )
    for n in range(cases):
        sheet.append(
            [f"B-{n:06d}", "S47", "Ashvale", "North BCU", "CAIT", "2018-03-01", f"Case {n}"]
        )
    chronology = book.create_sheet("Chronology")
    chronology.append(["Case reference", "When", "Event", "Detail"])
    for n in range(cases):
        for e in range(per_case):
            chronology.append(
                [
                    f"B-{n:06d}",
                    f"2018-03-{1 + e % 28:02d} 10:{e % 60:02d}",
                    "home_visit",
                    f"Visit {e}",
                ]
            )
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--events-per-case", type=int, default=10)
    args = parser.parse_args()
    from auditor.importing.run import import_file

    folder = Path(tempfile.mkdtemp())
    source = folder / "sample.xlsx"
    write_sample(source, args.cases, args.events_per_case)
    started = time.perf_counter()
    stages: list[tuple[str, float]] = []
    import_file(
        folder / "bench.caseaudit",
        source,
        "Bench Inspector",
        progress=lambda what, _done: stages.append((what, time.perf_counter() - started)),
    )
    total = time.perf_counter() - started
    marks = {}
    for what, at in stages:
        marks.setdefault(what, at)
    print(f"{args.cases:,} cases, {args.cases * args.events_per_case:,} chronology rows")
    for what, at in marks.items():
        print(f"  {what} started at {at:.2f} s")
    print(f"import: {total:.2f} s (target 5 s)")


if __name__ == "__main__":
    main()
