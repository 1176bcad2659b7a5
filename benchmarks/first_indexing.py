"""Stepping and grading in the real window while a file's documents are first indexed.

A file whose documents are not yet searchable (the synthetic files, a file after an import or
a merge) is indexed on a worker thread once the window has opened it and made its backup. The
window's measures in ``benchmarks/window.py`` wait for that work (the steady state); this one
measures what the user meets meanwhile, in a process of its own on an unindexed copy: each
round steps to the next case, then grades a criterion (the commit, its ledger row, the
refresh), while the indexing runs. Information: no target.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import Result
from benchmarks.startup import ROOT, bench_settings, child_env, open_usable_window, wait_for_rows
from benchmarks.window import back_to_top_at_end

#: How long to wait for the indexing to start (after the backup made on opening).
START_TIMEOUT_S = 120


def _child(db: str, settings: str, cases: int, rounds: int, out: str) -> None:
    app, window = open_usable_window(db, settings, cases)
    wait_for_rows(app, window)
    indexer = window.evidence.indexer
    deadline = time.monotonic() + START_TIMEOUT_S
    while not indexer.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    next_action = window.actions_by_id["next"]
    codes = ("inadequate", "good")
    step_ms: list[float] = []
    grade_ms: list[float] = []
    while indexer.running and len(step_ms) < rounds:
        back_to_top_at_end(app, window)
        started = time.perf_counter()
        next_action.trigger()
        app.processEvents()
        step_ms.append((time.perf_counter() - started) * 1000)
        criterion = window.grading.visible_cards()[0].criterion.id
        started = time.perf_counter()
        window.grading.grade_criterion(criterion, codes[len(grade_ms) % 2])
        app.processEvents()
        grade_ms.append((time.perf_counter() - started) * 1000)
    indexer.runner.wait_idle(60_000)
    window.close()
    window.inspection.close()
    Path(out).write_text(json.dumps({"step": step_ms, "grade": grade_ms}))


def run(db: Path, cases: int, rounds: int, user: str) -> list[Result]:
    """``db`` must not be indexed yet: a fresh copy of a synthetic file."""
    folder = Path(tempfile.mkdtemp(prefix="bench-indexing-"))
    settings = bench_settings(folder, user)
    out = folder / "run.json"
    command = [sys.executable, "-m", "benchmarks.first_indexing", "--child", str(db)]
    command += [str(settings), str(cases), str(rounds), str(out)]
    done = subprocess.run(command, cwd=ROOT, env=child_env(folder), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"first-indexing benchmark failed:\n{done.stderr[-3000:]}")
    samples: dict[str, Any] = json.loads(out.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    if not samples["step"]:  # indexed before a round was run (a small file)
        return []
    note = "while the documents are first indexed on a worker thread"
    return [
        Result(
            "next case, while the documents are first indexed",
            cases,
            "ms",
            samples["step"],
            note=note,
        ),
        Result(
            "grade in the window, while the documents are first indexed",
            cases,
            "ms",
            samples["grade"],
            note=note,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        raise SystemExit("run the benchmarks with: python -m benchmarks")
