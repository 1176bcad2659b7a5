"""A notice when the inspector leaves a case flagged for referral back without a reason: the
flag does not reach a supervisor until it has one, so the notice offers to go back and choose
it, or to withdraw the flag (an undoable edit like any other)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from auditor.records import Case
from ui.common.a11y import announce, explain, plain


class UnfinishedFlagBanner(QWidget):
    """'<reference> is flagged without a reason' with Choose a reason / Withdraw / Leave it."""

    def __init__(
        self,
        go_back: Callable[[str], None],
        withdraw: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("flagBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the stylesheet's colour
        self.setStyleSheet(
            "#flagBanner { background: #fff4ce; border: 2px solid #8a6d00; }"
            "#flagBanner QLabel { color: #3d3000; }"
        )
        self.case_id = ""
        self.label = QLabel(wordWrap=True)
        explain(self.label, "Flagged without a reason")  # read by its text
        self.back_button = QPushButton("Choo&se a reason")
        self.back_button.setAccessibleName("Go back to the case and choose the reason")
        self.back_button.clicked.connect(lambda: self._then(go_back))
        self.withdraw_button = QPushButton("&Withdraw the flag")
        self.withdraw_button.setAccessibleName("Withdraw the referral back of that case")
        self.withdraw_button.clicked.connect(lambda: self._then(withdraw))
        self.leave_button = QPushButton("Leave it")
        self.leave_button.setAccessibleName("Leave the case flagged without a reason for now")
        self.leave_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        for button in (self.back_button, self.withdraw_button, self.leave_button):
            button.setAutoDefault(False)
            layout.addWidget(button)
        self.hide()

    def ask(self, case: Case) -> None:
        self.case_id = case.id
        self.label.setText(
            f"<b>{escape(case.reference)} is flagged for referral back without a reason.</b> "
            "It does not reach a supervisor, and does not count as graded, until it has one."
        )
        self.show()
        announce(self.label, plain(self.label.text()))

    def _then(self, act: Callable[[str], None]) -> None:
        case_id, self.case_id = self.case_id, ""
        self.hide()
        if case_id:
            act(case_id)
