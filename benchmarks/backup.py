"""Backups at scale: the copy and its check, the list, and how long the window's thread stalls.

    .venv/bin/python -m benchmarks.backup [--cases 100000] [--cache DIR]

Takes a backup of a synthetic inspection with ``take_backup`` (online backup API copy, then
``PRAGMA quick_check`` on the copy), lists the backups, then runs the window's
``BackupRunner`` while a 10 ms timer ticks on the UI thread and reports the longest gap
between ticks (the stall a user would feel). Prints the figures; judges nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backup")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)

    import ui  # noqa: F401  (first, as in the tests)
    from auditor.backups import list_backups, take_backup
    from auditor.inspection import Inspection
    from benchmarks.data import inspection_file

    source = inspection_file(args.cases, 7, args.cache)
    work = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    try:
        path = work / "bench.caseaudit"
        shutil.copyfile(source, path)
        root = work / "backups"
        with Inspection.open(path) as inspection:
            started = time.perf_counter()
            made = take_backup(inspection, root, only_if_changed=False)
            taken = time.perf_counter() - started
            started = time.perf_counter()
            take_backup(inspection, root)  # unchanged: only the marker comparison
            skipped = time.perf_counter() - started
        started = time.perf_counter()
        listed = list_backups(root, path)
        listing = time.perf_counter() - started
        stall = ui_stall(path, root)
        assert made is not None
        print(f"cases {args.cases:,}; file {path.stat().st_size / 2**20:.0f} MB")
        print(f"backup (copy + quick_check + rename): {taken:.2f} s")
        print(f"backup skipped as unchanged: {skipped * 1000:.1f} ms")
        print(f"list of {len(listed)} backup(s): {listing * 1000:.1f} ms")
        print(f"window thread: longest gap between 10 ms ticks during a backup: {stall:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def ui_stall(path: Path, root: Path) -> float:
    """Run the window's BackupRunner; the longest gap (ms) between 10 ms timer ticks."""
    from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.files.backups import BackupRunner

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(root.parent / "settings.ini"), QSettings.Format.IniFormat)
    owner = QObject()
    runner = BackupRunner(path, root / "timed", settings, owner)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    runner.start()
    while runner.running:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    timer.stop()
    del app
    return max(gaps, default=0.0) * 1000


if __name__ == "__main__":
    raise SystemExit(main())
