"""The supervisor's and inspector's review views: queue, questions, QA, referrals, history, log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from ui.common.workspace import Workspace

if TYPE_CHECKING:
    from ui.review.history import HistoryDialog
    from ui.review.log import LogDialog
    from ui.review.quality import QualityDialog
    from ui.review.questions import QuestionsDialog
    from ui.review.queue import QueueDialog
    from ui.review.referrals import ReferralsDialog


def _present(dialog: QDialog) -> None:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


class ReviewViews:
    """Opens the review windows of one main window (each made once, then raised)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.queue: QueueDialog | None = None
        self.questions: QuestionsDialog | None = None
        self.quality: QualityDialog | None = None
        self.referrals: ReferralsDialog | None = None
        self.history: HistoryDialog | None = None
        self.log: LogDialog | None = None

    def _flush(self) -> None:
        """Commit a note being typed, so every view reads what is on screen."""
        self.workspace.flush_edits()

    def open_queue(self) -> QueueDialog:
        self._flush()
        if self.queue is None:
            from ui.review.queue import QueueDialog  # on first use: quicker start-up

            self.queue = QueueDialog(self.workspace)
        self.queue.reload()
        _present(self.queue)
        return self.queue

    def open_questions(self) -> QuestionsDialog:
        self._flush()
        if self.questions is None:
            from ui.review.questions import QuestionsDialog  # on first use: quicker start-up

            self.questions = QuestionsDialog(self.workspace)
        self.questions.reload()
        _present(self.questions)
        return self.questions

    def quality_assure(self) -> QualityDialog:
        self._flush()
        if self.quality is None:
            from ui.review.quality import QualityDialog  # on first use: quicker start-up

            self.quality = QualityDialog(self.workspace)
        self.quality.show_case(self.workspace.current_case_id())
        _present(self.quality)
        return self.quality

    def open_overdue_referrals(self) -> ReferralsDialog:
        """The referrals whose force response is overdue (the status bar's call)."""
        dialog = self.open_referrals()
        dialog.overdue_only.setChecked(True)
        return dialog

    def open_referrals(self) -> ReferralsDialog:
        self._flush()
        if self.referrals is None:
            from ui.review.referrals import ReferralsDialog  # on first use: quicker start-up

            self.referrals = ReferralsDialog(self.workspace)
        self.referrals.reload()
        _present(self.referrals)
        return self.referrals

    def open_history(self) -> HistoryDialog:
        self._flush()
        if self.history is None:
            from ui.review.history import HistoryDialog  # on first use: quicker start-up

            self.history = HistoryDialog(self.workspace)
        self.history.follow_window()
        _present(self.history)
        return self.history

    def open_log(self) -> LogDialog:
        self._flush()
        if self.log is None:
            from ui.review.log import LogDialog  # on first use: quicker start-up

            self.log = LogDialog(self.workspace)
        self.log.refresh_users()
        self.log.reload()
        _present(self.log)
        return self.log
