"""The supervisor's and inspector's review views: queue, questions, QA, referrals, history, log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReviewViews:
    """Opens the review windows of one main window (each made once, then raised)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _not_yet(self, what: str) -> None:
        QMessageBox.information(self.window, what, f"{what} is not available yet.")

    def open_queue(self) -> None:
        self._not_yet("The review queue")

    def open_questions(self) -> None:
        self._not_yet("Questions from supervisors")

    def quality_assure(self) -> None:
        self._not_yet("Quality assurance")

    def open_referrals(self) -> None:
        self._not_yet("The referrals view")

    def open_history(self) -> None:
        self._not_yet("The case history")

    def open_log(self) -> None:
        self._not_yet("The audit log")
