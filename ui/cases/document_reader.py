"""The document reader: PDF pages, plain text or an image, with zoom (Ctrl+=, Ctrl+-), fit
width, fit page and page navigation; text is set in a column of readable width. A PDF page's
text can be shown as text (Page text, Alt+T) to select it; a selection (or an image's drawn
region) is cited, and a cited passage is marked; risk words are marked in their colour."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.evidence import risk
from auditor.evidence.passage import Passage
from auditor.evidence.text import decode_text
from auditor.records import Document
from ui.cases.reader_image import Region, RegionImage
from ui.cases.reader_pdf import mark_on_page, page_words
from ui.cases.reader_text import TEXT_COLUMN_CHARS, ReadableText
from ui.cases.reader_zoom import IMAGE, PDF, PLACEHOLDER, TEXT, ZOOM_STEP, ReaderZoom
from ui.common.a11y import describe, explain
from ui.common.flow_layout import FlowLayout

__all__ = [
    "IMAGE",
    "PDF",
    "PLACEHOLDER",
    "TEXT",
    "TEXT_COLUMN_CHARS",
    "ZOOM_STEP",
    "DocumentReader",
]

#: How to cite what is shown, said beside the reader's buttons.
HINTS = {
    TEXT: "To cite: select text, then Ctrl+Shift+C",
    PDF: "To cite: Page text (Alt+T), then select",
    IMAGE: "To cite: drag over the image, then Ctrl+Shift+C",
}
HINTS_IN_PAGE_TEXT = {**HINTS, PDF: HINTS[TEXT]}
#: What a selection is, to cite: (page of a PDF or None, start, quote, image region).
Selection = tuple[int | None, int | None, str, Region | None]


class DocumentReader(ReaderZoom, QWidget):
    """One document at a time, with the reader's toolbar; content read on demand."""

    #: The context menu's "Cite for …" was chosen (cite the selection).
    cite_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.risk_words: tuple[str, ...] = ()
        self.page_text = False  # a PDF shown as its current page's text
        self._state_text = ""  # "scanned: not searchable"
        self._kind = PLACEHOLDER
        self.placeholder = QLabel("Choose a document to read it.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = ReadableText()
        describe(
            self.text,
            "Document text",
            "The text of the chosen document, read only; select a passage with Shift+arrows "
            "and press Ctrl+Shift+C to cite it",
        )
        self.text.cite_requested.connect(self.cite_requested)
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
        self.pdf.pageNavigator().currentPageChanged.connect(self._read_page)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.pdf_document)
        self.pdf.setSearchModel(self.search_model)
        self.image = RegionImage()
        self.image.setAccessibleName("Document image")
        self.image.cite_requested.connect(self.cite_requested)
        self.image_scroll = QScrollArea()
        describe(
            self.image_scroll,
            "Document image",
            "The chosen image document; drag over it to draw a region to cite",
        )
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
        self.page_text_button = self._button(
            "Page text",
            "Page text: the page's text, to select and cite a passage (Alt+T)",
            self.toggle_page_text,
        )
        self.page_text_button.setCheckable(True)
        for small in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.previous_button,
            self.next_button,
        ):  # a symbol needs no more than a square-ish button
            small.setFixedWidth(small.fontMetrics().height() * 3)
        self.page = explain(QLabel(), "Page")  # read by its text: "Page 2 of 5"
        self.zoom_label = explain(QLabel(), "Zoom")
        self.state = QLabel()  # "scanned: not searchable", "select text to cite"
        explain(self.state, "About this document")
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
            self.page_text_button,
            self.state,
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
            ("Alt+T", self.toggle_page_text),
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
        button.clicked.connect(lambda *_: slot())
        return button

    def set_cite_label(self, label: Callable[[], str] | None) -> None:
        """What the context menu's Cite item says ("Cite for <criterion>"); None: no item."""
        self.text.cite_label = label
        self.image.cite_label = label

    # --- showing -----------------------------------------------------------------------------

    def kind(self) -> int:
        """What is shown: PLACEHOLDER, TEXT, PDF (also as page text) or IMAGE."""
        return self._kind

    def _shows_text(self) -> bool:
        return self._kind == TEXT or (self._kind == PDF and self.page_text)

    def clear(self) -> None:
        self.pdf_document.close()
        self.document = None
        self._kind = PLACEHOLDER
        self.page_text = False
        self.stack.setCurrentIndex(PLACEHOLDER)
        self._update_bar()

    def show_document(self, document: Document, content: bytes, state: str = "") -> None:
        """Show a document; ``state`` says when its text is not searchable."""
        self.document = document
        self.page_text = False
        self.search_model.setSearchString("")
        self.image.clear_regions()
        if document.media_type == "application/pdf":
            self.pdf_document.close()
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(content))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document.load(self._buffer)
            self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self._kind = PDF
            self.stack.setCurrentIndex(PDF)
            self._read_page(0)
        elif document.media_type.startswith("image/"):
            self._pixmap = QPixmap()
            self._pixmap.loadFromData(content)
            self.image_zoom = 0.0
            self._kind = IMAGE
            self.stack.setCurrentIndex(IMAGE)
            self._show_image()
        else:
            self._kind = TEXT
            self._set_text(decode_text(content))
            self.stack.setCurrentIndex(TEXT)
        self._state_text = state
        self._update_bar()

    def _read_page(self, page: int) -> None:
        """The PDF view names its page and gives its text to a screen reader (Alt+T shows
        the text itself, to read line by line and select)."""
        name, text = page_words(self.pdf_document, max(0, page))
        self.pdf.setAccessibleName(name)
        self.pdf.setAccessibleDescription(f"{text}\n(Alt+T: the page's text, to read and cite)")

    def _set_text(self, text: str) -> None:
        self.text.show_text(text, risk.spans(self.risk_words, text) if self.risk_words else ())

    def toggle_page_text(self) -> None:
        """Alt+T: a PDF's current page as text (to select and cite), or back to the page."""
        self.set_page_text(not self.page_text)

    def set_page_text(self, on: bool) -> None:
        if self._kind != PDF or (on and self._state_text):  # a scan: no text to show
            return
        self.page_text = on
        if on:
            self._show_page_text()
            self.stack.setCurrentIndex(TEXT)
        else:
            self.stack.setCurrentIndex(PDF)
        self._update_bar()
        (self.text if on else self.pdf).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_page_text(self) -> None:
        page = max(0, self.current_page())
        self._set_text(self.pdf_document.getAllText(page).text() if self.page_count() else "")

    # --- citing and marking -------------------------------------------------------------------

    def selection(self) -> Selection | None:
        """What is selected to cite: (page of a PDF, start, quote, image region), or None."""
        if self._shows_text():
            chosen = self.text.selection()
            if chosen is None:
                return None
            page = self.current_page() + 1 if self._kind == PDF else None
            return (page, chosen[0], chosen[1], None)
        if self._kind == IMAGE and self.image.selected is not None:
            return (None, None, "", self.image.selected)
        return None

    def mark(self, passage: Passage) -> bool:
        """Go to the passage and mark it (the document is shown), focus on it; whether it
        was found."""
        found = self._mark(passage)
        self.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
        if self._shows_text():
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def _mark(self, passage: Passage) -> bool:
        if self._kind == IMAGE:
            self.image.marked = passage.region
            self.image.update()
            if passage.region is not None:
                box = self.image.from_region(passage.region)
                self.image_scroll.ensureVisible(box.center().x(), box.center().y(), 50, 50)
            return passage.region is not None
        if self._kind == PDF and passage.page:
            self.go_to_page(passage.page - 1)
        if self._shows_text():
            return self.text.mark_passage(passage.quote, passage.start, passage.words)
        if self._kind == PDF:
            return self._mark_on_page(passage)
        return False

    def _mark_on_page(self, passage: Passage) -> bool:
        found = mark_on_page(self.pdf, self.search_model, passage)
        self._update_bar()
        return found

    def marked_search_text(self) -> str:
        """The text the PDF view's marks show (the cited quote, or its first line)."""
        return self.search_model.searchString()

    def _update_bar(self) -> None:
        kind = self.kind()
        self.toolbar.setVisible(kind != PLACEHOLDER)
        pages = self.page_count()
        for widget in (self.previous_button, self.next_button, self.page):
            widget.setVisible(kind == PDF)
        self.fit_page_button.setVisible(kind == PDF and not self.page_text)
        self.page_text_button.setVisible(kind == PDF)
        self.page_text_button.setChecked(self.page_text)
        hints = HINTS_IN_PAGE_TEXT if self.page_text else HINTS
        # An image is never searchable (no need to say); a scanned PDF has no text to select.
        unsearchable = bool(self._state_text) and kind != IMAGE
        said = [self._state_text] if unsearchable else []
        if not (unsearchable and kind == PDF):
            said.append(hints.get(kind, ""))
        self.state.setText(" · ".join(s for s in said if s))
        self.page_text_button.setEnabled(not unsearchable or self.page_text)
        if kind == PDF:
            page = self.current_page()
            self.page.setText(f"Page {page + 1} of {pages}" if pages else "No pages")
            self.previous_button.setEnabled(page > 0)
            self.next_button.setEnabled(page + 1 < pages)
        self.zoom_label.setText(f"{round(self.zoom() * 100)}%")
