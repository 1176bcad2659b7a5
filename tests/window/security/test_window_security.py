"""The window: the passphrase dialog (three tries, nothing written), opening problems in
words with backups offered, read-only viewing of a file another process is writing, and
File → Change passphrase…. The passphrase is in no setting, audit row or message."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.backups import take_backup
from auditor.encryption import is_encrypted_file, use_source
from auditor.inspection import Inspection
from tests.support import ROOT
from tests.support.security import MARKER, PASSPHRASE, WRONG, files_beside
from tests.support.window import grading_read_only, save_screenshot, type_passphrases, when_modal
from ui.common.paths import backups_root
from ui.files.passphrase import ChangePassphraseDialog, PassphraseDialog
from ui.files.restore_dialog import RestoreDialog
from ui.shell.app import open_main_window


def close_message(texts: list[str]) -> None:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(f"{box.text()}\n{box.informativeText()}")
        box.reject()

    when_modal(QMessageBox, act)


def test_the_window_asks_for_the_passphrase_and_keeps_it_nowhere(
    qtbot, encrypted_path: Path, settings
) -> None:
    problems = type_passphrases(WRONG, PASSPHRASE, shots={2: "passphrase-dialog.png"})
    window = open_main_window(encrypted_path, settings)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert problems == ["", "That passphrase does not open this file. 2 tries left."]
        assert "(read-only)" not in window.windowTitle()
        window.show()
        window.flush_consultations()
        rows = window.inspection.db.execute("SELECT * FROM audit_log").fetchall()
        assert not any(PASSPHRASE in repr(row) or WRONG in repr(row) for row in rows)
    finally:
        window.close()
        window.inspection.close()
    settings.sync()
    ini = Path(settings.fileName()).read_bytes()
    assert PASSPHRASE.encode() not in ini and WRONG.encode() not in ini
    assert MARKER.encode() not in encrypted_path.read_bytes()
    for path in ROOT.joinpath("build", "screenshots").glob("*.png"):
        assert PASSPHRASE.encode() not in path.read_bytes()


def test_three_wrong_passphrases_say_so_and_change_nothing(
    qtbot, encrypted_path: Path, settings
) -> None:
    before = files_beside(encrypted_path)
    problems = type_passphrases(WRONG, WRONG, WRONG)
    texts: list[str] = []
    QTimer.singleShot(0, lambda: close_message(texts))
    assert open_main_window(encrypted_path, settings) is None
    assert len(problems) == 3 and problems[2].endswith("1 try left.")
    assert len(texts) == 1
    assert f"Cannot open {encrypted_path.name}" in texts[0] and str(encrypted_path) in texts[0]
    assert "does not open this file after 3 tries" in texts[0]
    assert WRONG not in texts[0] and PASSPHRASE not in texts[0]
    assert files_beside(encrypted_path) == before


def test_cancelling_the_passphrase_opens_nothing_quietly(
    qtbot, encrypted_path: Path, settings
) -> None:
    when_modal(PassphraseDialog, lambda dialog: dialog.reject())
    assert open_main_window(encrypted_path, settings) is None


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("text", "not an inspection file"), ("truncated", "damaged"), ("newer", "newer version")],
)
def test_a_file_that_cannot_be_opened_is_named_with_its_problem(
    qtbot, tmp_path: Path, demo_template: Path, settings, kind: str, expected: str
) -> None:
    path = tmp_path / "broken.caseaudit"
    demo = demo_template.read_bytes()
    if kind == "text":
        path.write_bytes(b"Case notes typed in a text editor.\n" * 20)
    elif kind == "truncated":
        path.write_bytes(demo[: len(demo) // 2])
    else:
        path.write_bytes(demo)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    content = path.read_bytes()
    texts: list[str] = []
    QTimer.singleShot(0, lambda: close_message(texts))
    assert open_main_window(path, settings) is None
    assert len(texts) == 1 and str(path) in texts[0] and expected in texts[0].lower()
    assert "Traceback" not in texts[0]
    assert path.read_bytes() == content


def test_a_damaged_file_with_backups_offers_them(qtbot, demo_path: Path, settings) -> None:
    with Inspection.open(demo_path) as inspection:
        take_backup(inspection, backups_root())
    data = bytearray(demo_path.read_bytes())
    data[8192:] = b"\x5a" * (len(data) - 8192)
    demo_path.write_bytes(bytes(data))
    offered: list[str] = []

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        offered.append(dialog.problem.text())
        assert dialog.model.rowCount() == 1
        dialog.reject()

    when_modal(RestoreDialog, act)
    assert open_main_window(demo_path, settings) is None
    assert len(offered) == 1 and "cannot be opened" in offered[0] and "damaged" in offered[0]


WRITER = """
import sys, time
from auditor.inspection import Inspection
inspection = Inspection.open(sys.argv[1])
actor = inspection.assessor("Other Inspector", "inspector")
print("holding", flush=True)
for i in range(100000):
    inspection.add_case(actor, reference=f"W-{i}", case_type="CUSTODY", summary="x" * 200)
    print(i, flush=True)
    time.sleep(0.01)
"""


def test_a_file_another_process_writes_is_viewed_read_only(
    qtbot, demo_path: Path, settings
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(demo_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "holding"
        texts: list[str] = []

        def view(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            texts.append(f"{box.text()}\n{box.informativeText()}")
            save_screenshot(box, "file-in-use.png")
            box.buttons()[0].click()  # View read-only

        when_modal(QMessageBox, view)
        window = open_main_window(demo_path, settings)
        assert window is not None
        qtbot.addWidget(window)
        window.resize(1500, 900)
        window.show()
        qtbot.waitExposed(window)
        assert f"(process {child.pid}," in texts[0] and "Other Inspector" not in texts[0]
        assert window.inspection.read_only
        assert "(read-only)" in window.windowTitle()
        assert "Read-only" in window.read_only_label.text()
        for action_id in ("import", "merge_packages", "change_passphrase", "export", "undo"):
            assert not window.actions_by_id[action_id].isEnabled()
        assert grading_read_only(window.grading)
        save_screenshot(window, "read-only-window.png")
        first = window.inspection.counts()["cases"]
        window.step(1)
        window.flush_consultations()  # not logged: the file cannot be written here
        written = [int(child.stdout.readline()) for _ in range(20)]  # never blocked
        assert written == list(range(written[0], written[0] + 20))
        # The writer's commits are seen (the lines read may have waited in the pipe, so the
        # commits after ``first`` are waited for, not assumed).
        qtbot.waitUntil(lambda: window.inspection.counts()["cases"] > first, timeout=10_000)
        assert child.poll() is None
        window.close()
        window.inspection.close()
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        child.stdout.close()
    with Inspection.open(demo_path) as inspection:
        assert inspection.integrity() == ["ok"]
        kinds = inspection.db.execute(
            "SELECT count(*) FROM audit_log WHERE kind = 'consultation'"
        ).fetchone()[0]
        assert kinds == 0


def test_change_passphrase_from_the_file_menu(qtbot, encrypted_path: Path, settings) -> None:
    type_passphrases(PASSPHRASE)
    window = open_main_window(encrypted_path, settings)
    assert window is not None
    qtbot.addWidget(window)
    new = "the new team passphrase"
    said: list[str] = []

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ChangePassphraseDialog)
        if not said:  # first showing: a wrong current passphrase
            said.append("")
            dialog.current.setText(WRONG)
            dialog.new.setText(new)
            dialog.again.setText(new)
            dialog._check()
            return
        said.append(dialog.problem.text())
        dialog.current.setText(PASSPHRASE)
        dialog.new.setText(new)
        dialog.again.setText("different")
        dialog._check()
        said.append(dialog.problem.text())
        assert dialog.isVisible()
        dialog.again.setText(new)
        save_screenshot(dialog, "change-passphrase.png")
        dialog._check()

    # While the backup made on opening runs (its own connection holds the key), it waits.
    assert window.backups.running
    window.actions_by_id["change_passphrase"].trigger()
    assert "under way" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.backups.running, timeout=20_000)
    when_modal(ChangePassphraseDialog, act, times=2)
    window.actions_by_id["change_passphrase"].trigger()
    window.close()
    window.inspection.close()
    assert said[1] == "The current passphrase is wrong; nothing was changed."
    assert said[2] == "The two new passphrases differ."
    assert is_encrypted_file(encrypted_path)
    use_source(None)
    with Inspection.open(encrypted_path, passphrase=new) as inspection:
        assert inspection.integrity() == ["ok"]
