"""First run: the user says who they are and whether they inspect or supervise."""

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

from auditor.people import INSPECTOR, ROLE_LABELS, SUPERVISOR


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


def ask_identity() -> tuple[str, str] | None:
    dialog = IdentityDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
