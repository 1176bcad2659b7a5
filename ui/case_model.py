"""The case list: a table model over the inspection's case rows, and its filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from auditor.framework import Framework
from auditor.grading import STATUS_LABELS

# Positions in the rows from Inspection.case_list().
(
    R_ID,
    R_REF,
    R_TYPE,
    R_BOROUGH,
    R_BCU,
    R_TEAM,
    R_OPENED,
    R_SUMMARY,
    R_STATUS,
    R_GRADE,
    R_REF_STATE,
) = range(11)

COL_REFERENCE, COL_TYPE, COL_AREA, COL_TEAM, COL_STATUS, COL_GRADE, COL_FLAG = range(7)
HEADERS = ("Reference", "Case type", "Borough / BCU", "Team", "Status", "Overall grade", "Referral")

CaseIdRole = Qt.ItemDataRole.UserRole + 1
RawRowRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Thin adapter over the plain tuples of ``Inspection.case_list``."""

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._rows: list[tuple] = []
        self._row_of: dict[str, int] = {}

    def reload(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._row_of = {row[R_ID]: i for i, row in enumerate(rows)}
        self.endResetModel()

    def update_row(self, row: tuple) -> None:
        """Replace one case's row after an edit, signalling just that row."""
        position = self._row_of.get(row[R_ID])
        if position is None:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(HEADERS) - 1))

    def case_row(self, case_id: str) -> tuple | None:
        position = self._row_of.get(case_id)
        return None if position is None else self._rows[position]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == CaseIdRole:
            return row[R_ID]
        if role == RawRowRole:
            return row
        return None

    def _display(self, row: tuple, column: int) -> str:
        if column == COL_REFERENCE:
            return row[R_REF]
        if column == COL_TYPE:
            return self.framework.case_type_label(row[R_TYPE])
        if column == COL_AREA:
            return " / ".join(p for p in (row[R_BOROUGH], row[R_BCU]) if p)
        if column == COL_TEAM:
            return row[R_TEAM]
        if column == COL_STATUS:
            return STATUS_LABELS.get(row[R_STATUS], row[R_STATUS])
        if column == COL_GRADE:
            return self.framework.grade_label(row[R_GRADE])
        if column == COL_FLAG:
            return "Referred back" if row[R_REF_STATE] else ""
        return ""


class CaseFilterModel(QSortFilterProxyModel):
    """Filters the case list by type, status, grade, flag and free text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.case_type: str | None = None
        self.status: str | None = None
        self.grade: str | None = None
        self.flagged_only = False
        self.text = ""
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filters(
        self,
        *,
        case_type: str | None = None,
        status: str | None = None,
        grade: str | None = None,
        flagged_only: bool = False,
        text: str = "",
    ) -> None:
        self.beginFilterChange()
        self.case_type, self.status, self.grade = case_type, status, grade
        self.flagged_only = flagged_only
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        row = model.data(model.index(source_row, 0, source_parent), RawRowRole)
        if self.case_type and row[R_TYPE] != self.case_type:
            return False
        if self.status and row[R_STATUS] != self.status:
            return False
        if self.grade and row[R_GRADE] != self.grade:
            return False
        if self.flagged_only and not row[R_REF_STATE]:
            return False
        if self.text:
            return self.text in row[R_REF].casefold() or self.text in row[R_SUMMARY].casefold()
        return True
