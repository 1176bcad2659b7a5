"""The backup made on opening starts a moment after the window is built (so after its first
paint), is then made, and is never started by a window closed before it was due."""

from __future__ import annotations

from pathlib import Path

from auditor.backups import list_backups
from tests.support.window import open_window
from ui.common.paths import backups_root
from ui.shell.app import open_main_window
from ui.shell.main_window import OPENING_WORK_DELAY_MS


def test_the_opening_backup_starts_after_the_window_is_painted(
    qtbot, demo_path: Path, settings
) -> None:
    window = open_main_window(demo_path, settings)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.backups.runner.thread is None  # not started before it is shown
        assert window.backups.running  # but due: waiting for idle backups waits for it
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: len(list_backups(backups_root(), demo_path)) == 1, timeout=20_000)
        qtbot.waitUntil(lambda: not window.backups.running, timeout=20_000)
        made = list_backups(backups_root(), demo_path)[0]
        assert made.cases == window.inspection.counts()["cases"]
    finally:
        window.close()
        window.inspection.close()


def test_closing_before_the_opening_backup_is_due_makes_none(
    qtbot, demo_path: Path, settings
) -> None:
    window = open_window(qtbot, demo_path, settings)
    window.close()
    qtbot.wait(OPENING_WORK_DELAY_MS + 300)
    assert window.backups.runner.thread is None
    assert not window.backups.running
    assert list_backups(backups_root(), demo_path) == []
    window.inspection.close()
