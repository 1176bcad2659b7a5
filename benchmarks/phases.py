"""Where start-up goes: each phase of opening the window timed in one process, no profiler.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.phases FILE.caseaudit

Opens FILE as ``ui.shell.app.open_main_window`` does, then times again, separately, the parts of
building the window that grow with the number of cases (the case list query, its loading
into ``CaseList`` and the progress counts). Backups made on opening go to a temporary folder.
For a diagnosis, not a measure: ``python -m benchmarks`` is the measure.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main(path: str) -> None:
    started = time.perf_counter()
    marks: list[tuple[str, float]] = []

    def mark(what: str) -> None:
        marks.append((what, time.perf_counter()))

    home = Path(tempfile.mkdtemp(prefix="bench-phases-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    mark("PySide6 imported, QApplication made")
    import ui.shell.app  # noqa: F401  (the window's modules, the core and storage)

    mark("import ui.shell.app (window, views, core, storage)")
    from auditor.case_list import CaseList
    from auditor.inspection import Inspection
    from auditor.samples.synthetic import BENCH_ASSESSOR
    from ui.shell.main_window import MainWindow

    inspection = Inspection.open(path)
    mark("Inspection.open (file checks included)")
    user = inspection.assessor(BENCH_ASSESSOR, "inspector")
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(inspection, user, settings)
    mark("MainWindow() (everything below, and the widgets)")
    window.resize(1500, 900)
    window.show()
    app.processEvents()
    mark("shown and painted: usable")
    rows = inspection.case_list(user.id)
    mark("  of which: case list query (again)")
    CaseList(inspection.framework).load(rows)
    mark("  of which: CaseList.load (again)")
    inspection.grading.progress(user.id)
    mark("  of which: progress counts (again)")
    previous = started
    for what, at in marks:
        print(f"{(at - previous) * 1000:7.0f} ms  {what}")
        previous = at
    window.close()
    inspection.close()
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m benchmarks.phases FILE.caseaudit")
    main(sys.argv[1])
