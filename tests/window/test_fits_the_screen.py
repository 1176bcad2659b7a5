"""The window fits a laptop: on first run it takes the screen's available area (never more), a
remembered size larger than the screen is cut down, the grading panel never scrolls sideways
or cuts a control (1366×768 and 1920×1080, at 100% and 150%), the case list shows a case's
reference, status and grade whole (at 100%), F11 gives the case the width,
and no view the menus open is larger than the screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication

from tests.support import ROOT
from ui.shell.app import open_main_window

CHILD = ROOT / "tests" / "support" / "screen_fit_child.py"
SCREENS = {
    "1366x768": (1366, 768, "1"),
    "1920x1080": (1920, 1080, "1"),
    "1366x768-150": (1366, 768, "1.5"),
    "1920x1080-150": (1920, 1080, "1.5"),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_window_fits_each_screen_and_grading_never_scrolls_sideways(
    demo_path: Path, tmp_path: Path, name: str
) -> None:
    width, height, scale = SCREENS[name]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}
        )
    )
    settings = tmp_path / "settings.ini"
    settings.write_text("[user]\nname=Test Inspector\nrole=inspector\n")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
    }
    done = subprocess.run(
        [sys.executable, str(CHILD), str(demo_path), str(settings), name],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    logical = [round(width / float(scale)), round(height / float(scale))]
    assert [abs(a - b) <= 1 for a, b in zip(report["screen"], logical, strict=True)] == [True] * 2
    assert report["inside"], report  # never larger than the screen
    assert report["window"] == report["screen"], report  # first run: the whole available area
    assert report["status_bar_shown"], report
    if scale == "1":  # at 150% a laptop's list pane is ~300 pixels: it scrolls sideways
        assert report["list_cut"] == [], report  # reference, status and grade in view, whole
    assert not report["sideways"], report
    assert report["cut"] == [], report
    assert report["focus_hides_list"] and report["focus_cut"] == [], report
    assert report["views"] >= 10, report  # the main views, each opened from its menu
    assert report["too_big"] == [], report  # none opens larger than the screen


def test_a_remembered_size_larger_than_the_screen_is_cut_down(
    qtbot, demo_path: Path, tmp_path: Path, settings: QSettings, window
) -> None:
    window.resize(5000, 4000)
    window.move(-300, -200)
    geometry: QByteArray = window.saveGeometry()
    window.close()
    window.inspection.close()
    settings.setValue("window/geometry", geometry)
    again = open_main_window(demo_path, settings)
    assert again is not None
    qtbot.addWidget(again)
    again.show()
    area = again.screen().availableGeometry()
    qtbot.waitUntil(lambda: area.contains(again.frameGeometry()), timeout=3000)
    again.close()
    again.inspection.close()


def test_f11_hides_the_case_list_and_ctrl_f_brings_it_back(qtbot, window) -> None:
    case_id = window.current_case_id()
    window.actions_by_id["focus_mode"].trigger()
    assert not window.splitter.widget(0).isVisible()
    assert window.actions_by_id["focus_mode"].isChecked()
    window.actions_by_id["next"].trigger()  # stepping goes on with the list hidden
    assert window.current_case_id() != case_id
    window.actions_by_id["search"].trigger()
    assert window.splitter.widget(0).isVisible()
    assert QApplication.focusWidget() is window.search
    window.actions_by_id["focus_mode"].trigger()
    window.actions_by_id["focus_mode"].trigger()
    assert window.splitter.widget(0).isVisible()
    assert not window.actions_by_id["focus_mode"].isChecked()


def test_narrowing_the_window_wraps_the_grade_buttons(qtbot, window) -> None:
    scroll = window.grading.scroll
    for width in (1500, 1100, 900):
        window.resize(width, 800)
        qtbot.wait(50)
        assert scroll.widget().width() <= scroll.viewport().width(), width
        assert not scroll.horizontalScrollBar().isVisible(), width
