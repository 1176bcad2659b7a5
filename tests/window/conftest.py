"""The window's fixtures: QSettings kept in the test's folder, a signed-in user, the real main
window on a fresh copy of the demo inspection (offscreen, set by tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import ui  # noqa: F401  (first: contains PySide6's None refcount bug on Python 3.11)
from tests.support.window import open_window, select_gradable, stop_waiting_for_modals


@pytest.fixture(autouse=True)
def qsettings_in_tmp(tmp_path: Path) -> None:
    """QSettings of any scope and format write under the test's folder, never the user's."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(tmp_path / "qsettings"))


@pytest.fixture
def settings(tmp_path: Path):
    """Window settings in the test's folder, with a current user already chosen."""
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("user/name", "Test Inspector")
    s.setValue("user/role", "inspector")
    return s


@pytest.fixture
def window(qtbot, demo_path: Path, settings):
    """The real main window on a fresh copy of the demo inspection, showing the first case
    the user may grade (the demo's colleagues have graded others, shown read only)."""
    win = open_window(qtbot, demo_path, settings)
    select_gradable(win)
    yield win
    win.close()
    win.inspection.close()


@pytest.fixture(autouse=True)
def no_modal_waits_left_over():
    """A test's unanswered ``when_modal`` waits end with it (they would act on a later one's)."""
    yield
    stop_waiting_for_modals()
