"""The one way to run slow work off the UI thread, with progress, stages and a Cancel.

The work is a plain function given a ``Progress``: ``progress(text, done)`` says how far it
is, ``progress.stage(value)`` hands over a result part-way (the reports' data before the
report). It runs in a ``QThread``; its outcome comes back to the UI thread as signals. Cancel
makes the next progress call raise ``Cancelled``, so work stops only where the core allows it
(between steps). A refusal (``Refused``) comes back as ``refused`` with the exception (its
``where`` and data) and as ``failed`` in words; a file that cannot be read or written as
``failed``; anything else is a bug, logged with its traceback (``ui.common.errors``) and named
so. The work must open its own inspection connection: SQLite connections never cross threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot

from auditor.errors import FILE_FAILURES, Cancelled, Refused
from ui.common.errors import unexpected

__all__ = ["BackgroundRunner", "Cancelled", "CloseGuard", "Progress", "work_under_way"]


class Progress:
    """What a work function is given: how far it is, results part-way, and Cancel."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker

    def __call__(self, text: str, done: int | None = None) -> None:
        """Say what is happening (and how many rows are done); raises ``Cancelled`` once the
        user has pressed Cancel."""
        if self._worker.cancel_requested.is_set():
            raise Cancelled
        self._worker.progressed.emit(text, done)

    def stage(self, value: object) -> None:
        """Hand a result over before the work ends (``BackgroundRunner.staged``)."""
        self._worker.staged.emit(value)

    @property
    def cancel_requested(self) -> bool:
        return self._worker.cancel_requested.is_set()


class _Worker(QObject):
    """Runs the work in the worker thread and reports how it ended."""

    progressed = Signal(str, object)
    staged = Signal(object)
    succeeded = Signal(object)
    refused = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any], describe_error: Callable[[Exception], str]):
        super().__init__()
        self.work = work
        self.describe_error = describe_error
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(Progress(self))
        except Cancelled:
            self.cancelled.emit()
        except (Refused, *FILE_FAILURES) as exc:  # said in words, with where it happened
            if isinstance(exc, Refused):
                self.refused.emit(exc)
            self.failed.emit(self.describe_error(exc))
        except Exception as exc:  # a bug: logged with its traceback; the user is told so
            self.failed.emit(unexpected(exc))
        else:
            self.succeeded.emit(result)
        self.finished.emit()


_running: set[BackgroundRunner] = set()  # runners with work under way, in this process
_due: set[object] = set()  # work that will start shortly (the backup made on opening)


def work_under_way() -> bool:
    """Whether any background work (a backup, export, import, package, merge, report, check)
    is running, or is due to start shortly."""
    return bool(_running or _due)


def work_due(owner: object, due: bool) -> None:
    """Say that ``owner``'s work will start shortly (True) or no longer will (False)."""
    if due:
        _due.add(owner)
    else:
        _due.discard(owner)


class BackgroundRunner(QObject):
    """Starts work on a worker thread and relays its progress and outcome to the UI thread."""

    progressed = Signal(str, object)  # what is happening, rows done (or None)
    staged = Signal(object)  # a result handed over part-way
    succeeded = Signal(object)
    refused = Signal(object)  # the Refused exception (also said in words by ``failed``)
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
        self.worker.staged.connect(self.staged)
        self.worker.succeeded.connect(self.succeeded)
        self.worker.refused.connect(self.refused)
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
