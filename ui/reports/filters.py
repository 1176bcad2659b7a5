"""The Reports view's filters: case type, borough, BCU, team and the dates a case was opened."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from auditor.framework import Framework
from auditor.reports import NOT_RECORDED, ReportData, ReportFilter
from auditor.reports.areas import area_order
from ui.common.a11y import describe
from ui.common.framework_words import POLICE

ANY = None  # the item data of "All …": restricts nothing
DATE_DELAY_MS = 400


def parse_date(text: str) -> date | None:
    """A date typed as YYYY-MM-DD; ValueError when something else was typed."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


class ReportFilterBar(QWidget):
    """Choices that restrict the cases a report covers; ``changed`` when one takes effect."""

    changed = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=DATE_DELAY_MS)
        self._timer.timeout.connect(self._dates_changed)
        self.case_type = self._combo("case type", "All case types")
        for case_type in framework.case_types:
            self.case_type.addItem(case_type.label, case_type.code)
        words = framework.words
        police = words == POLICE
        self.borough = self._combo(
            "borough" if police else words.area_1, "All boroughs" if police else "All"
        )
        self.bcu = self._combo("BCU" if police else words.area_2, "All BCUs" if police else "All")
        self.team = self._combo("team", "All teams")
        self.opened_from = self._date("from", "Cases opened on or after this date")
        self.opened_to = self._date("to", "Cases opened on or before this date")
        self.clear_button = QPushButton("&Clear filters")
        describe(self.clear_button, "Clear filters", "Shows every case of the inspection again")
        self.clear_button.clicked.connect(self.clear)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._last = ReportFilter()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = [
            ("Case &type:", self.case_type),
            ("&Borough:" if police else f"&{words.area_1}:", self.borough),
            ("BC&U:" if police else f"{words.area_2}:", self.bcu),
            ("T&eam:", self.team),
            ("Opened &from:", self.opened_from),
            ("Opened t&o:", self.opened_to),
        ]
        for index, (text, field) in enumerate(cells):
            row, column = divmod(index, 3)
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, row, 2 * column)
            grid.addWidget(field, row, 2 * column + 1)
            if field is self.bcu and not words.area_2:  # a framework with one area column
                label.hide()
                field.hide()
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)
        grid.addWidget(self.clear_button, 0, 6)
        grid.addWidget(self.problem, 2, 0, 1, 7)

    def _combo(self, what: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.addItem(everything, ANY)
        describe(combo, f"Report for {what}", f"Counts only the cases of the chosen {what}")
        combo.currentIndexChanged.connect(self._choice_changed)
        return combo

    def _date(self, which: str, description: str) -> QLineEdit:
        field = QLineEdit(placeholderText="YYYY-MM-DD")
        field.setMaxLength(10)
        field.setClearButtonEnabled(True)
        describe(field, f"Date opened {which}", f"{description}; leave empty for any date")
        field.textChanged.connect(self._date_typed)
        field.editingFinished.connect(self._dates_changed)
        return field

    def set_areas(self, data: ReportData) -> None:
        """Offer the boroughs, BCUs and teams the inspection's cases have (keeping choices)."""
        for combo, field in ((self.borough, "borough"), (self.bcu, "bcu"), (self.team, "team")):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for area in area_order({getattr(c, field) for c in data.cases}):
                combo.addItem(area or NOT_RECORDED, area)
            found = combo.findData(chosen) if chosen is not ANY else 0
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)

    def report_filter(self) -> ReportFilter | None:
        """The filter chosen, or None while a date cannot be read (the problem is shown)."""
        try:
            opened_from = parse_date(self.opened_from.text())
            opened_to = parse_date(self.opened_to.text())
        except ValueError:
            self.problem.setText("Write dates as YYYY-MM-DD, for example 2018-03-01.")
            self.problem.show()
            return None
        self.problem.hide()

        def chosen(combo: QComboBox) -> tuple[str, ...]:
            value = combo.currentData()
            return () if value is ANY else (value,)

        return ReportFilter(
            case_types=chosen(self.case_type),
            boroughs=chosen(self.borough),
            bcus=chosen(self.bcu),
            teams=chosen(self.team),
            opened_from=opened_from,
            opened_to=opened_to,
        )

    def clear(self) -> None:
        for combo in (self.case_type, self.borough, self.bcu, self.team):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for field in (self.opened_from, self.opened_to):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self._emit_if_changed()

    def _choice_changed(self) -> None:
        self._emit_if_changed()

    def _date_typed(self) -> None:
        self._timer.start()

    def _dates_changed(self) -> None:
        self._timer.stop()
        self._emit_if_changed()

    def _emit_if_changed(self) -> None:
        current = self.report_filter()
        if current is not None and current != self._last:
            self._last = current
            self.changed.emit()

    def describe_filter(self) -> str:
        """The filter in words, for the status line and screenshots."""
        parts = [
            combo.currentText()
            for combo in (self.case_type, self.borough, self.bcu, self.team)
            if combo.currentData() is not ANY
        ]
        if self.opened_from.text().strip():
            parts.append(f"opened from {self.opened_from.text().strip()}")
        if self.opened_to.text().strip():
            parts.append(f"opened to {self.opened_to.text().strip()}")
        return ", ".join(parts) if parts else "all cases"
