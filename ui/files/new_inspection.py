"""File → New inspection…: a framework (one shipped with the workstation, or a framework file),
the inspection's name and its file; the file is made and the shell opens it."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.encryption import new_passphrase_problem
from auditor.errors import FILE_FAILURES, Refused
from auditor.framework import Framework, bundled_frameworks, load_framework
from auditor.inspection import Inspection
from auditor.people.keys import PersonalKey
from ui.common.a11y import describe, explain
from ui.common.scale_words import keys_text
from ui.common.widgets import MessageLine, size_within_screen

SUFFIX = ".caseaudit"
FrameworkRole = Qt.ItemDataRole.UserRole + 1


def secret_field(name: str, label: str) -> QLineEdit:
    """A passphrase field: typed characters are not shown."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    describe(field, label, f"{label} of the new file; typed characters are not shown")
    return field


def file_name_for(name: str) -> str:
    """A file name from an inspection's name: "North Shire 2027" → "north-shire-2027.caseaudit"."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return (slug or "inspection") + SUFFIX


def framework_summary(framework: Framework) -> str:
    """What a framework defines, in a few lines of rich text for the dialog."""
    criteria = len(framework.criteria)
    domains = f" in {len(framework.domains)} domains" if framework.domains else ""
    types = len(framework.case_types)
    ratings = ", ".join(g.label for g in framework.grades)
    lines = [
        f"<b>{escape(framework.name)}</b>",
        f"Version {escape(framework.version)}" if framework.version else "",
        f"Source: {escape(framework.source)}" if framework.source else "",
        f"{criteria} criteria{domains}, for {types} case type{'' if types == 1 else 's'}",
        f"Criteria answered: {escape(keys_text(framework, answers=True))}",
        f"Overall ratings: {escape(ratings)}",
        f"Audits {escape(framework.words.case_files)}; referral: "
        f"{escape(framework.words.referral)}",
    ]
    return "<br>".join(line for line in lines if line)


class NewInspectionDialog(QDialog):
    """Choose a framework, name the inspection and its file; Create makes the file."""

    #: The new file's path, made and closed: the shell opens it in a window.
    created = Signal(Path)

    def __init__(
        self,
        folder: Path,
        lead: PersonalKey | None = None,
        parent: QWidget | None = None,
        current: Framework | None = None,
        encrypted: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New inspection")
        self.setObjectName("newInspectionDialog")
        self.folder = folder
        self.lead = lead
        self.made: Path | None = None

        self.frameworks = QListWidget()
        self.frameworks.setObjectName("frameworkList")
        self.frameworks.setWordWrap(True)
        self.frameworks.setSpacing(3)
        describe(
            self.frameworks,
            "Framework",
            "The criteria framework the inspection grades against: one shipped with the "
            "workstation, or a framework file chosen below",
        )
        # The open inspection's framework is offered first, and chosen (a bundled one in its
        # place among them; one from a file of its own at the top).
        bundled = bundled_frameworks()
        if current is not None and all(f.sha256 != current.sha256 for _, f in bundled):
            self._add_framework(current, "The framework of the inspection open now")
        for file_name, framework in bundled:
            self._add_framework(framework, f"Shipped with the workstation ({file_name})")
        chosen = 0
        for row in range(self.frameworks.count()):
            framework = self.frameworks.item(row).data(FrameworkRole)
            if current is not None and framework.sha256 == current.sha256:
                chosen = row
                break
        self.frameworks.setCurrentRow(chosen)
        self.frameworks.currentItemChanged.connect(lambda *_: self._show_chosen())
        self.choose_file = QPushButton("&Open a framework file…")
        describe(
            self.choose_file,
            "Choose a framework file",
            "Read a framework TOML file of your inspectorate's own; a file with a mistake is "
            "refused, naming the entry and key",
        )
        self.choose_file.clicked.connect(self._ask_framework_file)
        self.summary = QLabel(wordWrap=True)
        self.summary.setObjectName("frameworkSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        explain(self.summary, "What the framework chosen defines")

        self.name = QLineEdit()
        self.name.setObjectName("inspectionName")
        describe(self.name, "Inspection name", "The inspection's name, shown in the title bar")
        self.name.textEdited.connect(self._name_edited)
        self.path = QLineEdit(str(folder / file_name_for("")))
        self.path.setObjectName("inspectionPath")
        describe(self.path, "Inspection file", "Where the new inspection file is made")
        self._path_typed = False
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_typed", True))
        browse = QPushButton("&Choose…")
        describe(browse, "Choose where to save", "Choose the new inspection file's folder and name")
        browse.clicked.connect(self._ask_path)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.encrypt = QCheckBox("&Encrypt the file with a passphrase")
        describe(
            self.encrypt,
            "Encrypt the new file",
            "The file is unreadable without its passphrase; the same passphrase as the file "
            "open now opens it without asking again",
        )
        self.passphrase = secret_field("newPassphrase", "Passphrase")
        self.again = secret_field("newPassphraseAgain", "Passphrase again")
        self.encrypt.toggled.connect(self._encrypt_toggled)
        self.encrypt.setChecked(encrypted)
        self._encrypt_toggled(encrypted)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("F&ile:", where)
        form.addRow("", self.encrypt)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("Passphrase &again:", self.again)

        self.problem = MessageLine("Problem")
        self.problem.setObjectName("newInspectionProblem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("C&reate and open")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        heading = QLabel("&Framework:")
        heading.setBuddy(self.frameworks)
        pick = QHBoxLayout()
        pick.addWidget(heading, 1)
        pick.addWidget(self.choose_file)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.frameworks, 1)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._show_chosen()
        size_within_screen(self, 760, 600)

    # --- the framework -----------------------------------------------------------------------

    def _add_framework(self, framework: Framework, where: str) -> QListWidgetItem:
        item = QListWidgetItem(f"{framework.name}\n{where}")
        item.setData(FrameworkRole, framework)
        item.setToolTip(framework.source or framework.name)
        self.frameworks.addItem(item)
        return item

    def chosen(self) -> Framework | None:
        item = self.frameworks.currentItem()
        return item.data(FrameworkRole) if item is not None else None

    def _show_chosen(self) -> None:
        framework = self.chosen()
        self.summary.setText(framework_summary(framework) if framework else "")

    def _ask_framework_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a framework file", str(self.folder), "Frameworks (*.toml);;All (*)"
        )
        if path:
            self.use_framework_file(Path(path))

    def use_framework_file(self, path: Path) -> Framework | None:
        """Read a framework file and choose it; a mistake in it is said (the loader's one
        message) and nothing is chosen."""
        try:
            framework = load_framework(path)
        except (Refused, *FILE_FAILURES) as exc:  # FrameworkError names file, entry and key
            self.problem.refuse(str(exc))
            return None
        self.problem.clear_message()
        item = self._add_framework(framework, f"From the file {path}")
        self.frameworks.setCurrentItem(item)
        return framework

    # --- the name and the file -------------------------------------------------------------

    def _name_edited(self, text: str) -> None:
        if not self._path_typed:  # the file follows the name until a path is typed or chosen
            folder = Path(self.path.text()).parent if self.path.text() else self.folder
            self.path.setText(str(folder / file_name_for(text)))

    def _ask_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New inspection file", self.path.text(), f"Inspection files (*{SUFFIX})"
        )
        if path:
            self._path_typed = True
            self.path.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def _encrypt_toggled(self, on: bool) -> None:
        self.passphrase.setEnabled(on)
        self.again.setEnabled(on)

    def _new_passphrase(self) -> str | bool | None:
        """The passphrase to encrypt with (None: not encrypted), or False when refused."""
        if not self.encrypt.isChecked():
            return None
        passphrase = self.passphrase.text()
        if passphrase != self.again.text():
            self.problem.refuse("The two passphrases differ.")
            return False
        problem = new_passphrase_problem(passphrase)
        if problem:
            self.problem.refuse(f"{problem[:1].upper()}{problem[1:]}.")
            return False
        return passphrase

    def create(self) -> Path | None:
        """Make the inspection file (nothing is made when anything is missing or refused)."""
        framework = self.chosen()
        name = " ".join(self.name.text().split())
        text = self.path.text().strip()
        if framework is None:
            self.problem.refuse("Choose a framework.")
            return None
        if not name:
            self.problem.refuse("Please give the inspection a name.")
            self.name.setFocus()
            return None
        if not text:
            self.problem.refuse("Please say where to make the file.")
            return None
        passphrase = self._new_passphrase()
        if passphrase is False:
            return None
        path = Path(text).expanduser().absolute()
        try:
            inspection = Inspection.create(
                path, name=name, framework=framework, lead=self.lead, passphrase=passphrase or None
            )
        except (Refused, *FILE_FAILURES) as exc:  # already exists, no such folder: in words
            self.problem.refuse(str(exc))
            return None
        inspection.close()
        self.passphrase.clear()
        self.again.clear()
        self.made = path
        self.accept()
        self.created.emit(path)
        return path
