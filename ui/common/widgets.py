"""What the review windows share: the message line, table set-up, dates and refreshing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QDate, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from auditor.records import Assessor
from auditor.timestamps import shown_day, shown_minute
from ui.common.a11y import describe
from ui.common.theme import warning_colour
from ui.common.workspace import Workspace


def when(at: str | None) -> str:
    """An ISO timestamp from the file as "2018-07-02 09:02 UTC" (a day stays a day)."""
    return shown_minute(at)


def day(at: str | None) -> str:
    return shown_day(at)


class MessageLine(QLabel):
    """One line under a view's controls: what was done, or why it was refused (never a trace)."""

    def __init__(self, name: str = "Message", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self, name, "What the last action did, or why it was refused")
        self.refused = False

    def done(self, text: str) -> None:
        self.refused = False
        self.setStyleSheet("")
        self.setText(text)

    def refuse(self, text: str) -> None:
        """Show a refusal: a ⚠ and the word "Refused" as well as the warning colour."""
        self.refused = True
        colour = warning_colour(self.palette()).name()
        self.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.setText(f"⚠ Refused: {text}")

    def clear_message(self) -> None:
        self.refused = False
        self.setStyleSheet("")
        self.clear()


def banner(text: str, name: str) -> QLabel:
    """A framed note at the top of a view (e.g. "this queue is for supervisors")."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    label.setMargin(6)
    label.setBackgroundRole(QPalette.ColorRole.AlternateBase)
    label.setAutoFillBackground(True)
    describe(label, name, text)
    return label


def one_line_rows(table: QTableView) -> None:
    """Rows one line of text high (Qt's default fits two): a short table shows all its rows."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


def make_table(
    model: QAbstractTableModel, name: str, description: str, widths: tuple[int, ...]
) -> QTableView:
    """A read-only, row-selecting table in the house style (like the case list)."""
    table = QTableView()
    describe(table, name, description)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    one_line_rows(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


def date_edit(name: str, description: str, value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(to_qdate(value or date.today()))
    describe(edit, name, description)
    return edit


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def after_change(workspace: Workspace, case_id: str | None = None) -> None:
    """After a decision: reload the case list's statuses and the case on screen, if touched."""
    workspace.reload_cases()
    shown = workspace.shown_case_id()
    if shown is not None and (case_id is None or shown == case_id):
        workspace.show_case(shown, consulted=False)  # a decision is not an opening


def select_first(table: QTableView) -> None:
    if table.model().rowCount() and not table.currentIndex().isValid():
        table.selectRow(0)


def select_near(table: QTableView, row: int) -> None:
    """After a reload that lost the selection (the item decided left the list), select the
    row that took its place, or the last; the first when nothing was selected before."""
    count = table.model().rowCount()
    if count and not table.currentIndex().isValid():
        table.selectRow(min(max(row, 0), count - 1))


def named(person: Assessor) -> str:
    """A person as the review views show them: "Ann Inspector (inspector)"."""
    return f"{person.name} ({person.role})"


def fit_columns(
    table: QTableView, texts: dict[int, list[str]], widths: dict[int, int], cap: int = 320
) -> None:
    """Size each column to its header and the widest text it can show (at most ``cap``), or
    to ``widths`` where the texts are not known; the full text is in each cell's tooltip."""
    metrics = table.fontMetrics()
    bold = table.horizontalHeader().fontMetrics()
    model = table.model()
    padding = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_HeaderMargin) + 24
    for column in range(model.columnCount()):
        header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        known = texts.get(column)
        width = max([metrics.horizontalAdvance(t) for t in known or []], default=0)
        width = max(width, bold.horizontalAdvance(header)) + padding
        table.setColumnWidth(column, min(width, cap) if known else max(widths[column], width))


def size_within_screen(widget: QWidget, width: int, height: int, share: float = 0.95) -> None:
    """Resize ``widget`` to width × height, or to ``share`` of its screen's free area where
    that is smaller (a window never opens larger than a laptop's screen)."""
    parent = widget.parentWidget()
    screen = (parent or widget).screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    widget.resize(min(width, int(area.width() * share)), min(height, int(area.height() * share)))


def compact(combo: QComboBox, characters: int = 14) -> QComboBox:
    """Size a combo box to a short text rather than its longest item (the list still shows
    each item whole), so a filter row fits a narrow window."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def labelled(text: str, *fields: QWidget) -> QWidget:
    """A label and its field(s) kept together on one line (an item of a row that wraps)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    if text:
        row.addWidget(QLabel(text, buddy=fields[0]))
    for field in fields:
        row.addWidget(field)
    return holder
