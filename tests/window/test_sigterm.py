"""SIGTERM (a session logging out) closes the real window as Ctrl+Q does (ui/shell/signals.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QDialog

from auditor.inspection import Inspection
from tests.support import ROOT
from tests.support.window import open_window, select_gradable
from ui.shell.main_window import MainWindow
from ui.shell.signals import CloseOnSignal, close_on_terminate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

REPO = ROOT


@pytest.fixture
def terminable(
    qtbot, demo_path: Path, settings: QSettings
) -> Iterator[tuple[MainWindow, CloseOnSignal]]:
    """The real window on the demo, closing on SIGTERM; the handler is put back afterwards."""
    window = open_window(qtbot, demo_path, settings)
    handler = close_on_terminate(window)
    yield window, handler
    handler.restore()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert signal.set_wakeup_fd(-1) == -1  # no wake-up descriptor left behind
    window.close()
    window.inspection.close()


def note_saved(path: Path, window: MainWindow, case_id: str) -> str:
    """The voice-of-the-child note of ``case_id`` as a second reader of the file sees it."""
    with Inspection.open(path) as inspection:
        assessment = inspection.grading.assessment(case_id, window.user.id)
    return assessment.note_of("voice_of_child") if assessment else ""


def consultations(path: Path, user_name: str) -> list:
    with Inspection.open(path) as inspection:
        entries = inspection.log.entries(kind="consultation")
    return [e for e in entries if e.actor_name == user_name]


def test_sigterm_closes_the_window_after_saving_what_waits(
    qtbot, terminable: tuple[MainWindow, CloseOnSignal], demo_path: Path, settings: QSettings
) -> None:
    window, handler = terminable
    shown = select_gradable(window, window.case_table.currentIndex().row())
    card = window.grading.cards["voice_of_child"]
    qtbot.keyClicks(card.note, "Seen alone at school")  # committed 0.4 s after typing stops
    assert note_saved(demo_path, window, shown) == ""  # not yet
    assert window.consultations  # openings wait for their 2 s batch

    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: window.closed, timeout=5000)

    assert not window.isVisible()
    assert handler.received == [signal.SIGTERM]
    assert note_saved(demo_path, window, shown) == "Seen alone at school"
    assert window.consultations == []
    assert consultations(demo_path, window.user.name)[-1].case_id == shown
    assert settings.value(window.last_case_key) == shown  # the file reopens on it


def test_sigterm_dismisses_a_dialog_over_the_window_first(
    qtbot, terminable: tuple[MainWindow, CloseOnSignal]
) -> None:
    window, _handler = terminable
    dialog = QDialog(window)
    dialog.setModal(True)
    QTimer.singleShot(50, lambda: os.kill(os.getpid(), signal.SIGTERM))
    assert dialog.exec() == QDialog.DialogCode.Rejected  # its nested event loop ended
    qtbot.waitUntil(lambda: window.closed, timeout=5000)
    assert not window.isVisible()


def test_other_signals_and_a_hidden_window_are_left_alone(
    qtbot, terminable: tuple[MainWindow, CloseOnSignal]
) -> None:
    window, handler = terminable
    previous = signal.signal(signal.SIGUSR1, lambda *_: None)  # another Python handler
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        qtbot.wait(200)
        assert window.isVisible() and handler.received == []
    finally:
        signal.signal(signal.SIGUSR1, previous)
    window.hide()
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: handler.received == [signal.SIGTERM], timeout=5000)
    assert not window.closed  # nothing shown, nothing to close


def test_the_workstation_exits_0_on_sigterm_with_its_openings_logged(
    tmp_path: Path, demo_path: Path
) -> None:
    """The real ``case-auditor`` process: started, signalled, exits 0 (what a logout sees)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV") and not key.startswith("XDG_")
    }
    home = tmp_path / "proc"
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    settings_file = home / "config" / "CaseFileAuditor" / "workstation.conf"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("[user]\nname=Logout Tester\nrole=inspector\n", encoding="utf-8")
    launch = "import sys; from ui.shell.launcher import main; sys.argv[0] = 'case-auditor'; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", launch, "--db", str(demo_path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The window backs the file up once its case list is read: it is up, its loop running.
        backups = home / "data" / "CaseFileAuditor" / "Case File Auditor" / "backups"
        deadline = time.monotonic() + 60
        while not list(backups.glob("*/backup-*.caseaudit")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the window never came up"
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert consultations(demo_path, "Logout Tester")  # written on closing, not lost
