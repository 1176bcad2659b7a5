"""A large file is checked after the window shows; damage is reported at once, with backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from tests.support.window import open_window, save_screenshot, when_modal


def _damage_an_index(path: Path) -> None:
    """Overwrite the pages of one index the window does not read on opening."""
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_kind'"
    ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start + 8 : start + size - 8] = b"\xa5" * (size - 16)
    path.write_bytes(bytes(data))


@pytest.fixture
def every_file_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the demo as a large file: opened at once, checked after the window shows."""
    import ui.files.health_check

    monkeypatch.setattr(ui.files.health_check, "CHECK_BEFORE_BYTES", 0)


def test_a_large_damaged_file_is_reported_once_the_window_shows(
    qtbot, demo_path: Path, settings, every_file_is_large
) -> None:
    _damage_an_index(demo_path)
    said: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(f"{box.text()}\n{box.informativeText()}")
        save_screenshot(box, "file-damaged.png")
        box.button(QMessageBox.StandardButton.Close).click()

    when_modal(QMessageBox, close)
    settings.setValue("user/name", "Robin Example")  # one of the demo's inspectors
    window = open_window(qtbot, demo_path, settings)
    assert window.health_check is not None
    qtbot.waitUntil(lambda: window.health_check.done, timeout=20_000)
    qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    assert said[0].startswith("demo.caseaudit is damaged")
    assert "The file is damaged (SQLite's quick check found:" in said[0]
    assert "Restore a backup into a new file" in said[0]
    assert "Traceback" not in said[0]
    assert "damaged" in window.statusBar().currentMessage()
    window.close()
    window.inspection.close()


def test_a_large_healthy_file_is_checked_without_a_word(
    qtbot, demo_path: Path, settings, every_file_is_large
) -> None:
    window = open_window(qtbot, demo_path, settings)
    assert window.health_check is not None
    qtbot.waitUntil(lambda: window.health_check.done, timeout=20_000)
    assert window.health_check.damage is None
    window.close()
    window.inspection.close()


def test_a_small_file_is_checked_before_it_opens(qtbot, demo_path: Path, settings) -> None:
    from ui.shell.app import open_main_window

    _damage_an_index(demo_path)
    said: list[str] = []
    when_modal(QMessageBox, lambda box: (said.append(box.informativeText()), box.accept()))
    assert open_main_window(demo_path, settings) is None  # refused: no window on a damaged file
    assert "The file is damaged (SQLite's quick check found: Tree" in said[0]


def test_damage_found_while_signing_in_is_said_not_raised(
    qtbot, demo_path: Path, settings, every_file_is_large
) -> None:
    """A new user is added to the file on first sign-in: that write meets the damage."""
    from ui.shell.app import open_main_window

    _damage_an_index(demo_path)
    said: list[str] = []
    when_modal(QMessageBox, lambda box: (said.append(box.informativeText()), box.accept()))
    assert open_main_window(demo_path, settings) is None  # "Test Inspector" is new here
    assert "malformed" in said[0]


def test_a_file_already_open_here_is_not_checked_again(demo_path: Path) -> None:
    """Worker threads open the window's file again: that costs no second quick check."""
    from auditor.inspection import Inspection
    from db.errors import CorruptFileError

    _damage_an_index(demo_path)
    with Inspection.open(demo_path, quick_check=False) as first:  # the window, large file
        with Inspection.open(demo_path) as worker:  # a worker thread's own connection
            assert worker.damage() is not None  # checking is left to whoever asks
        assert first.damage() is not None
    with pytest.raises(CorruptFileError):  # opened afresh, the file is checked again
        Inspection.open(demo_path)
