"""Table views of the Reports view, and table 5's panel: the grades by area and by team."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor.framework import Words
from auditor.reports import AREA_FIELDS, TOTAL_LABEL, AreaTable, GradeRow, Report
from ui.common.a11y import describe
from ui.common.framework_words import POLICE
from ui.common.widgets import one_line_rows
from ui.reports.models import CasesAssessedModel, ReportTableModel


def report_table(
    model: ReportTableModel, name: str, description: str, *, sortable: bool = False
) -> QTableView:
    """A read-only view of a report table: first column stretches, numbers fit their width."""
    view = ReportTable()
    view.setModel(model)
    view.verticalHeader().hide()
    one_line_rows(view)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setHighlightSections(False)
    if sortable:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    describe(view, name, description)
    return view


class ReportTable(QTableView):
    """A table view whose columns fit again whenever it is resized."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_columns(self)


def refit(view: QTableView) -> None:
    """After new figures: sort as the header shows, then fit the columns."""
    header = view.horizontalHeader()
    if view.isSortingEnabled() and header.sortIndicatorSection() >= 0:
        view.model().sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
    fit_columns(view)


def fit_columns(view: QTableView) -> None:
    """Columns fit their contents; the first takes any room left over."""
    header = view.horizontalHeader()
    model = view.model()
    if model is None or model.columnCount() == 0:
        return
    header.setMinimumSectionSize(48)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    needed = sum(header.sectionSize(c) for c in range(model.columnCount()))
    if needed < view.viewport().width():
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def content_height(view: QTableView) -> int:
    """The height that shows every row of ``view`` without scrolling."""
    rows = view.model().rowCount()
    body = sum(view.rowHeight(r) for r in range(rows)) if rows else 30
    frame = 2 * view.frameWidth()
    scroll = view.horizontalScrollBar().sizeHint().height()
    return view.horizontalHeader().height() + body + frame + scroll


class AreaPanel(QWidget):
    """Table 5: each area's graded cases side by side, then the chosen area's table 1."""

    def __init__(self, words: Words = POLICE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.tables: tuple[AreaTable, ...] = ()
        self.field = QComboBox()
        police = words == POLICE
        self.labels = dict(AREA_FIELDS)
        if not police:  # the area columns as the framework names them
            self.labels.update(borough=words.area_1, bcu=words.area_2)
        for field, label in self.labels.items():
            if not label:
                continue
            self.field.addItem(f"By {label if label.isupper() else label.lower()}", field)
        areas = "boroughs, BCUs" if police else f"{words.area_1}, {words.area_2}".strip(", ")
        describe(self.field, "Areas by", f"Compare {areas} or teams")
        self.field.currentIndexChanged.connect(self._field_changed)
        self.area = QComboBox()
        self.area.setMinimumContentsLength(24)
        shown = "borough, BCU" if police else areas
        describe(self.area, "Area shown", f"The {shown} or team whose table is shown below")
        self.area.currentIndexChanged.connect(self._area_changed)

        self.overview_model = CasesAssessedModel(self)
        self.overview = report_table(
            self.overview_model,
            "Table 5: graded cases by area",
            "Each area's cases by overall grade; choose a row to see it by case type",
        )
        self.overview.selectionModel().currentRowChanged.connect(self._overview_row)
        self.detail_model = CasesAssessedModel(self)
        self.detail = report_table(
            self.detail_model,
            "Table 5: the chosen area by case type",
            "The chosen area's cases by case type and overall grade",
        )
        self.not_graded = QLabel()

        choose = QHBoxLayout()
        for text, combo in (("Compare &areas:", self.field), ("&Show:", self.area)):
            label = QLabel(text)
            label.setBuddy(combo)
            choose.addWidget(label)
            choose.addWidget(combo, 1 if combo is self.area else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.overview, 2)
        layout.addWidget(self.detail, 3)
        layout.addWidget(self.not_graded)

    def show_report(self, report: Report) -> None:
        self.report = report
        self._field_changed()

    def field_name(self) -> str:
        return self.field.currentData()

    def _field_changed(self) -> None:
        if self.report is None:
            return
        field = self.field_name()
        self.tables = getattr(self.report, f"by_{field}")
        label = self.labels[field]
        rows = [GradeRow(t.area, t.label, t.table.total_row.counts) for t in self.tables]
        total = GradeRow(None, TOTAL_LABEL, self.report.cases_assessed.total_row.counts)
        self.overview_model.show_rows(self.report.cases_assessed.grades, rows, total, label)
        refit(self.overview)
        chosen = self.area.currentText()
        self.area.blockSignals(True)
        self.area.clear()
        for table in self.tables:
            self.area.addItem(table.label)
        self.area.setCurrentIndex(max(0, self.area.findText(chosen)))
        self.area.blockSignals(False)
        self._area_changed()

    def _area_changed(self) -> None:
        index = self.area.currentIndex()
        if not 0 <= index < len(self.tables):
            self.detail_model.set_rows([], [])
            self.not_graded.setText("No cases in the filter.")
            return
        table = self.tables[index]
        self.detail_model.show(table.table)
        refit(self.detail)
        waiting = table.table.not_yet_graded
        self.not_graded.setText(
            f"{table.label}: {table.table.grand_total:,} graded; "
            f"{waiting:,} not yet graded (left out of the table)."
        )
        if self.overview.currentIndex().row() != index:
            self.overview.selectRow(index)

    def _overview_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if 0 <= current.row() < len(self.tables) and current.row() != self.area.currentIndex():
            self.area.setCurrentIndex(current.row())

    def show_area(self, field: str, area_label: str) -> None:
        """Choose what to compare and which area to show (for the keyboard and for tests)."""
        self.field.setCurrentIndex(self.field.findData(field))
        self.area.setCurrentIndex(self.area.findText(area_label))
