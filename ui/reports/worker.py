"""Report computations off the UI thread: load the data once, rebuild for each filter.

``ReportRunner`` keeps one ``BackgroundRunner`` (the one way work leaves the UI thread) busy
with one computation at a time; a filter chosen while one runs is kept and built next (only
the latest). The work stages the data it loaded (``Progress.stage``), so the next filter is
built from it without reading the file again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from auditor.inspection import Inspection
from auditor.reports import Report, ReportData, ReportFilter, build_report, load_report_data
from ui.common.background import BackgroundRunner, Progress


def report_error(exc: Exception) -> str:
    return f"The report could not be made: {exc}"


class ReportRunner(QObject):
    """Runs report computations one at a time for a window; keeps only the latest request."""

    busy_changed = Signal(bool)
    loaded = Signal(object)  # ReportData
    built = Signal(object)  # Report
    failed = Signal(str)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.data: ReportData | None = None
        self.waiting: tuple[ReportFilter, bool] | None = None
        self.runner = BackgroundRunner(self)
        self.runner.staged.connect(self._loaded)
        self.runner.succeeded.connect(self._built)
        self.runner.failed.connect(self.failed)
        self.runner.idle.connect(self._idle)

    @property
    def running(self) -> bool:
        return self.runner.running

    def request(self, report_filter: ReportFilter, *, reload: bool = False) -> None:
        """Build the report for ``report_filter`` (reading the file again when ``reload``)."""
        if reload:
            self.data = None
        if self.running:
            keep_reload = reload or (self.waiting is not None and self.waiting[1])
            self.waiting = (report_filter, keep_reload)
            return
        self._start(report_filter)

    def _start(self, report_filter: ReportFilter) -> None:
        db_path, data = self.db_path, self.data

        def work(progress: Progress) -> Report:
            loaded = data
            if loaded is None:
                # SQLite connections cannot cross threads: this work opens its own.
                with Inspection.open(db_path) as inspection:
                    loaded = load_report_data(inspection)
                progress.stage(loaded)
            return build_report(loaded, report_filter)

        self.busy_changed.emit(True)
        self.runner.start(work, report_error)

    @Slot(object)
    def _loaded(self, data: ReportData) -> None:
        if self.waiting is None or not self.waiting[1]:
            self.data = data
        self.loaded.emit(data)

    @Slot(object)
    def _built(self, report: Report) -> None:
        if self.waiting is None:  # a newer request supersedes this result
            self.built.emit(report)

    @Slot()
    def _idle(self) -> None:
        if self.waiting is not None:
            report_filter, reload = self.waiting
            self.waiting = None
            if reload:
                self.data = None
            self._start(report_filter)
            return
        self.busy_changed.emit(False)

    def wait(self, milliseconds: int = 30_000) -> None:
        """Block until the running computation ends (before the window closes)."""
        self.waiting = None
        if self.runner.thread is not None:
            self.runner.thread.wait(milliseconds)
