"""A dialog that runs one piece of slow work off the UI thread (export, package, merge).

It holds what those dialogs share: a line saying the stage reached or the outcome, a busy
bar, the action button and Close (Cancel while running, when the work can be cancelled).
Subclasses lay out their own fields, call ``run_task`` and say what success means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ui.common.a11y import describe
from ui.common.background import BackgroundRunner, Progress


class TaskDialog(QDialog):
    """Stage line, busy bar, action and Close buttons around a ``BackgroundRunner``."""

    #: Said before the error's own words when the work fails.
    failed_prefix = "Not done: "
    #: Said when the user cancelled and the work stopped.
    cancelled_message = "Cancelled."

    def __init__(
        self, parent: QWidget | None, *, action: str, action_help: str, ready: str
    ) -> None:
        super().__init__(parent)
        self.outcome = ""  # set by finish(): "failed", "cancelled" or the subclass's word
        self.cancellable = False
        self.stage = QLabel(ready)
        self.stage.setWordWrap(True)
        describe(self.stage, "State", "The stage reached, or the outcome")
        self.bar = QProgressBar()
        describe(self.bar, "Progress", "Busy while the work runs")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.action_button = QPushButton(action)
        describe(self.action_button, action.replace("&", ""), action_help)
        self.action_button.setDefault(True)
        self.close_button = QPushButton("Close")
        describe(self.close_button, "Close or cancel", "Cancels running work, else closes")
        self.close_button.clicked.connect(self.reject)
        self.runner = BackgroundRunner(self)
        self.runner.progressed.connect(self.stage.setText)
        self.runner.succeeded.connect(self.task_succeeded)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        self.runner.idle.connect(self._idle)

    def button_row(self, *left: QWidget) -> QHBoxLayout:
        """The row of buttons: ``left`` ones, a gap, then the action and Close."""
        row = QHBoxLayout()
        for widget in left:
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.action_button)
        row.addWidget(self.close_button)
        return row

    @property
    def running(self) -> bool:
        return self.runner.running

    def run_task(
        self,
        work: Callable[[Progress], Any],
        describe_error: Callable[[Exception], str] = str,
        *,
        cancellable: bool = True,
        starting: str = "Starting…",
    ) -> None:
        """Run ``work`` on a worker thread; its result goes to ``task_succeeded``."""
        if self.running:
            return
        self.outcome = ""
        self.cancellable = cancellable
        self.action_button.setEnabled(False)
        if cancellable:
            self.close_button.setText("Cancel")
        else:
            self.close_button.setEnabled(False)
        self.bar.show()
        self.stage.setText(starting)
        self.runner.start(work, describe_error)

    def task_succeeded(self, result: Any) -> None:
        """Show the outcome of the work (the subclass says what it means)."""
        raise NotImplementedError

    def task_ended(self) -> None:
        """Called after success, failure or cancel (e.g. to reload what the work changed)."""

    def finish(self, outcome: str, message: str) -> None:
        self.outcome = outcome
        self.stage.setText(message)
        self.bar.hide()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.finish("failed", f"{self.failed_prefix}{message}")
        self.task_ended()

    @Slot()
    def _cancelled(self) -> None:
        self.finish("cancelled", self.cancelled_message)
        self.task_ended()

    @Slot()
    def _idle(self) -> None:
        self.action_button.setEnabled(True)
        self.close_button.setText("Close")
        self.close_button.setEnabled(True)

    def cancel(self) -> None:
        """Ask running work to stop at its next step."""
        if self.running and self.cancellable:
            self.runner.cancel()
            self.stage.setText("Cancelling…")
            self.close_button.setEnabled(False)

    def reject(self) -> None:
        """Close, or while working, cancel (the dialog stays until the work has stopped)."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        """Cancel and wait for running work (before the main window closes)."""
        self.runner.wait_idle(milliseconds)


def file_row(path: QWidget, browse: QWidget) -> QWidget:
    """A file name field with its Browse… button beside it, for a form row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(path, 1)
    layout.addWidget(browse)
    return row
