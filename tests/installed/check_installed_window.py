"""The window of the *installed* copy: Help → User guide, Reports and Moderation open.

Run by ``scripts/check-installed`` with the fresh environment's pytest, from a folder outside
the checkout, so every module and resource comes from the wheel. The name does not start with
``test_``: the checkout's own test run does not collect it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

import auditor
import ui
from auditor.samples.demo import write_demo
from ui.shell.app import open_main_window


def _top_level(title_start: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.windowTitle().startswith(title_start):
            return widget
    return None


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    demo = tmp_path / "demo.caseaudit"
    write_demo(demo).close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("user/name", "Installed Check")
    settings.setValue("user/role", "supervisor")
    win = open_main_window(demo, settings)
    assert win is not None
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.inspection.close()


def test_the_code_comes_from_the_installed_wheel() -> None:
    for package in (auditor, ui):
        source = Path(package.__file__).resolve()
        assert "site-packages" in source.parts, source


def test_help_shows_the_user_guide(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide
    qtbot.waitUntil(lambda: guide is not None and guide.isVisible())
    text = guide.browser.toPlainText()
    assert text.startswith("Case File Auditor: user guide"), text[:200]
    assert "not found" not in text


def test_reports_open(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: _top_level("Reports") is not None)


def test_moderation_opens(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _top_level("Moderation") is not None)
