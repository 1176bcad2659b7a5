"""Accessible names, descriptions and announcements, so a screen reader can say every control
and every change a user makes (docs/accessibility.md)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget


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
