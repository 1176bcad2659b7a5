"""The main window's attention (mixed in): what calls the person at the keys (the status
bar's queues, said on opening), a case left flagged without a reason, and focus mode."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt

from auditor.errors import FILE_FAILURES, Refused
from auditor.grading.rules import FLAGGED


class AttentionActions:
    """Calls, the unfinished-flag notice and focus mode of the main window."""

    # Provided by the main window:
    inspection: Any
    user: Any
    grading: Any
    splitter: Any
    search: Any
    case_table: Any
    calls_bar: Any
    actions_by_id: Any
    workspace: Any
    # Annotations only (an attribute here would hide QMainWindow's and the window's own):
    statusBar: Any
    isActiveWindow: Any
    show_status: Any
    _case_changed: Any

    def _announce_calls(self) -> None:
        """On opening: what waits for the person signed in, said once in the status bar."""
        waiting = self.calls_bar.refresh().lines()
        if waiting:
            self.statusBar().showMessage("Waiting for you: " + "; ".join(waiting), 15000)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.calls_bar.refresh()  # a decision in another window may have changed them

    def toggle_focus_mode(self) -> None:
        """F11: hide the case list so the case file and grading have the width (and back)."""
        left = self.splitter.widget(0)
        left.setVisible(not left.isVisible())
        self.actions_by_id["focus_mode"].setChecked(not left.isVisible())
        if left.isVisible():
            self.case_table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.show_status(
            "Focus on the case: the list is hidden (F11 shows it; Ctrl+PgDown still steps)"
            if not left.isVisible()
            else "",
            5000,
        )

    def _focus_search(self) -> None:
        if not self.splitter.widget(0).isVisible():
            self.toggle_focus_mode()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _flagged_without_reason(self, case_id: str) -> bool:
        if self.inspection.read_only:
            return False
        mine = self.inspection.grading.assessment(case_id, self.user.id)
        referral = mine.referral if mine is not None else None
        return referral is not None and referral.state == FLAGGED and not referral.reason

    def _back_to_reason(self, case_id: str) -> None:
        """The flag banner's Choose a reason: back to the case, the cursor on its reason."""
        self.workspace.open_case(case_id)
        self.grading.start_referral()

    def _withdraw_flag(self, case_id: str) -> None:
        """The flag banner's Withdraw the flag: an edit like any other (Ctrl+Z brings it back)."""
        try:
            self.grading.history.set_referral(case_id, None)
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.show_status(f"The flag was not withdrawn: {exc}", 8000)
            return
        self._case_changed(case_id)
