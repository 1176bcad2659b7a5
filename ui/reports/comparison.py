"""Reports → 7 Compare inspections: earlier inspection files side by side with this one.

Compare with… chooses earlier files; each is opened read-only on the UI thread (an encrypted
file's passphrase is asked there, by the window's dialog), and stays open as a view while its
figures are shown, so the worker threads open it again without asking. The tables are read
off the UI thread (``ui.common.background``; each worker opens its own connections), with
progress and Cancel. Export comparison… writes the workbook (``export_comparison``): each
earlier file is opened writable just for the export, to log the disclosure in it, then viewed
read-only again (``auditor.analysis.reopen``; docs/analysis.md). A file that cannot be opened
or written is said in one line here; nothing is written then.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.analysis.compare import Comparison
from auditor.analysis.reopen import NotWritable, view_again, writable_for_export
from auditor.errors import FILE_FAILURES, Refused
from auditor.inspection import Inspection
from ui.common.a11y import describe
from ui.common.background import BackgroundRunner
from ui.reports.charts import Group, GroupedBarChart
from ui.reports.compare_models import (
    BY_TYPE_BLOCK,
    COL_INADEQUATE,
    CRITERIA_BLOCK,
    TIMELINESS_BLOCK,
    ComparisonModel,
)
from ui.reports.compare_work import Work, compare_files, export_files
from ui.reports.frozen import frozen_table
from ui.reports.tables import refit

if TYPE_CHECKING:
    from auditor.inspection import Assessor

FILE_FILTER = "Inspection files (*.caseaudit);;All files (*)"
INTRO = (
    "Choose earlier inspection files to set beside this one (whole inspections: the filters "
    "above do not apply). Each is opened read-only. For an inspection with no file, enter "
    "its published figures on tab 6."
)


class ComparePanel(QWidget):
    """Tab 7: earlier inspections' files compared with this one, and the workbook exported."""

    compared = Signal(object)  # Comparison
    exported = Signal(object)  # Path

    def __init__(self, inspection: Inspection, user: Assessor, parent: QWidget | None = None):
        super().__init__(parent)
        self.inspection = inspection
        self.user = user
        self.views: list[Inspection] = []  # the earlier files, read-only, while compared
        self.comparison: Comparison | None = None
        self.runner = BackgroundRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self.say)
        self.runner.cancelled.connect(self._cancelled)
        self.runner.idle.connect(self._idle)
        self.exporting: Path | None = None

        self.compare_button = QPushButton("Compare &with…")
        describe(
            self.compare_button,
            "Compare with",
            "Choose earlier inspection files to compare with this one (opened read-only)",
        )
        self.compare_button.clicked.connect(self._choose)
        self.export_button = QPushButton("E&xport comparison…")
        describe(
            self.export_button,
            "Export comparison",
            "Writes the comparison workbook; logged as a disclosure in every file compared",
        )
        self.export_button.clicked.connect(self._choose_out)
        self.export_button.setEnabled(False)
        self.redact = QCheckBox("Re&dacted (counts under 5 hidden)")
        describe(self.redact, "Redacted", "For sharing beyond the team, as the redacted export")
        self.cancel_button = QPushButton("Cance&l")
        describe(self.cancel_button, "Cancel", "Stops reading or exporting the comparison")
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        describe(self.bar, "Comparison progress", "How many files have been read")
        self.message = QLabel(INTRO)
        self.message.setObjectName("compareMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.by_type_model = ComparisonModel(BY_TYPE_BLOCK, self)
        self.by_type = frozen_table(
            self.by_type_model,
            "Comparison: cases by case type",
            "Per case type and inspection: graded cases, Good, Requires improvement, "
            "Inadequate and referred-back shares, then the changes in points",
        )
        self.chart = GroupedBarChart("Chart 7: Inadequate % by case type, per inspection")
        self.criteria_model = ComparisonModel(CRITERIA_BLOCK, self)
        self.criteria = frozen_table(
            self.criteria_model,
            "Comparison: criteria",
            "Per criterion and inspection: applicable cases and the share graded below the best",
        )
        self.timeliness_model = ComparisonModel(TIMELINESS_BLOCK, self)
        self.timeliness = frozen_table(
            self.timeliness_model,
            "Comparison: timeliness",
            "Per measure and inspection: cases measured, median hours, within target",
        )
        self.tables = QTabWidget()
        describe(self.tables, "Comparison tables", "Case types, chart, criteria, timeliness")
        self.tables.addTab(self.by_type, "Case t&ypes")
        self.tables.addTab(self.chart, "C&hart")
        self.tables.addTab(self.criteria, "Criteria")
        self.tables.addTab(self.timeliness, "Timeliness")

        actions = QHBoxLayout()
        actions.addWidget(self.compare_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.redact)
        actions.addStretch(1)
        actions.addWidget(self.bar)
        actions.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tables, 1)
        self._busy(False)

    @Slot()
    def _choose(self) -> None:
        self.compare_with()

    @Slot()
    def _choose_out(self) -> None:
        self.export()

    @Slot()
    def _cancelled(self) -> None:
        self.say("Cancelled; nothing was written.")

    # --- choosing and reading ----------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.runner.running

    def say(self, text: str) -> None:
        """One line (wrapped) above the tables: what happened, or why not."""
        self.message.setText(text)

    def compare_with(self, paths: list[Path] | None = None) -> bool:
        """Compare with ``paths`` (asked in a file dialog when None); False if not started."""
        if self.busy:
            self.say("A comparison is under way: wait for it or cancel it first.")
            return False
        if paths is None:
            chosen, _ = QFileDialog.getOpenFileNames(
                self,
                "Compare with earlier inspections",
                str(self.inspection.path.parent),
                FILE_FILTER,
            )
            if not chosen:
                return False
            paths = [Path(p) for p in chosen]
        problem = self._same_files(paths)
        if problem:
            self.say(f"Not compared: {problem}")
            return False
        views: list[Inspection] = []
        for path in paths:
            try:
                views.append(Inspection.open(path, read_only=True))
            except (Refused, *FILE_FAILURES) as exc:  # in words: a wrong passphrase, not a file
                for view in views:
                    view.close()
                self.say(f"Not compared: {_one_line(exc, path)}")
                return False
        self.close_files()
        self.views = views
        self.comparison = None
        self.export_button.setEnabled(False)
        names = ", ".join(v.path.name for v in views)
        self._start(
            compare_files(self.inspection.path, [v.path for v in views], self.redact.isChecked()),
            f"Reading {names}…",
            len(views) + 1,
        )
        return True

    def _same_files(self, paths: list[Path]) -> str:
        seen = {self.inspection.path.resolve(): "this inspection"}
        for path in paths:
            if not path.is_file():
                return f"{path}: no such file."
            real = path.resolve()
            if real in seen:
                return f"{path.name} is {seen[real]}; choose different earlier files."
            seen[real] = "chosen twice"
        return ""

    def close_files(self) -> None:
        """Close the earlier files' views (when the window closes or others are chosen)."""
        self.runner.wait_idle()
        for view in self.views:
            view.close()
        self.views = []

    # --- exporting ---------------------------------------------------------------------------

    def export(self, out: Path | None = None) -> bool:
        """Export comparison…: the workbook at ``out`` (asked when None); False if not started."""
        if self.busy or not self.views:
            self.say("Compare with earlier files first; then export the comparison.")
            return False
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Export comparison",
                str(self.inspection.path.parent / "comparison.xlsx"),
                "Excel workbook (*.xlsx)",
            )
            if not chosen:
                return False
            out = Path(chosen)
        writable: list[Inspection] = []
        for index, view in enumerate(self.views):
            try:
                writable.append(writable_for_export(view))
            except NotWritable as exc:
                self.views[index] = exc.view
                self._view_again(writable)
                self.say(f"Not exported: {exc}")
                return False
        self.views = writable
        self.exporting = out
        who = f" by {self.user.name} ({self.user.role}) in the Reports window"
        self._start(
            export_files(
                self.inspection.path,
                [v.path for v in writable],
                out,
                redact=self.redact.isChecked(),
                user=self.user,
                who=who,
            ),
            f"Writing {out.name}…",
            len(writable) + 2,
        )
        return True

    def _view_again(self, writable: list[Inspection]) -> None:
        for index, inspection in enumerate(writable):
            try:
                self.views[index] = view_again(inspection)
            except (Refused, *FILE_FAILURES) as exc:
                self.say(f"{inspection.path.name} could not be viewed again: {exc}")

    # --- the worker's outcome ----------------------------------------------------------------

    def _start(self, work: Work, text: str, steps: int) -> None:
        # Collect cyclic garbage here first: the work allocates a great deal (pandas), and a
        # collection it set off on its own thread would destroy any Qt objects caught in
        # cycles (a closed dialog) off the UI thread, where PySide crashes delivering their
        # ``destroyed``.
        gc.collect()
        self.bar.setRange(0, steps)
        self.bar.setValue(0)
        self.say(text)
        self._busy(True)
        self.runner.start(work, lambda exc: f"Not done: {exc}")

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.compare_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.comparison is not None)

    @Slot(str, object)
    def _progressed(self, text: str, done: object) -> None:
        self.say(text)
        if isinstance(done, int):
            self.bar.setValue(done)

    @Slot(object)
    def _succeeded(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.show_comparison(comparison)
        if self.exporting is not None:
            self.say(
                f"Wrote {self.exporting}; the disclosure is logged in each of the "
                f"{len(comparison.names)} files compared."
            )
            self.exported.emit(self.exporting)
        else:
            self.say(
                f"{len(comparison.names)} inspections compared: {', '.join(comparison.names)}. "
                "Changes are this inspection minus the earliest, in percentage points."
            )
            self.compared.emit(comparison)

    @Slot()
    def _idle(self) -> None:
        if self.exporting is not None:
            self.exporting = None
            self._view_again(list(self.views))
        self._busy(False)

    def show_comparison(self, comparison: Comparison) -> None:
        """Fill the three tables and the chart."""
        count = len(comparison.names)
        self.by_type_model.show(comparison.by_type, count, totals=1)
        self.criteria_model.show(comparison.criteria, count)
        self.timeliness_model.show(comparison.timeliness, count)
        for view in (self.by_type, self.criteria, self.timeliness):
            refit(view)
            view.frozen_refit()
        self.chart.set_data(comparison.names, chart_groups(self.by_type_model))


def chart_groups(model: ComparisonModel) -> list[Group]:
    """The chart's groups: each case type's Inadequate share per inspection (Total left out)."""
    from_cells = []
    for row in range(model.rowCount() - model.totals):
        values = []
        for inspection in range(model.inspections):
            value = model.raw(row, model.column(inspection, COL_INADEQUATE))
            values.append(value if isinstance(value, int | float) else None)
        from_cells.append(Group(str(model.raw(row, 0)), tuple(values)))
    return from_cells


def _one_line(exc: BaseException, path: Path) -> str:
    """A refusal says where itself; anything else is a file SQLite cannot read."""
    if isinstance(exc, Refused):
        return " ".join(str(exc).split())
    return f"{path}: could not be read as an inspection file ({exc})"
