"""The Moderation window's Sample tab: draw the sample, assign second inspectors, progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from auditor.moderation import Moderation, ModerationError
from ui.common.a11y import describe
from ui.common.widgets import MessageLine, make_table
from ui.common.workspace import Workspace
from ui.moderation.models import SampleModel

DEFAULT_PERCENT = 10.0
DEFAULT_SEED = 2018


def button(text: str, description: str, slot: Callable[[], object]) -> QPushButton:
    widget = QPushButton(text)
    describe(widget, text.replace("&", "").rstrip("…"), description)
    widget.setAutoDefault(False)
    widget.clicked.connect(slot)
    return widget


class SampleTab(QWidget):
    """The sample with its second inspectors; the lead draws and assigns here."""

    def __init__(self, workspace: Workspace, desk: Moderation, lead: bool) -> None:
        super().__init__()
        self.workspace = workspace
        self.desk = desk
        self.lead = lead
        self.percent = QDoubleSpinBox()
        self.percent.setRange(0.0, 100.0)
        self.percent.setDecimals(1)
        self.percent.setSuffix(" %")
        self.percent.setValue(DEFAULT_PERCENT)
        describe(
            self.percent,
            "Percentage drawn",
            "The share of the graded cases not flagged for referral back drawn from each "
            "case type and inspector (every flagged case is always drawn)",
        )
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setValue(DEFAULT_SEED)
        describe(
            self.seed,
            "Seed",
            "Any whole number: the same seed on the same gradings draws the same sample",
        )
        self.draw_button = button(
            "Dra&w sample",
            "Add to the sample every flagged case and the percentage of the others",
            self.draw,
        )
        self.model = SampleModel(workspace.inspection.framework, self)
        self.table = make_table(
            self.model,
            "Moderation sample",
            "Each sampled case: why it was drawn, its first grader, its second grader and "
            "how far the second grading has gone",
            (105, 290, 200, 150, 150),
        )
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.second = QComboBox()
        describe(
            self.second,
            "Second grader",
            "Who grades the selected case again, blind (never its first grader)",
        )
        self.assign_button = button(
            "&Assign", "Give the selected case to the second grader chosen", self.assign
        )
        self.evenly_button = button(
            "Assign &evenly",
            "Give every unassigned case to the inspector with the fewest cases who has not "
            "graded it",
            self.assign_evenly,
        )
        for control in (
            self.percent,
            self.seed,
            self.draw_button,
            self.second,
            self.assign_button,
            self.evenly_button,
        ):
            control.setEnabled(lead)
        self.progress = QLabel()
        self.progress.setAccessibleName("Moderation progress")
        self.message = MessageLine("Sample message")

        draw_row = QHBoxLayout()
        draw_row.addWidget(QLabel("&Percentage:", buddy=self.percent))
        draw_row.addWidget(self.percent)
        draw_row.addWidget(QLabel("Ra&ndom seed:", buddy=self.seed))
        draw_row.addWidget(self.seed)
        draw_row.addWidget(self.draw_button)
        draw_row.addStretch(1)
        draw_row.addWidget(self.progress)
        assign_row = QHBoxLayout()
        assign_row.addWidget(QLabel("Second g&rader:", buddy=self.second))
        assign_row.addWidget(self.second, 1)
        assign_row.addWidget(self.assign_button)
        assign_row.addWidget(self.evenly_button)
        layout = QVBoxLayout(self)
        layout.addLayout(draw_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(assign_row)
        layout.addWidget(self.message)

    def reload(self) -> None:
        current = self.selected_case()
        self.model.blind = self.desk.blind_cases(self.workspace.user.id)
        self.model.reload(self.desk.sample())
        sampled, assigned, finished = self.desk.progress()
        self.progress.setText(f"{sampled} sampled · {assigned} assigned · {finished} graded twice")
        for row, item in enumerate(self.model.items):
            if item.case_id == current:
                self.table.selectRow(row)
                break
        else:
            if self.model.items:
                self.table.selectRow(0)
        self._fill_second()

    def selected_case(self) -> str | None:
        item = self.model.item(self.table.currentIndex().row())
        return item.case_id if item else None

    def _selected(self, *_args: object) -> None:
        self._fill_second()

    def _fill_second(self) -> None:
        self.second.clear()
        item = self.model.item(self.table.currentIndex().row())
        if item is None:
            return
        for person in self.desk.eligible_second(item.case_id):
            self.second.addItem(f"{person.name} ({person.role})", person.id)
        if item.second_id:
            self.second.setCurrentIndex(max(0, self.second.findData(item.second_id)))

    def _run(self, action: Callable[[], str]) -> None:
        try:
            text = action()
        except ModerationError as exc:
            self.message.refuse(str(exc))
            return
        self.message.done(text)
        self.reload()

    def draw(self) -> None:
        percent, seed = self.percent.value(), self.seed.value()
        self._run(lambda: self.desk.draw(self.workspace.user, percent, seed).describe())

    def assign(self) -> None:
        case_id, second = self.selected_case(), self.second.currentData()
        if case_id is None or second is None:
            self.message.refuse("Select a sampled case and a second grader first.")
            return

        def act() -> str:
            self.desk.assign(self.workspace.user, case_id, second)
            return f"{self.second.currentText()} grades the case second, blind."

        self._run(act)

    def assign_evenly(self) -> None:
        def act() -> str:
            n = self.desk.assign_evenly(self.workspace.user)
            return f"Assigned {n} case{'s' if n != 1 else ''}." if n else "Nothing to assign."

        self._run(act)
