"""The case file's chronology as a table model: when, event, detail, late events marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from auditor.records import Event

COL_WHEN, COL_EVENT, COL_DETAIL = range(3)
#: The roles the model answers (the text, its tool tip, the colour of a late event).
ANSWERED = frozenset(
    role.value
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)


class ChronologyModel(QAbstractTableModel):
    """The case's chronology as a table; events late against a measure are marked."""

    HEADERS = ("When", "Event", "Detail")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []
        self._labels: dict[str, str] = {}
        self._late_events: set[str] = set()
        self.warning = QColor("#b3261e")

    def set_warning_colour(self, colour: QColor) -> None:
        self.warning = colour
        if self._events:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._events) - 1, 2))

    def reload(self, events: list[Event], labels: dict[str, str], late_events: set[str]) -> None:
        self.beginResetModel()
        self._events, self._labels, self._late_events = events, labels, late_events
        self.endResetModel()

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked once for each role of each cell painted (about 240 asks a step to the next
        # case), most of them roles this model leaves to the view: those return at once.
        if role not in ANSWERED or not index.isValid():
            return None
        event = self._events[index.row()]
        late = event.event_type in self._late_events
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.warning if late else None
        if index.column() == COL_WHEN:
            return event.occurred_at.replace("T", " ")
        if index.column() == COL_EVENT:
            label = self._labels.get(event.event_type, event.event_type)
            return f"{label} (late)" if late else label
        return event.detail
