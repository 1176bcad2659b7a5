"""The document search through the real window: Ctrl+Shift+F, type, Enter; a phrase in a PDF
and a prefix in a text document found, a bad query said in the panel, a hit opening its case
and document, the case list narrowed to the matching cases, and an older file's documents
indexed when it is opened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditor.case_rows import R_ID, R_REF
from auditor.evidence.index import MARKS
from auditor.inspection import Inspection
from auditor.pdftext import text_pdf
from tests.support.pdfs import scanned_pdf
from tests.support.window import open_window, save_screenshot
from ui.search.model import COL_CASE, COL_DOCUMENT, COL_PAGE, COL_SNIPPET, SnippetHtmlRole

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# Invented words no demo document holds, so the test knows exactly which documents match.
PHRASE = "strategy discussion left out Quennell Lodge"
PDF_TITLE = "Strategy meeting minutes (invented)"
TEXT_WORD = "Marrowfield"  # found by the prefix "marrowf*"
TEXT_TITLE = "Health visitor note (invented)"
FILLER = (
    "The officer recorded the time of arrival, the names of those present and the room used "
    "for the meeting, then listed the agencies invited and those who sent apologies."
)


@dataclass
class Attached:
    """The documents a test attached: which case and document each search should find."""

    pdf_case: str
    pdf_reference: str
    pdf_document: str
    text_case: str
    text_reference: str
    text_document: str


def attach(path: Path) -> Attached:
    """A three-page PDF whose phrase is on page 2, and a text document, on two demo cases."""
    with Inspection.open(path) as inspection:
        rows = sorted(inspection.case_list(), key=lambda r: r[R_REF])
        first, second = rows[0], rows[1]
        pages = [FILLER] * 40 + [f"At the second meeting the {PHRASE} clinic entirely."]
        pages += [FILLER] * 50
        pdf = inspection.add_document(
            None, first[R_ID], "strategy.pdf", text_pdf(PDF_TITLE, pages), PDF_TITLE
        )
        note = f"Visited on 3 March.\nThe family moved to {TEXT_WORD} Road after the fire.\n"
        text = inspection.add_document(None, second[R_ID], "hv-note.txt", note.encode(), TEXT_TITLE)
        inspection.add_document(None, second[R_ID], "faxed.pdf", scanned_pdf(2), "Faxed referral")
        return Attached(first[R_ID], first[R_REF], pdf.id, second[R_ID], second[R_REF], text.id)


def pdf_page_of(content_words: str, path: Path, document_id: str) -> int:
    """The page of the PDF whose text holds the words (read from the index's own text)."""
    with Inspection.open(path) as inspection:
        for page, text in inspection.search.pages(document_id):
            if content_words in " ".join(text.split()):
                assert page is not None
                return page
    raise AssertionError(f"{content_words!r} is on no page")


@pytest.fixture
def attached(demo_path: Path) -> Attached:
    return attach(demo_path)


def open_search(qtbot, window):
    """Ctrl+Shift+F in the window; the panel, its search box focused."""
    window.activateWindow()
    qtbot.keyClick(window.case_table, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.evidence.search_panel
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.query)
    return panel


def search(qtbot, panel, text: str) -> None:
    panel.query.selectAll()
    qtbot.keyClicks(panel.query, text)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)


def unsearchable(path: Path) -> int:
    """Documents whose index state says no text was found (read from the file)."""
    with Inspection.open(path) as inspection:
        return inspection.db.execute(
            "SELECT count(*) FROM document_index WHERE state != 'indexed'"
        ).fetchone()[0]


def searches_logged(path: Path) -> list[tuple[str, str]]:
    with Inspection.open(path) as inspection:
        return [
            (r[0], r[1])
            for r in inspection.db.execute(
                "SELECT new_value, detail FROM audit_log WHERE field = 'search' ORDER BY rowid"
            ).fetchall()
        ]


def test_search_by_keyboard_finds_a_phrase_in_a_pdf_and_a_prefix_in_a_text_document(
    qtbot, window, attached: Attached, demo_path: Path
) -> None:
    panel = open_search(qtbot, window)
    search(qtbot, panel, f'"{PHRASE}"')
    assert not panel.message.isVisible()
    model = panel.model
    assert model.rowCount() == 1
    assert model.index(0, COL_CASE).data() == attached.pdf_reference
    assert model.index(0, COL_DOCUMENT).data() == PDF_TITLE
    page = pdf_page_of(PHRASE, demo_path, attached.pdf_document)
    assert page > 1  # the phrase is past the first page: the page shown is the hit's
    assert model.index(0, COL_PAGE).data() == str(page)
    snippet = model.index(0, COL_SNIPPET).data()
    assert "Quennell" in snippet and not any(m in snippet for m in MARKS)
    html = model.index(0, COL_SNIPPET).data(SnippetHtmlRole)
    assert f"<b>{PHRASE}</b>" in html and not any(m in html for m in MARKS)
    assert panel.count.text().startswith("1 document matches")
    # ... and says how many documents no search can see (the scanned PDF attached, and any
    # of the demo's own that are not text).
    assert f"{unsearchable(demo_path)} document" in panel.count.text()
    assert "cannot be searched" in panel.count.text()
    save_screenshot(panel, "search-panel-phrase.png")

    search(qtbot, panel, "marrowf*")
    assert [model.index(r, COL_CASE).data() for r in range(model.rowCount())] == [
        attached.text_reference
    ]
    assert model.index(0, COL_DOCUMENT).data() == TEXT_TITLE
    assert model.index(0, COL_PAGE).data() == ""  # a text document has no pages
    assert f"<b>{TEXT_WORD}</b>" in model.index(0, COL_SNIPPET).data(SnippetHtmlRole)

    search(qtbot, panel, "zzqqxx")
    assert model.rowCount() == 0
    assert panel.count.text().startswith("No document matches")
    assert not panel.open_button.isEnabled()

    # Each search ran is logged once, with how many documents it found.
    logged = searches_logged(demo_path)
    assert [text for text, _ in logged] == [f'"{PHRASE}"', "marrowf*", "zzqqxx"]
    found = [detail.rsplit(": ", 1)[-1] for _, detail in logged]
    assert found == ["1 matching", "1 matching", "0 matching"]


def test_a_bad_query_is_said_in_the_panel(qtbot, window, attached: Attached) -> None:
    panel = open_search(qtbot, window)
    search(qtbot, panel, "marrowf*")
    assert panel.model.rowCount() == 1
    search(qtbot, panel, '"not seen')
    assert panel.message.isVisible() and panel.message.refused
    assert "quote opened at character 1 is not closed" in panel.message.text()
    assert "Traceback" not in panel.message.text()
    assert panel.model.rowCount() == 0  # the earlier hits are not left as if they matched
    assert QApplication.activeModalWidget() is None  # said in the panel, not a dialog
    search(qtbot, panel, "marrowf*")
    assert not panel.message.isVisible()
    assert panel.model.rowCount() == 1


def test_opening_a_hit_shows_its_case_and_document(qtbot, window, attached: Attached) -> None:
    window.select_case(attached.text_case)  # another case is on screen
    panel = open_search(qtbot, window)
    search(qtbot, panel, PHRASE.split()[-1])  # "Lodge": only the PDF
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)  # into the results
    assert QApplication.focusWidget() is panel.table
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.shown_case_id() == attached.pdf_case
    assert window.current_case_id() == attached.pdf_case
    viewer = window.case_file.viewer
    assert viewer.document is not None and viewer.document.id == attached.pdf_document


def test_the_case_list_narrows_to_the_cases_whose_documents_match(
    qtbot, window, attached: Attached
) -> None:
    window.filter_bar.scope.setCurrentIndex(0)  # all cases
    everyone = len(window.listed_case_ids())
    assert everyone > 2
    panel = open_search(qtbot, window)
    search(qtbot, panel, "marrowf* lodge")  # every term must match: no document has both
    assert panel.model.rowCount() == 0
    search(qtbot, panel, "quennell")
    assert panel.list_button.isEnabled()
    qtbot.mouseClick(panel.list_button, Qt.MouseButton.LeftButton)
    assert window.listed_case_ids() == [attached.pdf_case]
    notice = window.filter_bar.document_label
    assert notice.isVisible() and "quennell" in notice.text()
    assert "(1 case matches)" in notice.text()  # only the PDF's case has the word
    # The list's own filters still apply on top; clearing the document filter lists all again.
    qtbot.mouseClick(window.filter_bar.clear_documents_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    assert len(window.listed_case_ids()) == everyone


def test_an_older_files_documents_are_indexed_when_it_opens(
    qtbot, demo_path: Path, settings, attached: Attached
) -> None:
    with Inspection.open(demo_path) as inspection:  # as a file from before the index
        documents = inspection.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        inspection.db.execute("DELETE FROM document_text")
        inspection.db.execute("DELETE FROM document_index")
        inspection.db.conn.commit()
        assert inspection.search.unindexed() == documents
        assert inspection.search.documents("marrowf*") == []
    window = open_window(qtbot, demo_path, settings)
    try:
        qtbot.waitUntil(lambda: window.inspection.search.unindexed() == 0, timeout=30_000)
        qtbot.waitUntil(lambda: not window.evidence.indexer.running, timeout=10_000)
        panel = open_search(qtbot, window)
        assert not panel.indexing.isVisible()  # nothing waits
        search(qtbot, panel, "marrowf*")
        assert [panel.model.item(r).document_id for r in range(panel.model.rowCount())] == [
            attached.text_document
        ]
    finally:
        window.close()
        window.inspection.close()


def test_a_stopped_indexing_continues_when_asked(
    qtbot, demo_path: Path, settings, attached: Attached
) -> None:
    with Inspection.open(demo_path) as inspection:
        inspection.db.execute("DELETE FROM document_text")
        inspection.db.execute("DELETE FROM document_index")
        inspection.db.conn.commit()
        documents = inspection.search.unindexed()
    window = open_window(qtbot, demo_path, settings)
    try:
        indexer = window.evidence.indexer
        qtbot.waitUntil(lambda: indexer.running, timeout=10_000)
        panel = open_search(qtbot, window)
        qtbot.waitUntil(lambda: panel.indexing.text().startswith("Indexing documents:"))
        assert f"of {documents:,}" in panel.indexing.text()
        qtbot.mouseClick(panel.index_button, Qt.MouseButton.LeftButton)  # Stop indexing
        qtbot.waitUntil(lambda: not indexer.running, timeout=30_000)
        left = window.inspection.search.unindexed()
        if left:  # stopped part-way: the panel says what a search cannot see yet
            assert panel.indexing.text().startswith(f"{left:,} document")
            assert panel.index_button.text() == "&Index them now"
            qtbot.mouseClick(panel.index_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: window.inspection.search.unindexed() == 0, timeout=30_000)
            qtbot.waitUntil(lambda: not indexer.running, timeout=10_000)
        assert not panel.indexing.isVisible()
    finally:
        window.close()
        window.inspection.close()
