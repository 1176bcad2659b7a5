"""Table models of the Moderation window: thin Qt adapters over the core's plain records."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from auditor.framework import Framework
from auditor.grading.rules import STATUS_LABELS
from auditor.moderation import (
    KIND_LABELS,
    MODERATION,
    REFERRAL,
    Agreement,
    AgreementRow,
    Disagreement,
    ForceComparison,
    SampledCase,
)
from auditor.moderation.agreement import shown
from ui.common.framework_words import in_words
from ui.common.table_model import Index, ListTableModel
from ui.common.widgets import when

HIDDEN = "hidden: you grade it blind"


def percent_text(a: Agreement) -> str:
    return "n/a" if a.percent is None else f"{a.percent:.0f}%"


class SampleModel(ListTableModel[SampledCase]):
    """The moderation sample: why each case was drawn, who grades it first and second."""

    COL_REFERENCE, COL_TYPE, COL_WHY, COL_FIRST, COL_SECOND, COL_PROGRESS = range(6)
    HEADERS = (
        "Reference",
        "Case type",
        "Why drawn",
        "First grader",
        "Second grader",
        "Second grading",
    )

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(framework, parent)
        self.blind: set[str] = set()  # cases whose first grading the user may not see yet

    def display(self, item: SampledCase, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.reference
        if column == self.COL_TYPE:
            return self.framework.case_type_label(item.case_type)
        if column == self.COL_WHY:
            if item.case_id in self.blind:
                return HIDDEN
            if item.reason == REFERRAL:
                return "Flagged for referral back"
            return f"Stratified draw, {item.percent:g}%"
        if column == self.COL_FIRST:
            return "hidden" if item.case_id in self.blind else item.first_name
        if column == self.COL_SECOND:
            return item.second_name or "not assigned"
        if column == self.COL_PROGRESS:
            if not item.second_id:
                return ""
            return STATUS_LABELS.get(item.second_status or "not_started", "Not started")
        return ""


class AgreementModel(ListTableModel[AgreementRow]):
    """Agreement on the overall grade and each criterion: n, %, kappa, weighted kappa."""

    COL_TITLE, COL_N, COL_PERCENT, COL_KAPPA, COL_WEIGHTED, COL_NOTE = range(6)
    HEADERS = (
        "Grade or criterion",
        "Double-graded",
        "Exact agreement",
        "Cohen's kappa",
        "Weighted kappa",
        "Note",
    )

    def display(self, item: AgreementRow, column: int) -> str:
        a = item.agreement
        if column == self.COL_TITLE:
            return item.title
        if column == self.COL_N:
            return str(a.n)
        if column == self.COL_PERCENT:
            return percent_text(a)
        if column == self.COL_KAPPA:
            return shown(a.kappa)
        if column == self.COL_WEIGHTED:
            return shown(a.weighted_kappa)
        if column == self.COL_NOTE:
            return a.why_undefined
        return ""

    def emphasised(self, item: AgreementRow) -> bool:
        return item.key == "overall"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and index.isValid()
            and self.COL_N <= index.column() <= self.COL_WEIGHTED
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class DisagreementModel(ListTableModel[Disagreement]):
    """Cases graded differently by two people, with the lead's agreed grade when recorded."""

    COL_REFERENCE, COL_KIND, COL_FIRST, COL_SECOND, COL_CRITERIA, COL_AGREED, COL_BY = range(7)
    HEADERS = (
        "Reference",
        "Kind",
        "First grade",
        "Second grade",
        "Criteria differing",
        "Agreed grade",
        "Agreed by",
    )

    def _grades(self, grades: tuple[tuple[str, str], ...]) -> str:
        return "; ".join(f"{name}: {self.framework.grade_label(g)}" for name, g in grades)

    def display(self, item: Disagreement, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.reference
        if column == self.COL_KIND:
            return KIND_LABELS[item.kind]
        if column == self.COL_FIRST:
            return self._grades(item.grades[:1])
        if column == self.COL_SECOND:
            return self._grades(item.grades[1:])
        if column == self.COL_CRITERIA:
            return str(item.criteria_differing) if item.kind == MODERATION else ""
        if column == self.COL_AGREED:
            if item.reconciled is None:
                return "⚠ not yet agreed"
            return self.framework.grade_label(item.reconciled.grade)
        if column == self.COL_BY:
            r = item.reconciled
            return f"{r.by}, {when(r.at)}" if r else ""
        return ""

    def emphasised(self, item: Disagreement) -> bool:
        return item.reconciled is None


class ForceMatrixModel(QAbstractTableModel):
    """The confusion matrix: inspectorate's reported grade (rows) × the force's (columns)."""

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.labels: list[str] = []
        self.cells: list[list[int]] = []

    def show(self, comparison: ForceComparison) -> None:
        self.beginResetModel()
        self.labels = [self.framework.grade_label(c) for c in comparison.categories]
        rows = [[*r, sum(r)] for r in comparison.matrix]
        totals = [sum(r[j] for r in comparison.matrix) for j in range(len(self.labels))]
        self.cells = [*rows, [*totals, sum(totals)]]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.cells else len(self.labels) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        names = [*self.labels, "Total"]
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.labels):
                return "Total"
            return in_words(f"Force: {names[section]}", self.framework.words)
        return f"Inspectorate: {names[section]}" if section < len(self.labels) else "Total"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            names = [*self.labels, "Total"]
            return in_words(
                f"{value} cases: inspectorate {names[index.row()]}, force {names[index.column()]}",
                self.framework.words,
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
