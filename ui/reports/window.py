"""View → Reports…: tables 1 to 6 and two charts for the chosen cases, computed off the UI thread.

The data are read once on a worker thread (its own connection to the file); a change of filter
rebuilds the tables from the data already read, also on a worker. Refresh reads the file again
(grades recorded since the window opened).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.people import is_supervisor
from auditor.reports import Report, ReportData
from auditor.settings import InspectionSettings
from ui.common.a11y import describe
from ui.common.widgets import size_within_screen
from ui.reports.baseline import BaselinePanel
from ui.reports.charts import Bar, StackedBarChart
from ui.reports.comparison import ComparePanel
from ui.reports.filters import ReportFilterBar
from ui.reports.models import CasesAssessedModel, CriteriaModel, ReferralsModel, TimelinessModel
from ui.reports.tables import AreaPanel, content_height, refit, report_table
from ui.reports.worker import ReportRunner

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection

TABS = (
    "&1 Cases assessed",
    "&2 Referrals back",
    "&3 Criteria",
    "&4 Timeliness",
    "&5 By area and team",
    "&6 Against a baseline",
    "&7 Compare inspections",
)


def _page(*widgets: QWidget, stretch: tuple[int, ...] = ()) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, stretch[index] if index < len(stretch) else 0)
    return page


def _split(top: QWidget, bottom: QWidget) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    return splitter


class ReportsWindow(QDialog):
    """The inspection's report for the chosen cases: six tables on tabs, charts for 1 and 4."""

    #: The inspection was renamed here (its new name): the main window's title follows.
    renamed = Signal(str)

    def __init__(self, inspection: Inspection, user: Assessor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Reports – {inspection.name}")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.inspection = inspection
        self.data: ReportData | None = None
        self.report: Report | None = None
        self.runner = ReportRunner(inspection.path, self)
        self.runner.loaded.connect(self._loaded)
        self.runner.built.connect(self._built)
        self.runner.failed.connect(self._failed)
        self.runner.busy_changed.connect(self._busy)

        self.filters = ReportFilterBar(inspection.framework)
        self.filters.changed.connect(self.rebuild)
        self.status = QLabel("Reading the inspection file…")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        describe(self.bar, "Report progress", "Busy while the report is computed")
        self.refresh_button = QPushButton("&Refresh")
        describe(self.refresh_button, "Refresh", "Reads the inspection file again")
        self.refresh_button.clicked.connect(self.refresh)

        self.assessed_model = CasesAssessedModel(self)
        self.assessed = report_table(
            self.assessed_model,
            "Table 1: cases assessed",
            "Graded cases by case type and overall grade, with totals and percentages",
        )
        self.not_graded = QLabel()
        self.assessed_chart = StackedBarChart("Chart 1: cases assessed by overall grade")
        self.referrals_model = ReferralsModel(self)
        self.referrals = report_table(
            self.referrals_model,
            "Table 2: referrals back",
            "Per case type: cases graded, referred back to "
            f"{inspection.framework.words.inspected_body}, and the percentage",
        )
        self.criteria_model = CriteriaModel(self)
        self.criteria = report_table(
            self.criteria_model,
            "Table 3: criteria",
            "Per criterion: applicable cases by grade; the weakest practice areas first",
            sortable=True,
        )
        self.criteria_note = QLabel()
        self.criteria_note.setWordWrap(True)
        self.timeliness_model = TimelinessModel(self)
        self.timeliness = report_table(
            self.timeliness_model,
            "Table 4: timeliness",
            "Per measure: its target, cases measured, median and 90th percentile delay in the "
            "target's unit, within target",
        )
        self.timeliness_chart = StackedBarChart("Chart 4: timeliness against target")
        self.areas = AreaPanel(inspection.framework.words)
        self.baseline = BaselinePanel(inspection, user)
        self.compare = ComparePanel(inspection, user)

        self.tabs = QTabWidget()
        describe(self.tabs, "Report tables", "Tables 1 to 6 of the report, and comparisons")
        self.assessed_split = _split(
            _page(self.assessed, self.not_graded, stretch=(1,)), self.assessed_chart
        )
        self.timeliness_split = _split(self.timeliness, self.timeliness_chart)
        pages = (
            self.assessed_split,
            _page(self.referrals, stretch=(1,)),
            _page(self.criteria, self.criteria_note, stretch=(1,)),
            self.timeliness_split,
            self.areas,
            self.baseline,
            self.compare,
        )
        for title, page in zip(TABS, pages, strict=True):
            self.tabs.addTab(page, title)

        self.user = user
        self.name_label = QLabel()
        self.name_label.setObjectName("inspectionName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rename_button = QPushButton("Re&name…")
        may_rename = is_supervisor(user) and not inspection.read_only
        describe(
            self.rename_button,
            "Rename inspection",
            "Give the inspection a new name (recorded in the audit log)"
            if may_rename
            else "Only a supervisor can rename the inspection, in a file open for editing",
        )
        self.rename_button.setToolTip(self.rename_button.accessibleDescription())
        self.rename_button.clicked.connect(self._rename_chosen)
        self.rename_button.setEnabled(may_rename)
        self._show_name()

        head = QHBoxLayout()
        head.addWidget(self.name_label)  # the name, and Rename… beside it, on the status row
        head.addWidget(self.rename_button)
        head.addSpacing(12)
        head.addWidget(self.status, 1)
        head.addWidget(self.bar)
        head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        size_within_screen(self, 1240, 860)
        self.refresh()

    # --- the inspection's name ------------------------------------------------------------------

    def _show_name(self) -> None:
        name = self.inspection.name or "Unnamed inspection"
        self.name_label.setText(f"Inspection: {name}")
        self.setWindowTitle(f"Reports – {name}")

    @Slot()
    def _rename_chosen(self) -> None:
        self.rename_inspection()

    def rename_inspection(self, name: str | None = None) -> bool:
        """Re&name…: a new name (asked when None) kept in the file with its ledger row."""
        if name is None:
            name, ok = QInputDialog.getText(
                self, "Rename inspection", "New name of the inspection:", text=self.inspection.name
            )
            if not ok:
                return False
        old = self.inspection.name
        try:
            kept = InspectionSettings(self.inspection).rename(self.user, name)
        except (Refused, *FILE_FAILURES) as exc:  # in words: not a supervisor, a blank name
            self.status.setText(str(exc))
            return False
        self._show_name()
        self.setWindowTitle(f"Reports – {kept}")
        self.status.setText(f"Renamed: {old!r} is now {kept!r} (recorded in the audit log).")
        self.renamed.emit(kept)
        return True

    # --- computing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the inspection file again and rebuild every table (on a worker thread)."""
        report_filter = self.filters.report_filter()
        if report_filter is not None:
            self.runner.request(report_filter, reload=True)

    def rebuild(self) -> None:
        """Rebuild the tables for the chosen filter from the data already read."""
        report_filter = self.filters.report_filter()
        if report_filter is not None:
            self.runner.request(report_filter)

    @property
    def busy(self) -> bool:
        return self.runner.running

    @Slot(bool)
    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        if busy:
            self.status.setText("Computing the report…")

    @Slot(object)
    def _loaded(self, data: ReportData) -> None:
        self.data = data
        self.filters.set_areas(data)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status.setText(message)

    @Slot(object)
    def _built(self, report: Report) -> None:
        self.report = report
        assessed = report.cases_assessed
        waiting = assessed.not_yet_graded
        self.status.setText(
            f"{report.cases:,} cases ({self.filters.describe_filter()}): "
            f"{assessed.grand_total:,} graded, {waiting:,} not yet graded."
        )
        self.assessed_model.show(assessed)
        self.not_graded.setText(
            f"Not yet graded (left out of the tables): {waiting:,} "
            f"case{'s' if waiting != 1 else ''}."
        )
        self.referrals_model.show(report.referrals)
        self.criteria_model.show(report.criteria)
        self.criteria_note.setText(
            "Weakest practice areas first: ▲ marks the three with the highest share of "
            f"applicable cases graded {report.criteria.below_best_label}. Click a heading to "
            "sort."
        )
        self.timeliness_model.show(report.timeliness)
        for view in (self.assessed, self.referrals, self.criteria, self.timeliness):
            refit(view)
        self._charts(report)
        self._share_room()
        self.areas.show_report(report)
        self.baseline.show_report(report)

    def _charts(self, report: Report) -> None:
        table = report.cases_assessed
        self.assessed_chart.set_data(
            [g.label for g in table.grades],
            [
                Bar(row.label, tuple(float(n) for n in row.counts))
                for row in (*table.rows, table.total_row)
            ],
        )
        self.timeliness_chart.set_data(
            ["Within target", "Late", "Missing event"],
            [
                Bar(row.label, (float(row.within), float(row.late), float(row.missing)))
                for row in report.timeliness.rows
            ],
        )

    def _share_room(self) -> None:
        """Give each table the height of its rows and its chart the rest of the page."""
        for splitter, view, extra in (
            (self.assessed_split, self.assessed, self.not_graded.sizeHint().height() + 30),
            (self.timeliness_split, self.timeliness, 0),
        ):
            total = max(splitter.height(), 600)
            top = min(content_height(view) + extra, total // 2 + 60)
            splitter.setSizes([top, total - top])

    def wait_idle(self) -> None:
        """Block until no computation runs (before the main window closes); the earlier files
        compared are closed."""
        self.runner.wait()
        self.compare.close_files()
