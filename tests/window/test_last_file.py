"""The file the window reopens: stored as an absolute path, and a notice when it has gone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.support.window import open_window
from ui.shell.app import choose_file, open_main_window


def test_a_file_opened_by_a_relative_path_is_remembered_absolutely(
    qtbot, demo_path: Path, settings, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(demo_path.parent)
    window = open_window(qtbot, Path(demo_path.name), settings)
    window.close()
    window.inspection.close()
    stored = Path(str(settings.value("file/last")))
    assert stored.is_absolute()
    assert stored == demo_path.resolve()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # started again from another folder: the same file
    assert choose_file(None, settings) == (demo_path.resolve(), "")


def test_when_the_last_file_has_gone_the_demo_opens_and_the_user_is_told(
    qtbot, demo_path: Path, settings, tmp_path: Path
) -> None:
    moved = tmp_path / "moved.caseaudit"
    settings.setValue("file/last", str(moved))  # a file that is no longer there
    window = open_main_window(None, settings)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    try:
        box = window.findChild(QMessageBox, "lastFileGone")
        qtbot.waitUntil(lambda: box.isVisible())
        assert str(moved) in box.text()
        assert "no longer there" in box.text()
        assert window.inspection.path.name == "demo.caseaudit"
        assert window.inspection.path != moved
        box.close()
    finally:
        window.close()
        window.inspection.close()


def test_an_old_relative_setting_is_not_trusted(demo_path: Path, settings, monkeypatch) -> None:
    monkeypatch.chdir(demo_path.parent)
    settings.setValue("file/last", demo_path.name)  # written by an earlier version
    path, notice = choose_file(None, settings)
    assert path != Path(demo_path.name)
    assert path.is_absolute()
    assert demo_path.name in notice
