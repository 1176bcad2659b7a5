"""Report speed at scale: load_report_data and build_report on 100,000 graded cases.

.venv/bin/python benchmarks/bench_reports.py [--cases 100000] [--events-per-case 10]

The inspection is written with ``auditor.synthetic.write_synthetic`` (cases and chronology),
then every case is given an assessment with an overall grade, criterion grades and (one in
eight) a referral, so the report reads real rows of every kind. Timings are the best of three.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def grade_everything(db: Path, seed: int = 11) -> int:
    """Grade every case of ``db``: overall grade, up to four criteria, one in eight referred.

    Written with plain SQL in one transaction (a benchmark fixture, not the workstation's
    path): grading through the import or the grading API takes about 6 ms a case, ten minutes
    for 100,000. Returns the number of criterion grades written.
    """
    import sqlite3

    from auditor.inspection import Inspection

    rng = random.Random(seed)
    with Inspection.open(db) as inspection:
        framework = inspection.framework
        assessor = inspection.assessor("Bench Inspector", "inspector").id
        cases = inspection.db.execute("SELECT id, case_type FROM cases").fetchall()
    applying = {
        t.code: [c.id for c in framework.criteria_for(t.code)][:4] for t in framework.case_types
    }
    codes = [g.code for g in framework.grades]
    reason = framework.referral_reasons[0].code
    at = "2018-06-01T10:00:00.000Z"
    assessments, grades, referrals = [], [], []
    for case_id, case_type in cases:
        assessment = uuid.uuid4().hex
        assessments.append((assessment, case_id, assessor, rng.choice(codes), "complete", at, at))
        for criterion in applying[case_type]:
            grades.append(
                (uuid.uuid4().hex, assessment, criterion, rng.choice(codes), assessor, at)
            )
        if rng.random() < 0.125:
            referrals.append((uuid.uuid4().hex, assessment, reason, assessor, at))
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "INSERT INTO assessments (id, case_id, assessor_id, overall_grade, status, "
            "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            assessments,
        )
        connection.executemany(
            "INSERT INTO criterion_grades (id, assessment_id, criterion_id, grade, graded_by, "
            "graded_at) VALUES (?, ?, ?, ?, ?, ?)",
            grades,
        )
        connection.executemany(
            "INSERT INTO referrals (id, assessment_id, reason, flagged_by, flagged_at) "
            "VALUES (?, ?, ?, ?, ?)",
            referrals,
        )
    connection.close()
    return len(grades)


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
    parser.add_argument("--events-per-case", type=int, default=10)
    args = parser.parse_args()
    from auditor.inspection import Inspection
    from auditor.reports import ReportFilter, build_report, load_report_data
    from auditor.synthetic import write_synthetic

    folder = Path(tempfile.mkdtemp())
    db = folder / "bench.caseaudit"
    started = time.perf_counter()
    write_synthetic(db, args.cases, args.events_per_case).close()
    written = time.perf_counter() - started
    started = time.perf_counter()
    criterion_grades = grade_everything(db)
    graded = time.perf_counter() - started
    print(
        f"{args.cases:,} graded cases, {criterion_grades:,} criterion grades, "
        f"{args.cases * args.events_per_case:,} chronology rows "
        f"(written in {written:.1f} s, graded in {graded:.1f} s)"
    )
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
