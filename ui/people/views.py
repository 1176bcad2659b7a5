"""Opens File → People… for one main window (made once, then raised and read again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.common.workspace import Workspace

if TYPE_CHECKING:
    from ui.people.dialog import PeopleDialog


class PeopleViews:
    """The People window of one main window."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.people: PeopleDialog | None = None

    def open_people(self) -> PeopleDialog:
        self.workspace.flush_edits()
        if self.people is None:
            from ui.people.dialog import PeopleDialog  # the People window: on first use

            self.people = PeopleDialog(self.workspace)
        self.people.reload()
        self.people.show()
        self.people.raise_()
        self.people.activateWindow()
        return self.people
