"""File → Switch user… and File → People… in the real window, on a signed inspection (and
Switch user on an unsigned one, which asks for a name and role as before)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from auditor.audit.verify import verify_ledger
from auditor.people import session
from auditor.people.keys import read_card, short_fingerprint
from tests.support.people import (
    ANA,
    LEE,
    UMA,
    Team,
    keys_here,
    lead_adds,
    read_only_reason,
    save_at_size,
    sign_in_as,
)
from tests.support.window import open_window, save_screenshot, when_modal
from ui.people.dialog import PeopleDialog, RoleDialog
from ui.people.setup import KeySetupDialog
from ui.people.sign_in import SignInDialog
from ui.shell.identity import IdentityDialog
from ui.shell.main_window import MainWindow


def _signed_in(qtbot, team: Team, settings, who: tuple[str, str]) -> MainWindow:
    sign_in_as(who)
    window = open_window(qtbot, team.path, settings)
    assert window.user.name == who[0]
    return window


def _close(window: MainWindow) -> None:
    window.close()
    window.inspection.close()


def test_switch_user_reopens_the_file_as_the_person_who_signs_in(
    qtbot, team: Team, settings
) -> None:
    keys_here(team, ANA, LEE)
    ana = _signed_in(qtbot, team, settings, ANA)
    assert ana.user_label.text() == "Ana Inspector (inspector)"
    ana_id = ana.user.id
    sign_in_as(LEE, "not lee's passphrase")
    lee = ana.actions_by_id["switch_user"].trigger() or ana.replaced_by
    assert lee is not None and lee is not ana
    qtbot.addWidget(lee)
    assert ana.closed and not ana.isVisible()
    assert lee.user.name == "Lee Lead" and lee.user.role == "supervisor"
    assert lee.inspection.me == lee.user and lee.user.id != ana_id
    assert lee.user_label.text() == "Lee Lead (supervisor)"
    key = session.key_for(team.path)
    assert key is not None and key.fingerprint == read_card(team.card(LEE)).fingerprint
    lee.grading.grade_criterion(lee.grading.visible_cards()[0].criterion.id, "inadequate")
    lee.grading.flush()
    assert verify_ledger(lee.inspection).ok
    save_at_size(lee, "switched-user.png")
    _close(lee)


def test_switch_user_cancelled_keeps_who_was_signed_in(qtbot, team: Team, settings) -> None:
    keys_here(team, ANA, LEE)
    ana = _signed_in(qtbot, team, settings, ANA)
    before = session.key_for(team.path)
    when_modal(SignInDialog, lambda w: w.read_only_button.click())
    assert ana.switch_user() is None
    assert ana.replaced_by is None and ana.isVisible() and not ana.closed
    assert session.key_for(team.path) is before
    assert "still Ana Inspector (inspector)" in ana.statusBar().currentMessage()
    _close(ana)


def test_a_viewer_not_on_the_roster_signs_in_by_switching_user(qtbot, team: Team, settings) -> None:
    (uma,) = keys_here(team, UMA)
    when_modal(KeySetupDialog, lambda w: w.read_only_button.click())
    viewer = open_window(qtbot, team.path, settings)
    assert viewer.inspection.read_only
    assert "not on this inspection's roster" in read_only_reason(qtbot, viewer)
    lead_adds(team, uma.card_path)
    sign_in_as(UMA)
    uma_window = viewer.switch_user()
    assert uma_window is not None
    qtbot.addWidget(uma_window)
    assert not uma_window.inspection.read_only
    assert uma_window.user_label.text() == "Uma Outsider (inspector)"
    _close(uma_window)


def test_switch_user_in_an_unsigned_inspection_asks_name_and_role(
    qtbot, demo_path: Path, settings
) -> None:
    window = open_window(qtbot, demo_path, settings)
    assert window.user_label.text() == "Test Inspector (inspector)"

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, IdentityDialog)
        widget.name.setText("Alex Placeholder")
        widget.role.setCurrentIndex(widget.role.findData("supervisor"))
        widget.accept()

    when_modal(IdentityDialog, answer)
    other = window.switch_user()
    assert other is not None
    qtbot.addWidget(other)
    assert other.user.name == "Alex Placeholder" and other.user.role == "supervisor"
    assert other.user_label.text() == "Alex Placeholder (supervisor)"
    assert settings.value("user/name") == "Alex Placeholder"
    _close(other)


def _choose_role(role: str, shot: str = "") -> list[str]:
    texts: list[str] = []

    def act(widget: QWidget) -> None:
        assert isinstance(widget, RoleDialog)
        texts.append(widget.findChild(QWidget, "roleDialogText").text())
        widget.set_role(role)
        if shot:
            save_screenshot(widget, shot)
        widget.accept()

    when_modal(RoleDialog, act)
    return texts


def _yes() -> None:
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())


def test_a_supervisor_adds_a_card_changes_a_role_and_retires_a_key(
    qtbot, team: Team, settings
) -> None:
    keys_here(team, LEE)
    lee = _signed_in(qtbot, team, settings, LEE)
    people = lee.actions_by_id["people"].trigger() or lee.people_views.people
    assert isinstance(people, PeopleDialog) and people.isVisible()
    assert people.banner is None and people.add_button.isEnabled()
    assert [p.name for p in people.model.items] == [
        "Alex Placeholder",
        "Ana Inspector",
        "Lee Lead",
        "Robin Example",
        "Sam Sample",
    ]
    lee_row = people.model.row_of(lee.user.id)
    assert people.model.display(people.model.items[lee_row], 3) == "you"

    shown = _choose_role("inspector", shot="people-add-card.png")
    uma = people.add_card(team.card(UMA))
    assert uma is not None and uma.role == "inspector"
    uma_card = read_card(team.card(UMA))
    assert short_fingerprint(uma_card.fingerprint) in shown[0]
    assert "Uma Outsider is on the roster as inspector" in people.message.text()
    assert people.chosen() == uma

    _choose_role("supervisor")
    changed = people.change_role()
    assert changed is not None and changed.role == "supervisor"
    assert "Uma Outsider is now supervisor" in people.message.text()

    _yes()
    retired = people.retire_key()
    assert retired is not None and retired.active_key is None
    row = people.model.row_of(retired.id)
    keys_text = people.model.display(people.model.items[row], 2)
    assert (
        keys_text.startswith(short_fingerprint(uma_card.fingerprint)) and "(retired " in keys_text
    )
    assert "every key retired" in people.model.display(people.model.items[row], 3)

    again = people.add_card(team.card(UMA))  # a retired key is still known: refused in words
    assert again is None and people.message.refused
    assert "already Uma Outsider's" in people.message.text()
    save_at_size(people, "people.png")
    report = verify_ledger(lee.inspection)
    assert report.ok, report.problems
    people.close()
    _close(lee)


def test_an_inspector_sees_the_roster_read_only_and_a_change_is_refused(
    qtbot, team: Team, settings
) -> None:
    keys_here(team, ANA)
    ana = _signed_in(qtbot, team, settings, ANA)
    people = ana.people_views.open_people()
    assert people.banner is not None and people.banner.isVisible()
    assert "Ana Inspector is an inspector" in people.banner.text()
    for button in (
        people.add_button,
        people.new_key_button,
        people.role_button,
        people.retire_button,
    ):
        assert not button.isEnabled()
    before = [(p.name, p.role) for p in ana.inspection.roster.people()]
    _choose_role("supervisor")
    assert people.add_card(team.card(UMA)) is None  # the core refuses, in words
    assert people.message.refused
    assert "Only a supervisor on the roster can add people" in people.message.text()
    people.choose("Ana Inspector")
    _choose_role("supervisor")
    assert people.change_role() is None
    assert "Only a supervisor on the roster can change a role" in people.message.text()
    assert [(p.name, p.role) for p in ana.inspection.roster.people()] == before
    save_at_size(people, "people-inspector.png")
    people.close()
    _close(ana)
