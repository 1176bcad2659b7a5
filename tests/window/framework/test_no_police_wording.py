"""A framework that names another inspected body: no police wording in the window or help."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.window.framework.wording import POLICE_WORDS, action_texts, police_words
from ui.shell.help import ShortcutsDialog
from ui.shell.main_window import MainWindow


def test_the_window_menus_and_help_use_the_frameworks_words(
    qtbot, youth_window: MainWindow
) -> None:
    window = youth_window
    window.select_case(window.inspection.case_by_reference("YS-0002").id)
    for widget in [window.grading, window.case_file]:
        assert widget.isVisible()
    assert police_words(window) == []
    menus = list(action_texts(window.menuBar().actions()))
    assert "Export for the youth &service…" in menus
    assert "&Refer back to the youth service…" in menus
    assert [t for t in menus if POLICE_WORDS.search(t)] == []
    assert window.grading.referral_box.title() == "Referral back to the youth service"

    window.actions_by_id["shortcuts"].trigger()
    (box,) = [b for b in window.findChildren(ShortcutsDialog) if b.isVisible()]
    text = box.browser.toPlainText()
    assert POLICE_WORDS.findall(text) == []
    criterion = text.index("With a criterion focused")
    overall = text.index("With the overall grade focused")
    assert criterion < text.index("Yes, then move to the next") < overall
    assert overall < text.index("Outstanding, then move to the next")
    assert "Good, Requires improvement, Inadequate" not in text
    assert police_words(box) == []
    box.close()
    QApplication.processEvents()
