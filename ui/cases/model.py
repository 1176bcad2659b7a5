"""The case list table: a thin Qt adapter over ``auditor.case_list.CaseList``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from auditor.case_list import CaseList
from auditor.case_pages import CasePages
from auditor.case_rows import COL_AREA, COL_FLAG, COL_STATUS, HEADERS, R_ID, CaseFilter
from auditor.framework import Framework
from auditor.inspection import Inspection
from ui.common.framework_words import POLICE, area_heading, in_words

CaseIdRole = Qt.ItemDataRole.UserRole + 1
RawRowRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Shows the visible rows of a CaseList; filtering and sorting happen in plain Python."""

    #: Every row of the list has arrived (the references are known: their column is sized).
    listed = Signal()

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.cases = CaseList(framework)
        self.words = framework.words
        self.headers = [*HEADERS]
        self.headers[COL_AREA] = area_heading(self.words)
        self.headers[COL_FLAG] = self.words.referral_short or self.headers[COL_FLAG]
        # Status and referral cells in the framework's words ("Sent to the probation region").
        self.reworded = (COL_STATUS, COL_FLAG) if self.words != POLICE else ()

    def reload(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.cases.load(rows)
        self.endResetModel()
        self.listed.emit()
        # The first search, lookup and sorts' indexes, built a step at a time while idle.
        self._prepare(self.cases.preparations())

    def _prepare(self, steps: list) -> None:
        if steps:
            step, rest = steps[0], steps[1:]
            QTimer.singleShot(0, self, lambda: (step(), self._prepare(rest)))

    def page(self, inspection: Inspection, assessor_id: str | None) -> None:
        """List every case of ``inspection`` at once by its key, the rows shown read a page at
        a time, until ``reload`` gives every row (a very large inspection's first seconds)."""
        pages = CasePages(
            inspection.case_references(),
            lambda keys: inspection.case_list_page(keys, assessor_id),
            inspection.case_rowid,
        )
        self.beginResetModel()
        self.cases.page(pages, lambda: inspection.case_list(assessor_id))
        self.endResetModel()

    def set_filter(self, case_filter: CaseFilter) -> None:
        self.beginResetModel()
        self.cases.set_filter(case_filter)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-order the rows, keeping the selection on the same cases."""
        if not 0 <= column < len(HEADERS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.cases.sort_column, self.cases.descending):
            return  # already so (QTableView.sortByColumn asks twice: itself and its header)
        self.layoutAboutToBeChanged.emit()
        before = [(p, self.cases.row_at(p.row())[R_ID]) for p in self.persistentIndexList()]
        self.cases.set_sort(column, descending)
        positions = {case_id: self.cases.position_of(case_id) for case_id in {c for _, c in before}}
        for persistent, case_id in before:
            position = positions[case_id]
            self.changePersistentIndex(
                persistent,
                QModelIndex() if position is None else self.index(position, persistent.column()),
            )
        self.layoutChanged.emit()

    def update_row(self, row: tuple) -> None:
        """Replace one case's row after an edit, signalling just that row."""
        position = self.cases.update(row)
        if position is not None:
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(HEADERS) - 1))

    def position_of(self, case_id: str) -> int | None:
        return self.cases.position_of(case_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.cases.row_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.cases.display(row, column)
            return in_words(text, self.words) if column in self.reworded else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.cases.display(row, column)
            text = in_words(text, self.words) if column in self.reworded else text
            return text or ("Not referred back" if column == COL_FLAG else "empty")
        if role == CaseIdRole:
            return row[R_ID]
        if role == RawRowRole:
            return row
        return None
