"""The case list's table: its columns fitted to their headers and every label they show,
kept in view in a narrow pane, and a current row that a screen reader reads as focused only
while the list has focus."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView

from auditor.case_rows import (
    COL_ALLOCATED,
    COL_AREA,
    COL_FLAG,
    COL_GRADE,
    COL_GRADED_BY,
    COL_REFERENCE,
    COL_STATUS,
    COL_TEAM,
    column_texts,
)
from auditor.framework import Framework
from ui.cases.model import CaseTableModel
from ui.common.a11y import CurrentWhenFocused, describe
from ui.common.framework_words import in_words
from ui.common.widgets import fit_columns, one_line_rows

#: The columns a narrow pane keeps in view, the reference first: beyond them the list scrolls.
KEY_COLUMNS = (COL_REFERENCE, COL_STATUS, COL_GRADE, COL_FLAG)
#: The order they give up width in, down to each one's tight width then to its floor.
GIVING = (COL_FLAG, COL_GRADE, COL_STATUS, COL_REFERENCE)
#: Key columns never cut short ("Awaiting revi…"): a narrower pane scrolls sideways.
WHOLE = (COL_REFERENCE, COL_STATUS)
#: Room beside a cell's text (Qt's margins) and beside a header's when squeezed.
CELL_MARGIN = 12


def squeezed(
    natural: dict[int, int], tight: dict[int, int], floor: dict[int, int], room: int
) -> dict[int, int]:
    """The widths of the key columns in ``natural`` within ``room`` pixels: ``natural`` when
    they fit, else each gives up width (in ``GIVING``'s order) to its ``tight`` width (its
    longest text whole), then to its ``floor`` (its header whole; the cell elided, its
    tooltip whole)."""
    widths = dict(natural)
    excess = sum(widths.values()) - room
    for limit in (tight, floor):
        for column in GIVING:
            if excess <= 0:
                return widths
            if column in widths:
                take = min(excess, max(0, widths[column] - limit[column]))
                widths[column] -= take
                excess -= take
    return widths


class CaseTable(CurrentWhenFocused):
    """The case list, whose current row is the case shown and graded."""

    fitted: list[int]  # every column's width as first fitted to its texts
    natural: dict[int, int]
    tight: dict[int, int]
    floor: dict[int, int]
    #: Key columns sized by hand (a drag of the header's edge): their widths, kept.
    hand: dict[int, int]
    _setting = False  # the widths are being set here, not by hand

    def measure_key_columns(self, texts: dict[int, list[str]]) -> None:
        """Keep the key columns' fitted widths, and how far each can give way."""
        cells, header = self.fontMetrics(), self.horizontalHeader().fontMetrics()
        model = self.model()
        self.fitted = [self.columnWidth(c) for c in range(model.columnCount())]
        self.natural = {c: self.fitted[c] for c in KEY_COLUMNS}
        self.floor, self.tight, self.hand = {}, {}, {}
        for column in KEY_COLUMNS:
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.floor[column] = header.horizontalAdvance(title) + CELL_MARGIN
            known = [cells.horizontalAdvance(t) for t in texts.get(column, [])]
            text = max(known, default=self.natural[column] - 2 * CELL_MARGIN)
            whole = max(text + CELL_MARGIN, self.floor[column])
            self.tight[column] = min(self.natural[column], whole)
        for column in WHOLE:  # never elided: the list scrolls sideways first
            self.floor[column] = self.tight[column]
        self._reference_least = self.tight[COL_REFERENCE]  # its header and sort arrow whole
        header = self.horizontalHeader()
        header.sectionResized.connect(self._resized)
        # A double click on a column's edge gives it back to the list (after Qt's own fit).
        header.sectionHandleDoubleClicked.connect(self.fit_column_automatically)
        model.listed.connect(self.fit_references)

    def fit_references(self) -> None:
        """Size the reference column to the longest references listed (never cut short)."""
        found = self.model().cases.longest_references
        if not found:
            return
        text = max(self.fontMetrics().horizontalAdvance(r) for r in found)
        whole = max(text + CELL_MARGIN, self._reference_least)
        self.tight[COL_REFERENCE] = self.floor[COL_REFERENCE] = whole
        self.natural[COL_REFERENCE] = max(self.fitted[COL_REFERENCE], whole + 2 * CELL_MARGIN)
        self.keep_key_columns_in_view()

    def key_width(self) -> int:
        """The list's width that shows its key columns at their tight widths (nothing cut but
        the referral's text), with the frame and the vertical scroll bar."""
        widths = {**self.tight, COL_FLAG: self.floor[COL_FLAG]}
        return self._room_taken() + sum(widths.values())

    def _room_taken(self) -> int:
        # The vertical scroll bar's room always kept: it comes and goes with the filter.
        return 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.keep_key_columns_in_view()

    def keep_key_columns_in_view(self) -> None:
        """Squeeze the key columns not sized by hand into a narrow pane (their widths back
        when it widens); a column sized by hand keeps its width."""
        if not hasattr(self, "natural"):
            return
        free = {c: self.natural[c] for c in KEY_COLUMNS if c not in self.hand}
        room = self.width() - self._room_taken() - sum(self.hand.values())
        self.set_widths(squeezed(free, self.tight, self.floor, room))

    @contextmanager
    def _not_by_hand(self) -> Iterator[None]:
        """Widths set meanwhile are the list's own (``_resized`` does not take them as hand)."""
        self._setting = True
        try:
            yield
        finally:
            self._setting = False

    def set_widths(self, widths: dict[int, int]) -> None:
        """Set columns' widths (not by hand: each can still give way)."""
        with self._not_by_hand():
            for column, width in widths.items():
                if self.columnWidth(column) != width:
                    self.setColumnWidth(column, width)

    def restore_header(self, state: object, hand: dict[int, int]) -> None:
        """The header as it was saved, and the key columns sized by hand then."""
        with self._not_by_hand():
            self.horizontalHeader().restoreState(state)
        self.hand = {c: w for c, w in hand.items() if c in KEY_COLUMNS}
        self.set_widths(self.hand)
        self.keep_key_columns_in_view()

    def fit_columns_automatically(self) -> None:
        """View → Fit the list's columns: every column's width is the list's again."""
        self.hand = {}
        self.set_widths({c: w for c, w in enumerate(self.fitted) if c not in KEY_COLUMNS})
        self.keep_key_columns_in_view()

    def fit_column_automatically(self, column: int) -> None:
        """One column's width is the list's again (a double click on its edge)."""
        self.hand.pop(column, None)
        self.keep_key_columns_in_view()

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._setting and column in KEY_COLUMNS:
            self.hand[column] = new
            self.keep_key_columns_in_view()  # the others make room, or take it

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
    one_line_rows(table)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    # Each column fits its header and every label it can show ("Awaiting review" whole).
    texts = column_texts(framework)
    for column in model.reworded:  # as the cells say them ("Sent to the probation region")
        texts[column] = [in_words(text, model.words) for text in texts[column]]
    fit_columns(
        table,
        texts,
        {
            COL_REFERENCE: 110,
            COL_ALLOCATED: 140,
            COL_GRADED_BY: 150,
            COL_AREA: 150,
            COL_TEAM: 150,
        },
    )
    table.measure_key_columns(texts)
    return table
