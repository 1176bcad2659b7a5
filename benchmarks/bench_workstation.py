"""Workstation speed on a large invented inspection (issue 3 targets, measured here).

    .venv/bin/python benchmarks/bench_workstation.py --cases 100000

Targets at 100,000 cases: next case fully shown within 16 ms median; a grade committed within
5 ms median; the case list filtered within 100 ms; start to a usable window within 2.5x the
start of a bare PySide6 window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
import time; t = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1400, 860); w.show(); app.processEvents()
print(time.perf_counter() - t)
"""

WORKSTATION = """
import sys, time; t = time.perf_counter()
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.app import open_main_window
s = QSettings(sys.argv[2], QSettings.Format.IniFormat)
s.setValue("user/name", "Bench Inspector"); s.setValue("user/role", "inspector")
w = open_main_window(sys.argv[1], s); w.show(); app.processEvents()
print(time.perf_counter() - t)
"""


def inspection_file(cases: int) -> Path:
    from auditor.synthetic import write_synthetic

    folder = Path(tempfile.gettempdir()) / "case-auditor-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"synthetic-{cases}.caseaudit"
    if not path.exists():
        started = time.perf_counter()
        write_synthetic(path, cases).close()
        print(f"wrote {path} in {time.perf_counter() - started:.1f} s")
    return path


def start_time(code: str, *args: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    path = inspection_file(args.cases)
    settings = Path(tempfile.mkdtemp()) / "settings.ini"

    bare = start_time(BARE)
    start = start_time(WORKSTATION, str(path), str(settings))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from auditor.case_list import CaseFilter
    from ui.app import open_main_window

    s = QSettings(str(settings), QSettings.Format.IniFormat)
    window = open_main_window(path, s)
    window.show()
    app.processEvents()

    steps = []
    for _ in range(args.steps):
        t = time.perf_counter()
        window.step(1)
        app.processEvents()  # painted: the case is fully shown
        steps.append(time.perf_counter() - t)

    grades = []
    codes = ("good", "inadequate")
    for n in range(args.steps):
        case_id = window.current_case_id()
        criterion = window.grading.visible_cards()[0].criterion.id
        t = time.perf_counter()
        window.inspection.grading.set_grade(case_id, window.user, criterion, codes[n % 2])
        grades.append(time.perf_counter() - t)

    filters = []
    for text in ("sy-0123", "nursery", "custody", "zz-no-match", ""):
        t = time.perf_counter()
        window.case_model.set_filter(CaseFilter(text=text))
        app.processEvents()
        filters.append(time.perf_counter() - t)

    ms = 1000
    print(f"cases: {args.cases:,}")
    print(f"bare PySide6 window start: {bare * ms:.0f} ms")
    print(
        f"workstation start to usable window: {start * ms:.0f} ms ({start / bare:.2f}x bare;"
        " target 2.5x)"
    )
    print(f"next case shown, median: {statistics.median(steps) * ms:.1f} ms (target 16 ms)")
    print(f"grade committed, median: {statistics.median(grades) * ms:.2f} ms (target 5 ms)")
    print(f"case list filtered, worst: {max(filters) * ms:.0f} ms (target 100 ms)")
    window.close()
    window.inspection.close()


if __name__ == "__main__":
    main()
