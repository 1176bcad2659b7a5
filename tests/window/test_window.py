"""The main window on the demo inspection, driven with pytest-qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt, QUrl

from auditor.case_rows import COL_REFERENCE, COL_STATUS
from auditor.inspection import Inspection
from tests.support.window import team_counts
from ui.shell.main_window import MainWindow


def test_window_opens_on_the_demo_inspection(window: MainWindow, settings: QSettings) -> None:
    assert "fictional" in window.windowTitle()
    assert window.case_model.rowCount() == 62
    shown = window.inspection.case(window.current_case_id()).reference
    assert window.case_file.title.text().startswith(shown)
    cases, graded, flagged = team_counts(window.inspection)  # colleagues' work, for everyone
    assert window.progress.text() == f"{graded} of {cases} graded, {flagged} flagged"
    assert graded > 0  # the demo's colleagues have graded cases: the list says so
    assert settings.value("file/last") == str(window.inspection.path)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Case", "Review", "Help"]


def test_grading_a_criterion_is_saved_at_once(qtbot, window: MainWindow, demo_path: Path) -> None:
    case_id = window.current_case_id()
    card = window.grading.cards["voice_of_child"]
    qtbot.mouseClick(card.buttons.buttons["inadequate"], Qt.MouseButton.LeftButton)
    row = window.case_table.currentIndex().row()
    assert window.case_model.index(row, COL_STATUS).data() == "In progress"
    with Inspection.open(demo_path) as other:  # a second reader sees the committed grade
        user = next(a for a in other.assessors() if a.name == "Test Inspector")
        assessment = other.grading.assessment(case_id, user.id)
        assert assessment is not None
        assert assessment.grade_of("voice_of_child") == "inadequate"


def test_stepping_shows_the_next_case_and_only_its_criteria(qtbot, window: MainWindow) -> None:
    for _ in range(61):
        row = window.case_table.currentIndex().row()
        case = window.inspection.case(window.current_case_id())
        if case.case_type == "CUSTODY":
            break
        qtbot.keyClick(window.case_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert window.case_table.currentIndex().row() == row + 1
    assert case.case_type == "CUSTODY"
    assert window.case_file.title.text().startswith(case.reference)
    assert not window.grading.cards["custody_appropriate_adult"].isHidden()
    assert "missing_return_interview" not in window.grading.cards
    assert [c.criterion.id for c in window.grading.visible_cards()] == [
        c.id for c in window.inspection.framework.criteria_for("CUSTODY", case.attributes)
    ]
    assert all(c.isVisibleTo(window.grading) for c in window.grading.visible_cards())
    assert "Appropriate adult" in window.case_file.timeliness.text()


def test_search_filters_the_case_list(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "NM-18-0003")
    assert window.case_model.rowCount() == 1
    window.search.clear()
    window.type_filter.setCurrentIndex(window.type_filter.findData("CUSTODY"))
    assert window.case_model.rowCount() == 6


def test_sorting_by_a_header_keeps_the_case_on_screen(qtbot, window: MainWindow) -> None:
    window.select_row(2)
    case_id = window.current_case_id()
    reference = window.inspection.case(case_id).reference
    header = window.case_table.horizontalHeader()
    x = header.sectionViewportPosition(COL_REFERENCE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert window.case_model.index(0, COL_REFERENCE).data() == "NM-18-0062"  # now descending
    assert window.current_case_id() == case_id
    assert window.case_table.currentIndex().row() == 59
    assert window.case_file.title.text().startswith(reference)


def test_a_filter_keeps_the_case_on_screen_when_it_is_still_listed(
    qtbot, window: MainWindow
) -> None:
    window.select_case(window.inspection.case_by_reference("NM-18-0003").id)
    qtbot.keyClicks(window.search, "nm-18-000")
    assert window.case_model.rowCount() == 9
    assert window.case_table.currentIndex().row() == 2
    assert "Showing 9 of 62 cases" in window.statusBar().currentMessage()


def test_help_opens_the_user_guide(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert text.startswith("Case File Auditor: user guide")
    assert "Grading a case by keyboard" in text
    assert "|" not in text.splitlines()[0]  # markdown is rendered, not shown raw


def test_the_guide_follows_its_links_to_the_import_format_and_back(
    qtbot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    browser = window.guide.browser
    browser.setSource(QUrl("import-format.md"))  # what activating the link does
    assert browser.toPlainText().startswith("The import format")
    browser.backward()
    assert browser.toPlainText().startswith("Case File Auditor: user guide")


def test_opening_a_case_is_logged_as_a_consultation(window: MainWindow) -> None:

    log = window.inspection.log
    window.flush_consultations()  # the case shown when the window opened
    before = len(log.entries(kind="consultation", user_id=window.user.id))
    window.step(1)
    window.step(1)
    assert window.consultation_timer.isActive()  # written in one batch, not on each step
    window.flush_consultations()
    entries = log.entries(kind="consultation", user_id=window.user.id)
    assert len(entries) == before + 2
    assert entries[-1].case_id == window.current_case_id()
    assert entries[-1].actor_name == window.user.name
