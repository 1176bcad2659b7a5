"""The main window on the demo inspection, driven with pytest-qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from auditor.inspection import Inspection
from ui.case_model import COL_REFERENCE, COL_STATUS
from ui.main_window import MainWindow

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def test_window_opens_on_the_demo_inspection(window: MainWindow, settings: QSettings) -> None:
    assert "fictional" in window.windowTitle()
    assert window.filter_model.rowCount() == 62
    first = window.filter_model.index(0, COL_REFERENCE).data()
    assert window.case_file.title.text().startswith(first)
    assert "0 of 62 graded" in window.progress.text()  # a new user has graded nothing yet
    assert settings.value("file/last") == str(window.inspection.path)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Case", "Help"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / "main-window.png"))


def test_grading_a_criterion_is_saved_at_once(qtbot, window: MainWindow, demo_path: Path) -> None:
    case_id = window.current_case_id()
    card = window.grading.cards["voice_of_child"]
    qtbot.mouseClick(card.buttons.buttons["inadequate"], Qt.MouseButton.LeftButton)
    row = window.case_table.currentIndex().row()
    assert window.filter_model.index(row, COL_STATUS).data() == "In progress"
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
    assert window.grading.cards["missing_return_interview"].isHidden()
    assert "Appropriate adult" in window.case_file.timeliness.text()


def test_search_filters_the_case_list(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "NM-18-0003")
    assert window.filter_model.rowCount() == 1
    window.search.clear()
    window.type_filter.setCurrentIndex(window.type_filter.findData("CUSTODY"))
    assert window.filter_model.rowCount() == 6
