"""Review → Quality-assure this case (Ctrl+Shift+A): agree or disagree with an overall grade."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.grading.rules import DONE_STATUSES, Assessment
from auditor.people import is_supervisor
from auditor.records import Case
from ui.common.a11y import describe
from ui.common.widgets import MessageLine, after_change, banner, named, size_within_screen
from ui.common.workspace import Workspace
from ui.review.details import case_heading, grades_html, reviews_html
from ui.review.evidence import HOW_TO_OPEN, CitationLinks, cited

SUPERVISORS_ONLY = (
    "Quality assurance is for supervisors. You are signed in as {name}, an {role}: you can "
    "read the gradings, but only a supervisor can record agreement or disagreement."
)


class QualityDialog(QDialog):
    """Quality assurance of the current case: whose grading, agree or disagree, and a note."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.desk = workspace.inspection.review
        self.framework = workspace.inspection.framework
        self.case: Case | None = None
        self.setWindowTitle("Quality assurance")
        describe(self, "Quality assurance", "Agree or disagree with a case's overall grade")
        user = workspace.user
        self.is_supervisor = is_supervisor(user)

        self.title = QLabel()
        self.title.setAccessibleName("Case being quality-assured")
        self.grading_choice = QComboBox()
        describe(
            self.grading_choice,
            "Whose grading",
            "The completed grading of this case to quality-assure",
        )
        self.grading_choice.currentIndexChanged.connect(self._show_chosen)
        self.details = QTextBrowser()
        describe(
            self.details,
            "Grading under quality assurance",
            "The overall grade, every criterion's grade, note and cited passages, and "
            f"earlier reviews. {HOW_TO_OPEN}",
        )
        self.citation_links = CitationLinks(self.details, workspace)
        self.agree = QRadioButton("&Agree with the overall grade")
        describe(self.agree, "Agree", "Record agreement with the overall grade")
        self.disagree = QRadioButton("&Disagree: return it to the inspector")
        describe(
            self.disagree,
            "Disagree",
            "Record disagreement; the note is sent to the inspector as a question",
        )
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.agree)
        self.choice.addButton(self.disagree)
        self.agree.setChecked(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note (required to disagree: the inspector answers it)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().height() * 5)
        describe(self.note, "Quality assurance note", "Required when you disagree")
        self.record_button = QPushButton("&Record")
        describe(self.record_button, "Record quality assurance", "Save the decision and note")
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        self.record_button.setEnabled(self.is_supervisor)
        self.message = MessageLine("Quality assurance message")

        layout = QVBoxLayout(self)
        if not self.is_supervisor:
            layout.addWidget(
                banner(SUPERVISORS_ONLY.format(name=user.name, role=user.role), "Supervisors only")
            )
        layout.addWidget(self.title)
        form = QFormLayout()
        form.addRow("&Grading by:", self.grading_choice)
        layout.addLayout(form)
        layout.addWidget(self.details, 1)
        choices = QHBoxLayout()
        choices.addWidget(self.agree)
        choices.addWidget(self.disagree)
        choices.addStretch(1)
        layout.addLayout(choices)
        layout.addWidget(QLabel("&Note:", buddy=self.note))
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        size_within_screen(self, 760, 700)

    def show_case(self, case_id: str | None) -> None:
        """Quality-assure ``case_id``: list its completed gradings (the core refuses one's own)."""
        self.message.clear_message()
        self.grading_choice.blockSignals(True)
        self.grading_choice.clear()
        if case_id is None:
            self.case = None
            self.title.setText("<b>No case is selected.</b> Choose one in the case list.")
        else:
            inspection = self.workspace.inspection
            self.case = inspection.case(case_id)
            names = {a.id: a.name for a in inspection.assessors()}
            done = [
                a
                for a in inspection.grading.assessments(case_id)
                if a.status in DONE_STATUSES and a.overall_grade is not None
            ]
            for assessment in done:
                name = names.get(assessment.assessor_id, "an assessor")
                grade = self.framework.grade_label(assessment.overall_grade)
                self.grading_choice.addItem(f"{name}: {grade}", assessment.id)
            reference = self.case.reference
            self.title.setText(
                f"<b>{reference}</b>: {len(done)} completed grading{'s' if len(done) != 1 else ''}"
                if done
                else f"<b>{reference}</b> has no completed grading to quality-assure yet."
            )
        self.grading_choice.blockSignals(False)
        self.grading_choice.setEnabled(self.grading_choice.count() > 1)
        self._show_chosen()

    def chosen(self) -> Assessment | None:
        assessment_id = self.grading_choice.currentData()
        if assessment_id is None:
            return None
        return self.workspace.inspection.grading.assessment_by_id(assessment_id)

    def _show_chosen(self) -> None:
        assessment = self.chosen()
        if assessment is None or self.case is None:
            self.details.setHtml("<p><i>Nothing to quality-assure.</i></p>")
            return
        names = {a.id: named(a) for a in self.workspace.inspection.assessors()}
        self.details.setHtml(
            case_heading(self.framework, self.case, names.get(assessment.assessor_id, ""))
            + grades_html(self.framework, self.case, assessment, cited(self.workspace, assessment))
            + "<h4>Earlier reviews</h4>"
            + reviews_html(assessment.reviews, names)
        )

    def record(self) -> None:
        assessment = self.chosen()
        if assessment is None or self.case is None:
            self.message.refuse("There is no completed grading of this case to quality-assure.")
            return
        agree = self.agree.isChecked()
        self.workspace.flush_edits()
        try:
            self.desk.quality_assure(
                assessment.id, self.workspace.user, agree, self.note.toPlainText()
            )
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        reference = self.case.reference
        self.message.done(
            f"Recorded: you agree with the overall grade of {reference}."
            if agree
            else f"Recorded: you disagree; {reference} is returned to its inspector."
        )
        self.note.clear()
        after_change(self.workspace, self.case.id)
        self._show_chosen()
