"""File → People…: the inspection's roster; a supervisor adds a card, gives a person a new key,
changes a role or retires a key. Each is one call of the core; a refusal is said in words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.people import INSPECTOR, ROLE_LABELS, ROLES, is_supervisor
from auditor.people.keys import CARD_SUFFIX, Card, read_card, short_fingerprint
from auditor.people.roster import Person
from ui.common.a11y import describe
from ui.common.widgets import MessageLine, banner, make_table, select_first, size_within_screen
from ui.common.workspace import Workspace
from ui.people.model import RosterModel

UNSIGNED = (
    "This inspection is unsigned: it has no lead's key, so its people are the names each "
    "laptop gave. To keep a roster, the lead signs it: case-auditor sign --db PATH --lead KEYFILE"
)
READ_ONLY_FILE = "The file is open read-only: the roster can be read, not changed."
INSPECTORS_SEE = (
    "Only a supervisor on the roster adds people, changes roles or retires keys; "
    "{name} is {article} {role}, so the roster is shown read-only."
)


def _role_combo(role: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("roleChoice")
    describe(combo, "Role", "Inspector grades cases; supervisor also decides on referrals")
    for value in ROLES:
        combo.addItem(ROLE_LABELS[value], value)
    combo.setCurrentIndex(ROLES.index(role) if role in ROLES else 0)
    return combo


def card_html(card: Card) -> str:
    return (
        f"<b>{card.name}</b><br>Fingerprint: <b>{short_fingerprint(card.fingerprint)}</b>"
        f"<br><small>{card.fingerprint}</small>"
    )


class RoleDialog(QDialog):
    """A role for a person: a card being added, or someone on the roster."""

    def __init__(
        self, title: str, text: str, role: str, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("roleDialog")
        self.setMinimumWidth(480)
        intro = QLabel(text)
        intro.setObjectName("roleDialogText")
        intro.setWordWrap(True)
        self.role = _role_combo(role)
        form = QFormLayout()
        form.addRow("&Role:", self.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return str(self.role.currentData())

    def set_role(self, role: str) -> None:
        self.role.setCurrentIndex(ROLES.index(role))


class PeopleDialog(QDialog):
    """The roster: who is on it, their roles and keys; changed by supervisors only."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.inspection = workspace.inspection
        self.setWindowTitle(f"People — {self.inspection.name}")
        self.setObjectName("peopleDialog")
        describe(self, "People", "The inspection's roster: people, roles and keys")
        self.model = RosterModel(self.inspection.framework, self)
        self.table = make_table(
            self.model,
            "Roster",
            "Everyone on the inspection's roster: name, role, key fingerprints, notes",
            (220, 110, 420),
        )
        self.add_button = self._button("&Add a card…", "Add a person from their card (.pub)")
        self.new_key_button = self._button(
            "&New key for this person…", "Add the new card of someone whose key was lost"
        )
        self.role_button = self._button("Change &role…", "Change the chosen person's role")
        self.retire_button = self._button(
            "Re&tire key…", "Retire the chosen person's key: it signs nothing more"
        )
        self.add_button.clicked.connect(self._choose_card)
        self.new_key_button.clicked.connect(self._choose_new_key)
        self.role_button.clicked.connect(self.change_role)
        self.retire_button.clicked.connect(self.retire_key)
        close = self._button("&Close", "Close the roster")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for button in (self.add_button, self.new_key_button, self.role_button):
            row.addWidget(button)
        row.addWidget(self.retire_button)
        row.addStretch(1)
        row.addWidget(close)
        self.message = MessageLine()
        self.message.setObjectName("peopleMessage")
        layout = QVBoxLayout(self)
        self.banner: QLabel | None = None
        why_not = self.why_not()
        if why_not:
            self.banner = banner(why_not, "Roster read-only")
            self.banner.setObjectName("peopleBanner")
            layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        for button in (self.add_button, self.new_key_button, self.role_button):
            button.setEnabled(not why_not)
        self.retire_button.setEnabled(not why_not)
        size_within_screen(self, 980, 520)
        self.reload()

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text)
        describe(button, text.replace("&", "").rstrip("…"), description)
        button.setAutoDefault(False)
        return button

    @property
    def can_change(self) -> bool:
        return not self.why_not()

    def why_not(self) -> str:
        """Why this user cannot change the roster here ("" when they can)."""
        if not self.inspection.signed:
            return UNSIGNED
        if self.inspection.read_only:
            return READ_ONLY_FILE
        me = self.inspection.me
        if not is_supervisor(me):
            user = self.workspace.user
            role = me.role if me is not None else INSPECTOR
            article = "an" if role[:1] in "aeiou" else "a"
            return INSPECTORS_SEE.format(name=user.name, article=article, role=role)
        return ""

    # --- reading ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the roster again, selecting ``select`` (a person's id) or the one chosen."""
        chosen = self.chosen()
        keep = select or (chosen.id if chosen is not None else None)
        self.model.me_id = self.workspace.user.id
        try:
            people = self.inspection.roster.people()
        except (Refused, *FILE_FAILURES) as exc:
            self.message.refuse(f"The roster cannot be read: {exc}")
            return
        self.model.reload(sorted(people, key=lambda p: p.name.casefold()))
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.table.selectRow(row)
        else:
            select_first(self.table)

    def chosen(self) -> Person | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def choose(self, name: str) -> Person:
        """Select the person called ``name``."""
        for row, person in enumerate(self.model.items):
            if person.name == name:
                self.table.selectRow(row)
                return person
        raise LookupError(name)

    # --- changes (each one call of the core) -----------------------------------------------

    def _card_file(self, title: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            title,
            str(self.inspection.path.parent),
            f"Cards (*{CARD_SUFFIX});;All files (*)",
        )
        return Path(path) if path else None

    def _choose_card(self) -> None:
        path = self._card_file("Add a card")
        if path is not None:
            self.add_card(path)

    def _read(self, path: Path) -> Card | None:
        try:
            return read_card(path)
        except (Refused, *FILE_FAILURES) as exc:
            self.message.refuse(str(exc))
            return None

    def add_card(self, path: Path) -> Person | None:
        """Add the person whose card is at ``path``, with the role chosen in a dialog."""
        card = self._read(path)
        if card is None:
            return None
        holder = self.inspection.roster.holder_of(card.fingerprint)
        if holder is not None:  # said before a role is asked for (the core refuses it too)
            self.message.refuse(
                f"The key {short_fingerprint(card.fingerprint)} is already {holder.name}'s: "
                "nothing was added."
            )
            return None
        dialog = RoleDialog(
            "Add a card",
            f"{card_html(card)}<p>Read the fingerprint back to {card.name} (by phone or in "
            "person) before adding the card: it must be the one their workstation showed.</p>",
            INSPECTOR,
            "&Add to the roster",
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            person = self.inspection.roster.add(self.workspace.user, card, dialog.chosen())
        except (Refused, *FILE_FAILURES) as exc:
            self.message.refuse(f"{card.name} was not added: {exc}")
            return None
        self.reload(person.id)
        self.message.done(
            f"{person.name} is on the roster as {ROLE_LABELS[person.role].lower()} "
            f"(key {short_fingerprint(card.fingerprint)}); they can sign in now."
        )
        return person

    def _choose_new_key(self) -> None:
        person = self.chosen()
        if person is None:
            self.message.refuse("Choose a person first.")
            return
        path = self._card_file(f"{person.name}'s new card")
        if path is not None:
            self.add_key(path)

    def add_key(self, path: Path) -> Person | None:
        """Give the chosen person the new key on the card at ``path`` (a lost key's remedy)."""
        person = self.chosen()
        card = self._read(path) if person is not None else None
        if person is None or card is None:
            if person is None:
                self.message.refuse("Choose a person first.")
            return None
        answer = QMessageBox.question(
            self,
            "New key",
            f"Add the key {short_fingerprint(card.fingerprint)} (the card of {card.name}) to "
            f"{person.name}? Read the fingerprint back to them first. Retire their old key "
            "if it was lost.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            changed = self.inspection.roster.add_key(self.workspace.user, person.id, card)
        except (Refused, *FILE_FAILURES) as exc:
            self.message.refuse(f"The key was not added: {exc}")
            return None
        self.reload(changed.id)
        self.message.done(f"{changed.name} has the new key {short_fingerprint(card.fingerprint)}.")
        return changed

    def change_role(self) -> Person | None:
        """Change the chosen person's role (asked in a dialog)."""
        person = self.chosen()
        if person is None:
            self.message.refuse("Choose a person first.")
            return None
        dialog = RoleDialog(
            "Change role",
            f"The role of <b>{person.name}</b> (now {ROLE_LABELS[person.role].lower()}). "
            "A supervisor decides on referrals and changes the roster.",
            person.role,
            "&Change role",
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            changed = self.inspection.roster.change_role(
                self.workspace.user, person.id, dialog.chosen()
            )
        except (Refused, *FILE_FAILURES) as exc:
            self.message.refuse(f"{person.name}'s role was not changed: {exc}")
            return None
        self.reload(changed.id)
        text = f"{changed.name} is now {ROLE_LABELS[changed.role].lower()}."
        if changed.id == self.workspace.user.id and changed.role != person.role:
            text += " Your own role changed: File → Switch user… signs you in with it."
        self.message.done(text)
        return changed

    def retire_key(self) -> Person | None:
        """Retire the chosen person's key, once confirmed: it signs nothing more."""
        person = self.chosen()
        if person is None:
            self.message.refuse("Choose a person first.")
            return None
        key = person.active_key
        if key is None:
            self.message.refuse(f"{person.name} has no key to retire.")
            return None
        yours = (
            " It is your own key: you will not sign in with it again."
            if (person.id == self.workspace.user.id)
            else ""
        )
        answer = QMessageBox.question(
            self,
            "Retire key",
            f"Retire the key {short_fingerprint(key.fingerprint)} of {person.name}? It signs "
            f"nothing more; everything it signed still holds.{yours}",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            changed = self.inspection.roster.retire(self.workspace.user, key.fingerprint)
        except (Refused, *FILE_FAILURES) as exc:
            self.message.refuse(f"The key was not retired: {exc}")
            return None
        self.reload(changed.id)
        self.message.done(
            f"The key {short_fingerprint(key.fingerprint)} of {changed.name} is retired."
        )
        return changed
