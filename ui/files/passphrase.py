"""Passphrase dialogs: asked when an encrypted file opens, and File → Change passphrase….

The passphrase is read from the field once, handed to the core and the field cleared; it is
never stored in settings, shown, or put in a message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from auditor.encryption import (
    MIN_LENGTH,
    TRIES,
    WrongPassphrase,
    change_passphrase,
    new_passphrase_problem,
)
from auditor.errors import FILE_FAILURES, Refused
from ui.common.a11y import describe
from ui.common.background import work_under_way
from ui.common.workspace import Workspace


def _secret_field(name: str, label: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    describe(field, label, f"{label}; typed characters are not shown")
    return field


class PassphraseDialog(QDialog):
    """Asks for the passphrase of one encrypted file (one of three tries)."""

    def __init__(
        self, path: Path, attempt: int = 1, problem: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Passphrase")
        self.setObjectName("passphraseDialog")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(f"<b>{path.name}</b> is encrypted. Enter its passphrase to open it.")
        intro.setWordWrap(True)
        where = QLabel(str(path))
        where.setObjectName("passphraseFile")
        where.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(where)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        if problem:
            left = TRIES - attempt + 1
            self.problem.setText(f"{problem} {left} {'try' if left == 1 else 'tries'} left.")
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        self.field = _secret_field("passphraseField", "Passphrase")
        form = QFormLayout()
        form.addRow("&Passphrase:", self.field)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def take(self) -> str | None:
        """The passphrase typed (None when cancelled or empty); the field is cleared."""
        text = self.field.text() if self.result() == QDialog.DialogCode.Accepted else ""
        self.field.clear()
        return text or None


def ask_passphrase(parent: QWidget | None, path: Path, attempt: int, problem: str) -> str | None:
    """The window's passphrase source: a modal dialog on the GUI thread (None elsewhere)."""
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None  # a worker thread never asks: it reopens a file already open here
    dialog = PassphraseDialog(path, attempt, problem, parent)
    dialog.exec()
    return dialog.take()


def window_source(parent: QWidget | None = None):
    """A passphrase source (``auditor.encryption.use_source``) asking with the dialog."""
    return lambda path, attempt, problem: ask_passphrase(parent, path, attempt, problem)


class ChangePassphraseDialog(QDialog):
    """File → Change passphrase…: the current passphrase, then the new one twice."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self.setObjectName("changePassphraseDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Change the passphrase of <b>{path.name}</b>. Everyone who opens this file needs "
            f"the new one. At least {MIN_LENGTH} characters; a few unrelated words are easier "
            "to remember than symbols."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.current = _secret_field("currentPassphrase", "Current passphrase")
        self.new = _secret_field("newPassphrase", "New passphrase")
        self.again = _secret_field("repeatPassphrase", "New passphrase again")
        form = QFormLayout()
        form.addRow("&Current passphrase:", self.current)
        form.addRow("&New passphrase:", self.new)
        form.addRow("New passphrase &again:", self.again)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("changePassphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change passphrase")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def _check(self) -> None:
        if self.new.text() != self.again.text():
            self.say("The two new passphrases differ.")
            return
        problem = new_passphrase_problem(self.new.text())
        if problem:
            self.say(f"The new passphrase is not accepted: {problem}.")
            return
        self.accept()

    def take(self) -> tuple[str, str]:
        """(current, new), and every field cleared."""
        answer = (self.current.text(), self.new.text())
        for field in (self.current, self.new, self.again):
            field.clear()
        return answer


def change_passphrase_of(workspace: Workspace) -> bool:
    """File → Change passphrase… for the window's file; True when the passphrase changed."""
    inspection = workspace.inspection
    if inspection.read_only:
        workspace.status("The file is open read-only; its passphrase stays", 5000)
        return False
    if not inspection.encrypted:
        QMessageBox.information(
            workspace.widget,
            "Change passphrase",
            f"{inspection.path.name} is not encrypted, so it has no passphrase.\n\n"
            "To encrypt it, close the workstation and run:\n"
            f"case-auditor encrypt --db {inspection.path}",
        )
        return False
    if work_under_way():  # its own connection holds the old key until it has finished
        workspace.status(
            "A backup, export, merge or check is under way: change the passphrase when it "
            "has finished",
            8000,
        )
        return False
    dialog = ChangePassphraseDialog(inspection.path, workspace.widget)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        current, new = dialog.take()
        try:
            change_passphrase(inspection, current, new)
        except WrongPassphrase:
            dialog.say("The current passphrase is wrong; nothing was changed.")
            continue
        except (
            Refused,
            *FILE_FAILURES,
        ) as exc:  # said in words, never a traceback (never the passphrase)
            dialog.say(f"The passphrase was not changed: {exc}")
            continue
        workspace.status(
            "Passphrase changed. Backups and packages made from now on use the new one.", 8000
        )
        return True
    dialog.take()
    return False
