"""The PDF page view's helpers: the scale a fitting zoom gives a page, and a cited passage
marked on its page with the view's search-result marks."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView

from auditor.evidence.passage import Passage

#: Points shown above the passage when the view jumps to it.
ABOVE = 40.0
#: How much of a page's text a screen reader is given as the view's description.
PAGE_TEXT_READ = 4000


def page_words(document: QPdfDocument, page: int) -> tuple[str, str]:
    """What a screen reader reads of a PDF view: its name ("PDF document, page 2 of 5") and
    the page's text (or why there is none), since the drawn page itself says nothing."""
    pages = document.pageCount()
    if pages <= 0:
        return "PDF document, no pages", ""
    text = document.getAllText(page).text().strip()
    said = text[:PAGE_TEXT_READ] if text else "No text on this page (a scan or a picture)."
    return f"PDF document, page {page + 1} of {pages}", f"Page {page + 1}: {said}"


def mark_on_page(view: QPdfView, model: QPdfSearchModel, passage: Passage) -> bool:
    """Jump to the passage's page and mark its quote there (else its first line, else the
    passage's words); whether it was found. Searched now, so marked in the same frame."""
    document = view.document()
    page = (passage.page or 1) - 1
    page_text = document.getAllText(page).text().casefold()
    quote = passage.quote.strip()
    candidates = [quote.replace("\n", "\r\n"), quote, *quote.splitlines()[:1], *passage.words]
    for candidate in (c for c in candidates if c.strip()):
        model.setSearchString(candidate)
        for before in range(page + 1):  # each page up to the passage's, in page order
            model.resultsOnPage(before)
        found = [
            i for i in range(model.rowCount(QModelIndex())) if model.resultAtIndex(i).page() == page
        ]
        if not found:
            continue
        nth = 0
        if passage.start is not None:  # the occurrence at the quote's start
            nth = page_text[: passage.start].count(candidate.casefold())
        index = found[min(nth, len(found) - 1)]
        view.setCurrentSearchResultIndex(index)
        where = model.resultAtIndex(index).location()
        navigator = view.pageNavigator()
        navigator.jump(page, QPointF(0, max(0.0, where.y() - ABOVE)), navigator.currentZoom())
        return True
    model.setSearchString("")
    view.pageNavigator().jump(page, QPointF(), view.pageNavigator().currentZoom())
    return False


def pdf_scale(view: QPdfView, page: int) -> float:
    """The view's scale: its zoom factor, or the scale a fitting mode gives ``page``."""
    mode = view.zoomMode()
    document = view.document()
    if mode == QPdfView.ZoomMode.Custom or document is None or document.pageCount() == 0:
        return view.zoomFactor()
    size = document.pagePointSize(page)
    margins = view.documentMargins()
    dots = view.logicalDpiX() / 72.0  # a page's size is in points
    width = (view.viewport().width() - margins.left() - margins.right()) / dots
    scale = width / size.width() if size.width() else 1.0
    if mode == QPdfView.ZoomMode.FitInView and size.height():
        height = (view.viewport().height() - margins.top() - margins.bottom()) / dots
        scale = min(scale, height / size.height())
    return scale
