"""The grading panel's scroll area: vertical only, never squeezed into a sideways scroll."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class NeverSideways(QScrollArea):
    """A vertical scroll area at least as wide as its contents' narrowest layout (buttons and
    text wrapped), so a splitter cannot squeeze it into a horizontal scroll bar.

    The width kept is the widest the contents have needed: it grows when a case shows a wider
    card (a chosen grade's tick, a longer word) and does not shrink when the next case's cards
    are narrower, so stepping through cases does not move the splitter, lay out the whole window
    and repaint all of it at each step (as it did whenever the widest card changed).
    """

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._widest = 0  # the contents' narrowest layout, at its widest so far

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            width = watched.minimumSizeHint().width()  # type: ignore[attr-defined]
            if width > self._widest:  # only a wider need reaches the splitter
                self._widest = width
                self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        self._widest = max(self._widest, inner.minimumSizeHint().width())
        return QSize(self._widest + bar + frame, super().minimumSizeHint().height())
