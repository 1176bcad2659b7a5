"""A report table whose first column (what each row is about) stays put while the figures
scroll sideways: Qt's frozen-column pattern, a second view over the first column only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.common.a11y import describe
from ui.common.widgets import one_line_rows
from ui.reports.models import ReportTableModel
from ui.reports.tables import ReportTable, fit_columns


class FrozenLabelTable(ReportTable):
    """A read-only report table with its label column frozen at the left."""

    def __init__(self) -> None:
        super().__init__()
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setAlternatingRowColors(True)
        self.frozen.setWordWrap(False)
        self.frozen.setStyleSheet("QTableView { border: none; }")
        self.frozen.horizontalHeader().setHighlightSections(False)
        self.frozen.setAccessibleName("Row labels")  # the main view reads the same cells
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.horizontalHeader().geometriesChanged.connect(self._place)

    def setModel(self, model: ReportTableModel) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._columns)
        self._columns()

    def _columns(self) -> None:
        model = self.model()
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column != 0)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self._place()

    def frozen_refit(self) -> None:
        """After new figures: the frozen column takes the label column's width again."""
        self._columns()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._place()

    def _place(self) -> None:
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        for row in range(self.model().rowCount() if self.model() else 0):
            self.frozen.setRowHeight(row, self.rowHeight(row))
        self.frozen.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.setVisible(self.horizontalScrollBar().maximum() > 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()


def frozen_table(model: ReportTableModel, name: str, description: str) -> FrozenLabelTable:
    """A comparison table: read-only, rows selected whole, the label column frozen."""
    view = FrozenLabelTable()
    view.setModel(model)
    view.verticalHeader().hide()
    one_line_rows(view)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setHighlightSections(False)
    describe(view, name, description)
    fit_columns(view)
    return view
