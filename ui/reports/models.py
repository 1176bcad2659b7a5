"""Table models of the Reports view: thin Qt adapters over the tables of ``auditor.reports``.

Each model turns one report table into rows of raw values (numbers stay numbers) and formats
them only for display. ``RawRole`` gives the raw value, so tests and sorting never parse text.
Total rows stay at the bottom whatever the sort.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from auditor.framework import Grade
from auditor.reports import (
    BaselineComparison,
    CasesAssessedTable,
    CriteriaTable,
    GradeRow,
    ReferralsTable,
    TimelinessTable,
)

RawRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
PERCENT, HOURS, COUNT, POINTS, TEXT = "percent", "hours", "count", "points", "text"


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def two_lines(header: str, width: int = 13) -> str:
    """A long header wrapped onto lines of about ``width`` characters, so columns stay narrow."""
    return "\n".join(textwrap.wrap(header, width)) if len(header) > width else header


def hours_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


class ReportTableModel(QAbstractTableModel):
    """Read-only rows of raw values under headers; each column has a kind that formats it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.kinds: list[str] = []
        self.rows: list[tuple[Any, ...]] = []
        self.totals = 0  # the last rows are totals: shown in bold, never sorted
        self.marked: set[int] = set()  # rows that stand out (the weakest criteria)

    def set_rows(
        self,
        columns: Sequence[tuple[str, str]],
        rows: Sequence[tuple[Any, ...]],
        totals: int = 0,
        marked: set[int] | None = None,
    ) -> None:
        """Replace everything: (header, kind) per column, the rows, and how many are totals."""
        self.beginResetModel()
        self.headers = [h for h, _ in columns]
        self.kinds = [k for _, k in columns]
        self.rows = list(rows)
        self.totals = totals
        self.marked = set(marked or ())
        self.endResetModel()

    def raw(self, row: int, column: int) -> Any:
        return self.rows[row][column]

    def column_of(self, header: str) -> int:
        return self.headers.index(header)

    def row_labels(self) -> list[str]:
        return [str(r[0]) for r in self.rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            header = self.headers[section]
            return header if self.kinds[section] == TEXT else two_lines(header)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.kinds[section] != TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, row: int, column: int) -> str:
        value = self.rows[row][column]
        kind = self.kinds[column]
        if kind == PERCENT:
            return percent_text(value)
        if kind == HOURS:
            return hours_text(value)
        if value is None:
            return "–"
        if kind == POINTS:
            return f"{value:+.0f}"
        return f"{value:,}" if kind == COUNT else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.display(row, column)
            return f"{self.headers[column]}: {'none' if text == '–' else text}"
        if role == RawRole:
            return self.rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.kinds[column] != TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (
            row >= len(self.rows) - self.totals or row in self.marked
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the body rows by raw value (blanks last); total rows stay at the bottom."""
        if not 0 <= column < len(self.headers):
            return
        body_end = len(self.rows) - self.totals
        body, totals = self.rows[:body_end], self.rows[body_end:]
        marked = {id(self.rows[i]) for i in self.marked}
        descending = order == Qt.SortOrder.DescendingOrder
        present = [r for r in body if r[column] is not None]
        blank = [r for r in body if r[column] is None]
        text = self.kinds[column] == TEXT
        present.sort(key=lambda r: str(r[column]).casefold() if text else r[column])
        if descending:
            present.reverse()
        self.layoutAboutToBeChanged.emit()
        self.rows = [*present, *blank, *totals]
        self.marked = {i for i, r in enumerate(self.rows) if id(r) in marked}
        self.layoutChanged.emit()


# --- table 1 (and 5): case type, or area, × overall grade ---------------------------------

COL_LABEL = 0  # the first column of every table: what the row is about


def grade_columns(grades: Sequence[Grade], first: str) -> list[tuple[str, str]]:
    """Label, then per grade its count and its share of the row, then the row's total."""
    columns = [(first, TEXT)]
    for grade in grades:
        columns += [(grade.label, COUNT), (f"{grade.label} %", PERCENT)]
    return [*columns, ("Total", COUNT)]


def count_column(grade_index: int) -> int:
    """The column holding the count of the grade at ``grade_index`` of the scale."""
    return 1 + 2 * grade_index


def percent_column(grade_index: int) -> int:
    return 2 + 2 * grade_index


def total_column(grades: Sequence[Grade]) -> int:
    return 1 + 2 * len(grades)


def grade_row(row: GradeRow) -> tuple[Any, ...]:
    cells: list[Any] = [row.label]
    for count, percent in zip(row.counts, row.percentages(), strict=True):
        cells += [count, percent]
    return (*cells, row.total)


class CasesAssessedModel(ReportTableModel):
    """Table 1 (Figure 1's layout): a row per case type (or area), a Total row beneath."""

    def show(self, table: CasesAssessedTable, first: str = "Case type") -> None:
        rows = [grade_row(r) for r in (*table.rows, table.total_row)]
        self.set_rows(grade_columns(table.grades, first), rows, totals=1)

    def show_rows(
        self, grades: Sequence[Grade], rows: Sequence[GradeRow], total: GradeRow, first: str
    ) -> None:
        """Rows built elsewhere (one per area), with their total row."""
        cells = [grade_row(r) for r in (*rows, total)]
        self.set_rows(grade_columns(grades, first), cells, totals=1)


# --- table 2: referrals back ---------------------------------------------------------------

COL_GRADED, COL_REFERRED, COL_REFERRED_SHARE = 1, 2, 3


class ReferralsModel(ReportTableModel):
    """Table 2: per case type, cases graded, referred back and the share referred."""

    def show(self, table: ReferralsTable) -> None:
        columns = [
            ("Case type", TEXT),
            ("Cases graded", COUNT),
            ("Referred back", COUNT),
            ("Referred back %", PERCENT),
        ]
        rows = [
            (r.label, r.graded, r.referred, r.percentage) for r in (*table.rows, table.total_row)
        ]
        self.set_rows(columns, rows, totals=1)


# --- table 3: criteria -----------------------------------------------------------------------

WEAKEST_SHOWN = 3  # how many of the weakest criteria are marked


class CriteriaModel(ReportTableModel):
    """Table 3: per criterion, applicable cases by grade; weakest first, the worst three marked.

    Columns: Criterion, Weakest (rank by the below-best share, 1 is the weakest), each grade's
    count, Applicable, the below-best count and share, Not applicable, Not graded.
    """

    COL_RANK = 1

    def show(self, table: CriteriaTable) -> None:
        # Short headers ("Worse than Good"); the note beneath the table names the grades.
        below = f"Worse than {table.grades[0].label}" if table.grades else "Worse than best"
        columns = [("Criterion", TEXT), ("Weakest", COUNT)]
        columns += [(g.label, COUNT) for g in table.grades]
        columns += [
            ("Applicable", COUNT),
            (below, COUNT),
            (f"{below} %", PERCENT),
            ("Not applicable", COUNT),
            ("Not graded", COUNT),
        ]
        rank = {r.criterion_id: i + 1 for i, r in enumerate(table.weakest())}
        ordered = [*table.weakest(), *(r for r in table.rows if r.criterion_id not in rank)]
        rows = [
            (
                r.title,
                rank.get(r.criterion_id),
                *r.counts,
                r.applicable,
                r.below_best,
                r.below_best_share,
                r.not_applicable,
                r.not_graded,
            )
            for r in ordered
        ]
        marked = {i for i, r in enumerate(ordered) if rank.get(r.criterion_id, 99) <= WEAKEST_SHOWN}
        self.set_rows(columns, rows, marked=marked)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() == self.COL_RANK
            and index.row() in self.marked
        ):
            return f"▲ {self.rows[index.row()][self.COL_RANK]}"
        return super().data(index, role)


# --- table 4: timeliness ---------------------------------------------------------------------

#: The target as the framework states it ("24 hours", "15 working days"); the median and 90th
#: percentile delays in that target's unit.
TIMELINESS_COLUMNS = [
    ("Measure", TEXT),
    ("Target", TEXT),
    ("Cases", COUNT),
    ("Median", HOURS),
    ("90th percentile", HOURS),
    ("Within target", COUNT),
    ("Within target %", PERCENT),
    ("Late", COUNT),
    ("Missing event", COUNT),
]
(
    COL_TARGET,
    COL_MEASURED,
    COL_MEDIAN,
    COL_P90,
    COL_WITHIN,
    COL_WITHIN_SHARE,
    COL_LATE,
    COL_MISSING,
) = range(1, 9)


#: A delay's unit as the table says it, after its number ("4 hours", "1 working day").
UNIT_WORDS = {"hours": "hour", "days": "day", "working_days": "working day"}


class TimelinessModel(ReportTableModel):
    """Table 4: per measure, cases measured, median and 90th percentile, within target; each
    delay says its unit, the target's ("4 hours", "3 working days"), as the target does."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.units: list[str] = []  # each row's measure's target unit

    def display(self, row: int, column: int) -> str:
        text = super().display(row, column)
        if column not in (COL_MEDIAN, COL_P90) or self.rows[row][column] is None:
            return text
        word = UNIT_WORDS.get(self.units[row], "hour")
        return f"{text} {word}" + ("" if text == "1" else "s")

    def show(self, table: TimelinessTable) -> None:
        self.units = [r.unit for r in table.rows]
        rows = [
            (
                r.label,
                r.target_text or f"{r.target_hours:g} hours",
                r.measured,
                r.median_delay,
                r.p90_delay,
                r.within,
                r.within_share,
                r.late,
                r.missing,
            )
            for r in table.rows
        ]
        self.set_rows(TIMELINESS_COLUMNS, rows)


# --- table 6: against a baseline -------------------------------------------------------------

COL_CURRENT, COL_CURRENT_SHARE, COL_BASELINE, COL_BASELINE_SHARE, COL_CHANGE = range(1, 6)


class BaselineModel(ReportTableModel):
    """Table 6: each figure now and in the baseline, with shares and the change in points."""

    def show(self, comparison: BaselineComparison | None) -> None:
        name = comparison.baseline.label if comparison else "Baseline"
        columns = [
            ("Figure", TEXT),
            ("Now", COUNT),
            ("Now %", PERCENT),
            (name, COUNT),
            (f"{name} %", PERCENT),
            ("Change (points)", POINTS),
        ]
        rows = []
        for index, r in enumerate(comparison.rows if comparison else ()):
            # The first row is the cases graded: 100% of each inspection, so no change to show.
            change = None if index == 0 else r.change_points
            rows.append((r.label, r.current, r.current_share, r.baseline, r.baseline_share, change))
        self.set_rows(columns, rows)
