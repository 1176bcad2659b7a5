"""The case list's search box and filters (case type, status, overall grade, referred back),
and the document filter: only the cases whose documents match a search (set from the
search panel, shown above the list with a button to clear it)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.case_rows import CaseFilter, awaits_review_by, is_mine
from auditor.evidence.filtering import with_documents
from auditor.framework import Framework
from auditor.grading.rules import STATUS_LABELS
from auditor.people import is_supervisor
from auditor.records import Assessor
from ui.common.a11y import buddy_label, describe, explain
from ui.common.flow_layout import FlowLayout
from ui.common.framework_words import in_words

ALL, MINE, REVIEW = "all", "mine", "review"


class SearchBox(QLineEdit):
    """The search box: Enter opens the first match, Down enters the list, Esc clears."""

    open_first = Signal()
    enter_list = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_first.emit()
        elif key == Qt.Key.Key_Down:
            self.enter_list.emit()
        elif key == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class CaseFilterBar(QWidget):
    """Search and filters above the case list; ``changed`` fires on every change."""

    changed = Signal()

    def __init__(self, framework: Framework, user: Assessor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.scope = QComboBox()
        describe(
            self.scope,
            "Which cases",
            "All cases, the cases allocated to you (or graded by you where nobody is "
            "allocated), or for a supervisor the flagged cases awaiting your decision",
        )
        self.scope.addItem("All cases", ALL)
        self.scope.addItem("My cases", MINE)
        if is_supervisor(user):
            self.scope.addItem("Awaiting my review", REVIEW)
        self.scope.currentIndexChanged.connect(self.changed)
        self.search = SearchBox(placeholderText="Search reference or summary")
        describe(
            self.search,
            "Search cases",
            "Shows only cases whose reference or summary holds this text; Enter opens the "
            "first, Down goes to the list, Esc clears",
        )
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        describe(self.type_filter, "Filter by case type", "Shows only cases of the chosen type")
        self.type_filter.addItem("All case types", None)
        for case_type in framework.case_types:
            self.type_filter.addItem(case_type.label, case_type.code)
        self.status_filter = QComboBox()
        describe(self.status_filter, "Filter by status", "Shows only cases with this status")
        self.status_filter.addItem("Any status", None)
        for code, label in STATUS_LABELS.items():
            self.status_filter.addItem(in_words(label, framework.words), code)
        self.grade_filter = QComboBox()
        describe(
            self.grade_filter, "Filter by overall grade", "Shows only cases with this overall grade"
        )
        self.grade_filter.addItem("Any grade", None)
        for grade in framework.grades:
            self.grade_filter.addItem(grade.label, grade.code)
        self.flag_filter = QCheckBox("Referred back only")
        describe(
            self.flag_filter,
            "Show only cases referred back",
            "When ticked, the list shows only cases flagged for referral back to "
            + framework.words.inspected_body,
        )
        for combo in (self.scope, self.type_filter, self.status_filter, self.grade_filter):
            combo.currentIndexChanged.connect(self.changed)
            # Sized to a short text, not the longest item: the list's pane can be narrow.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            # On Linux Qt reads a combo box by its choice ("All case types"); its purpose
            # ("Filter by case type") is read from a label it is labelled by.
            buddy_label(combo.accessibleName(), combo).setParent(self)
        self.flag_filter.toggled.connect(self.changed)
        self.search.textChanged.connect(self.changed)

        self.documents: tuple[str, frozenset[str]] | None = None  # the document filter
        self.document_notice = QWidget()
        self.document_label = QLabel()
        self.document_label.setWordWrap(True)
        explain(self.document_label, "Document filter")
        self.clear_documents_button = QPushButton("Clear")
        describe(
            self.clear_documents_button,
            "Clear the document filter",
            "List the cases again whatever their documents hold",
        )
        self.clear_documents_button.setAutoDefault(False)
        self.clear_documents_button.clicked.connect(self.clear_document_filter)
        notice = QHBoxLayout(self.document_notice)
        notice.setContentsMargins(4, 2, 0, 2)
        notice.addWidget(self.document_label, 1)
        notice.addWidget(self.clear_documents_button)
        self.document_notice.setAutoFillBackground(True)
        self.document_notice.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.document_notice.hide()

        filters = FlowLayout()  # wraps in a narrow pane
        filters.addWidget(self.status_filter)
        filters.addWidget(self.grade_filter)
        filters.addWidget(self.flag_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document_notice)
        layout.addWidget(self.search)
        layout.addWidget(self.scope)
        layout.addWidget(self.type_filter)
        layout.addLayout(filters)

    def current(self) -> CaseFilter:
        """The filter the controls show (with the document filter, when one is on)."""
        shown = CaseFilter(
            case_type=self.type_filter.currentData(),
            status=self.status_filter.currentData(),
            grade=self.grade_filter.currentData(),
            flagged_only=self.flag_filter.isChecked(),
            text=self.search.text(),
            mine=self.user.id if self.scope.currentData() == MINE else None,
            review_by=self.user.id if self.scope.currentData() == REVIEW else None,
        )
        if self.documents is None:
            return shown
        return with_documents(shown, *self.documents)

    def set_document_filter(self, text: str, case_ids: set[str] | frozenset[str]) -> None:
        """List only the cases whose documents match the search ``text`` (``case_ids``)."""
        self.documents = (text, frozenset(case_ids))
        count = len(case_ids)
        self.document_label.setText(
            f"Only cases whose documents match <b>{escape(text)}</b> "
            f"({count} case{'s match' if count != 1 else ' matches'})"
        )
        self.document_label.setToolTip(f"The document filter is on: {text}")
        self.document_notice.show()
        self.changed.emit()

    def clear_document_filter(self) -> None:
        """List the cases again whatever their documents hold."""
        if self.documents is None:
            return
        self.documents = None
        self.document_notice.hide()
        self.changed.emit()

    def choose_scope(self, rows: list[tuple]) -> None:
        """The first view of the list: a supervisor's cases awaiting their review, else an
        inspector's own cases, when there are any; otherwise all cases."""
        wanted = ALL
        if is_supervisor(self.user) and any(awaits_review_by(r, self.user.id) for r in rows):
            wanted = REVIEW
        elif any(is_mine(r, self.user.id) for r in rows):
            wanted = MINE
        self.scope.setCurrentIndex(max(0, self.scope.findData(wanted)))
