"""Filling the case list when the window opens: at once for an ordinary inspection, off the UI
thread for a very large one.

Reading 100,000 case-list rows takes about half a second, most of it SQLite handing Python a
million values. Above ``LOAD_IN_BACKGROUND_CASES`` (5,000: at 10,000 cases the read on the UI
thread was a third of start-up) the window shows the case the user last had open (or the first
by reference) straight away, so it can be read and graded, and the list fills in when a worker
thread has read it with its own connection. Either way the window
reopens on the case shown when it was last closed on this file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from auditor.inspection import Inspection
from ui.common.background import BackgroundRunner, CloseGuard, Progress

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

#: Above this many cases the list is read on a worker thread after the window shows.
LOAD_IN_BACKGROUND_CASES = 5_000


def last_case_key(window: MainWindow) -> str:
    """The settings key of the case last shown in this window's file."""
    digest = hashlib.sha256(str(window.inspection.path.resolve()).encode()).hexdigest()[:16]
    return f"files/{digest}/last_case"


class CaseLoader:
    """Fills one window's case list and selects the case to open on."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.loading = False
        self.waiting: list[Callable[[], None]] = []  # run once the list is filled
        self.changed: set[str] = set()  # cases edited while the list loaded
        self.stale = False  # the list was read again (a merge, an import) while loading
        self.runner = BackgroundRunner(window)
        self.runner.succeeded.connect(self._loaded)
        self.runner.failed.connect(self._failed)
        self._guard = CloseGuard(window, self.runner.wait_idle)

    def start(self) -> None:
        window = self.window
        inspection = window.inspection
        wanted = window.settings.value(last_case_key(window))
        opening = inspection.opening_case_id(str(wanted) if wanted else None)
        count = inspection.case_count()
        if count <= LOAD_IN_BACKGROUND_CASES:
            window.reload_cases()
            self._select(opening)
            return
        self.loading = True
        window.progress.setText(f"Loading {count:,} cases…")
        if opening is not None:
            window.show_case(opening)  # readable and gradeable while the list loads
        window.case_model.page(inspection, window.user.id)  # listed now, rows as shown
        path, user_id = inspection.path, window.user.id

        def work(_progress: Progress) -> list[tuple]:
            with Inspection.open(path) as own:  # this thread's connection
                return own.case_list(user_id)

        self.runner.start(work)

    def when_loaded(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the list is filled: now, or after the worker thread's read (so
        the file check and the opening backup do not compete with it for the disk and CPU)."""
        if self.loading:
            self.waiting.append(then)
        else:
            then()

    def _run_waiting(self) -> None:
        waiting, self.waiting = self.waiting, []
        if self.window.closed:
            return  # closed while the list loaded: no backup or check on a closed window
        for then in waiting:
            then()

    def _select(self, case_id: str | None) -> None:
        window = self.window
        position = None if case_id is None else window.case_model.position_of(case_id)
        if position is not None:
            window.select_row(position)
        elif window.case_model.rowCount():
            window.select_row(0)

    def _loaded(self, rows: list[tuple]) -> None:
        window = self.window
        self.loading = False
        if window.closed:
            self.waiting.clear()
            return
        if self.stale:  # changed by a merge or import since the thread read it: read again
            window.case_model.reload(window.inspection.case_list(window.user.id))
        else:
            window.case_model.reload(rows)  # the shown case is reselected on the reset
        shown = window.grading.case
        edited = self.changed | ({shown.id} if shown is not None else set())
        for case_id in edited:  # edited while the list loaded: their rows are read afresh
            row = window.inspection.case_list_row(case_id, window.user.id)
            if row is not None:
                window.case_model.update_row(row)
        self.changed.clear()
        self.stale = False
        window.update_progress()
        if shown is None:
            self._select(None)
        self._run_waiting()

    def _failed(self, message: str) -> None:
        self.loading = False
        self.window.progress.setText("The case list could not be read")
        self.window.statusBar().showMessage(f"The case list could not be read: {message}")
        self._run_waiting()
