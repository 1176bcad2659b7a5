"""A keyboard-only walk of every dialog and window the menus open: Tab reaches controls that
a screen reader can name, focus stays in the dialog, and Esc closes a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

from tests.support.window import open_window

#: The menus' entries that open a dialog or window (those asking for a file first, and
#: switching user, which reopens the window, are left out).
OPENED = (
    "people",
    "moderation",
    "reports",
    "questions",
    "review_queue",
    "quality",
    "referrals",
    "history",
    "audit_log",
    "allocate",
    "shortcuts",
    "guide",
    "export",
    "export_force",
    "import",
)
WALK_EXTRA = 3  # Tab presses past the number of controls: the walk comes round again


@pytest.fixture
def supervisor_window(qtbot, demo_path: Path, settings):
    """The window as the demo's supervisor, who has every menu entry to use."""
    settings.setValue("user/name", "Alex Placeholder")
    settings.setValue("user/role", "supervisor")
    window = open_window(qtbot, demo_path, settings)
    yield window
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()
    window.close()
    window.inspection.close()


def spoken_name(widget: QWidget) -> str:
    """What a screen reader names a control by (its name, else the label it is labelled by)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    name = interface.text(QAccessible.Text.Name).strip()
    if not name:
        labels = interface.relations(QAccessible.RelationFlag.Label)
        name = " ".join(other.text(QAccessible.Text.Name) for other, _kind in labels).strip()
    if not name and isinstance(widget, QComboBox):
        name = widget.accessibleName()  # read with its choice; the choice may be empty
    return name


class Walk:
    """Walks the first window shown after ``start`` that was not shown before."""

    def __init__(self, before: set[QWidget]) -> None:
        self.before = before
        self.done = False
        self.window: QWidget | None = None
        #: Each control Tab reached, read while it exists (a window deleted on close takes
        #: its controls with it): its kind, whether it is in the window, its spoken name.
        self.reached: list[tuple[str, bool, str]] = []
        self.escaped = False
        self.was_dialog = False
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        if self.done:
            return
        if self.window is None:
            shown = [
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible() and w not in self.before and w.isWindow()
            ]
            if not shown:
                return
            self.window = shown[0]
            self.window.activateWindow()
            return
        window = self.window
        if QApplication.activeWindow() is not window:  # a window manager's activation
            window.activateWindow()
            return
        self.timer.stop()
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not window:
            window.focusNextChild()  # where Tab starts in a window opened by the keyboard
        focusable = [
            w
            for w in window.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        for _ in range(len(focusable) + WALK_EXTRA):
            current = QApplication.focusWidget()
            if current is not None:
                kind = f"{type(current).__name__} {current.objectName()}".strip()
                inside = current.window() is window
                self.reached.append((kind, inside, spoken_name(current)))
                QTest.keyClick(current, Qt.Key.Key_Tab)
        self.was_dialog = isinstance(window, QDialog)
        if self.was_dialog:
            target = QApplication.focusWidget() or window
            QTest.keyClick(target, Qt.Key.Key_Escape)
            self.escaped = not window.isVisible()
        window.close()
        self.done = True


@pytest.mark.parametrize("action_id", OPENED)
def test_every_dialog_walks_with_the_keyboard(qtbot, supervisor_window, action_id: str) -> None:
    window = supervisor_window
    action = window.actions_by_id[action_id]
    if not action.isEnabled():
        pytest.skip(f"{action_id} is not offered to the demo's supervisor here")
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    walk = Walk(before)
    QTimer.singleShot(0, action.trigger)
    qtbot.waitUntil(lambda: walk.done, timeout=10_000)
    assert walk.window is not None
    assert walk.reached, f"{action_id}: Tab reached no control"
    outside = [kind for kind, inside, _name in walk.reached if not inside]
    assert outside == [], f"{action_id}: focus left the window"
    unnamed = sorted({kind for kind, _inside, name in walk.reached if not name})
    assert unnamed == [], f"{action_id}: controls a screen reader cannot name"
    if walk.was_dialog:
        assert walk.escaped, f"{action_id}: Esc did not close the dialog"
