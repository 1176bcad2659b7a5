"""The grading panel's scroll area: vertical only, never squeezed into a sideways scroll."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class NeverSideways(QScrollArea):
    """A vertical scroll area at least as wide as its contents' narrowest layout (buttons and
    text wrapped), so a splitter cannot squeeze it into a horizontal scroll bar."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the contents' narrowest width may have changed
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(
            inner.minimumSizeHint().width() + bar + frame, super().minimumSizeHint().height()
        )
