"""The case list's table: its columns fitted to their headers and every label they show,
and a current row that a screen reader reads as focused only while the list has focus."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from auditor.case_rows import (
    COL_ALLOCATED,
    COL_AREA,
    COL_GRADED_BY,
    COL_REFERENCE,
    COL_TEAM,
    column_texts,
)
from auditor.framework import Framework
from ui.cases.model import CaseTableModel
from ui.common.a11y import CurrentWhenFocused, describe
from ui.common.widgets import fit_columns


class CaseTable(CurrentWhenFocused):
    """The case list, whose current row is the case shown and graded."""

    def set_current(self, index: QModelIndex) -> None:
        """Make ``index``'s row the current and only selected one (shown, graded)."""
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if not self.hasFocus():
            self.put_aside()


def case_table(framework: Framework, model: CaseTableModel) -> CaseTable:
    """The list of cases (sortable, one row selected), showing ``model``."""
    table = CaseTable()
    table.setObjectName("caseList")
    describe(
        table,
        "Case list",
        "Cases of the inspection; the selected case is shown and graded. "
        "Ctrl+PgDown and Ctrl+PgUp step through the list.",
    )
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    # Each column fits its header and every label it can show ("Awaiting review" whole).
    fit_columns(
        table,
        column_texts(framework),
        {
            COL_REFERENCE: 110,
            COL_ALLOCATED: 140,
            COL_GRADED_BY: 150,
            COL_AREA: 150,
            COL_TEAM: 150,
        },
    )
    return table
