"""The document reader: PDF pages, plain text or an image, with zoom (Ctrl+=, Ctrl+-), fit
width, fit page and page navigation; text is set in a column of readable width."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.records import Document
from ui.common.a11y import describe
from ui.common.flow_layout import FlowLayout

PLACEHOLDER, TEXT, PDF, IMAGE = range(4)
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 6.0
#: Text documents are set no wider than this many average characters (a readable line).
TEXT_COLUMN_CHARS = 90
#: The reader's keys, as the shortcut list shows them.
READER_KEYS = (
    ("Ctrl+=", "zoom in"),
    ("Ctrl+-", "zoom out"),
    ("Ctrl+0", "fit the width"),
    ("Ctrl+9", "fit the page"),
    ("Alt+PgDown / Alt+PgUp", "next / previous page"),
)


class ReadableText(QPlainTextEdit):
    """Read-only text no wider than TEXT_COLUMN_CHARS characters (centred by its page)."""

    def __init__(self) -> None:
        super().__init__(readOnly=True)
        self.zoom = 1.0
        self._base = self.font().pointSizeF()
        self._fit_column()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        font = self.font()
        font.setPointSizeF(self._base * zoom)
        self.setFont(font)
        self._fit_column()

    def _fit_column(self) -> None:
        column = self.fontMetrics().averageCharWidth() * TEXT_COLUMN_CHARS
        bar = self.verticalScrollBar().sizeHint().width()
        self.setMaximumWidth(column + 2 * self.frameWidth() + bar + 12)


class DocumentReader(QWidget):
    """One document at a time, with the reader's toolbar; content read on demand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel("Choose a document to read it.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = ReadableText()
        describe(self.text, "Document text", "The text of the chosen document, read only")
        text_page = QWidget()  # the column centred in the pane
        centred = QHBoxLayout(text_page)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)
        centred.addWidget(self.text, 100)
        centred.addStretch(1)
        self.pdf_document = QPdfDocument(self)
        self.pdf = QPdfView(self)
        describe(self.pdf, "PDF document", "The pages of the chosen PDF document")
        self.pdf.setDocument(self.pdf_document)
        self.pdf.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf.pageNavigator().currentPageChanged.connect(self._show_page)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName("Document image")
        self.image_scroll = QScrollArea()
        describe(self.image_scroll, "Document image", "The chosen image document")
        self.image_scroll.setWidget(self.image)
        self.image_scroll.setWidgetResizable(True)
        self._pixmap = QPixmap()
        self.image_zoom = 0.0  # 0: fit the pane
        self.stack = QStackedWidget()
        for widget in (self.placeholder, text_page, self.pdf, self.image_scroll):
            self.stack.addWidget(widget)
        self._buffer: QBuffer | None = None

        self.zoom_out_button = self._button("−", "Zoom out (Ctrl+-)", self.zoom_out)
        self.zoom_in_button = self._button("+", "Zoom in (Ctrl+=)", self.zoom_in)
        self.fit_width_button = self._button(
            "Fit width", "Fit the page width (Ctrl+0)", self.fit_width
        )
        self.fit_page_button = self._button(
            "Fit page", "Fit the whole page (Ctrl+9)", self.fit_page
        )
        self.previous_button = self._button("◀", "Previous page (Alt+PgUp)", self.previous_page)
        self.next_button = self._button("▶", "Next page (Alt+PgDown)", self.next_page)
        for small in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.previous_button,
            self.next_button,
        ):  # a symbol needs no more than a square-ish button
            small.setFixedWidth(small.fontMetrics().height() * 3)
        self.page = QLabel()
        self.page.setAccessibleName("Page")
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName("Zoom")
        bar = FlowLayout()  # wraps in a narrow pane, never cut off
        for widget in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.zoom_label,
            self.fit_width_button,
            self.fit_page_button,
            self.previous_button,
            self.page,
            self.next_button,
        ):
            bar.addWidget(widget)
        self.toolbar = QWidget()
        self.toolbar.setLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        keys = (
            ("Ctrl+=", self.zoom_in),
            ("Ctrl++", self.zoom_in),
            ("Ctrl+-", self.zoom_out),
            ("Ctrl+0", self.fit_width),
            ("Ctrl+9", self.fit_page),
            ("Alt+PgDown", self.next_page),
            ("Alt+PgUp", self.previous_page),
        )
        for sequence, slot in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_bar()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        describe(button, tip.split(" (")[0], tip)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- showing -----------------------------------------------------------------------------

    def kind(self) -> int:
        return self.stack.currentIndex()

    def clear(self) -> None:
        self.pdf_document.close()
        self.stack.setCurrentIndex(PLACEHOLDER)
        self._update_bar()

    def show_document(self, document: Document, content: bytes) -> None:
        if document.media_type == "application/pdf":
            self.pdf_document.close()
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(content))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document.load(self._buffer)
            self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.stack.setCurrentIndex(PDF)
        elif document.media_type.startswith("image/"):
            self._pixmap = QPixmap()
            self._pixmap.loadFromData(content)
            self.image_zoom = 0.0
            self.stack.setCurrentIndex(IMAGE)
            self._show_image()
        else:
            self.text.setPlainText(content.decode("utf-8", errors="replace"))
            self.stack.setCurrentIndex(TEXT)
        self._update_bar()

    # --- zoom and pages ----------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom shown, as a factor (a fitted PDF or image: its current scale)."""
        if self.kind() == PDF:
            return self._pdf_zoom()
        if self.kind() == IMAGE:
            return self.image_zoom or self._fitted_image_zoom()
        return self.text.zoom

    def _set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        if self.kind() == PDF:
            self.pdf.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf.setZoomFactor(zoom)
        elif self.kind() == IMAGE:
            self.image_zoom = zoom
            self._show_image()
        elif self.kind() == TEXT:
            self.text.set_zoom(zoom)
        self._update_bar()

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        if self.kind() == PDF:
            self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif self.kind() == IMAGE:
            self.image_zoom = 0.0
            self._show_image()
        elif self.kind() == TEXT:
            self.text.set_zoom(1.0)
        self._update_bar()

    def fit_page(self) -> None:
        if self.kind() == PDF:
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
            self._update_bar()

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _show_page(self, _page: int) -> None:
        self._update_bar()

    def _pdf_zoom(self) -> float:
        """The PDF's scale: its zoom factor, or the scale a fitting mode gives the page."""
        mode = self.pdf.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.pdf.zoomFactor()
        page = self.pdf_document.pagePointSize(max(0, self.current_page()))
        margins = self.pdf.documentMargins()
        dots = self.pdf.logicalDpiX() / 72.0  # a page's size is in points
        width = (self.pdf.viewport().width() - margins.left() - margins.right()) / dots
        scale = width / page.width() if page.width() else 1.0
        if mode == QPdfView.ZoomMode.FitInView and page.height():
            height = (self.pdf.viewport().height() - margins.top() - margins.bottom()) / dots
            scale = min(scale, height / page.height())
        return max(scale, ZOOM_MIN)

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

    def _update_bar(self) -> None:
        kind = self.kind()
        self.toolbar.setVisible(kind != PLACEHOLDER)
        pages = self.page_count()
        for widget in (self.previous_button, self.next_button, self.page):
            widget.setVisible(kind == PDF)
        self.fit_page_button.setVisible(kind == PDF)
        if kind == PDF:
            page = self.current_page()
            self.page.setText(f"Page {page + 1} of {pages}" if pages else "No pages")
            self.previous_button.setEnabled(page > 0)
            self.next_button.setEnabled(page + 1 < pages)
        self.zoom_label.setText(f"{round(self.zoom() * 100)}%")
