"""A framework that names another inspected body: no police wording in the window or help."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget

from tests.support.window import wait_built
from tests.window.framework.support import write_framework
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


def _tabs_walked(qtbot, widget) -> list[str]:
    """Police wording in ``widget`` with each of its tab pages shown in turn."""
    found = police_words(widget)
    for tabs in widget.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found += police_words(widget)
    return found


def test_the_views_a_menu_opens_use_the_frameworks_words(qtbot, youth_window: MainWindow) -> None:
    window = youth_window
    views = [
        window.review_views.open_referrals(),
        window.review_views.open_queue(),
        window.moderation_views.open_moderation(),
        window.report_views.open_export_for_force(),
        window.report_views.open_export(),
        _open_new(window),
    ]
    for view in views:
        qtbot.waitExposed(view)
        assert _tabs_walked(qtbot, view) == [], view.windowTitle()
        view.close()
    assert views[3].windowTitle() == "Export for the youth service"
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    assert _tabs_walked(qtbot, reports) == []
    reports.close()


def _open_new(window: MainWindow):
    """File → New inspection… with this inspection's framework file chosen (the list still
    offers the bundled police framework by its name, which is no wording of the window)."""
    window.actions_by_id["new_inspection"].trigger()
    dialog = window.new_inspection_dialog
    assert dialog.use_framework_file(write_framework(Path(window.inspection.path).parent))
    return dialog


def test_a_referral_is_recorded_in_the_frameworks_words(qtbot, youth_window: MainWindow) -> None:
    window = youth_window
    window.select_case(window.inspection.case_by_reference("YS-0001").id)
    panel = window.grading
    panel.start_referral()  # Ctrl+R: the case flagged, the cursor on the reason
    assert panel.refer.isChecked()
    history = window.review_views.open_history()
    log = window.review_views.open_log()
    for view in (history, log):
        qtbot.waitExposed(view)
        said = [view.model.display(e, view.model.COL_WHAT) for e in view.model.items]
        assert "Test Inspector (inspector) ticked Refer back to the youth service" in said
        assert police_words(view) == []
        view.close()


def test_the_user_guide_says_the_keys_of_the_open_framework(qtbot, youth_window: MainWindow):
    window = youth_window
    window.actions_by_id["guide"].trigger()
    guide = window.guide
    assert guide is not None
    qtbot.waitExposed(guide)
    assert guide.keys.text() == (
        "In this inspection (Test youth service case questions) a criterion's keys are "
        "1 Yes, 2 No, 0 Not applicable; the overall grade's are 1 Outstanding, 2 Good, "
        "3 Requires improvement, 4 Inadequate."
    )
    # The guide keeps the police example, but never says its keys are every framework's.
    assert "1** Good, **2** Requires improvement" not in guide.browser.toMarkdown()
    assert "keys follow the scale" in guide.browser.toPlainText()
    # Its text is in the framework's words: what is audited, the inspected body, the areas.
    text = guide.browser.toPlainText()
    assert POLICE_WORDS.findall(text) == []
    assert "youth service case records" in text and "the youth service" in text
    guide.close()
