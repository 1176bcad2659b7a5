"""The reader's image view: a region drawn with the mouse (to cite it) and a cited region shown,
both as fractions of the image's width and height."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QMenu, QRubberBand

Region = tuple[float, float, float, float]
#: A drag shorter than this (pixels) is a click, not a region.
MIN_DRAG = 4


def spanned(a: QPoint, b: QPoint) -> QRect:
    """The rectangle a drag from ``a`` to ``b`` spans (as wide as the drag, not one more)."""
    return QRect(min(a.x(), b.x()), min(a.y(), b.y()), abs(b.x() - a.x()), abs(b.y() - a.y()))


class RegionImage(QLabel):
    """An image, centred; dragging over it draws the region to cite; a cited region is drawn."""

    #: The context menu's Cite item was chosen.
    cite_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._origin: QPoint | None = None
        self.selected: Region | None = None  # drawn by the user, to cite
        self.marked: Region | None = None  # a cited region, shown
        self.cite_label = None

    def clear_regions(self) -> None:
        self.selected = self.marked = None
        self._band.hide()
        self.update()

    def image_rect(self) -> QRect:
        """Where the image is drawn in the label (centred)."""
        pixmap = self.pixmap()
        if pixmap is None or pixmap.isNull():
            return QRect()
        size: QSize = pixmap.deviceIndependentSize().toSize()
        left = max(0, (self.width() - size.width()) // 2)
        top = max(0, (self.height() - size.height()) // 2)
        return QRect(QPoint(left, top), size)

    def to_region(self, rect: QRect) -> Region | None:
        """A rectangle of the label as fractions of the image (None if it misses the image)."""
        image = self.image_rect()
        part = rect.intersected(image)
        if image.isEmpty() or part.width() < MIN_DRAG or part.height() < MIN_DRAG:
            return None
        return (
            round((part.left() - image.left()) / image.width(), 4),
            round((part.top() - image.top()) / image.height(), 4),
            round(part.width() / image.width(), 4),
            round(part.height() / image.height(), 4),
        )

    def from_region(self, region: Region) -> QRect:
        image = self.image_rect()
        x, y, w, h = region
        return QRectF(
            image.left() + x * image.width(),
            image.top() + y * image.height(),
            w * image.width(),
            h * image.height(),
        ).toRect()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            self._band.setGeometry(QRect(self._origin, QSize()))
            self._band.show()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            self._band.setGeometry(spanned(self._origin, event.position().toPoint()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None and event.button() == Qt.MouseButton.LeftButton:
            rect = spanned(self._origin, event.position().toPoint())
            self._origin = None
            self.selected = self.to_region(rect)
            if self.selected is None:
                self._band.hide()
            else:
                self._band.setGeometry(self.from_region(self.selected))
        super().mouseReleaseEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.selected is not None:
            self._band.setGeometry(self.from_region(self.selected))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.marked is None:
            return
        painter = QPainter(self)
        box = self.from_region(self.marked)
        palette = self.palette()
        for role, width in ((palette.ColorRole.Base, 6), (palette.ColorRole.Highlight, 3)):
            painter.setPen(QPen(palette.color(role), width))  # a halo: seen on any image
            painter.drawRect(box)
        painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.cite_label is None:
            return
        menu = QMenu(self)
        action = menu.addAction(self.cite_label())
        action.setEnabled(self.selected is not None)
        action.triggered.connect(self.cite_requested.emit)
        menu.exec(event.globalPos())
        menu.deleteLater()
