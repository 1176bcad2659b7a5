"""Screen-reader names, descriptions and focus order of the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTabBar, QWidget

from ui.shell.main_window import MainWindow


def _inside(widget: QWidget, kind: type) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_an_accessible_name_and_description(window: MainWindow) -> None:
    controls = [
        w
        for w in window.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and (w.isVisibleTo(window) or window.grading.isAncestorOf(w))
        # Qt's own parts of a combo box's popup and a tab bar's scroll buttons.
        and not _inside(w, QComboBox)
        and not _inside(w, QTabBar)
    ]
    assert len(controls) > 60  # the filters, both tables and every criterion's controls
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName().strip()]
    undescribed = [w.accessibleName() for w in controls if not w.accessibleDescription().strip()]
    assert unnamed == []
    assert undescribed == []


def test_tab_follows_the_reading_order(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=2000)
    names = []
    for _ in range(14):
        names.append(QApplication.focusWidget().accessibleName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    first = window.grading.visible_cards()[0].criterion.title
    assert names == [
        "Search cases",
        "Which cases",
        "Filter by case type",
        "Filter by status",
        "Filter by overall grade",
        "Show only cases referred back",
        "Case list",
        "Case file sections",
        "Chronology",
        f"Criterion: {first}",
        f"Show guidance for {first}",
        f"{first}: Good",  # one stop for the row of grades; arrow keys move along it
        f"Evidence: {first}",
        f"Criterion: {window.grading.visible_cards()[1].criterion.title}",
    ]
    # The end of the panel: overall grade, then the referral.
    window.grading.overall_box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.grading.overall_box)
    tail = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        tail.append(QApplication.focusWidget().accessibleName())
    assert tail == [
        "Overall grade: Good",
        "Refer back to the force",
        "Search cases",  # reason and note are disabled until the case is flagged
        "Which cases",
    ]


def test_arrow_keys_move_along_a_row_of_grades(qtbot, window: MainWindow) -> None:
    card = window.grading.visible_cards()[0]
    good = card.buttons.buttons["good"]
    window.activateWindow()
    good.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is good, timeout=2000)
    qtbot.keyClick(good, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is card.buttons.buttons["requires_improvement"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert (
        window.inspection.grading.assessment(window.current_case_id(), window.user.id).grade_of(
            card.criterion.id
        )
        == "requires_improvement"
    )
