"""The Moderation window's "Changed in two places" tab: fields changed on two laptops with
neither having seen the other's change, what the merge kept, and the lead's resolution."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from auditor.merging.concurrent_list import ConcurrentChange
from auditor.moderation import Moderation, ModerationError
from auditor.timestamps import shown_minute
from ui.common.a11y import describe
from ui.common.table_model import ListTableModel
from ui.common.widgets import MessageLine, make_table, when
from ui.common.workspace import Workspace
from ui.moderation.sample import button

EXPLAINED = (
    "Each line is a field changed in two places (two laptops, or a laptop and this file) "
    "with neither having seen the other's change. The merge kept one value by a fixed rule "
    "(the later change; a supervisor's decision always stands), so every laptop ends with "
    "the same file. Check the value kept; if the other is right, change it in the case, "
    "then mark the line resolved with a note."
)


class ConcurrentModel(ListTableModel[ConcurrentChange]):
    """One field per line: the values set in two places, the value kept, the resolution."""

    COL_REFERENCE, COL_FIELD, COL_VALUES, COL_KEPT, COL_RESOLVED = range(5)
    HEADERS = ("Reference", "Field", "Values set", "Value kept", "Resolved")

    def display(self, item: ConcurrentChange, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.reference
        if column == self.COL_FIELD:
            return item.what
        if column == self.COL_VALUES:
            return "; ".join(f"{c.value} ({c.name or 'not named'})" for c in item.changes)
        if column == self.COL_KEPT:
            return item.now
        if column == self.COL_RESOLVED:
            if not item.resolved:
                return "⚠ not yet"
            return f"{item.resolved_by}, {when(item.resolved_at)}"
        return ""

    def emphasised(self, item: ConcurrentChange) -> bool:
        return not item.resolved


class ConcurrentTab(QWidget):
    """Fields changed in two places at once; the lead resolves each with a note."""

    def __init__(self, workspace: Workspace, desk: Moderation, lead: bool) -> None:
        super().__init__()
        self.workspace = workspace
        self.desk = desk
        self.model = ConcurrentModel(workspace.inspection.framework, self)
        self.table = make_table(
            self.model,
            "Changed in two places",
            "Fields changed on two laptops without either seeing the other's change, with the "
            "value the merge kept and the lead's resolution",
            (100, 220, 480, 240, 190),
        )
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        explained = QLabel(EXPLAINED)
        explained.setWordWrap(True)
        explained.setAccessibleName("What this list is")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("The selected change in full")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Why the value kept is right (required)")
        self.note.setMaximumHeight(self.fontMetrics().height() * 4)
        describe(self.note, "Why resolved", "Why the value kept stands, kept on record")
        self.resolve_button = button(
            "&Mark resolved",
            "Record that the value kept for the selected field stands, with the note",
            self.resolve,
        )
        self.open_button = button(
            "&Open case", "Show the selected case in the main window", self.open_selected
        )
        for control in (self.note, self.resolve_button):
            control.setEnabled(lead)
        self.message = MessageLine("Changed in two places message")
        form = QHBoxLayout()
        form.addWidget(QLabel("&Why:", buddy=self.note))
        form.addWidget(self.note, 1)
        form.addWidget(self.resolve_button)
        form.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explained)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(form)
        layout.addWidget(self.message)

    def reload(self) -> None:
        current = self._current()
        self.model.reload(self.desk.concurrent_changes())
        rows = [i for i, c in enumerate(self.model.items) if current and c.key == current.key]
        if rows or self.model.items:
            self.table.selectRow(rows[0] if rows else 0)
        else:
            self.details.setText("Nothing was changed in two places at once.")

    def _current(self) -> ConcurrentChange | None:
        return self.model.item(self.table.currentIndex().row())

    def _selected(self, *_args: object) -> None:
        item = self._current()
        if item is None:
            return
        lines = [f"{item.reference}: {item.what}. Kept: {item.now}."]
        lines += [f"• {c.value} — {c.who}, {shown_minute(c.at)}" for c in item.changes]
        if item.resolved:
            lines.append(f"Resolved by {item.resolved_by}: {item.resolution}")
        self.details.setText("\n".join(lines))

    def resolve(self) -> None:
        item = self._current()
        if item is None:
            self.message.refuse("Select a field first.")
            return
        try:
            self.desk.resolve_concurrent(self.workspace.user, item, self.note.toPlainText())
        except ModerationError as exc:
            self.message.refuse(str(exc))
            return
        self.note.clear()
        self.message.done(f"{item.reference}: {item.what} resolved; {item.now} stands.")
        self.reload()

    def open_selected(self) -> None:
        item = self._current()
        if item is not None and item.case_id:
            self.workspace.open_case(item.case_id)
