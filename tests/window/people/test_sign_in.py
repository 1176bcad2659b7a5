"""Signing in to a signed inspection in the real window: choose yourself from the roster, your
key's passphrase (three tries), read-only with the reason for anyone not on the roster, and a
first key made on this workstation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from auditor.audit.verify import verify_ledger
from auditor.inspection import Inspection
from auditor.people import session
from auditor.people.keys import PersonalKey, read_card, read_key, short_fingerprint
from tests.support.people import (
    ANA,
    LEE,
    UMA,
    Team,
    keys_here,
    read_only_reason,
    save_at_size,
    sign_in_as,
)
from tests.support.window import (
    grading_read_only,
    open_window,
    save_screenshot,
    select_gradable,
    when_modal,
)
from ui.people.keyring import keys_dir, local_keys
from ui.people.setup import KeyMadeDialog, KeySetupDialog, MakeKeyDialog
from ui.people.sign_in import NOT_ON_ROSTER, SignInDialog
from ui.shell.main_window import MainWindow


def _last_alteration(window: MainWindow) -> dict:
    row = window.inspection.db.execute(
        "SELECT actor_id, author_id, signature FROM audit_log WHERE kind = 'alteration' "
        "ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    return {"actor_id": row[0], "author_id": row[1], "signature": row[2]}


def test_choosing_yourself_from_the_roster_signs_every_grade(qtbot, team: Team, settings) -> None:
    keys_here(team, ANA, LEE, UMA)  # Uma's key is here too, but she is not on the roster
    listed: list[str] = []
    sign_in_as(ANA, seen=listed, shot="sign-in.png")
    window = open_window(qtbot, team.path, settings)
    assert [text.split(" — ")[:2] for text in listed] == [
        ["Ana Inspector", "Inspector"],
        ["Lee Lead", "Supervisor"],
    ]
    assert window.user.name == "Ana Inspector" and window.user.role == "inspector"
    assert window.inspection.me == window.user and not window.inspection.read_only
    assert window.user_label.text() == "Ana Inspector (inspector)"
    ana_key = session.key_for(team.path)
    assert ana_key is not None and ana_key.fingerprint == read_card(team.card(ANA)).fingerprint

    select_gradable(window)  # a case of Ana's to grade (not a colleague's, read only)
    cards = window.grading.visible_cards()
    window.grading.grade_criterion(cards[0].criterion.id, "good")
    window.grading.flush()
    last = _last_alteration(window)
    assert last["author_id"] == window.user.id and last["signature"]
    report = verify_ledger(window.inspection)
    assert report.ok, report.problems
    save_at_size(window, "signed-in-window.png")
    window.close()
    window.inspection.close()
    with Inspection.open(team.path, read_only=True) as again:  # a worker's own connection
        assert again.me is not None and again.me.name == "Ana Inspector"


def test_a_wrong_passphrase_is_refused_and_said(qtbot, team: Team, settings) -> None:
    keys_here(team, ANA)
    seen: list[str] = []
    sign_in_as(ANA, "not ana's passphrase", "still not it", seen=seen, shot="sign-in-wrong.png")
    window = open_window(qtbot, team.path, settings)
    assert "The passphrase does not open Ana Inspector's key (2 tries left)" in seen[1]
    assert "(1 try left)" in seen[2]
    assert window.user.name == "Ana Inspector" and not window.inspection.read_only
    window.close()
    window.inspection.close()


def test_three_wrong_passphrases_leave_the_file_read_only(qtbot, team: Team, settings) -> None:
    keys_here(team, ANA)

    def three_wrong(widget: QWidget) -> None:
        assert isinstance(widget, SignInDialog)
        for attempt in ("wrong one", "wrong two", "wrong three"):
            widget.passphrase.setText(attempt)
            widget.sign_in_button.click()

    when_modal(SignInDialog, three_wrong)
    window = open_window(qtbot, team.path, settings)
    assert window.inspection.read_only and window.inspection.me is None
    assert "did not open Ana Inspector's key, 3 times" in read_only_reason(qtbot, window)
    assert session.key_for(team.path) is None
    window.close()
    window.inspection.close()


def test_a_person_not_on_the_roster_views_read_only_and_is_told_why(
    qtbot, team: Team, settings
) -> None:
    (uma,) = keys_here(team, UMA)
    reasons: list[str] = []

    def view_read_only(widget: QWidget) -> None:
        assert isinstance(widget, KeySetupDialog)
        reasons.append(widget.findChild(QWidget, "keySetupReason").text())
        save_screenshot(widget, "not-on-roster.png")
        widget.read_only_button.click()

    when_modal(KeySetupDialog, view_read_only)
    window = open_window(qtbot, team.path, settings)
    assert window.inspection.read_only and window.inspection.me is None
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "notSignedIn"]
    qtbot.waitUntil(boxes[0].isVisible)
    save_screenshot(boxes[0], "read-only-not-on-roster-box.png")
    reason = read_only_reason(qtbot, window)
    assert reason.startswith(NOT_ON_ROSTER), reason
    assert str(uma.card_path) in reason and short_fingerprint(uma.fingerprint) in reason
    assert reasons[0] == reason
    assert "(read-only)" in window.windowTitle()
    assert "not signed in" in window.read_only_label.text()
    assert window.user_label.text() == "Not signed in"
    for action_id in ("import", "merge_packages", "export", "undo", "refer"):
        assert not window.actions_by_id[action_id].isEnabled()
    assert grading_read_only(window.grading)
    save_at_size(window, "read-only-not-on-roster.png")
    window.close()
    window.inspection.close()
    with Inspection.open(team.path) as inspection:  # nothing was written by the viewer
        assert verify_ledger(inspection).ok


def test_first_run_makes_a_key_and_shows_the_card_to_send(qtbot, team: Team, settings) -> None:
    assert local_keys() == []
    made: list[str] = []

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, MakeKeyDialog)
        widget.name.setText("  Nia   Newcomer ")
        widget.passphrase.setText("short")
        widget.again.setText("short")
        widget.make_button.click()
        made.append(widget.problem.text())
        widget.passphrase.setText("nia's own passphrase")
        widget.again.setText("nia's other passphrase")
        widget.make_button.click()
        made.append(widget.problem.text())
        widget.again.setText("nia's own passphrase")
        save_screenshot(widget, "make-key.png")
        widget.make_button.click()

    def shown(widget: QWidget) -> None:
        assert isinstance(widget, KeyMadeDialog)
        made.append(widget.card.text())
        made.append(widget.fingerprint.text())
        made.append(widget.findChild(QWidget, "cardFullFingerprint").text())
        save_screenshot(widget, "key-made.png")
        widget.accept()

    when_modal(KeySetupDialog, lambda w: w.make_button.click())
    when_modal(MakeKeyDialog, fill)
    when_modal(KeyMadeDialog, shown)
    window = open_window(qtbot, team.path, settings)
    assert "at least 8 characters" in made[0]
    assert "The two passphrases differ" in made[1]
    (key,) = local_keys()
    assert key.name == "Nia Newcomer" and key.path.parent == keys_dir()
    assert made[2] == str(key.card_path) and key.card_path.is_file()
    assert made[4].replace(" ", "") == key.fingerprint
    assert short_fingerprint(key.fingerprint) in made[3]
    assert read_card(key.card_path).fingerprint == key.fingerprint
    assert (key.path.stat().st_mode & 0o777) == 0o600
    assert window.inspection.read_only
    assert str(key.card_path) in read_only_reason(qtbot, window)
    window.close()
    window.inspection.close()

    # The lead adds the card; Nia opens the file again and signs in.
    with Inspection.open(team.path, key=_key(team, LEE)) as inspection:
        inspection.roster.add(inspection.me, read_card(key.card_path), "inspector")
    sign_in_as(("Nia Newcomer", "nia's own passphrase"))
    again = open_window(qtbot, team.path, settings)
    assert again.user.name == "Nia Newcomer" and not again.inspection.read_only
    again.close()
    again.inspection.close()


def test_an_existing_key_file_is_imported_then_used(qtbot, team: Team, settings) -> None:
    when_modal(KeySetupDialog, lambda w: w.import_key(team.key(LEE)))
    sign_in_as(LEE)
    window = open_window(qtbot, team.path, settings)
    assert window.user.name == "Lee Lead" and window.user.role == "supervisor"
    assert [k.name for k in local_keys()] == ["Lee Lead"]
    assert local_keys()[0].card_path.is_file()
    window.close()
    window.inspection.close()


def _key(team: Team, who: tuple[str, str]) -> PersonalKey:
    return read_key(team.key(who), who[1])


def test_an_unsigned_inspection_still_asks_nothing_more(window: MainWindow, demo_path: Path):
    assert not window.inspection.signed
    assert window.user_label.text() == "Test Inspector (inspector)"
    assert not list(keys_dir().iterdir())
    people = window.people_views.open_people()  # no roster to change: said, read-only
    assert people.banner is not None and "unsigned" in people.banner.text()
    assert not people.add_button.isEnabled()
    people.close()


def test_an_export_on_its_own_connection_is_signed_by_the_person_signed_in(
    qtbot, team: Team, settings, tmp_path: Path
) -> None:
    keys_here(team, ANA)
    sign_in_as(ANA)
    window = open_window(qtbot, team.path, settings)
    dialog = window.report_views.open_export()
    dialog.path.setText(str(tmp_path / "ana.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.outcome != "" and not dialog.running, timeout=30_000)
    assert dialog.outcome == "exported", dialog.stage.text()
    row = window.inspection.db.execute(
        "SELECT author_id, signature FROM audit_log WHERE kind = 'disclosure' "
        "ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    assert row[0] == window.user.id and row[1]
    assert verify_ledger(window.inspection).ok
    dialog.close()
    window.close()
    window.inspection.close()
