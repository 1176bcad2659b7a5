"""The search box has no dead ends: Enter opens the first match, Down enters the list, Esc
clears the search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditor.case_rows import COL_REFERENCE, R_REF
from ui.shell.main_window import MainWindow


def listed_references(window: MainWindow) -> list[str]:
    model = window.case_model
    return [model.index(row, COL_REFERENCE).data() for row in range(model.rowCount())]


def test_enter_opens_the_first_match_and_goes_to_its_grading(qtbot, window: MainWindow) -> None:
    references = sorted(row[R_REF] for row in window.inspection.case_list())
    wanted = references[-1]  # the last in the list: Enter must move to it
    window.search.setFocus()
    qtbot.keyClicks(window.search, wanted)
    assert listed_references(window) == [wanted]
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    shown = window.inspection.case(window.current_case_id())
    assert shown.reference == wanted
    assert window.grading.case.id == shown.id
    assert window.grading.isAncestorOf(QApplication.focusWidget())


def test_enter_with_no_match_says_so(qtbot, window: MainWindow) -> None:
    before = window.current_case_id()
    qtbot.keyClicks(window.search, "no such case anywhere")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_case_id() == before or window.case_model.rowCount() == 0
    assert "No case matches" in window.statusBar().currentMessage()


def test_down_enters_the_list_and_esc_clears_the_search(qtbot, window: MainWindow) -> None:
    total = len(window.inspection.case_list())
    window.search.setFocus()
    qtbot.keyClicks(window.search, "-00")
    shown = window.case_model.rowCount()
    assert 0 < shown <= total
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.case_table
    assert window.case_table.currentIndex().isValid()
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert window.case_model.rowCount() == total
