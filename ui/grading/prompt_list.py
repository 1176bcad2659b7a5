"""A criterion's sub-prompts as a checklist under its question: each ticked yes by the
inspector where the inspection stores ticks, else shown read only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from auditor.framework import Criterion
from ui.common.a11y import explain

FEED_WORDS = {
    "checklist": "a checklist: ticks do not change the answer",
    "all": "all ticked suggests the first answer",
    "any": "any ticked suggests the first answer",
}


class PromptText(QLabel):
    """A prompt's words beside its check box, wrapped in a narrow pane; a click ticks it."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
        super().mouseReleaseEvent(event)


class PromptList(QWidget):
    """One check box per sub-prompt; emits (prompt index, ticked) when one is changed: ticked
    is stored as yes, a tick taken off as no, a prompt never ticked as not answered."""

    ticked = Signal(int, bool)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.boxes: list[QCheckBox] = []
        self.suggested: QLabel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(2)
        if not criterion.prompts:
            return
        words = FEED_WORDS.get(criterion.prompts_feed, "")
        heading = QLabel("Prompts")
        heading.setObjectName("promptsHeading")
        explain(heading, f"The sub-prompts of {criterion.title}")
        heading.setToolTip(f"Sub-prompts of {criterion.title}; {words}")
        layout.addWidget(heading)
        for index, text in enumerate(criterion.prompts):
            box = QCheckBox()
            box.setObjectName("prompt")
            box.setAccessibleName(f"Prompt: {text}")
            box.setAccessibleDescription(
                f"Tick when the case meets this prompt of {criterion.title}"
            )
            box.clicked.connect(lambda checked, i=index: self.ticked.emit(i, checked))
            self.boxes.append(box)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(PromptText(text, box), 1)
            layout.addLayout(row)
        if criterion.prompts_feed != "checklist":
            self.suggested = QLabel()
            self.suggested.setObjectName("promptsSuggest")
            self.suggested.hide()
            layout.addWidget(self.suggested)

    def show_suggestion(self, label: str) -> None:
        """What the ticks suggest for the criterion's answer ("all"/"any" prompts only)."""
        if self.suggested is not None:
            self.suggested.setText(f"The prompts suggest: {label}" if label else "")
            self.suggested.setVisible(bool(label))

    def set_ticks(self, ticks: str) -> None:
        """Show the stored ticks, one character a prompt ("y" ticked; "n", "-" or none not)."""
        for index, box in enumerate(self.boxes):
            box.setChecked(ticks[index : index + 1] == "y")
