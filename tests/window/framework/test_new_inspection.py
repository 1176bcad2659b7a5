"""File → New inspection…: a file made from a chosen framework and opened in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from auditor.encryption import is_encrypted_file
from auditor.framework import bundled_frameworks, load_framework
from auditor.inspection import Inspection
from auditor.people import SUPERVISOR, session
from auditor.people.keys import new_key
from tests.support.window import open_window, type_passphrases
from tests.window.framework.support import FRAMEWORK_TOML, write_framework
from ui.files.new_inspection import NewInspectionDialog
from ui.shell.main_window import MainWindow


def _open_dialog(window: MainWindow) -> NewInspectionDialog:
    window.actions_by_id["new_inspection"].trigger()
    dialog = window.new_inspection_dialog
    assert isinstance(dialog, NewInspectionDialog) and dialog.isVisible()
    return dialog


def test_file_new_makes_an_inspection_from_a_framework_file_and_opens_it(
    qtbot, youth_window: MainWindow, tmp_path: Path, settings
) -> None:
    window = youth_window
    menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert menu[0] == "&New inspection…"
    dialog = _open_dialog(window)
    folder = tmp_path / "made"
    folder.mkdir()
    framework = dialog.use_framework_file(write_framework(folder))
    assert framework is not None and dialog.chosen() is framework
    assert "Criteria answered: 1 Yes, 2 No, 0 Not applicable" in dialog.summary.text()
    qtbot.keyClicks(dialog.name, "Second youth inspection")
    assert Path(dialog.path.text()) == tmp_path / "second-youth-inspection.caseaudit"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    made = tmp_path / "second-youth-inspection.caseaudit"
    qtbot.waitUntil(lambda: len(window.opened_windows) == 1, timeout=10_000)
    opened = window.opened_windows[0]
    qtbot.waitUntil(lambda: opened.isVisible(), timeout=10_000)
    assert opened.inspection.path == made
    assert opened.inspection.name == "Second youth inspection"
    assert opened.inspection.framework.id == "test-youth-service"
    assert opened.inspection.framework.toml_text == FRAMEWORK_TOML
    assert opened.windowTitle().startswith("Second youth inspection")
    assert settings.value("file/last") == str(made)  # the new file opens next time
    assert window.inspection.path != made  # this window stays on its own file


def test_a_bundled_framework_is_offered_and_a_bad_file_makes_nothing(
    qtbot, youth_window: MainWindow, tmp_path: Path
) -> None:
    dialog = _open_dialog(youth_window)
    names = [
        dialog.frameworks.item(i).text().split("\n")[0] for i in range(dialog.frameworks.count())
    ]
    # This inspection's framework first, and chosen; then those shipped.
    assert names == [youth_window.inspection.framework.name] + [
        f.name for _, f in bundled_frameworks()
    ]
    assert dialog.chosen() is youth_window.inspection.framework
    bad = tmp_path / "misspelt.toml"
    bad.write_text(FRAMEWORK_TOML.replace('guidance = "Look at the plan."', 'guidnace = "x"'))
    assert dialog.use_framework_file(bad) is None
    message = dialog.problem.text()
    assert str(bad) in message and "guidnace" in message
    assert dialog.frameworks.count() == len(names)  # nothing added

    probation = next(i for i, (_, f) in enumerate(bundled_frameworks()) if f.separate_answers)
    dialog.frameworks.setCurrentRow(probation + 1)
    qtbot.keyClicks(dialog.name, "Probation")
    made = tmp_path / "probation.caseaudit"
    made.write_text("")  # a file already there is refused, and left alone
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "already exists" in dialog.problem.text()
    assert made.read_text() == "" and youth_window.opened_windows == []
    made.unlink()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(youth_window.opened_windows) == 1, timeout=10_000)
    with Inspection.open(made, read_only=True) as check:
        assert check.framework.id == bundled_frameworks()[probation][1].id
        assert check.name == "Probation"


def test_in_a_signed_inspection_the_person_signed_in_leads_the_new_one(
    qtbot, tmp_path: Path, settings
) -> None:
    framework = load_framework(write_framework(tmp_path))
    lee = new_key("Lee Lead", "lee's own passphrase")
    signed = tmp_path / "signed.caseaudit"
    session.forget_everyone()
    try:
        Inspection.create(signed, name="Signed youth", framework=framework, lead=lee).close()
        session.sign_in_here(signed, lee)  # Lee signed in here earlier in the session
        window = open_window(qtbot, signed, settings)
        assert window.inspection.signed and window.user.name == "Lee Lead"
        dialog = _open_dialog(window)
        qtbot.keyClicks(dialog.name, "Made by Lee")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(window.opened_windows) == 1, timeout=10_000)
        opened = window.opened_windows[0]
        assert opened.inspection.path == tmp_path / "made-by-lee.caseaudit"
        assert opened.inspection.signed  # every change in it is signed
        assert (opened.user.name, opened.user.role) == ("Lee Lead", SUPERVISOR)
        assert opened.inspection.framework.id == framework.id
        opened.close()
        window.close()
        window.inspection.close()
    finally:
        session.forget_everyone()


def test_an_encrypted_new_file_needs_its_passphrase_twice_alike(
    qtbot, youth_window: MainWindow, tmp_path: Path
) -> None:
    window = youth_window
    dialog = _open_dialog(window)
    assert not dialog.encrypt.isChecked()  # the file open now is not encrypted
    qtbot.keyClicks(dialog.name, "Encrypted youth")
    made = tmp_path / "encrypted-youth.caseaudit"
    dialog.encrypt.setChecked(True)
    dialog.passphrase.setText("a long enough phrase")
    dialog.again.setText("a long enough phrasE")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "The two passphrases differ" in dialog.problem.text() and not made.exists()
    dialog.passphrase.setText("short")
    dialog.again.setText("short")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "at least 8 characters" in dialog.problem.text() and not made.exists()
    dialog.passphrase.setText("a long enough phrase")
    dialog.again.setText("a long enough phrase")
    asked = type_passphrases("a long enough phrase")  # the new window opens it
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.opened_windows) == 1, timeout=10_000)
    assert asked == [""]  # asked once, and the passphrase opened it
    assert is_encrypted_file(made)
    assert window.opened_windows[0].inspection.name == "Encrypted youth"
