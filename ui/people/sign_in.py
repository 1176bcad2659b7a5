"""Signing in to a signed inspection: choose yourself from its roster (only people whose key
is on this workstation), then your key's passphrase, once per session (three tries).

The shell calls ``sign_in`` when it opens a signed inspection and on File → Switch user…; it
then hands the key opened to ``auditor.people.session`` so every connection of this process
to the file (exports, packages, backups) signs as that person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor.encryption import TRIES
from auditor.errors import FILE_FAILURES, Refused
from auditor.people import ROLE_LABELS
from auditor.people.keys import PersonalKey, WrongKeyPassphrase, read_key, short_fingerprint
from auditor.people.roster import Person
from ui.common.a11y import describe
from ui.common.widgets import MessageLine
from ui.people.keyring import LocalKey, import_key_file, keys_dir, local_keys
from ui.people.setup import KeySetupDialog, choose_key_file, secret_field

if TYPE_CHECKING:
    from auditor.inspection import Inspection

NOT_ON_ROSTER = "You are not on this inspection's roster: ask the lead to add your card"
READ_ONLY = "The file is open read-only: nothing can be changed or saved."


@dataclass(frozen=True)
class Choice:
    """A person on the roster whose (active) key is on this workstation."""

    person: Person
    key: LocalKey

    @property
    def text(self) -> str:
        role = ROLE_LABELS.get(self.person.role, self.person.role)
        return f"{self.person.name} — {role} — key {short_fingerprint(self.key.fingerprint)}"


@dataclass(frozen=True)
class SignIn:
    """What signing in came to: the key opened and its person, or why nobody signed in."""

    key: PersonalKey | None
    person: Person | None
    reason: str = ""


def choices(people: list[Person], here: list[LocalKey]) -> list[Choice]:
    """The people of ``people`` whose active key is among the keys ``here``."""
    by_fingerprint = {k.fingerprint: k for k in here}
    found = []
    for person in people:
        for held in person.keys:
            if held.active and held.fingerprint in by_fingerprint:
                found.append(Choice(person, by_fingerprint[held.fingerprint]))
    return found


def not_on_roster(people: list[Person], here: list[LocalKey]) -> str:
    """Why nobody here can sign in: no key, retired keys, or keys the roster does not hold."""
    retired = [
        (person, held)
        for person in people
        for held in person.keys
        if not held.active and any(k.fingerprint == held.fingerprint for k in here)
    ]
    if retired:
        person, held = retired[0]
        return (
            f"The key {short_fingerprint(held.fingerprint)} of {person.name} was retired "
            f"on {(held.retired_at or '')[:10]}: it signs nothing more. Ask the lead to add "
            f"your new card.\n\n{READ_ONLY}"
        )
    if not here:
        return (
            f"{NOT_ON_ROSTER}. No key of yours is on this workstation: make your key "
            f"(File → Switch user…) and send its card to the lead.\n\n{READ_ONLY}"
        )
    return not_on_roster_yet(here)


def not_on_roster_yet(here: list[LocalKey]) -> str:
    """Ask the lead to add your card: which card (the one key's, or the folder of several)."""
    if len(here) == 1:
        card = (
            f"Your card: {here[0].card_path}\n"
            f"Its fingerprint: {short_fingerprint(here[0].fingerprint)}"
        )
    else:
        card = f"Your card: the file ending in .pub beside your key in {keys_dir()}"
    return f"{NOT_ON_ROSTER}, then open the file again.\n\n{card}\n\n{READ_ONLY}"


class SignInDialog(QDialog):
    """Choose yourself from the roster and type your key's passphrase (three tries)."""

    def __init__(
        self,
        inspection_name: str,
        choices_now: Callable[[], list[Choice]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in")
        self.setObjectName("signInDialog")
        self.setMinimumWidth(560)
        self._choices_now = choices_now
        self.choices: list[Choice] = []
        self.key: PersonalKey | None = None
        self.person: Person | None = None
        self.reason = ""
        self.tries_left = TRIES
        intro = QLabel(
            f"<b>{inspection_name}</b> is a signed inspection: every change in it is signed "
            "with the personal key of someone on its roster. Choose yourself and type your "
            "key's passphrase (your own, not the file's)."
        )
        intro.setWordWrap(True)
        self.people = QListWidget()
        self.people.setObjectName("rosterChoices")
        describe(
            self.people,
            "People on the roster",
            "People on this inspection's roster whose key is on this workstation",
        )
        self.people.setMinimumHeight(self.people.fontMetrics().height() * 5)
        self.passphrase = secret_field("signInPassphrase", "Your key's passphrase")
        form = QFormLayout()
        form.addRow("Your key's &passphrase:", self.passphrase)
        self.problem = MessageLine("Problem")
        self.problem.setObjectName("signInProblem")
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton("&Sign in", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        self.import_button = buttons.addButton(
            "&Import a key file…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.read_only_button = buttons.addButton(
            "View &read-only", QDialogButtonBox.ButtonRole.RejectRole
        )
        describe(self.sign_in_button, "Sign in", "Open your key with its passphrase")
        describe(self.import_button, "Import a key file", "Copy your existing key file here")
        describe(self.read_only_button, "View read-only", "Open the file without signing in")
        self.sign_in_button.clicked.connect(self.attempt)
        self.import_button.clicked.connect(self._choose)
        self.read_only_button.clicked.connect(self.reject)
        label = QLabel("&Who are you?")
        label.setBuddy(self.people)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.people)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.people.itemDoubleClicked.connect(lambda _item: self.passphrase.setFocus())
        self.refresh()
        self.passphrase.setFocus()

    def refresh(self) -> None:
        """List the people again (after a key file was imported), keeping the one chosen."""
        chosen = self.chosen()
        self.choices = self._choices_now()
        self.people.clear()
        for choice in self.choices:
            item = QListWidgetItem(choice.text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, choice.text)
            self.people.addItem(item)
        keep = next((i for i, c in enumerate(self.choices) if chosen and c.key == chosen.key), 0)
        self.people.setCurrentRow(keep if self.choices else -1)

    def chosen(self) -> Choice | None:
        row = self.people.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def choose(self, name: str) -> None:
        """Select the person called ``name`` in the list."""
        for row, choice in enumerate(self.choices):
            if choice.person.name == name:
                self.people.setCurrentRow(row)
                return
        raise LookupError(name)

    def attempt(self) -> None:
        """Open the chosen person's key with the passphrase typed."""
        choice = self.chosen()
        if choice is None:
            self.problem.refuse("Choose yourself in the list first.")
            return
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        try:
            key = read_key(choice.key.path, passphrase)
        except WrongKeyPassphrase:
            self.tries_left -= 1
            if self.tries_left <= 0:
                self.reason = (
                    f"The passphrase did not open {choice.person.name}'s key, {TRIES} times: "
                    f"nobody is signed in.\n\n{READ_ONLY}"
                )
                self.reject()
                return
            left = f"{self.tries_left} {'try' if self.tries_left == 1 else 'tries'} left"
            self.problem.refuse(
                f"The passphrase does not open {choice.person.name}'s key ({left})."
            )
            self.passphrase.setFocus()
            return
        except (Refused, *FILE_FAILURES) as exc:  # a damaged or missing key file, in words
            self.problem.refuse(str(exc))
            return
        self.key, self.person = key, choice.person
        self.accept()

    def _choose(self) -> None:
        path = choose_key_file(self)
        if path is not None:
            self.import_key(path)

    def import_key(self, path: Path) -> None:
        """Copy a key file to this workstation and list its holder if they are on the roster."""
        try:
            imported = import_key_file(path)
        except (Refused, *FILE_FAILURES) as exc:
            self.problem.refuse(str(exc))
            return
        self.refresh()
        mine = [c for c in self.choices if c.key.fingerprint == imported.fingerprint]
        if mine:
            self.choose(mine[0].person.name)
            self.problem.done(f"Imported {imported.name}'s key: type its passphrase.")
        else:
            self.problem.refuse(
                f"{imported.name}'s key (key {short_fingerprint(imported.fingerprint)}) is "
                "imported, but it is not on this inspection's roster: ask the lead to add "
                f"the card {imported.card_path}."
            )


def sign_in(inspection: Inspection, parent: QWidget | None = None) -> SignIn:
    """Ask who is signing in to ``inspection`` (signed): their key, or why nobody signed in.

    With no key of a roster person here, first offers to make a key or import one.
    """

    def now() -> list[Choice]:
        return choices(inspection.roster.people(), local_keys())

    if not now():
        setup = KeySetupDialog(not_on_roster(inspection.roster.people(), local_keys()), parent)
        setup.exec()
        if setup.made is not None:
            return SignIn(None, None, not_on_roster_yet([setup.made]))
        if not now():
            return SignIn(None, None, not_on_roster(inspection.roster.people(), local_keys()))
    dialog = SignInDialog(inspection.name, now, parent)
    dialog.exec()
    if dialog.key is not None:
        return SignIn(dialog.key, dialog.person)
    return SignIn(
        None,
        None,
        dialog.reason
        or (
            "You did not sign in: changes to a signed inspection are made only by someone on "
            f"its roster, signed in with their key.\n\n{READ_ONLY}"
        ),
    )
