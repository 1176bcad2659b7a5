"""Citing through the real window: text selected by keyboard in a text document and in a PDF's
page text, cited with Ctrl+Shift+C for the focused criterion, undone with Ctrl+Z (both ledger
rows kept), listed under the criterion after stepping away and back and after a restart, and
opened at the passage highlighted; an image's region drawn and cited; risk words counted in
the document list; someone else's grading cited nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from auditor.allocation.whose import whose_grading
from auditor.evidence.passage import Passage
from auditor.pdftext import text_pdf
from tests.support.pdfs import scanned_pdf
from tests.support.window import open_window, save_screenshot, select_gradable
from ui.cases.document_reader import IMAGE, PDF, TEXT
from ui.shell.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier

# Invented case material.
TEXT_QUOTE = "no record that Ellis was seen alone"
NOTE = (
    "Visit on 4 May by the duty social worker.\n"
    "The mother said the family had moved twice this year.\n"
    f"The file holds {TEXT_QUOTE} at any visit.\n"
    "The school nurse was not told of the move.\n"
)
PDF_QUOTE = "Merlin submitted 29 days after contact"
FILLER = "The officer recorded the room used and the agencies invited to the meeting."
PDF_PARAGRAPHS = [FILLER] * 30 + [f"At the review it was noted that the {PDF_QUOTE} was made."]
PDF_PARAGRAPHS += [FILLER] * 10
# Risk words of the bundled framework: missing (twice), not seen, disclosure (the test's text).
RISK_NOTE = (
    "Ellis was reported missing on Friday and not seen by the school.\n"
    "She went Missing again on Sunday; a disclosure followed on Monday.\n"
)
RISK_COUNTS = {"missing": 2, "not seen": 1, "disclosure": 1}


def attach(inspection, case_id: str, filename: str, content: bytes, title: str) -> str:
    """Attach a document to a case (indexed as attaching does); its id."""
    return inspection.add_document(None, case_id, filename, content, title).id


def show_documents(window: MainWindow, case_id: str) -> None:
    window.select_case(case_id)
    window.show_case(case_id)
    window.case_file.tabs.setCurrentIndex(1)


def open_row(qtbot, window: MainWindow, document_id: str):
    view = window.case_file
    row = [d.id for d in view._documents].index(document_id)
    view.document_list.setCurrentRow(row)
    qtbot.waitUntil(view.viewer.isVisible, timeout=3000)
    return view.viewer


def select_by_keyboard(qtbot, text_widget, quote: str) -> None:
    """Put the cursor before ``quote`` (as a click would) and select it with Shift+Right."""
    cursor = text_widget.textCursor()
    cursor.setPosition(text_widget.toPlainText().index(quote))
    text_widget.setTextCursor(cursor)
    text_widget.setFocus()
    for _ in quote:
        qtbot.keyClick(text_widget, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def focus_criterion(window: MainWindow, number: int):
    card = window.grading.visible_cards()[number]
    card.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    return card


def ledger_details(window: MainWindow, case_id: str) -> list[str]:
    return [
        e.detail for e in window.inspection.log.history(case_id) if e.record_table == "citations"
    ]


def test_cite_text_and_pdf_by_keyboard_undo_restart_and_open_highlighted(
    qtbot, demo_path: Path, settings
) -> None:
    window = open_window(qtbot, demo_path, settings)
    case_id = select_gradable(window)
    inspection = window.inspection
    note_id = attach(inspection, case_id, "visit-note.txt", NOTE.encode(), "Visit note")
    pdf_id = attach(
        inspection,
        case_id,
        "review.pdf",
        text_pdf("Review minutes", PDF_PARAGRAPHS),
        "Review minutes",
    )
    first, second = (c.criterion for c in window.grading.visible_cards()[:2])
    show_documents(window, case_id)

    # A text document: selected by keyboard, cited for the focused criterion.
    focus_criterion(window, 0)
    reader = open_row(qtbot, window, note_id)
    assert reader.kind() == TEXT
    select_by_keyboard(qtbot, reader.text, TEXT_QUOTE)
    qtbot.keyClick(reader.text, Qt.Key.Key_C, CTRL_SHIFT)
    cited = inspection.citations.for_case(case_id, window.user.id)
    assert [(c.criterion_id, c.quote, c.start, c.page) for c in cited] == [
        (first.id, TEXT_QUOTE, NOTE.index(TEXT_QUOTE), None)
    ]
    card = window.grading.cards[first.id]
    assert [line.id for line in card.citations.lines.citations()] == [cited[0].id]

    # Ctrl+Z takes it back; the ledger keeps the citing and the taking back; redo restores it.
    qtbot.keyClick(reader.text, Qt.Key.Key_Z, CTRL)
    assert inspection.citations.for_case(case_id, window.user.id) == []
    assert card.citations.lines.count() == 0 and not card.citations.isVisibleTo(card)
    details = ledger_details(window, case_id)
    assert details == ["cited Visit note", "citation taken back"]
    qtbot.keyClick(reader.text, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [c.id for c in inspection.citations.for_case(case_id, window.user.id)] == [cited[0].id]

    # A PDF: page 2's text shown as text (Alt+T), selected and cited for another criterion.
    reader = open_row(qtbot, window, pdf_id)
    assert reader.kind() == PDF and reader.page_count() >= 2
    indexed = dict(inspection.search.pages(pdf_id))
    page = next(number for number, text in indexed.items() if PDF_QUOTE in text)
    assert page > 1
    focus_criterion(window, 1)
    reader.pdf.setFocus()
    for _ in range(page - 1):
        qtbot.keyClick(reader.pdf, Qt.Key.Key_PageDown, ALT)
    qtbot.keyClick(reader.pdf, Qt.Key.Key_T, ALT)
    assert reader.page_text and reader.text.isVisible()
    select_by_keyboard(qtbot, reader.text, PDF_QUOTE)
    qtbot.keyClick(reader.text, Qt.Key.Key_C, CTRL_SHIFT)
    by_criterion = inspection.citations.by_criterion(case_id, window.user.id)
    (pdf_citation,) = by_criterion[second.id]
    assert (pdf_citation.quote, pdf_citation.page, pdf_citation.start) == (
        PDF_QUOTE,
        page,
        indexed[page].index(PDF_QUOTE),  # the offset in the page's text as indexed
    )

    # Step to another case and back: listed under their criteria.
    other = select_gradable(window, after=window.case_model.rowCount() // 2)
    assert other != case_id
    window.select_case(case_id)
    cards = window.grading.cards
    assert TEXT_QUOTE in cards[first.id].citations.lines.item(0).text()
    assert PDF_QUOTE in cards[second.id].citations.lines.item(0).text()

    # Restart: the citations stand, and each opens its passage highlighted.
    window.close()
    inspection.close()
    window = open_window(qtbot, demo_path, settings)
    window.select_case(case_id)
    lines = window.grading.cards[first.id].citations.lines
    assert lines.count() == 1
    lines.setFocus()
    lines.setCurrentRow(0)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    reader = window.case_file.viewer
    assert window.case_file.tabs.currentIndex() == 1 and reader.kind() == TEXT
    start, end = reader.text.marked()
    assert reader.text.toPlainText()[start:end] == TEXT_QUOTE
    assert TEXT_QUOTE in [s.cursor.selectedText() for s in reader.text.extraSelections()]
    save_screenshot(window, "citing-text-highlighted.png")

    lines = window.grading.cards[second.id].citations.lines
    lines.setFocus()
    lines.setCurrentRow(0)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    assert reader.kind() == PDF and not reader.page_text
    assert reader.current_page() == page - 1
    assert reader.marked_search_text().replace("\r\n", "\n") == PDF_QUOTE
    current = reader.pdf.currentSearchResultIndex()
    assert reader.search_model.resultAtIndex(current).page() == page - 1
    save_screenshot(window, "citing-pdf-highlighted.png")
    qtbot.keyClick(reader.pdf, Qt.Key.Key_T, ALT)  # the same passage in the page's text
    reader.mark(pdf_citation.passage)
    start, end = reader.text.marked()
    assert reader.text.toPlainText()[start:end] == PDF_QUOTE

    # Delete on a citation takes it back, Ctrl+Z brings it back (this session's history).
    lines.setFocus()
    qtbot.keyClick(lines, Qt.Key.Key_Delete)
    assert second.id not in inspection_by_criterion(window, case_id)
    qtbot.keyClick(window.grading.cards[second.id], Qt.Key.Key_Z, CTRL)
    assert [c.id for c in inspection_by_criterion(window, case_id)[second.id]] == [pdf_citation.id]
    window.close()
    window.inspection.close()


def inspection_by_criterion(window: MainWindow, case_id: str):
    return window.inspection.citations.by_criterion(case_id, window.user.id)


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#8fb3d9"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_an_image_region_is_drawn_cited_and_shown(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    image_id = attach(window.inspection, case_id, "bruise-map.png", png(200, 150), "Body map")
    criterion = focus_criterion(window, 0).criterion
    show_documents(window, case_id)
    reader = open_row(qtbot, window, image_id)
    assert reader.kind() == IMAGE
    label = reader.image
    left, top = (label.width() - 200) // 2, (label.height() - 150) // 2  # centred, unscaled
    qtbot.mousePress(label, Qt.MouseButton.LeftButton, pos=QPoint(left + 50, top + 30))
    qtbot.mouseMove(label, QPoint(left + 150, top + 120))
    qtbot.mouseRelease(label, Qt.MouseButton.LeftButton, pos=QPoint(left + 150, top + 120))
    qtbot.keyClick(label, Qt.Key.Key_C, CTRL_SHIFT)
    (citation,) = window.inspection.citations.by_criterion(case_id, window.user.id)[criterion.id]
    assert citation.region == (50 / 200, 30 / 150, 100 / 200, 90 / 150)
    assert (
        "a region of the image" in window.grading.cards[criterion.id].citations.lines.item(0).text()
    )
    window.case_file.viewer.clear()
    window.grading.passage_requested.emit(citation.passage)
    assert reader.kind() == IMAGE and reader.image.marked == citation.region
    save_screenshot(window, "citing-image-region.png")


def test_risk_words_are_counted_and_marked_and_a_scan_said_unsearchable(
    qtbot, window: MainWindow
) -> None:
    case_id = window.current_case_id()
    inspection = window.inspection
    note_id = attach(inspection, case_id, "risk.txt", RISK_NOTE.encode(), "Risk note")
    scan_id = attach(inspection, case_id, "scan.pdf", scanned_pdf(), "Scanned letter")
    show_documents(window, case_id)
    view = window.case_file
    rows = {d.id: i for i, d in enumerate(view._documents)}
    about = view.document_list.item(rows[note_id]).text()
    assert f"{sum(RISK_COUNTS.values())} risk words:" in about
    for word, count in RISK_COUNTS.items():
        assert f"{word} {count}" in about
    assert "scanned: not searchable" in view.document_list.item(rows[scan_id]).text()
    reader = open_row(qtbot, window, note_id)
    marked = sorted(s.cursor.selectedText().casefold() for s in reader.text.extraSelections())
    expected = sorted(w for w, n in RISK_COUNTS.items() for _ in range(n))
    assert marked == expected
    reader = open_row(qtbot, window, scan_id)
    assert "scanned: not searchable" in reader.state.text()


def test_nothing_is_cited_without_a_focused_criterion_or_in_someone_elses_grading(
    qtbot, window: MainWindow
) -> None:
    messages: list[str] = []
    window.grading.failed.connect(messages.append)
    held = next(
        row[0]
        for row in window.inspection.case_list()
        if not whose_grading(window.inspection, window.user, row[0]).editable
    )
    document_id = attach(window.inspection, held, "held.txt", NOTE.encode(), "Held note")
    show_documents(window, held)
    reader = open_row(qtbot, window, document_id)
    select_by_keyboard(qtbot, reader.text, TEXT_QUOTE)
    qtbot.keyClick(reader.text, Qt.Key.Key_C, CTRL_SHIFT)
    assert messages and "read only" in messages[-1]
    assert window.inspection.citations.for_case(held) == []

    mine = select_gradable(window)
    document_id = attach(window.inspection, mine, "mine.txt", NOTE.encode(), "My note")
    show_documents(window, mine)
    reader = open_row(qtbot, window, document_id)
    select_by_keyboard(qtbot, reader.text, TEXT_QUOTE)
    qtbot.keyClick(reader.text, Qt.Key.Key_C, CTRL_SHIFT)
    assert "Focus a criterion" in messages[-1]
    assert window.inspection.citations.for_case(mine) == []


def test_a_search_hit_opens_with_its_words_marked(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    inspection = window.inspection
    note_id = attach(inspection, case_id, "visit-note.txt", NOTE.encode(), "Visit note")
    pdf_id = attach(
        inspection, case_id, "review.pdf", text_pdf("Review minutes", PDF_PARAGRAPHS), "Minutes"
    )
    window.open_passage(Passage(case_id, note_id, words=("mov",)))  # a prefix search's word
    reader = window.case_file.viewer
    assert reader.kind() == TEXT
    marked = [reader.text.toPlainText()[s:e] for s, e in reader.text.marks()]
    assert marked == ["moved", "move"]  # "had moved twice", "not told of the move"
    page = next(n for n, text in inspection.search.pages(pdf_id) if "Merlin" in text)
    window.open_passage(Passage(case_id, pdf_id, page, words=("merlin",)))
    assert reader.kind() == PDF and reader.current_page() == page - 1
    assert reader.marked_search_text() == "merlin"
    current = reader.pdf.currentSearchResultIndex()
    assert reader.search_model.resultAtIndex(current).page() == page - 1


def test_long_citations_fit_a_laptop_pane_and_a_passage_is_cited_once(
    qtbot, window: MainWindow
) -> None:
    messages: list[str] = []
    window.grading.failed.connect(messages.append)
    case_id = window.current_case_id()
    long_note = " ".join(
        f"Paragraph {n} of an invented, very long record of visits." for n in range(40)
    )
    note_id = attach(window.inspection, case_id, "long.txt", long_note.encode(), "Long record")
    card = focus_criterion(window, 0)
    show_documents(window, case_id)
    reader = open_row(qtbot, window, note_id)
    for quote in (long_note[:150], long_note[150:330]):
        select_by_keyboard(qtbot, reader.text, quote)
        qtbot.keyClick(reader.text, Qt.Key.Key_C, CTRL_SHIFT)
    select_by_keyboard(qtbot, reader.text, long_note[:150])  # the same passage again
    qtbot.keyClick(reader.text, Qt.Key.Key_C, CTRL_SHIFT)
    assert "Already cited" in messages[-1]
    assert len(window.inspection.citations.for_case(case_id, window.user.id)) == 2
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() <= 1366)
    QApplication.processEvents()
    scroll = window.grading.scroll
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.widget().width() <= scroll.viewport().width()
    lines = card.citations.lines
    assert lines.count() == 2 and lines.horizontalScrollBar().maximum() == 0
    right = lines.mapTo(scroll.viewport(), lines.rect().topRight()).x()
    assert right < scroll.viewport().width()
    remove = card.citations.remove
    assert remove.mapTo(scroll.viewport(), remove.rect().topRight()).x() < scroll.viewport().width()
