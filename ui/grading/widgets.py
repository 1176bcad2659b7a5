"""Small grading controls: an exclusive row of grade buttons and a self-saving note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ui.common.a11y import read_as_radio
from ui.common.flow_layout import FlowLayout

NOTE_COMMIT_MS = 400
CHECK_MARK = "\u2713"  # ✓


class GradeButton(QPushButton):
    """A grade's checkable button, sized once for its label with the tick: ticking it changes
    its text, not its size, so a grade repaints the row and lays out nothing (Qt passes a
    fixed-size widget's change of text to no layout around it)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.label = text
        self.setCheckable(True)
        self._fit()

    def _fit(self) -> None:
        shown = self.text()
        self.setText(f"{CHECK_MARK} {self.label}")
        self.setMinimumSize(0, 0)
        self.setMaximumSize(16777215, 16777215)
        size = self.sizeHint()
        self.setText(shown)
        self.setFixedSize(size)

    def show_ticked(self, ticked: bool) -> None:
        self.setText(f"{CHECK_MARK} {self.label}" if ticked else self.label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()  # larger text or another style: sized again
        super().changeEvent(event)


class GradeButtons(QWidget):
    """An exclusive row of grade buttons; emits the chosen code (None when cleared)."""

    chosen = Signal(object)

    def __init__(self, choices: list[tuple[str, str]], label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[str, GradeButton] = {}
        layout = FlowLayout(self)  # the buttons wrap in a narrow pane, never cut off
        for position, (code, text) in enumerate(choices, start=1):
            button = GradeButton(text)
            button.setAccessibleName(f"{label}: {text}")
            # Qt gives a checkable button the check box role; where it is in the row is said
            # in words ("2 of 4"), as a radio group's position is.
            button.setAccessibleDescription(
                f"{position} of {len(choices)}. Record {text} for {label}; press again to "
                "clear, arrow keys move along"
            )
            button.setProperty("grade", code)
            read_as_radio(button)
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
            button.clicked.connect(lambda checked, c=code: self.chosen.emit(c if checked else None))

    def set_value(self, code: str | None) -> None:
        for key, button in self.buttons.items():
            button.setChecked(key == code)
        self._mark_checked()

    def _mark_checked(self) -> None:
        """The chosen grade carries a tick, so it is not shown by shading alone."""
        for button in self.buttons.values():
            button.show_ticked(button.isChecked())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left and Right move along the row (Tab stops once at the row, like radio buttons)."""
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        buttons = list(self.buttons.values())
        focused = next((i for i, b in enumerate(buttons) if b.hasFocus()), None)
        if step is None or focused is None:
            super().keyPressEvent(event)
            return
        buttons[(focused + step) % len(buttons)].setFocus(Qt.FocusReason.TabFocusReason)


class NoteEdit(QPlainTextEdit):
    """An evidence note committed shortly after typing stops, and when focus leaves."""

    def __init__(self, commit: Callable[[str], None], label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._commit = commit
        self._saved = ""
        self.setAccessibleName(label)
        self.setAccessibleDescription(f"{label}. Saved as you type; Tab moves on")
        self.setPlaceholderText("Evidence note")
        self.setTabChangesFocus(True)
        self.setFixedHeight(58)
        self._timer = QTimer(self, singleShot=True, interval=NOTE_COMMIT_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._timer.start)

    def set_saved_text(self, text: str) -> None:
        self._timer.stop()
        self._saved = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def flush(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self._commit(text)

    def focusOutEvent(self, event) -> None:
        self.flush()
        super().focusOutEvent(event)


#: Keys that step a closed combo box through its items (each would otherwise be an edit).
STEPPING_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class ChoiceBox(QComboBox):
    """A combo box whose choice is one edit: a pick from its list at once; a choice stepped
    to with the arrow keys when focus leaves, Enter is pressed, or ``flush`` is called."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stepping = False
        self._pending = False
        self.activated.connect(self._activated)

    def _activated(self, _index: int) -> None:
        if self._stepping:
            self._pending = True
        else:
            self._pending = False
            self.chosen.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._pending:
            self.flush()
            return
        self._stepping = event.key() in STEPPING_KEYS or bool(event.text().strip())
        try:
            super().keyPressEvent(event)
        finally:
            self._stepping = False

    def wheelEvent(self, event) -> None:
        event.ignore()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.flush()

    def flush(self) -> None:
        """Commit a choice stepped to with the keys and not yet committed."""
        if self._pending:
            self._pending = False
            self.chosen.emit()
