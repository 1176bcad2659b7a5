"""Review → Questions for me (F4): a supervisor's questions on my cases; answer and resubmit."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.review.desk import Question
from ui.common.a11y import describe
from ui.common.widgets import (
    MessageLine,
    after_change,
    make_table,
    named,
    select_near,
    size_within_screen,
    when,
)
from ui.common.workspace import Workspace
from ui.review.details import case_heading, grades_html, reviews_html
from ui.review.evidence import HOW_TO_OPEN, CitationLinks, cited
from ui.review.models import QuestionModel


class QuestionsDialog(QDialog):
    """The open questions on the user's cases, the selected one in full, and the answer."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.desk = workspace.inspection.review
        self.framework = workspace.inspection.framework
        self.setWindowTitle("Questions for me")
        describe(self, "Questions for me", "Supervisors' questions on your cases")

        self.model = QuestionModel(self.framework, self)
        self.table = make_table(
            self.model,
            "Questions waiting for your answer",
            "Oldest first; the selected question and its case are shown beside the list",
            (100, 150, 170, 120, 140),
        )
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setAccessibleName("Questions waiting")
        self.details = QTextBrowser()
        describe(
            self.details,
            "Question and case",
            "The supervisor's question, your grading of the case with its cited passages, "
            f"and earlier exchanges. {HOW_TO_OPEN}",
        )
        self.citation_links = CitationLinks(self.details, workspace)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText("Your answer to the supervisor")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(self.fontMetrics().height() * 6)
        describe(
            self.answer,
            "Your answer",
            "Answering resubmits the case; change its grading first if the question asks for it",
        )
        self.answer_button = QPushButton("Answer and re&submit")
        describe(
            self.answer_button,
            "Answer and resubmit",
            "Record the answer and resubmit the case (it must be graded completely)",
        )
        self.answer_button.setAutoDefault(False)
        self.answer_button.clicked.connect(self.answer_selected)
        self.open_button = QPushButton("&Open case")
        describe(self.open_button, "Open case", "Show the case in the main window to regrade it")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        self.message = MessageLine("Answer message")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(QLabel("Your &answer:", buddy=self.answer))
        right_layout.addWidget(self.answer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([680, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        size_within_screen(self, 1220, 640)

    def reload(self) -> None:
        chosen = self.current_question()
        place = self.table.currentIndex().row()
        self.model.reload(self.desk.questions(self.workspace.user.id))
        count = self.model.rowCount()
        self.count.setText(
            f"{count} question{'s' if count != 1 else ''} waiting for your answer"
            if count
            else "No questions are waiting for your answer."
        )
        if chosen is not None:
            for row, item in enumerate(self.model.items):
                if item.review.id == chosen.review.id:
                    self.table.selectRow(row)
        select_near(self.table, place)
        self._show(self.current_question())

    def current_question(self) -> Question | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.item(current.row()))

    def _show(self, question: Question | None) -> None:
        self.answer_button.setEnabled(question is not None)
        self.open_button.setEnabled(question is not None)
        if question is None:
            self.details.setHtml("<p><i>No question chosen.</i></p>")
            return
        inspection = self.workspace.inspection
        case = inspection.case(question.case_id)
        assessment = inspection.grading.assessment_by_id(question.assessment_id)
        names = {a.id: named(a) for a in inspection.assessors()}
        html = (
            f"<p><b>{escape(question.label)}</b> from {escape(question.reviewer_name)}, "
            f"{when(question.asked_at)}:</p>"
            f"<blockquote><b>{escape(question.text).replace(chr(10), '<br>')}</b></blockquote>"
            + case_heading(self.framework, case, question.inspector_name)
        )
        if assessment is not None:
            html += grades_html(self.framework, case, assessment, cited(self.workspace, assessment))
            html += "<h4>Reviews of this grading</h4>" + reviews_html(assessment.reviews, names)
        self.details.setHtml(html)

    def answer_selected(self) -> None:
        question = self.current_question()
        if question is None:
            self.message.refuse("Choose a question first.")
            return
        self.workspace.flush_edits()
        try:
            self.desk.answer(question.assessment_id, self.workspace.user, self.answer.toPlainText())
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        self.message.done(f"Answered; {question.reference} is resubmitted to the supervisor.")
        self.answer.clear()
        after_change(self.workspace, question.case_id)
        self.reload()

    def open_selected(self) -> None:
        question = self.current_question()
        if question is not None:
            self.workspace.open_case(question.case_id)
