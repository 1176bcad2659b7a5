"""Review → Moderation…: double grading, agreement and kappa, conflicts, the force's audit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.common.workspace import Workspace

if TYPE_CHECKING:
    from ui.moderation.dialog import ModerationDialog


class ModerationViews:
    """Opens the moderation window of one main window (made once, then raised)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.dialog: ModerationDialog | None = None

    def open_moderation(self) -> ModerationDialog:
        self.workspace.flush_edits()  # a note being typed is committed first
        if self.dialog is None:
            from ui.moderation.dialog import ModerationDialog  # on first use: quicker start-up

            self.dialog = ModerationDialog(self.workspace)
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
