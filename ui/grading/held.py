"""The notice above a grading the reader may not change: whose it is, and Take over this case."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.common.a11y import describe, explain
from ui.common.asking import go_ahead


class HeldBanner(QWidget):
    """'Graded by Sam Shared (inspector): shown read only' with a Take over button."""

    def __init__(self, take_over: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#heldBanner { background: #e8f0fe; border: 1px solid #1a4f9c; }"
            "#heldBanner QLabel { color: #0b2a55; }"
        )
        self.label = QLabel(wordWrap=True)
        explain(self.label, "Whose grading")
        self.take_over_button = QPushButton("&Take over this case")
        describe(
            self.take_over_button,
            "Take over this case",
            "Allocates the case to you and copies this grading into yours, as your own "
            "recorded edits; yours then counts (the other stays as it was)",
        )
        self.take_over_button.setAutoDefault(False)
        self.take_over_button.clicked.connect(take_over)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.take_over_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_held(self, held_by: str, not_takeable: str = "") -> None:
        """Say whose grading is shown; offer the take-over only where it can be made."""
        if not_takeable:
            after = f"It cannot be changed here: {escape(not_takeable)}."
        else:
            after = "It changes only by moderation's second grading or if you take the case over."
        self.label.setText(f"<b>{escape(held_by)}</b>: shown read only. {after}")
        self.take_over_button.setVisible(not not_takeable)
        self.show()


def confirm_take_over(parent: QWidget, reference: str, held_by: str) -> bool:
    """Ask before taking a case over (a stray Alt+T, the button's key, would otherwise take a
    colleague's case at once): whose it is and what taking it over does."""
    whose = f"{held_by}. " if held_by else ""
    return go_ahead(
        parent,
        "Take over this case",
        f"Take over {reference}?",
        f"{whose}It will be allocated to you and the grading that counts copied into yours, "
        "as your own recorded edits; yours then counts. Theirs stays as it was.",
        "&Take over",
        name="takeOver",
        min_width=380,
    )
