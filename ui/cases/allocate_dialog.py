"""Case → Allocate cases… (the lead): give the case shown, or every case the list shows, to an
inspector; balance the listed cases across the team by case type; or clear allocations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from auditor.allocation.desk import AllocationResult
from auditor.errors import FILE_FAILURES, Refused
from auditor.people import INSPECTOR, is_supervisor
from ui.common.a11y import describe
from ui.common.widgets import MessageLine, banner, compact, labelled, size_within_screen
from ui.common.workspace import Workspace

LEADS_ONLY = (
    "Allocating cases is for the lead (a supervisor). You are signed in as {name}, an {role}: "
    "you can see who holds each case in the list, and take over a case from its grading."
)


class AllocateDialog(QDialog):
    """Which cases (the one shown, or those listed), to whom, or balanced across whom."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.desk = workspace.inspection.allocations
        self.setWindowTitle("Allocate cases")
        describe(self, "Allocate cases", "Give cases to inspectors, or balance them by type")
        user = workspace.user
        self.lead = is_supervisor(user)

        self.one = QRadioButton()
        self.listed = QRadioButton()
        describe(self.one, "The case shown", "Allocate only the case on screen")
        describe(self.listed, "The cases listed", "Allocate every case the list shows now")
        self.person = compact(QComboBox(), 28)
        describe(self.person, "Inspector", "Who the cases are given to")
        people = sorted(
            workspace.inspection.assessors(), key=lambda p: (p.role != INSPECTOR, p.name)
        )
        for person in people:
            self.person.addItem(f"{person.name} ({person.role})", person.id)
        self.allocate_button = self._button("&Allocate", "Give the chosen cases to the inspector")
        self.allocate_button.clicked.connect(self.allocate)
        self.clear_button = self._button("C&lear allocation", "The chosen cases are held by nobody")
        self.clear_button.clicked.connect(self.clear)
        self.team = QListWidget()
        describe(self.team, "Balance across", "Tick the inspectors to share the cases between")
        for person in workspace.inspection.assessors():
            if person.role == INSPECTOR:
                item = QListWidgetItem(person.name)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setCheckState(Qt.CheckState.Checked)
                self.team.addItem(item)
        self.team.setMaximumHeight(self.fontMetrics().height() * 7)
        self.reallocate = QCheckBox("Also &reallocate cases already held")
        describe(
            self.reallocate,
            "Also reallocate cases already held",
            "Unticked, a case already allocated keeps its inspector",
        )
        self.balance_button = self._button(
            "&Balance by case type", "Share the chosen cases so each type is spread evenly"
        )
        self.balance_button.clicked.connect(self.balance)
        self.message = MessageLine("Allocation message")

        layout = QVBoxLayout(self)
        if not self.lead:
            layout.addWidget(
                banner(LEADS_ONLY.format(name=user.name, role=user.role), "Leads only")
            )
        layout.addWidget(QLabel("<b>Which cases</b>"))
        layout.addWidget(self.one)
        layout.addWidget(self.listed)
        layout.addWidget(QLabel("<b>Give them to one inspector</b>"))
        row = QHBoxLayout()
        row.addWidget(labelled("&Inspector:", self.person))
        row.addWidget(self.allocate_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel("<b>Or share them across the team</b>"))
        layout.addWidget(self.team)
        layout.addWidget(self.reallocate)
        layout.addWidget(self.balance_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.closing = closing = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        closing.rejected.connect(self.reject)  # Close, as Esc: every change is already saved
        layout.addWidget(closing)
        for button in (self.allocate_button, self.clear_button, self.balance_button):
            button.setEnabled(self.lead)
        size_within_screen(self, 620, 460)

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text)
        describe(button, text.replace("&", ""), description)
        button.setAutoDefault(False)
        return button

    def reload(self) -> None:
        """Name the choices afresh: the case on screen and how many the list shows."""
        shown = self.workspace.shown_case_id()
        reference = self.workspace.inspection.case(shown).reference if shown else ""
        self.one.setText(f"The case &shown ({reference})" if shown else "The case &shown")
        self.one.setEnabled(shown is not None)
        count = len(self.workspace.listed_case_ids())
        self.listed.setText(f"The &cases listed ({count})")
        (self.one if shown else self.listed).setChecked(True)

    def chosen(self) -> list[str]:
        if self.one.isChecked():
            shown = self.workspace.shown_case_id()
            return [shown] if shown else []
        return self.workspace.listed_case_ids()

    def _run(self, act: Callable[[list[str]], AllocationResult]) -> None:
        cases = self.chosen()
        if not cases:
            self.message.refuse("No case is chosen: show a case, or list some.")
            return
        self.workspace.flush_edits()
        try:
            result = act(cases)
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        words = result.words()
        self.message.done(words[:1].upper() + words[1:] + ".")
        self.workspace.reload_cases()
        shown = self.workspace.shown_case_id()
        if shown is not None:
            self.workspace.show_case(shown, consulted=False)

    def allocate(self) -> None:
        person = self.person.currentData()
        user = self.workspace.user
        self._run(lambda cases: self.desk.allocate(user, cases, person))

    def clear(self) -> None:
        user = self.workspace.user
        self._run(lambda cases: self.desk.clear(user, cases))

    def balance(self) -> None:
        team = [
            self.team.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.team.count())
            if self.team.item(i).checkState() == Qt.CheckState.Checked
        ]
        user, again = self.workspace.user, self.reallocate.isChecked()
        self._run(lambda cases: self.desk.balance(user, team, case_ids=cases, reallocate=again))
