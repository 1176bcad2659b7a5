"""Running one piece of slow work off the UI thread, with progress words and a Cancel.

The work is a plain function taking a ``progress(text)`` callback. It runs in a ``QThread``;
its outcome comes back to the UI thread as a signal. Cancel makes the next progress call
raise ``Cancelled``, so work stops only where the core allows it (between steps). The work
must open its own inspection connection: SQLite connections never cross threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot

Progress = Callable[[str], None]


class Cancelled(Exception):
    """Raised from the progress callback once the user has pressed Cancel."""


class _Worker(QObject):
    """Runs the work in the worker thread and reports how it ended."""

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any], describe_error: Callable[[Exception], str]):
        super().__init__()
        self.work = work
        self.describe_error = describe_error
        self.cancel_requested = threading.Event()

    def progress(self, text: str) -> None:
        if self.cancel_requested.is_set():
            raise Cancelled
        self.progressed.emit(text)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # never a traceback: the dialog says what failed
            self.failed.emit(self.describe_error(exc))
        else:
            self.succeeded.emit(result)
        self.finished.emit()


_running: set[BackgroundRunner] = set()  # runners with work under way, in this process


def work_under_way() -> bool:
    """Whether any background work (a backup, export, package, merge, check) is running."""
    return bool(_running)


class BackgroundRunner(QObject):
    """Starts work on a worker thread and relays its progress and outcome to the UI thread."""

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    idle = Signal()  # the thread has ended, whatever the outcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: _Worker | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None

    def start(
        self,
        work: Callable[[Progress], Any],
        describe_error: Callable[[Exception], str] = str,
    ) -> bool:
        """Run ``work(progress)`` on a new thread; False if work is already running."""
        if self.running:
            return False
        self.worker = _Worker(work, describe_error)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Relayed through this object's signals: queued, so handlers run in the UI thread.
        self.worker.progressed.connect(self.progressed)
        self.worker.succeeded.connect(self.succeeded)
        self.worker.failed.connect(self.failed)
        self.worker.cancelled.connect(self.cancelled)
        # Direct: quit from the worker's thread, so a UI thread blocked in wait() is released.
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._thread_done)
        _running.add(self)
        self.thread.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel_requested.set()

    @Slot()
    def _thread_done(self) -> None:
        _running.discard(self)
        if self.thread is not None:
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = None
        self.worker = None
        self.idle.emit()

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        """Cancel and wait for running work (before a window closes)."""
        self.cancel()
        if self.thread is not None:
            self.thread.wait(milliseconds)


class CloseGuard(QObject):
    """Calls ``wait`` when ``window`` closes, so no worker thread outlives it (Qt aborts).

    A window with ``close_waiters`` (the main window) calls them once the close is decided,
    after any "close with edits unsaved?" question, so a close called off cancels nothing;
    any other window is watched for its close event.
    """

    def __init__(self, window: QObject, wait: Callable[[], None]) -> None:
        super().__init__(window)
        self.wait = wait
        waiters = getattr(window, "close_waiters", None)
        if waiters is not None:
            waiters.append(wait)
        else:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.wait()
        return False
