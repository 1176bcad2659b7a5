"""The window on an inspection made with the small Yes / No framework of ``support``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.window import open_window
from tests.window.framework.support import make_inspection, youth_framework


@pytest.fixture
def youth_path(tmp_path: Path) -> Path:
    return make_inspection(tmp_path / "youth.caseaudit", youth_framework(tmp_path))


@pytest.fixture
def youth_window(qtbot, youth_path: Path, settings):
    """The real main window on the Yes / No inspection, showing its first case (YS-0001)."""
    win = open_window(qtbot, youth_path, settings)
    qtbot.waitUntil(lambda: win.grading.case is not None, timeout=10_000)
    yield win
    for other in win.opened_windows:
        other.close()
    win.close()
    win.inspection.close()
