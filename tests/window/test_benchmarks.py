"""The benchmark suite runs at a small scale and produces every measure (no timings judged)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from auditor.samples.synthetic import synthetic_cases, write_synthetic
from benchmarks import Result, percentile, table
from tests.support import ROOT

CASES = 200

EXPECTED = {
    "start: bare PySide6 window (floor)": "ms",
    "start: the first screen's widgets, plain": "ms",
    "start: plain widgets / bare window": "x",
    "start: usable main window": "ms",
    "start: main window / bare window": "x",
    "start: a case shown, list maybe still loading / bare": "x",
    "peak memory: bare PySide6 window": "MB",
    "peak memory: main window open (VmHWM)": "MB",
    "next case fully shown": "ms",
    "next case: its handlers (our Python and the Qt calls it makes)": "ms",
    "next case: Qt's layout and paint after the handlers": "ms",
    "commit one grade + audit row": "ms",
    "commit one grade + signed audit row (signed inspection)": "ms",
    "grade in the window (commit, refresh, list row, progress)": "ms",
    "filter / search the case list": "ms",
    "sort the case list by a column": "ms",
    "open a document at a cited passage": "ms",
    "mark a cited passage in the document shown": "ms",
    f"import {CASES} cases + {CASES * 10:,} chronology rows (.xlsx)": "s",
    f"import {CASES} cases + {CASES * 10:,} chronology rows, every case graded (.xlsx)": "s",
    "graded import: writing (the transaction, commit, file in place)": "s",
    "export workbook (full)": "s",
    "export: bare openpyxl write-only dump (floor)": "s",
    "export / bare dump": "x",
}
#: Measured only when the indexing of the file's documents lasts long enough for a round.
WHILE_INDEXING = {
    "next case, while the documents are first indexed",
    "grade in the window, while the documents are first indexed",
}


def test_the_benchmark_runs_every_measure_at_a_small_scale(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [sys.executable, "-m", "benchmarks", "--sizes", str(CASES), "--repeat", "1"]
    command += ["--steps", "8", "--cache", str(tmp_path / "cache"), "--json", str(out)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| measure | size |" in done.stdout

    report = json.loads(out.read_text())
    assert report["machine"]["cpus"] >= 1
    results = {r["measure"]: r for r in report["results"]}
    assert set(EXPECTED) <= set(results) <= set(EXPECTED) | WHILE_INDEXING
    for name, unit in EXPECTED.items():
        r = results[name]
        assert r["unit"] == unit and r["size"] == CASES and r["runs"] >= 1, name
        assert all(math.isfinite(s) and s > 0 for s in r["samples"]), name
        assert r["median"] <= r["p95"] <= r["max"], name
    steps = results["next case fully shown"]["samples"]
    assert len(steps) == 8
    handlers = results["next case: its handlers (our Python and the Qt calls it makes)"]
    after = results["next case: Qt's layout and paint after the handlers"]
    for whole, first, then in zip(steps, handlers["samples"], after["samples"], strict=True):
        assert math.isclose(first + then, whole, rel_tol=1e-9) and first < whole
    assert 20 < results["peak memory: main window open (VmHWM)"]["median"] < 4000
    ratio = results["start: main window / bare window"]["median"]
    start = results["start: usable main window"]["median"]
    bare = results["start: bare PySide6 window (floor)"]["median"]
    assert math.isclose(ratio, start / bare, rel_tol=1e-6)
    plain = results["start: the first screen's widgets, plain"]["median"]
    plain_ratio = results["start: plain widgets / bare window"]["median"]
    assert math.isclose(plain_ratio, plain / bare, rel_tol=1e-6)
    assert results["export workbook (full)"]["rows"]["Cases"] == CASES + 1
    for r in results.values():
        assert r["met"] in (True, False, None)


def test_the_generator_is_seeded_and_grades_every_criterion(tmp_path: Path) -> None:
    inspection = write_synthetic(tmp_path / "s.caseaudit", 30, graded=True, documents_every=10)
    try:
        framework = inspection.framework
        counts = inspection.counts()
        assert counts["cases"] == 30 and counts["chronology"] == 300
        assert counts["documents"] == 6  # two in each of three cases
        applicable = sum(len(framework.criteria_for(row[2])) for row in inspection.case_list())
        assert counts["criterion_grades"] == applicable
        statuses = {row[8] for row in inspection.case_list()}
        assert statuses <= {"complete", "awaiting_review"}
    finally:
        inspection.close()
    first = [c.fields for c in synthetic_cases(framework, 5, seed=3)]
    assert first == [c.fields for c in synthetic_cases(framework, 5, seed=3)]
    assert first != [c.fields for c in synthetic_cases(framework, 5, seed=4)]


def test_the_table_shows_median_p95_and_whether_the_target_is_met() -> None:
    assert percentile([1, 2, 3, 4, 5], 0.95) == 4.8
    met = Result("step", 1000, "ms", [10, 12, 14], 16, 33)
    missed = Result("start", 100_000, "x", [7.5, 7.8], 2.5)
    assert met.met and not missed.met
    text = table([met, missed])
    assert "| step | 1k | 3 | 12.0 ms | 13.8 ms | median <= 16.0 ms, p95 <= 33.0 ms | yes |" in text
    assert "**NO**" in text
