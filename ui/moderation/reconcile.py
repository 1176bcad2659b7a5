"""The Moderation window's Agreement, Disagreements and Force's audit tabs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor.moderation import Moderation, ModerationError
from auditor.moderation.agreement import shown
from ui.common.a11y import describe
from ui.common.framework_words import POLICE, in_words
from ui.common.widgets import MessageLine, make_table
from ui.common.workspace import Workspace
from ui.moderation.models import AgreementModel, DisagreementModel, ForceMatrixModel, percent_text
from ui.moderation.sample import button

KAPPA_NOTE = (
    "Pairs are the sampled cases whose second, blind grading is complete; Not applicable is "
    "left out. Kappa 1 is perfect agreement, 0 no better than chance. Weighted kappa counts "
    "Good against Requires improvement as half a disagreement and Good against Inadequate as "
    "a whole one. “n/a”: both graders used one grade only, so kappa is undefined."
)


class AgreementTab(QWidget):
    """Agreement between first and second gradings, overall and per criterion."""

    def __init__(self, workspace: Workspace, desk: Moderation) -> None:
        super().__init__()
        self.desk = desk
        self.model = AgreementModel(workspace.inspection.framework, self)
        self.table = make_table(
            self.model,
            "Agreement table",
            "For the overall grade and each criterion: cases graded twice, exact agreement, "
            "Cohen's kappa and linearly weighted kappa",
            (300, 110, 120, 110, 120),
        )
        note = QLabel(KAPPA_NOTE)
        note.setWordWrap(True)
        note.setAccessibleName("How agreement is measured")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def reload(self) -> None:
        self.model.reload(self.desk.agreement_table())


NONE_LISTED = "No disagreements or conflicts: no case is graded differently by two people."


class DisagreementsTab(QWidget):
    """Disagreements and merge conflicts; the lead records the agreed grade of each."""

    def __init__(self, workspace: Workspace, desk: Moderation, lead: bool) -> None:
        super().__init__()
        self.workspace = workspace
        self.desk = desk
        framework = workspace.inspection.framework
        self.model = DisagreementModel(framework, self)
        self.table = make_table(
            self.model,
            "Disagreements and conflicts",
            "Cases two people graded differently overall, with the agreed grade when recorded",
            (105, 105, 240, 240, 115, 160),
        )
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.grade = QComboBox()
        for g in framework.grades:
            self.grade.addItem(g.label, g.code)
        describe(self.grade, "Agreed grade", "The overall grade the lead agreed for the case")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Why this grade was agreed (required)")
        self.note.setMaximumHeight(self.fontMetrics().height() * 4)
        describe(self.note, "Why agreed", "The reason for the agreed grade, kept on record")
        self.record_button = button(
            "&Record agreed grade",
            "Record the agreed grade and note for the selected case; it then counts in reports",
            self.record,
        )
        self.open_button = button(
            "&Open case", "Show the selected case in the main window", self.open_selected
        )
        self.lead = lead
        self._said_none = False  # the message says the list is empty
        self.message = MessageLine("Disagreements message")
        form = QHBoxLayout()
        form.addWidget(QLabel("Agr&eed grade:", buddy=self.grade))
        form.addWidget(self.grade)
        form.addWidget(QLabel("&Why:", buddy=self.note))
        form.addWidget(self.note, 1)
        form.addWidget(self.record_button)
        form.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)

    def reload(self) -> None:
        current = self._current()
        self.model.reload(self.desk.disagreements())
        rows = [i for i, d in enumerate(self.model.items) if d.case_id == current]
        if rows or self.model.items:
            self.table.selectRow(rows[0] if rows else 0)
        # Nothing to record or open while the list is empty: said, not refused on a click.
        listed = bool(self.model.items)
        for control in (self.grade, self.note, self.record_button):
            control.setEnabled(self.lead and listed)
        self.open_button.setEnabled(listed)
        if not listed:
            self.message.done(NONE_LISTED)
        elif self._said_none:
            self.message.clear_message()
        self._said_none = not listed

    def _current(self) -> str | None:
        item = self.model.item(self.table.currentIndex().row())
        return item.case_id if item else None

    def _selected(self, *_args: object) -> None:
        item = self.model.item(self.table.currentIndex().row())
        if item is None:
            return
        if item.reconciled:
            self.grade.setCurrentIndex(max(0, self.grade.findData(item.reconciled.grade)))
            self.note.setPlainText(item.reconciled.note)
        else:
            self.note.clear()

    def record(self) -> None:
        case_id = self._current()
        if case_id is None:
            self.message.refuse("Select a disagreement first.")
            return
        try:
            self.desk.reconcile(
                self.workspace.user, case_id, self.grade.currentData(), self.note.toPlainText()
            )
        except ModerationError as exc:
            self.message.refuse(str(exc))
            return
        reference = self.workspace.inspection.case(case_id).reference
        self.message.done(
            f"{reference}: agreed grade {self.grade.currentText()} recorded; it counts in reports."
        )
        self.reload()

    def open_selected(self) -> None:
        case_id = self._current()
        if case_id is not None:
            self.workspace.open_case(case_id)


class ForceTab(QWidget):
    """The inspectorate's reported grades against the force's own audit."""

    def __init__(self, workspace: Workspace, desk: Moderation) -> None:
        super().__init__()
        self.desk = desk
        self.model = ForceMatrixModel(workspace.inspection.framework, self)
        self.words = words = workspace.inspection.framework.words
        self.table = QTableView()
        self.table.setModel(self.model)
        describe(
            self.table,
            in_words("Inspectorate against the force", words),
            in_words(
                "Cases by the inspectorate's reported grade (rows) and the force's audit grade "
                "(columns)",
                words,
            ),
        )
        self.table.horizontalHeader().setDefaultSectionSize(190)
        self.table.verticalHeader().setMinimumWidth(240)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(in_words("Agreement with the force", words))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def _grade_words(self) -> str:
        """ "a force grade", or the framework's external grade ("a local assessor rating")."""
        if self.words == POLICE:
            return "a force grade"
        return f"a {self.words.external_grade[:1].lower()}{self.words.external_grade[1:]}"

    def reload(self) -> None:
        comparison = self.desk.force_comparison()
        self.model.show(comparison)
        a = comparison.agreement
        why = f" ({a.why_undefined})" if a.why_undefined else ""
        self.summary.setText(
            f"{a.n} cases graded by both · exact agreement {percent_text(a)} · "
            f"Cohen's kappa {shown(a.kappa)} · weighted kappa {shown(a.weighted_kappa)}{why}. "
            f"{comparison.force_graded} cases carry {self._grade_words()} (the import's "
            f"{self.words.external_grade} column); {comparison.not_graded} of them are not "
            "graded by the inspectorate yet."
        )
