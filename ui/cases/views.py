"""The case views the shell opens: Case → Allocate cases… (made once, then raised)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.common.workspace import Workspace

if TYPE_CHECKING:
    from ui.cases.allocate_dialog import AllocateDialog


class CaseViews:
    """Opens the allocation window of one main window."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.allocate: AllocateDialog | None = None

    def open_allocate(self) -> AllocateDialog:
        self.workspace.flush_edits()
        if self.allocate is None:
            # The allocation window and its desk load when first opened, not at start-up.
            from ui.cases.allocate_dialog import AllocateDialog

            self.allocate = AllocateDialog(self.workspace)
        self.allocate.reload()
        self.allocate.show()
        self.allocate.raise_()
        return self.allocate
