"""The status bar's calls: "2 questions for you (F4)", "8 awaiting your review (F5)",
"3 referral responses overdue (F6)", each a button that opens its queue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from auditor.errors import FILE_FAILURES, Refused
from auditor.review.calls import QUEUES, Calls, calls_for
from ui.common.a11y import describe
from ui.common.workspace import Workspace


class CallsBar(QWidget):
    """One flat button per queue with something waiting (hidden when nothing does)."""

    def __init__(
        self,
        workspace: Workspace,
        openers: dict[str, Callable[[], object]],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.calls = Calls()
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, _one, many, keys in QUEUES:
            button = QPushButton()
            button.setFlat(True)
            button.setAutoDefault(False)
            describe(button, many.capitalize(), f"Opens the queue ({keys})")
            button.clicked.connect(lambda _c=False, k=key: openers[k]())
            button.hide()
            layout.addWidget(button)
            self.buttons[key] = button

    def refresh(self) -> Calls:
        """Count the queues afresh and show those with something waiting."""
        try:
            self.calls = calls_for(self.workspace.inspection, self.workspace.user, self.today())
        except (Refused, *FILE_FAILURES):  # the counts wait for the next refresh
            return self.calls
        for key, button in self.buttons.items():
            text = self.calls.words(key)
            button.setText(text)
            button.setVisible(bool(text))
        return self.calls
