"""Table models of Compare with…: the comparison's three side-by-side tables.

The columns after the label come in one block per inspection (the inspection now first), then
the changes in points. ``COL_*`` name the label column and the offsets within a block, so
tests and the chart find a figure by inspection and column, never by parsing text.
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import Qt

from auditor.analysis.compare import COUNT as CORE_COUNT
from auditor.analysis.compare import HOURS as CORE_HOURS
from auditor.analysis.compare import LABEL as CORE_LABEL
from auditor.analysis.compare import POINTS as CORE_POINTS
from auditor.analysis.compare import SHARE as CORE_SHARE
from auditor.analysis.compare import Table
from ui.reports.models import COUNT, HOURS, PERCENT, POINTS, TEXT, ReportTableModel

#: The label column of every comparison table (case type, criterion, measure).
COL_LABEL = 0
#: Table 1 side by side: per inspection, its graded cases then Good, RI, Inadequate and
#: referred-back shares (offsets within the inspection's block of columns).
COL_CASES, COL_GOOD, COL_RI, COL_INADEQUATE, COL_REFERRED = range(5)
BY_TYPE_BLOCK = 5
#: Criteria side by side: applicable cases, then the share graded below the best.
COL_APPLICABLE, COL_BELOW_BEST = range(2)
CRITERIA_BLOCK = 2
#: Timeliness side by side: cases measured, median hours, within target share.
COL_MEASURED, COL_MEDIAN, COL_WITHIN = range(3)
TIMELINESS_BLOCK = 3

KINDS = {
    CORE_LABEL: TEXT,
    CORE_COUNT: COUNT,
    CORE_SHARE: PERCENT,
    CORE_HOURS: HOURS,
    CORE_POINTS: POINTS,
}


class ComparisonModel(ReportTableModel):
    """One side-by-side table: a block of columns per inspection, then the changes."""

    def __init__(self, block: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.block = block
        self.inspections = 0

    def show(self, table: Table, inspections: int, totals: int = 0) -> None:
        """Show ``table`` of ``inspections`` (its last ``totals`` rows are totals)."""
        self.inspections = inspections
        self.set_rows(
            [(h, KINDS[k]) for h, k in zip(table.headings, table.kinds, strict=True)],
            table.rows,
            totals,
        )

    def column(self, inspection: int, offset: int) -> int:
        """The column of ``offset`` (a ``COL_*``) in the block of inspection ``inspection``
        (0 is the inspection now)."""
        return 1 + inspection * self.block + offset

    def change_columns(self) -> range:
        """The columns of changes in points (after every inspection's block)."""
        return range(1 + self.inspections * self.block, len(self.headers))

    def row_of(self, label: str) -> int:
        return self.row_labels().index(label)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """The inspection's name above what the column holds ('Northmere 2017 / Good %'),
        each on its own lines, so the figure columns stay narrow."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
            and ": " in self.headers[section]
        ):
            name, what = self.headers[section].rsplit(": ", 1)
            return "\n".join([*textwrap.wrap(name, 16), *textwrap.wrap(what, 14)])
        return super().headerData(section, orientation, role)

    def display(self, row: int, column: int) -> str:
        value = self.rows[row][column]
        if isinstance(value, str) and self.kinds[column] != TEXT:
            return value  # '<5', '[c]': the redacted export's marks
        if self.kinds[column] == POINTS and value is not None:
            return f"{value:+.1f}".replace("-", "−")
        if self.kinds[column] == PERCENT and value is not None:
            return f"{value:.1f}%"
        return super().display(row, column)
