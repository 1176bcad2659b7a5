"""A first key on this workstation: make your key (name and a personal passphrase, twice), or
import the key file you already have; then the card to send to the lead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.people.keys import MIN_PASSPHRASE, check_new_passphrase, short_fingerprint
from ui.common.a11y import describe
from ui.common.widgets import MessageLine
from ui.people.keyring import LocalKey, import_key_file, keys_dir, make_key


def secret_field(name: str, label: str) -> QLineEdit:
    """A passphrase field: typed characters are not shown."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    describe(field, label, f"{label}; typed characters are not shown")
    return field


def choose_key_file(parent: QWidget | None) -> Path | None:
    """A file chooser for an existing key file (None when cancelled)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import a key file", str(Path.home()), "Key files (*.key);;All files (*)"
    )
    return Path(path) if path else None


class MakeKeyDialog(QDialog):
    """Make your personal key: your name and a passphrase of your own, twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make your key")
        self.setObjectName("makeKeyDialog")
        self.setMinimumWidth(520)
        self.made: LocalKey | None = None
        intro = QLabel(
            "Your key signs every grade, note and decision you make, so nobody can make one "
            "in your name. Its passphrase is yours alone: not the inspection file's, and "
            f"never told to anyone. At least {MIN_PASSPHRASE} characters; a few unrelated "
            "words are easier to remember than symbols."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("keyName")
        describe(self.name, "Your name", "Your name as the inspection's roster shows it")
        self.passphrase = secret_field("keyPassphrase", "Passphrase")
        self.again = secret_field("keyPassphraseAgain", "Passphrase again")
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("Passphrase &again:", self.again)
        self.problem = MessageLine("Problem")
        self.problem.setObjectName("makeKeyProblem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.make_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.make_button.setText("&Make my key")
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def make(self) -> None:
        """Check what was typed, then write the key and its card to this workstation."""
        name = " ".join(self.name.text().split())
        if not name:
            self.problem.refuse("Please give your name.")
            return
        if self.passphrase.text() != self.again.text():
            self.problem.refuse("The two passphrases differ.")
            return
        try:
            check_new_passphrase(self.passphrase.text())
            self.made = make_key(name, self.passphrase.text())
        except (Refused, *FILE_FAILURES) as exc:  # said in words (never the passphrase)
            self.problem.refuse(str(exc))
            return
        self.passphrase.clear()
        self.again.clear()
        self.accept()


class KeyMadeDialog(QDialog):
    """Your key is made: the card to send to the lead, and its fingerprint to compare."""

    def __init__(self, key: LocalKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your key is made")
        self.setObjectName("keyMadeDialog")
        self.setMinimumWidth(560)
        self.key = key
        intro = QLabel(
            f"<b>{key.name}</b>, your key is on this workstation. Send your <b>card</b> to the "
            "lead of the inspection (by e-mail or on a memory stick): they add it to the "
            "roster, and you can then sign in. The card holds nothing secret; the key file "
            "beside it never leaves this workstation."
        )
        intro.setWordWrap(True)
        card_caption = QLabel("<b>Your card</b>, the file to send:")
        self.card = QLabel(str(key.card_path))
        self.card.setObjectName("cardPath")
        self.card.setWordWrap(True)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.card, "Your card", "The file to send to the lead")
        self.fingerprint = QLabel(f"<b>{short_fingerprint(key.fingerprint)}</b>")
        self.fingerprint.setObjectName("cardFingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.fingerprint, "Fingerprint", "The first digits of your key's fingerprint")
        groups = " ".join(key.fingerprint[i : i + 4] for i in range(0, len(key.fingerprint), 4))
        full = QLabel(groups)
        full.setObjectName("cardFullFingerprint")
        full.setWordWrap(True)
        full.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(full, "Whole fingerprint", "Your key's whole fingerprint")
        compare = QLabel(
            "When the lead adds your card they read its fingerprint back to you (by phone or "
            "in person): it must be this one, or the card is not yours."
        )
        compare.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Fingerprint:", self.fingerprint)
        form.addRow("Whole:", full)
        copy = QPushButton("&Copy the card's path")
        describe(copy, "Copy the card's path", "Puts the card's path on the clipboard")
        copy.clicked.connect(lambda: QApplication.clipboard().setText(str(key.card_path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(card_caption)
        layout.addWidget(self.card)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(compare)
        layout.addStretch(1)  # spare height under the text, not between its lines
        layout.addWidget(buttons)


class KeySetupDialog(QDialog):
    """No key of yours here: make your key, import one, or view the file read-only."""

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who are you?")
        self.setObjectName("keySetupDialog")
        self.setMinimumWidth(560)
        self.made: LocalKey | None = None
        self.imported: LocalKey | None = None
        why = QLabel(reason)
        why.setObjectName("keySetupReason")
        why.setWordWrap(True)
        intro = QLabel(
            "A signed inspection knows its people by their personal keys. Make your key here "
            "(your name and a passphrase of your own), or import the key file you already "
            f"have. Keys are kept in {keys_dir()}."
        )
        intro.setWordWrap(True)
        self.problem = MessageLine("Problem")
        self.problem.setObjectName("keySetupProblem")
        self.make_button = QPushButton("&Make my key…")
        describe(self.make_button, "Make my key", "Make your personal key on this workstation")
        self.make_button.clicked.connect(self.make)
        self.import_button = QPushButton("&Import a key file…")
        describe(self.import_button, "Import a key file", "Copy your existing key file here")
        self.import_button.clicked.connect(self._choose)
        buttons = QDialogButtonBox()
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.read_only_button = buttons.addButton(
            "View &read-only", QDialogButtonBox.ButtonRole.RejectRole
        )
        for button in (self.make_button, self.import_button, self.read_only_button):
            button.setAutoDefault(False)
        self.read_only_button.setDefault(True)  # Enter changes nothing
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addWidget(intro)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def make(self) -> None:
        dialog = MakeKeyDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.made is None:
            return
        self.made = dialog.made
        KeyMadeDialog(dialog.made, self).exec()
        self.accept()

    def _choose(self) -> None:
        path = choose_key_file(self)
        if path is not None:
            self.import_key(path)

    def import_key(self, path: Path) -> None:
        """Copy the key file at ``path`` to this workstation."""
        try:
            self.imported = import_key_file(path)
        except (Refused, *FILE_FAILURES) as exc:
            self.problem.refuse(str(exc))
            return
        self.accept()
