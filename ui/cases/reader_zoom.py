"""The document reader's zoom (in, out, fit width, fit page) and its PDF page navigation, as
a mixin of ``DocumentReader`` (which holds the text, PDF and image views it acts on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QScrollArea

from ui.cases.reader_image import RegionImage
from ui.cases.reader_pdf import pdf_scale
from ui.cases.reader_text import ReadableText

PLACEHOLDER, TEXT, PDF, IMAGE = range(4)
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 6.0


class ReaderZoom:
    """Zoom and page navigation of the reader's text, PDF and image views."""

    if TYPE_CHECKING:
        text: ReadableText
        pdf: QPdfView
        pdf_document: QPdfDocument
        image: RegionImage
        image_scroll: QScrollArea
        image_zoom: float
        page_text: bool
        _pixmap: QPixmap

        def kind(self) -> int: ...
        def _shows_text(self) -> bool: ...
        def _show_page_text(self) -> None: ...
        def _update_bar(self) -> None: ...

    # --- zoom ----------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom shown, as a factor (a fitted PDF or image: its current scale)."""
        if self._shows_text():
            return self.text.zoom
        if self.kind() == PDF:
            return self._pdf_zoom()
        if self.kind() == IMAGE:
            return self.image_zoom or self._fitted_image_zoom()
        return self.text.zoom

    def _set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        if self._shows_text():
            self.text.set_zoom(zoom)
        elif self.kind() == PDF:
            self.pdf.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf.setZoomFactor(zoom)
        elif self.kind() == IMAGE:
            self.image_zoom = zoom
            self._show_image()
        self._update_bar()

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        if self._shows_text():
            self.text.set_zoom(1.0)
        elif self.kind() == PDF:
            self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif self.kind() == IMAGE:
            self.image_zoom = 0.0
            self._show_image()
        self._update_bar()

    def fit_page(self) -> None:
        if self.kind() == PDF and not self.page_text:
            self.pdf.setZoomMode(QPdfView.ZoomMode.FitInView)
            self._update_bar()
        else:
            self.fit_width()

    def page_count(self) -> int:
        return self.pdf_document.pageCount() if self.kind() == PDF else 0

    def current_page(self) -> int:
        return self.pdf.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count():
            self.pdf.pageNavigator().jump(page, QPointF(), self.pdf.pageNavigator().currentZoom())
            if self.page_text:
                self._show_page_text()
            self._update_bar()

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _show_page(self, _page: int) -> None:
        self._update_bar()

    def _pdf_zoom(self) -> float:
        """The PDF's scale: its zoom factor, or the scale a fitting mode gives the page."""
        return max(pdf_scale(self.pdf, max(0, self.current_page())), ZOOM_MIN)

    def _fitted_image_zoom(self) -> float:
        if self._pixmap.isNull() or not self._pixmap.width():
            return 1.0
        width = max(50, self.image_scroll.viewport().width() - 4)
        return min(1.0, width / self._pixmap.width())

    def _show_image(self) -> None:
        if self._pixmap.isNull():
            self.image.clear()
            return
        zoom = self.image_zoom or self._fitted_image_zoom()
        self.image.setPixmap(
            self._pixmap.scaledToWidth(
                max(1, int(self._pixmap.width() * zoom)),
                Qt.TransformationMode.SmoothTransformation,
            )
        )
