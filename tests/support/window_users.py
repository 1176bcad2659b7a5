"""Opening the real window as a named user, and grading and flagging through its panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from auditor.records import Case
from ui.shell.main_window import MainWindow

ROBIN = ("Robin Example", "inspector")
SAM = ("Sam Sample", "inspector")
ALEX = ("Alex Placeholder", "supervisor")


def window_as(
    qtbot, path: Path, tmp_path: Path, who: tuple[str, str], *, every_case: bool = True
) -> MainWindow:
    """The main window on ``path`` for the user ``who`` (name, role), with its own settings,
    listing every case (``every_case=False`` keeps the first view: "My cases" and so on)."""
    from tests.support.window import open_window

    name, role = who
    settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("user/name", name)
    settings.setValue("user/role", role)
    window = open_window(qtbot, path, settings)
    assert window.user.name == name and window.user.role == role
    qtbot.waitUntil(lambda: not window.case_loader.loading, timeout=10_000)
    if every_case:
        window.filter_bar.scope.setCurrentIndex(0)  # "All cases"
    return window


def close_all(*windows: MainWindow) -> None:
    for window in windows:
        window.close()
        window.inspection.close()


def ungraded_case(window: MainWindow, case_type: str | None = None) -> Case:
    """A case of the list that the window's user has not graded at all."""
    inspection = window.inspection
    for row in range(window.case_model.rowCount()):
        case_id = window.case_model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
        case = inspection.case(case_id)
        if case_type and case.case_type != case_type:
            continue
        if not inspection.grading.assessments(case_id):
            return case
    raise AssertionError("no case is left ungraded")


def grade_and_flag(qtbot, window: MainWindow, case: Case, note: str) -> None:
    """Grade every criterion Inadequate with the mouse, then flag it with a reason and note."""
    window.select_case(case.id)
    assert window.current_case_id() == case.id
    panel = window.grading
    for card in panel.visible_cards():
        qtbot.mouseClick(card.buttons.buttons["inadequate"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.overall_buttons.buttons["inadequate"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(panel.refer, Qt.Key.Key_Space)  # tick "Refer back to the force"
    qtbot.keyClick(panel.reason, Qt.Key.Key_Down)  # the first reason in the list
    qtbot.keyClicks(panel.referral_note, note)
    panel.flush()
    assessment = window.inspection.grading.assessment(case.id, window.user.id)
    assert assessment is not None and assessment.referral is not None
    assert assessment.status == "awaiting_review", panel.status.text()
