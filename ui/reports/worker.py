"""Report computations off the UI thread: load the data once, rebuild for each filter.

``ReportRunner`` lives in the UI thread and runs one ``ReportWorker`` at a time on a QThread;
a filter chosen while one runs is kept and built next (only the latest). Workers' signals are
connected to the runner's slots (never lambdas), so results are handled in the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from auditor.inspection import Inspection
from auditor.reports import Report, ReportData, ReportFilter, build_report, load_report_data


class ReportWorker(QObject):
    """Loads the report data in its own connection (when not given), then builds one report."""

    loaded = Signal(object)  # ReportData
    built = Signal(object)  # Report
    failed = Signal(str)
    finished = Signal()

    def __init__(self, db_path: Path, data: ReportData | None, report_filter: ReportFilter):
        super().__init__()
        self.db_path = db_path
        self.data = data
        self.report_filter = report_filter

    @Slot()
    def run(self) -> None:
        try:
            data = self.data
            if data is None:
                # SQLite connections cannot cross threads: this worker opens its own.
                inspection = Inspection.open(self.db_path)
                try:
                    data = load_report_data(inspection)
                finally:
                    inspection.close()
                self.loaded.emit(data)
            self.built.emit(build_report(data, self.report_filter))
        except Exception as exc:  # never a traceback: say what failed
            self.failed.emit(f"The report could not be made: {exc}")
        self.finished.emit()


class ReportRunner(QObject):
    """Runs report workers one at a time for a window; keeps only the latest waiting request."""

    busy_changed = Signal(bool)
    loaded = Signal(object)  # ReportData
    built = Signal(object)  # Report
    failed = Signal(str)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.data: ReportData | None = None
        self.thread: QThread | None = None
        self.worker: ReportWorker | None = None
        self.waiting: tuple[ReportFilter, bool] | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None

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
        self.worker = ReportWorker(self.db_path, self.data, report_filter)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.loaded.connect(self._loaded)
        self.worker.built.connect(self._built)
        self.worker.failed.connect(self._failed)
        # Direct: quit from the worker's thread, so a UI thread blocked in wait() is released.
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._thread_done)
        self.busy_changed.emit(True)
        self.thread.start()

    @Slot(object)
    def _loaded(self, data: ReportData) -> None:
        if self.waiting is None or not self.waiting[1]:
            self.data = data
        self.loaded.emit(data)

    @Slot(object)
    def _built(self, report: Report) -> None:
        if self.waiting is None:  # a newer request supersedes this result
            self.built.emit(report)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _thread_done(self) -> None:
        if self.thread is not None:
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = None
        self.worker = None
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
        if self.thread is not None:
            self.thread.wait(milliseconds)
