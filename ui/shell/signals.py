"""SIGTERM closes the window as Ctrl+Q does.

A desktop session logging out, a shutdown, a service manager or a test harness stops a
program with SIGTERM. Python's default would end the process at once: openings of cases not
yet written to the audit log (DPA 2018 s62 consultation) and a note being typed would be
lost, and the file would not reopen on the case last shown. Instead, the signal wakes the Qt
event loop and the window is closed normally: a dialog open over it is dismissed (as Escape
would), the grading is flushed, openings are logged, the layout and the case shown are saved,
and the application leaves its event loop with exit code 0.

Python runs a signal handler only between two bytecodes of the main thread, and the Qt event
loop runs no Python while it waits. So the handler does nothing itself: Python's C-level
handler writes the signal's number to a socket (``signal.set_wakeup_fd``), a
``QSocketNotifier`` on the other end wakes the event loop, and the window is closed from
there, between two events, never in the middle of other work.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Iterable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget

#: How often and how many times to dismiss dialogs over the window before closing it.
DISMISS_INTERVAL_MS = 100
DISMISS_TRIES = 20


def _wake_only(_signum: int, _frame: FrameType | None) -> None:
    """The Python handler: nothing, the socket has woken the event loop (see the module)."""


class CloseOnSignal(QObject):
    """Closes ``window`` the normal way when the process receives one of ``signals``."""

    def __init__(
        self, window: QWidget, signals: Iterable[signal.Signals] = (signal.SIGTERM,)
    ) -> None:
        super().__init__(window)
        self.window = window
        self.signals = {int(s) for s in signals}
        self.received: list[int] = []  # signals that asked for the close, in order
        self._closing = False
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)  # set_wakeup_fd needs a non-blocking descriptor
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _wake_only) for number in self.signals}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self.installed = True

    def restore(self) -> None:
        """Put back the handlers and the wake-up descriptor there were before."""
        if not self.installed:
            return
        self.installed = False
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        self._reader.close()
        self._writer.close()

    def _woken(self) -> None:
        try:
            numbers = self._reader.recv(256)
        except (BlockingIOError, InterruptedError):
            return
        asked = [number for number in numbers if number in self.signals]
        if not asked or self._closing:
            return  # another signal with a Python handler (SIGINT), or a close under way
        self.received.extend(asked)
        self._close(DISMISS_TRIES)

    def _close(self, tries: int) -> None:
        """Dismiss a dialog over the window (its nested event loop ends), then close it."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self.window and tries > 0:
            modal.close()  # a question is answered as by Escape: Cancel
            QTimer.singleShot(DISMISS_INTERVAL_MS, lambda: self._close(tries - 1))
            return
        if not self.window.isVisible():
            return
        self._closing = True
        try:
            self.window.close()  # closeEvent: flush, ask about unsaved edits, log, save
        finally:
            self._closing = False


def close_on_terminate(window: QWidget) -> CloseOnSignal:
    """Close ``window`` normally on SIGTERM, until the application quits (then restored)."""
    handler = CloseOnSignal(window)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(handler.restore)
    return handler
