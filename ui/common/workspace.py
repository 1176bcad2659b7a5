"""The workspace: what a view may use of the main window, and nothing else.

The shell (``ui.shell.main_window``) makes one ``Workspace`` and hands it to every feature view;
no view imports or reaches the window, and no view reaches another view: where one view leads
to another (a merge's conflicts to Moderation), the shell passes the way as a callable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from auditor.evidence.passage import Passage
    from auditor.inspection import Inspection
    from auditor.records import Assessor


class WorkspaceHost(Protocol):
    """What the shell's window provides for its workspace (the main window is one)."""

    inspection: Inspection
    user: Assessor
    settings: QSettings
    closed: bool
    close_waiters: list[Callable[[], None]]

    def flush_edits(self) -> None: ...
    def current_case_id(self) -> str | None: ...
    def shown_case_id(self) -> str | None: ...
    def show_case(self, case_id: str, *, consulted: bool = True) -> None: ...
    def select_case(self, case_id: str) -> None: ...
    def open_case(self, case_id: str) -> None:
        """Show a case in the window, selected in its list when the list shows it, and raise it."""
        self.select_case(case_id)
        if self.current_case_id() != case_id:
            self.show_case(case_id)
        self.bring_to_front()

    def reload_cases(self) -> None: ...
    def listed_case_ids(self) -> list[str]: ...
    def show_status(self, text: str, milliseconds: int = 0) -> None: ...
    def bring_to_front(self) -> None: ...
    def open_passage(self, passage: Passage) -> None: ...
    def retitle(self) -> None: ...


class Workspace(QObject):
    """The open inspection, who is signed in, and the few things a view may ask of the window."""

    #: A case was selected in the list (its id): views that follow the list listen to this.
    case_selected = Signal(str)

    def __init__(self, host: WorkspaceHost, widget: QWidget) -> None:
        super().__init__(widget)
        self._host = host
        self._widget = widget

    @property
    def widget(self) -> QWidget:
        """The window, as the parent of a view's dialogs (only as a QWidget)."""
        return self._widget

    @property
    def inspection(self) -> Inspection:
        return self._host.inspection

    @property
    def user(self) -> Assessor:
        return self._host.user

    @property
    def settings(self) -> QSettings:
        return self._host.settings

    @property
    def closed(self) -> bool:
        """Whether the window has decided to close (work finishing now starts nothing)."""
        return self._host.closed

    def flush_edits(self) -> None:
        """Commit a note being typed and the case openings waiting to be logged."""
        self._host.flush_edits()

    def current_case_id(self) -> str | None:
        """The case selected in the list (None when nothing is)."""
        return self._host.current_case_id()

    def shown_case_id(self) -> str | None:
        """The case whose file and grading are on screen."""
        return self._host.shown_case_id()

    def show_case(self, case_id: str, *, consulted: bool = True) -> None:
        """Show a case read afresh; ``consulted`` logs it as an opening."""
        self._host.show_case(case_id, consulted=consulted)

    def select_case(self, case_id: str) -> None:
        """Select the case in the list (which shows it)."""
        self._host.select_case(case_id)

    def open_case(self, case_id: str) -> None:
        """Show a case in the window, selected in its list when the list shows it, and raise it."""
        self.select_case(case_id)
        if self.current_case_id() != case_id:
            self.show_case(case_id)
        self.bring_to_front()

    def reload_cases(self) -> None:
        """Read the case list again (after a merge, an import, a review decision)."""
        self._host.reload_cases()

    def listed_case_ids(self) -> list[str]:
        """The cases the list shows now (its filter and search applied), in its order."""
        return self._host.listed_case_ids()

    def status(self, text: str, milliseconds: int = 0) -> None:
        """Say something in the window's status bar."""
        self._host.show_status(text, milliseconds)

    def when_closing(self, wait: Callable[[], None]) -> None:
        """Call ``wait`` once the window's close is decided (to end a view's worker thread)."""
        self._host.close_waiters.append(wait)

    def bring_to_front(self) -> None:
        """Raise and activate the window (after a view selected a case in it)."""
        self._host.bring_to_front()

    def open_passage(self, passage: Passage) -> None:
        """Show a passage's case and open its document at the passage, marked (a citation,
        a search hit), raising the window."""
        self._host.open_passage(passage)
        self.bring_to_front()

    def retitle(self) -> None:
        """Show the inspection's name (after a rename) in the window's title."""
        self._host.retitle()
