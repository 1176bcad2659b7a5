"""The document reader: zoom in and out (Ctrl+=, Ctrl+-), fit width and fit page, pages
numbered with next and previous, and text set in a readable column; the chronology's rows
are fitted to their text again when the pane narrows, and the list's statuses show whole."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView

from auditor.case_rows import COL_STATUS
from auditor.grading.rules import STATUS_LABELS
from auditor.pdftext import text_pdf
from ui.cases.document_reader import IMAGE, PDF, TEXT, TEXT_COLUMN_CHARS, ZOOM_STEP
from ui.shell.main_window import MainWindow


def open_document(qtbot, window: MainWindow, filename: str):
    """Show a demo case's documents and choose the one called ``filename``."""
    for row in window.inspection.case_list():
        case_id = row[0]
        docs = window.inspection.documents(case_id)
        names = [d.filename for d in docs]
        if filename in names:
            window.select_case(case_id)
            view = window.case_file
            view.tabs.setCurrentIndex(1)
            view.document_list.setCurrentRow(names.index(filename))
            qtbot.waitUntil(view.viewer.isVisible, timeout=3000)
            return view.viewer, docs[names.index(filename)]
    pytest.skip(f"the demo has no {filename}")


def test_a_pdf_zooms_fits_and_pages(qtbot, window: MainWindow) -> None:
    reader, document = open_document(qtbot, window, "merlin_form.pdf")
    assert reader.kind() == PDF
    content = window.inspection.document_content(document.id)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", content))  # the file's own page objects
    assert reader.page.text() == f"Page 1 of {pages}"
    fitted = reader.zoom()
    reader.pdf.setFocus()  # as a click into the page gives it
    qtbot.keyClick(reader.pdf, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.pdf.zoomMode() == QPdfView.ZoomMode.Custom
    assert reader.zoom() == pytest.approx(fitted * ZOOM_STEP)
    assert reader.zoom_label.text() == f"{round(fitted * ZOOM_STEP * 100)}%"
    qtbot.keyClick(reader.pdf, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader.pdf, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.zoom() == pytest.approx(fitted / ZOOM_STEP)
    qtbot.mouseClick(reader.fit_page_button, Qt.MouseButton.LeftButton)
    assert reader.pdf.zoomMode() == QPdfView.ZoomMode.FitInView
    qtbot.mouseClick(reader.fit_width_button, Qt.MouseButton.LeftButton)
    assert reader.pdf.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert not reader.previous_button.isEnabled()
    assert reader.next_button.isEnabled() == (pages > 1)


def test_a_long_pdf_steps_page_by_page(qtbot, window: MainWindow, tmp_path) -> None:
    case_id = window.current_case_id()
    long_text = [f"Paragraph {n}: invented text about the case. " * 6 for n in range(120)]
    window.inspection.add_document(None, case_id, "long.pdf", text_pdf("Long", long_text))
    window.show_case(case_id)
    reader, document = open_document(qtbot, window, "long.pdf")
    content = window.inspection.document_content(document.id)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", content))
    assert pages >= 3
    qtbot.mouseClick(reader.next_button, Qt.MouseButton.LeftButton)
    assert reader.page.text() == f"Page 2 of {pages}"
    reader.pdf.setFocus()
    qtbot.keyClick(reader.pdf, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert reader.page.text() == f"Page 3 of {pages}"
    qtbot.keyClick(reader.pdf, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert reader.current_page() == 1


def test_text_is_set_in_a_readable_column_and_zooms(qtbot, window: MainWindow) -> None:
    reader, _document = open_document(qtbot, window, "crime_report.txt")
    assert reader.kind() == TEXT
    window.resize(1900, 1000)
    window.actions_by_id["focus_mode"].trigger()  # the widest pane there is
    qtbot.wait(50)
    text = reader.text
    column = text.viewport().width()
    assert column <= text.fontMetrics().averageCharWidth() * TEXT_COLUMN_CHARS + 30  # + padding
    assert text.x() > 0  # the column is centred in the pane
    size = text.font().pointSizeF()
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert text.font().pointSizeF() == pytest.approx(size * ZOOM_STEP)
    assert reader.kind() != IMAGE


def test_each_case_s_chronology_rows_fit_its_own_text(qtbot, window: MainWindow) -> None:
    """Each row takes its text's height (one line at least the header's smallest row): a
    tall row of one case never stays tall for the next case's row in its place."""
    window.resize(1100, 800)
    qtbot.wait(50)
    table = window.case_file.chronology
    least = table.verticalHeader().minimumSectionSize()
    wrapped = 0
    for row in range(window.case_model.rowCount()):
        window.select_row(row)
        heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
        fits = [max(least, table.sizeHintForRow(r)) for r in range(table.model().rowCount())]
        assert heights == fits
        wrapped += sum(h > min(heights) for h in heights)
    assert wrapped  # some case's rows wrap at this width, so both kinds were seen


def test_chronology_rows_fit_their_text_after_the_pane_narrows(qtbot, window: MainWindow) -> None:
    window.resize(1900, 1000)
    qtbot.wait(50)
    window.resize(1100, 800)
    table = window.case_file.chronology
    qtbot.waitUntil(
        lambda: all(
            table.rowHeight(r) >= table.sizeHintForRow(r) for r in range(table.model().rowCount())
        ),
        timeout=3000,
    )
    status_width = window.case_table.columnWidth(COL_STATUS)
    widest = max(
        window.case_table.fontMetrics().horizontalAdvance(t) for t in STATUS_LABELS.values()
    )
    assert status_width > widest  # "Awaiting review" is never cut to "Awaiting revi…"
