"""Edits that could not be saved (disk full, file locked, read-only): kept, shown, retried.

``PendingSaves`` keeps each failed edit (in order) and tries them again every few seconds and
before the next edit; ``SaveBanner`` is the persistent notice above the window's panes. Edits
the grading rules refuse (a grade that does not exist, a decision not allowed) are not
retried: they are said once, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from auditor.case_material import InspectionError
from auditor.errors import FILE_FAILURES, GradingError, Refused
from ui.common.a11y import announce

RETRY_MS = 5000
REFUSED = (GradingError, InspectionError)  # the rules said no: trying again will not help


def save_problem(exc: BaseException) -> str:
    """What went wrong with saving, in words (the storage's message kept at the end)."""
    text = str(exc)
    lowered = text.lower()
    if "disk is full" in lowered or "file too large" in lowered or "no space" in lowered:
        plain = "the disk is full (or the file may grow no larger)"
    elif "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
        plain = "the file or its folder cannot be written (read-only)"
    elif "locked" in lowered or "busy" in lowered:
        plain = "another program is holding the file locked"
    elif "disk i/o" in lowered or "i/o error" in lowered:
        plain = "the disk could not be written (is it full, or was a memory stick removed?)"
    else:
        plain = "the file could not be written"
    return f"{plain} ({text})" if text else plain


class PendingSaves(QObject):
    """Failed edits, each (case id, the edit), saved again in order once the storage works."""

    failed = Signal(str, int)  # the problem in words, edits waiting
    saved = Signal(list)  # case ids whose waiting edits are now saved (all of them)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits: list[tuple[str, Callable[[], object]]] = []
        self.problem = ""
        self.timer = QTimer(self, interval=RETRY_MS)
        self.timer.timeout.connect(self.retry)

    def __len__(self) -> int:
        return len(self.edits)

    def add(self, case_id: str, edit: Callable[[], object], exc: BaseException | None) -> None:
        """Keep ``edit`` to save later (after any already waiting)."""
        self.edits.append((case_id, edit))
        if exc is not None:
            self.problem = save_problem(exc)
        self.failed.emit(self.problem, len(self.edits))
        if not self.timer.isActive():
            self.timer.start()

    def retry(self) -> bool:
        """Save the waiting edits in order; True when none is left waiting."""
        done: list[str] = []
        while self.edits:
            case_id, edit = self.edits[0]
            try:
                edit()
            except REFUSED:
                pass  # refused now (e.g. the case changed meanwhile): dropped, as on a first try
            except (
                Refused,
                *FILE_FAILURES,
            ) as exc:  # still failing: keep it and everything after it
                self.problem = save_problem(exc)
                self.failed.emit(self.problem, len(self.edits))
                return False
            self.edits.pop(0)
            done.append(case_id)
        self.timer.stop()
        self.problem = ""
        if done:
            self.saved.emit(list(dict.fromkeys(done)))
        return True


class SaveBanner(QWidget):
    """A persistent notice that edits are not saved yet, with the reason and a Retry button."""

    def __init__(self, retry: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the stylesheet's colour
        self.setStyleSheet(
            "#saveBanner { background: #fde7e9; border: 2px solid #a4262c; }"
            "#saveBanner QLabel { color: #5c0f14; }"
        )
        self.label = QLabel(wordWrap=True)
        self.label.setAccessibleDescription("Not saved")  # read by its text (issue 24)
        self.retry_button = QPushButton("Try &again now")
        self.retry_button.setAccessibleName("Try saving again now")
        self.retry_button.clicked.connect(retry)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def show_problem(self, problem: str, waiting: int) -> None:
        edits = "1 edit is" if waiting == 1 else f"{waiting} edits are"
        self.label.setText(
            f"<b>Not saved: {escape(problem)}.</b> {edits} kept on screen and saved automatically "
            f"as soon as the file can be written (tried every {RETRY_MS // 1000} s and at your "
            "next edit). Do not close the workstation until this notice goes."
        )
        self.show()
        announce(self.label, f"Not saved: {problem}", assertive=True)


def unsaved_may_close(parent: QWidget, pending: PendingSaves) -> bool:
    """Before closing: save what waits; if it still cannot be saved, ask before losing it."""
    if not len(pending) or pending.retry():
        return True
    answer = QMessageBox.warning(
        parent,
        "Edits not saved",
        f"{len(pending)} edit(s) could not be saved: {pending.problem}.\n\n"
        "Free some disk space (or fix the problem) and choose Cancel to keep working; the "
        "edits are saved as soon as the file can be written. Close anyway and lose them?",
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Close
