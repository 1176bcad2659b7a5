"""Every piece of text a window shows or a screen reader says, for the police-wording check."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

#: The police inspection's words that a framework naming another inspected body replaces.
POLICE_WORDS = re.compile(r"\bforces?\b|\bforce's\b|borough|\bBCUs?\b|merlin", re.IGNORECASE)


def texts_of(widget: QWidget) -> Iterator[str]:
    """What ``widget`` shows and says: its text, title, tooltip, accessible name and
    description, placeholder, items and headers."""
    yield widget.toolTip()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    yield widget.statusTip()
    yield widget.windowTitle()
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        yield widget.text()
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        yield widget.placeholderText()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabWidget):
        yield from (widget.tabText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for column in range(columns):
            yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(min(model.rowCount(), 50)):
            for column in range(columns):
                index = model.index(row, column)
                yield str(index.data() or "")
                yield str(index.data(Qt.ItemDataRole.ToolTipRole) or "")


def action_texts(actions: list[QAction]) -> Iterator[str]:
    """Every action's text and tips, and those of its submenu, all the way down."""
    for action in actions:
        yield action.text()
        yield action.toolTip()
        yield action.statusTip()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from action_texts(menu.actions())


def police_words(window: QWidget, *, visible_only: bool = True) -> list[str]:
    """Each text of ``window`` (its widgets, menus) with police wording in it."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if visible_only and not widget.isVisibleTo(window) and widget is not window:
            continue
        kind = type(widget).__name__
        found += [f"{kind}: {t}" for t in texts_of(widget) if POLICE_WORDS.search(t)]
    found += [f"action: {t}" for t in action_texts(window.actions()) if POLICE_WORDS.search(t)]
    return found
