"""A table model over a list of plain objects, one per row: what the review and moderation
tables share (each subclass says what its columns show)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from auditor.framework import Framework

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
ItemRole = Qt.ItemDataRole.UserRole + 1


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows of plain objects, one per line; subclasses say what each column shows."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.items: list[T] = []

    def reload(self, items: list[T]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def display(self, item: T, column: int) -> str:
        raise NotImplementedError

    def emphasised(self, item: T) -> bool:
        """Whether the row is shown in bold (it needs attention; the text says why too)."""
        return False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(item, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(item, index.column()) or "None"
        if role == Qt.ItemDataRole.FontRole and self.emphasised(item):
            font = QFont()
            font.setBold(True)
            return font
        if role == ItemRole:
            return item
        return None
