"""What a screen reader is given to read, through Qt's accessibility interfaces of the real
window (offscreen, no AT-SPI bus needed): labels read by their text, a PDF's page and its
text, the tab list's section, empty cells. ``test_atspi.py`` reads the same through AT-SPI."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from auditor.pdftext import text_pdf
from tests.window.test_document_reader import open_document
from ui.shell.main_window import MainWindow

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


def read(widget: QWidget, what: QAccessible.Text = NAME) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(what)


def test_labels_are_read_by_their_text(window: MainWindow) -> None:
    view = window.case_file
    case = window.inspection.case(window.current_case_id())
    assert read(view.title) == view.title.text()
    assert read(view.title).startswith(f"{case.reference}: ")
    assert read(view.title, DESCRIPTION) == "Case reference and type"
    assert read(view.summary) == case.summary
    timeliness = read(view.timeliness)
    assert "<" not in timeliness and timeliness.strip()  # the lines, not their markup
    assert read(window.progress) == window.progress.text()
    assert " graded" in read(window.progress)
    status = read(window.grading.status)
    assert status and "<b>" not in status


def test_the_tab_list_is_labelled_by_its_section(window: MainWindow) -> None:
    interface = QAccessible.queryAccessibleInterface(window.case_file.tabs.tabBar())
    labels = [
        other.text(NAME) for other, _kind in interface.relations(QAccessible.RelationFlag.Label)
    ]
    assert labels == ["Case file sections"]


def test_filters_are_labelled_by_their_purpose(window: MainWindow) -> None:
    for combo, purpose in (
        (window.type_filter, "Filter by case type"),
        (window.status_filter, "Filter by status"),
        (window.grade_filter, "Filter by overall grade"),
    ):
        interface = QAccessible.queryAccessibleInterface(combo)
        labels = [o.text(NAME) for o, _k in interface.relations(QAccessible.RelationFlag.Label)]
        assert labels == [purpose]


def test_a_pdf_is_read_with_its_page_number_and_text(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    paragraphs = [f"Paragraph {n}: invented text about the visit. " * 6 for n in range(120)]
    window.inspection.add_document(None, case_id, "long.pdf", text_pdf("Long", paragraphs))
    window.show_case(case_id)
    reader, _document = open_document(qtbot, window, "long.pdf")
    pages = reader.page_count()
    assert pages >= 3
    assert read(reader.pdf) == f"PDF document, page 1 of {pages}"
    first = read(reader.pdf, DESCRIPTION)
    assert first.startswith("Page 1: ")
    assert "Paragraph 0: invented text about the visit." in first
    reader.next_page()
    assert read(reader.pdf) == f"PDF document, page 2 of {pages}"
    second = read(reader.pdf, DESCRIPTION)
    assert second.startswith("Page 2: ")
    assert "Paragraph 0:" not in second and "invented text about the visit." in second
    assert read(reader.page) == f"Page 2 of {pages}"  # the bar's label, by its text


def test_empty_cells_read_as_empty(window: MainWindow) -> None:
    model = window.case_model
    empty = [
        (row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if not model.index(row, column).data()
    ]
    assert empty  # the demo has cases with no overall grade, nobody allocated
    for row, column in empty[:20]:
        said = model.index(row, column).data(Qt.ItemDataRole.AccessibleTextRole)
        assert said in ("empty", "Not referred back")


def focused_children(widget: QWidget) -> list[str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    children = (interface.child(i) for i in range(interface.childCount()))
    return [c.text(NAME) for c in children if c is not None and c.state().focused]


def test_a_table_reads_a_focused_cell_only_while_it_has_the_keyboard(
    qtbot, window: MainWindow
) -> None:
    window.activateWindow()
    for table in (window.case_table, window.case_file.chronology):
        table.setFocus()
        qtbot.waitUntil(lambda t=table: QApplication.focusWidget() is t, timeout=2000)
        qtbot.keyClick(table, Qt.Key.Key_Down)  # as a user moves in it
        row = table.currentIndex().row()
        assert focused_children(table) == [table.currentIndex().data()]
        window.search.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=2000)
        assert focused_children(table) == []  # Qt's own cell would still say focused
        assert table.currentIndex().row() == row  # kept aside, the row still selected
        assert table.selectionModel().isRowSelected(row) or table is not window.case_table
        table.setFocus()
        qtbot.waitUntil(lambda t=table: QApplication.focusWidget() is t, timeout=2000)
        assert table.currentIndex().row() == row
        assert focused_children(table) == [table.currentIndex().data()]


def test_banners_are_read_by_their_text(window: MainWindow) -> None:
    window.save_banner.show_problem("the disk is full", 2)
    said = read(window.save_banner.label)
    assert said.startswith("Not saved: the disk is full.") and "2 edits are kept" in said
    case = window.inspection.case(window.current_case_id())
    window.flag_banner.ask(case)
    said = read(window.flag_banner.label)
    assert said.startswith(f"{case.reference} is flagged for referral back without a reason.")


def test_the_panes_are_read_in_their_order_on_screen(window: MainWindow) -> None:
    interface = QAccessible.queryAccessibleInterface(window.splitter)
    panes = [
        interface.child(i).object()
        for i in range(interface.childCount())
        if interface.child(i).role() != QAccessible.Role.Grip  # the splitter's handles
    ]
    assert panes == [window.splitter.widget(0), window.case_file, window.grading]
