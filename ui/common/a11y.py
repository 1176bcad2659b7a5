"""Accessible names, descriptions and announcements, so a screen reader can say every control
and every change a user makes (docs/accessibility.md)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget


def describe(widget: QWidget, name: str, description: str) -> QWidget:
    """Give a control the name a screen reader announces and a sentence on what it does."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    return widget


def explain(label: QLabel, description: str) -> QLabel:
    """Say what a label is about without hiding its text: the text stays what is read (its
    name); the description is the context a screen reader adds ("The case's summary")."""
    label.setAccessibleName("")
    label.setAccessibleDescription(description)
    return label


def plain(text: str) -> str:
    """A label's rich text as it is read: "<b>Not started</b> · 8 to do" → "Not started · 8…"."""
    return QTextDocumentFragment.fromHtml(text).toPlainText()


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have a screen reader say ``text`` now (an AT-SPI "announcement"); nothing without one."""
    if not QAccessible.isActive() or not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def buddy_label(text: str, control: QWidget) -> QLabel:
    """A label a screen reader reads as ``control``'s ("labelled by"), not shown on screen:
    on Linux Qt names a combo box by its current choice, and gives its purpose by a label."""
    label = QLabel(text)
    label.setBuddy(control)
    label.setVisible(False)
    return label


#: The property marking a checkable push button that is read as a radio button in its row.
RADIO = "a11yRadio"
#: The interfaces made here, kept from Python's collector: Qt holds them in its cache and
#: deletes them with their button.
_kept: list[QAccessibleWidget] = []


class RadioButtonAccessible(QAccessibleWidget):
    """A checkable push button read as a radio button: its role, whether it is checked, and a
    press that chooses it (Qt reads a checkable push button as a check box)."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.RadioButton)
        self.button = button

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = self.button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self.button.click()
        else:
            super().doAction(name)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QAbstractButton) and obj.property(RADIO):
        interface = RadioButtonAccessible(obj)
        _kept.append(interface)
        return interface
    return None


_installed = False


def read_as_radio(button: QAbstractButton) -> None:
    """Have a screen reader read ``button`` (checkable, one of a row) as a radio button."""
    global _installed
    button.setProperty(RADIO, True)
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
