"""Who is at the workstation: in an unsigned inspection the user says their name and role
(first run, or File → Switch user…); in a signed one they sign in with their personal key,
chosen from the inspection's roster (``ui.people.sign_in``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from auditor.errors import Refused
from auditor.inspection import Assessor, Inspection
from auditor.people import INSPECTOR, ROLE_LABELS, SUPERVISOR, session

#: The user of a signed inspection viewed by nobody signed in (nothing can be written).
NOBODY = Assessor("", "Not signed in", INSPECTOR)


class IdentityDialog(QDialog):
    """Asks for the user's name and role; every grade records who made it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is grading?")
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name")
        self.role = QComboBox()
        self.role.setAccessibleName("Your role")
        self.role.addItem(ROLE_LABELS[INSPECTOR], INSPECTOR)
        self.role.addItem(f"{ROLE_LABELS[SUPERVISOR]} (lead inspector)", SUPERVISOR)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        layout = QFormLayout(self)
        layout.addRow(QLabel("Every grade records who made it and when."))
        layout.addRow("Name:", self.name)
        layout.addRow("Role:", self.role)
        layout.addRow(self.message)
        layout.addRow(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.message.setText("Please give your name.")
            return
        self.accept()

    def answer(self) -> tuple[str, str]:
        return " ".join(self.name.text().split()), str(self.role.currentData())


def ask_identity(parent: QWidget | None = None) -> tuple[str, str] | None:
    dialog = IdentityDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()


def user_text(inspection: Inspection, user: Assessor) -> str:
    """The status bar's "name (role)", or that nobody is signed in to a signed inspection."""
    if inspection.signed and not user.id:
        return NOBODY.name
    return f"{user.name} ({user.role})"


def sign_in_to(inspection: Inspection, parent: QWidget | None = None) -> tuple[Assessor, str]:
    """Sign in to a signed ``inspection`` here: who is signed in, and why not ("" if they are).

    Someone signed in once in this session is signed in again at once; otherwise they choose
    themselves from the roster and type their key's passphrase. The key opened signs every
    connection to the file in this process (``auditor.people.session``).
    """
    me = inspection.me
    if me is not None:
        return me, ""
    if inspection.read_only:  # another copy holds the file: nothing is written here
        return NOBODY, ""
    # The key sign-in dialog (and the key files' reading) loads for a signed file only.
    from ui.people.sign_in import READ_ONLY, sign_in

    outcome = sign_in(inspection, parent)
    if outcome.key is None:
        return NOBODY, outcome.reason
    try:
        me = inspection.roster.sign_in(outcome.key)
    except Refused as exc:  # the roster changed meanwhile (a key retired): said in words
        return NOBODY, f"{exc}.\n\n{READ_ONLY}"
    session.sign_in_here(inspection.path, outcome.key)
    return me, ""
