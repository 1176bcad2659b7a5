"""Report speed at scale: load_report_data and build_report on 100,000 graded cases.

    .venv/bin/python -m benchmarks.reports [--cases 100000] [--seed 7]

Not part of ``python -m benchmarks`` (the issue sets no target for it). The inspection is the
cached graded synthetic one (``benchmarks.data``). Timings are the best of three.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from benchmarks.data import inspection_file


def best_of(runs: int, action: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from auditor.inspection import Inspection
    from auditor.reports import ReportFilter, build_report, load_report_data

    db = inspection_file(args.cases, args.seed)
    with Inspection.open(db) as inspection:
        load, data = best_of(3, lambda: load_report_data(inspection))
        load_bare, _ = best_of(3, lambda: load_report_data(inspection, with_events=False))
    report_time, report = best_of(3, lambda: build_report(data))
    filters = {
        "one borough": ReportFilter(boroughs=["Ashvale"]),
        "one case type, one team": ReportFilter(
            case_types=["S47"], teams=["Child abuse investigation team"]
        ),
        "opened in March 2018": ReportFilter(opened_from="2018-03-01", opened_to="2018-03-31"),
    }
    print(f"load_report_data: {load * 1000:,.0f} ms ({load_bare * 1000:,.0f} ms without events)")
    print(
        f"build_report, no filter: {report_time * 1000:,.0f} ms "
        f"({report.cases_assessed.grand_total:,} graded cases)"
    )
    for name, report_filter in filters.items():
        seconds, filtered = best_of(3, lambda f=report_filter: build_report(data, f))
        print(f"build_report, {name}: {seconds * 1000:,.0f} ms ({filtered.cases:,} cases)")


if __name__ == "__main__":
    main()
