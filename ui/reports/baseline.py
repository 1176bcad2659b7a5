"""Table 6's panel: enter an earlier inspection's figures by hand, keep them in the file, compare.

Baselines are kept as JSON in the inspection's settings (``BASELINES_SETTING``), so they travel
with the file and every change is in the audit log. A baseline saved with the label of one
already kept replaces it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.reports import (
    BASELINES_SETTING,
    Baseline,
    BaselineError,
    Report,
    baselines_from_json,
    baselines_to_json,
    below_best_label,
    compare_with_baseline,
)
from auditor.settings import InspectionSettings
from ui.common.a11y import describe
from ui.reports.models import BaselineModel
from ui.reports.tables import refit, report_table

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection


def stored_baselines(inspection: Inspection) -> list[Baseline]:
    """The baselines kept in the inspection file (BaselineError if they cannot be read)."""
    return baselines_from_json(InspectionSettings(inspection).get(BASELINES_SETTING))


class BaselinePanel(QWidget):
    """Choose or enter a baseline; see table 6, current figures beside the baseline's."""

    saved = Signal()

    def __init__(self, inspection: Inspection, user: Assessor, parent: QWidget | None = None):
        super().__init__(parent)
        self.inspection = inspection
        self.user = user
        self.framework = inspection.framework
        self.baselines: list[Baseline] = []
        self.report: Report | None = None

        self.choice = QComboBox()
        describe(self.choice, "Compare with", "The earlier inspection shown beside this one")
        self.choice.currentIndexChanged.connect(self._chosen)
        self.model = BaselineModel(self)
        self.table = report_table(
            self.model, "Table 6: against a baseline", "Figures now and in the baseline"
        )

        self.label = QLineEdit(placeholderText="2017 update")
        describe(self.label, "Baseline: label", "A name for the earlier figures")
        self.year = self._field("Year", "The year of the earlier inspection (optional)")
        self.cases = self._field("Cases graded", "How many cases the earlier inspection graded")
        self.grades = {
            g.code: self._field(g.label, f"Cases graded {g.label} (optional)")
            for g in self.framework.grades
        }
        worse = below_best_label(self.framework)
        self.below_best = self._field(worse, f"Cases graded {worse} (optional)")
        self.referred = self._field("Referred back", "Cases referred back (optional)")
        form = QFormLayout()
        form.addRow("&Label:", self.label)
        form.addRow("&Year:", self.year)
        form.addRow("Cases &graded:", self.cases)
        for grade in self.framework.grades:
            form.addRow(f"{grade.label}:", self.grades[grade.code])
        form.addRow(f"{worse}:", self.below_best)
        form.addRow("Referred bac&k:", self.referred)
        self.save_button = QPushButton("&Save baseline")
        describe(self.save_button, "Save baseline", "Keeps these figures in the inspection file")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("&Delete baseline")
        describe(self.delete_button, "Delete baseline", "Removes the chosen baseline from the file")
        self.delete_button.clicked.connect(self.delete)
        self.message = QLabel(
            "Enter the earlier figures the report published; blanks are figures it did not give."
        )
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        entry = QVBoxLayout()
        entry.addLayout(form)
        entry.addLayout(buttons)
        entry.addWidget(self.message)
        entry.addStretch(1)
        shown = QVBoxLayout()
        choose = QHBoxLayout()
        compare = QLabel("Compare &with:")
        compare.setBuddy(self.choice)
        choose.addWidget(compare)
        choose.addWidget(self.choice, 1)
        shown.addLayout(choose)
        shown.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(shown, 3)
        layout.addLayout(entry, 2)
        self.load()

    def _field(self, name: str, description: str) -> QLineEdit:
        field = QLineEdit()
        field.setValidator(QIntValidator(0, 10_000_000, field))
        describe(field, f"Baseline: {name}", description)
        return field

    def load(self) -> None:
        """Read the kept baselines again and offer them."""
        try:
            self.baselines = stored_baselines(self.inspection)
        except BaselineError as exc:
            self.baselines = []
            self._say(f"The kept baselines cannot be read: {exc}")
        self._offer(self.choice.currentText())

    def _offer(self, keep: str) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for baseline in self.baselines:
            self.choice.addItem(baseline.label)
        if not self.baselines:
            self.choice.addItem("No baseline entered yet")
        found = self.choice.findText(keep)
        self.choice.setCurrentIndex(max(0, found))
        self.choice.blockSignals(False)
        self.delete_button.setEnabled(bool(self.baselines))
        self._chosen()

    def current(self) -> Baseline | None:
        index = self.choice.currentIndex()
        return self.baselines[index] if 0 <= index < len(self.baselines) else None

    def show_report(self, report: Report) -> None:
        self.report = report
        self._compare()

    def _chosen(self) -> None:
        baseline = self.current()
        if baseline is not None:
            self._fill(baseline)
        self._compare()

    def _fill(self, baseline: Baseline) -> None:
        def text(value: int | None) -> str:
            return "" if value is None else str(value)

        self.label.setText(baseline.label)
        self.year.setText(text(baseline.year))
        self.cases.setText(text(baseline.cases))
        for code, field in self.grades.items():
            field.setText(text(baseline.count(code)))
        self.below_best.setText(text(baseline.below_best))
        self.referred.setText(text(baseline.referred_back))

    def _compare(self) -> None:
        baseline = self.current()
        if baseline is None or self.report is None:
            self.model.show(None)
            return
        self.model.show(
            compare_with_baseline(
                baseline, self.framework, self.report.cases_assessed, self.report.referrals
            )
        )
        refit(self.table)

    def entered(self) -> Baseline:
        """The baseline the fields describe (BaselineError when they cannot be right)."""

        def number(field: QLineEdit) -> int | None:
            text = field.text().strip()
            return int(text) if text else None

        cases = number(self.cases)
        if cases is None:
            raise BaselineError("enter how many cases the earlier inspection graded")
        counts = tuple(
            (code, n) for code, field in self.grades.items() if (n := number(field)) is not None
        )
        baseline = Baseline(
            label=self.label.text(),
            cases=cases,
            year=number(self.year),
            grade_counts=counts,
            below_best=number(self.below_best),
            referred_back=number(self.referred),
        )
        problems = baseline.problems(self.framework)
        if problems:
            raise BaselineError("; ".join(problems))
        return baseline

    def save(self) -> None:
        """Keep the entered baseline in the file (replacing one of the same label)."""
        try:
            baseline = self.entered()
            kept = [b for b in self.baselines if b.label != baseline.label]
            self._store([*kept, baseline])
        except (Refused, *FILE_FAILURES) as exc:  # a refusal of the core, said in words
            self._say(f"Not saved: {exc}")
            return
        self._say(f"Saved the baseline “{baseline.label}” in the inspection file.")
        self._offer(baseline.label)
        self.saved.emit()

    def delete(self) -> None:
        baseline = self.current()
        if baseline is None:
            return
        try:
            self._store([b for b in self.baselines if b.label != baseline.label])
        except (Refused, *FILE_FAILURES) as exc:
            self._say(f"Not deleted: {exc}")
            return
        self._say(f"Deleted the baseline “{baseline.label}”.")
        self._offer("")

    def _store(self, baselines: list[Baseline]) -> None:
        InspectionSettings(self.inspection).set(
            self.user, BASELINES_SETTING, baselines_to_json(baselines)
        )
        self.baselines = baselines

    def _say(self, text: str) -> None:
        self.message.setText(text)
