"""A layout that puts its widgets in a row and wraps them onto further rows when narrow.

Qt ships no flow layout (only an example in its documentation), so this one is written here:
the grade buttons wrap instead of being cut off or scrolling sideways in a narrow pane.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the next does not fit (height for
    width, so a scroll area gives it the height its rows need)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        # Heights by width and the rectangle last arranged, until an item changes: a card's
        # layout asks the same width many times per step to the next case.
        self._heights: dict[int, int] = {}
        self._arranged: QRect | None = None
        self._hints: list[tuple[QLayoutItem, int, int]] | None = None  # shown items' sizes
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def invalidate(self) -> None:
        """An item changed (its text, shown or hidden): heights are worked out again."""
        self._heights.clear()
        self._arranged = None
        self._hints = None
        super().invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        if rect != self._arranged:
            self._arranged = QRect(rect)
            self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One row of every item (the width it prefers)."""
        width = sum(i.sizeHint().width() for i in self._items)
        width += self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest item: narrower than that, nothing can wrap further."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown_hints(self) -> list[tuple[QLayoutItem, int, int]]:
        """Each shown item with its preferred width and height, asked once until an item
        changes (every width a layout asks about is then worked out from these)."""
        if self._hints is None:
            self._hints = []
            for item in self._items:
                if not item.isEmpty():
                    hint = item.sizeHint()
                    self._hints.append((item, hint.width(), hint.height()))
        return self._hints

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        left, right, area_width = area.x(), area.right() + 1, area.width()
        x, y, row_height = left, area.y(), 0
        for item, width, height in self._shown_hints():
            if x > left and x + width > right:
                x, y = left, y + row_height + self._spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(x, y, min(width, area_width), height))
            x += width + self._spacing
            row_height = max(row_height, height)
        return y + row_height - rect.y() + margins.bottom()
