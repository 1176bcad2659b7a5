"""The window backs its file up when it opens and on its timer (only after a change), and
File → Restore from backup… restores into a new file and opens it in a window of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from auditor.backups import list_backups
from auditor.inspection import Inspection
from tests.support.window import open_window, save_screenshot
from ui.common.paths import backups_root
from ui.files.backups import INTERVAL_KEY, KEEP_KEY
from ui.files.restore_dialog import RestoreDialog


def backups_of(path: Path) -> list:
    return list_backups(backups_root(), path)


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.backups.running, timeout=20_000)


def test_opening_the_window_backs_the_file_up(qtbot, window, tmp_path: Path) -> None:
    qtbot.waitUntil(lambda: len(backups_of(window.inspection.path)) == 1, timeout=20_000)
    backup = backups_of(window.inspection.path)[0]
    assert backup.usable
    assert backup.cases == window.inspection.counts()["cases"]
    assert backup.path.is_relative_to(backups_root())
    assert backups_root().is_relative_to(tmp_path / "data")  # the app's data folder (XDG)


def test_timer_backs_up_only_after_a_change(qtbot, window) -> None:
    wait_idle(qtbot, window)
    path = window.inspection.path
    assert len(backups_of(path)) == 1
    window.backups.start()  # a tick of the timer with nothing changed
    wait_idle(qtbot, window)
    assert len(backups_of(path)) == 1
    first = window.grading.visible_cards()[0]
    first.buttons.buttons["good"].click()
    window.backups.start()  # the next tick
    wait_idle(qtbot, window)
    assert len(backups_of(path)) == 2


def test_interval_and_number_kept_come_from_the_settings(qtbot, demo_path: Path, settings) -> None:
    settings.setValue(INTERVAL_KEY, 3)
    settings.setValue(KEEP_KEY, 5)
    window = open_window(qtbot, demo_path, settings)
    try:
        assert window.backups.timer.interval() == 3 * 60_000
        assert window.backups.timer.isActive()
        assert window.backups.keep == 5
    finally:
        window.close()
        window.inspection.close()


def test_damaged_settings_fall_back_to_the_defaults(qtbot, demo_path: Path, settings) -> None:
    settings.setValue(INTERVAL_KEY, "often")
    settings.setValue(KEEP_KEY, -2)
    window = open_window(qtbot, demo_path, settings)
    try:
        assert window.backups.timer.interval() == 10 * 60_000
        assert window.backups.keep == 20
    finally:
        window.close()
        window.inspection.close()


def test_restore_from_the_file_menu_into_a_new_file_then_open_it(
    qtbot, window, tmp_path: Path
) -> None:
    wait_idle(qtbot, window)
    cases = window.inspection.counts()["cases"]
    window.actions_by_id["restore_backup"].trigger()
    dialog = window.file_views.restore_dialog
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.rowCount() == 1
    assert dialog.model.display(dialog.model.backups[0], 1) == f"{cases:,}"
    target = tmp_path / "restored.caseaudit"
    dialog.ask_target = lambda _parent, _suggested: target
    dialog.restore_button.click()
    assert target.is_file()
    assert "Restored" in dialog.message.text()
    assert dialog.open_button.isVisible()
    save_screenshot(dialog, "restore-from-backup.png")
    dialog.open_button.click()
    opened = window.opened_windows[-1]
    try:
        assert opened.inspection.path == target
        assert opened.case_model.rowCount() == cases
        assert window.inspection.path != target  # this window stays on its own file
    finally:
        opened.close()
        QApplication.processEvents()
    with Inspection.open(target) as restored:
        assert restored.integrity() == ["ok"]
