"""The main window's case list (mixed in): reloading it, filtering, selecting and stepping
through it, and showing the selected case."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from auditor.case_rows import (
    R_ID,
    Progress,
    case_status,
    may_grade,
    progress_change,
    team_progress,
)
from auditor.grading.rules import is_done
from ui.cases.model import CaseIdRole
from ui.common.a11y import announce, plain


class CaseListActions:
    """Reload, filter, select and step through the main window's case list."""

    # Provided by the main window:
    inspection: Any
    user: Any
    case_model: Any
    case_table: Any
    case_loader: Any
    filter_bar: Any
    grading: Any
    case_file: Any
    progress: Any
    calls_bar: Any
    workspace: Any
    # Annotations only (an attribute here would hide QMainWindow's and the window's own):
    statusBar: Any
    show_case: Any

    def reload_cases(self) -> None:
        if self.case_loader.loading:  # read again once the list first arrives
            self.case_loader.stale = True
            return
        self.case_model.reload(self.inspection.case_list(self.user.id))
        self.update_progress()
        self.calls_bar.refresh()

    def first_view(self) -> None:
        """Once the list has arrived: "My cases" for an inspector with cases, "Awaiting my
        review" for a supervisor with some, else all; the case shown stays if listed."""
        self.filter_bar.choose_scope(self.case_model.cases.rows)
        if self.grading.case is None or self.case_model.position_of(self.grading.case.id) is None:
            self.select_row(0)

    def update_progress(self, before: tuple | None = None, after: tuple | None = None) -> None:
        """The status line's progress, from the list's rows (no count over the file); after
        one case's row was replaced (``before`` by ``after``), changed by that row alone."""
        rows = self.case_model.cases.rows
        known: tuple[list[tuple], Progress] | None = getattr(self, "_progress_of", None)
        if before is not None and after is not None and known is not None and known[0] is rows:
            progress = progress_change(known[1], before, after, self.user.id)
        else:
            progress = team_progress(rows, self.user.id)
        self._progress_of = (rows, progress)
        self.progress.setText(progress.words())

    def _apply_filters(self) -> None:
        """Filter the list; the case on screen stays selected while it is still listed."""
        self.case_model.set_filter(self.filter_bar.current())
        shown_count = self.case_model.rowCount()
        total = len(self.case_model.cases.rows)
        self.statusBar().showMessage(
            f"Showing {shown_count} of {total} cases" if shown_count != total else "", 4000
        )

    def _reselect_shown_case(self) -> None:
        """After the list is filtered or reloaded, select the case on screen if still listed."""
        if self.grading.case is not None:
            position = self.case_model.position_of(self.grading.case.id)
            if position is not None:
                self.select_row(position)

    def select_row(self, row: int) -> None:
        index = self.case_model.index(row, 0)
        if index.isValid():
            self.case_table.set_current(index)
            self.case_table.scrollTo(index)

    def step(self, delta: int, *, focus_grading: bool = False) -> None:
        """Move to the next (1) or previous (-1) case in the current list order."""
        row = self.case_table.currentIndex().row() + delta
        if 0 <= row < self.case_model.rowCount():
            self.select_row(row)
            if focus_grading:
                self.grading.focus_first_criterion()
            self.announce_case()
        else:
            self.say("No more cases in this list")

    def next_incomplete(self) -> None:
        """Move to the next case in list order whose status is not complete."""
        row = self.case_model.cases.next_position(
            self.case_table.currentIndex().row(),
            lambda r: not is_done(case_status(r)) and may_grade(r, self.user.id),
        )
        if row is None:
            self.say("No case of yours to finish after this one in the list")
            return
        self.select_row(row)
        self.grading.focus_first_criterion()
        self.announce_case()

    def open_first_match(self) -> None:
        """Enter in the search box: show the first case listed and go to its grading."""
        if self.case_model.rowCount() == 0:
            self.say("No case matches the search")
            return
        self.select_row(0)
        self.grading.focus_first_criterion()
        self.announce_case()

    def enter_list(self) -> None:
        """Down in the search box: into the list, on the case shown (else the first)."""
        if self.case_model.rowCount() == 0:
            return
        if not self.case_table.currentIndex().isValid():
            self.select_row(0)
        self.case_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str) -> None:
        """A short notice in the status bar, announced to a screen reader too."""
        self.statusBar().showMessage(text, 3000)
        announce(self.case_table, text)

    def announce_case(self) -> None:
        """Say where a step landed: "NM-18-0003: Referrals relating to domestic abuse;
        Not started · 8 to do: …" (and whose grading it is when it is not the user's)."""
        held = self.grading.held
        parts = [
            self.case_file.title.text(),
            plain(self.grading.status.text()),
            plain(held.label.text()) if not held.isHidden() else "",
        ]
        announce(self.case_table, "; ".join(p for p in parts if p))

    def listed_case_ids(self) -> list[str]:
        cases = self.case_model.cases
        return [cases.row_at(position)[R_ID] for position in range(len(cases))]

    def select_case(self, case_id: str) -> None:
        position = self.case_model.position_of(case_id)
        if position is not None:
            self.select_row(position)

    def current_case_id(self) -> str | None:
        index = self.case_table.currentIndex()
        return index.data(CaseIdRole) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        case_id = current.data(CaseIdRole)
        if self.grading.case is not None and self.grading.case.id == case_id:
            return  # the same case, re-selected after a filter or sort
        self.show_case(case_id)
        self.workspace.case_selected.emit(case_id)
