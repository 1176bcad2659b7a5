"""File → Export package… and Merge packages…: team inspections offline.

See resources/guide/packages.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.common.workspace import Workspace

if TYPE_CHECKING:
    from ui.files.merge_dialog import MergeDialog
    from ui.files.package_dialog import PackageDialog


class TeamViews:
    """Opens the package and merge dialogs of one main window (each made once, then raised)."""

    def __init__(self, workspace: Workspace, open_conflicts: Callable[[], object]) -> None:
        self.workspace = workspace
        self.open_conflicts = open_conflicts  # the shell's way to Moderation's conflicts
        self.package: PackageDialog | None = None
        self.merge: MergeDialog | None = None
        workspace.when_closing(self.wait_idle)

    def export_package(self) -> PackageDialog:
        if self.package is None:
            from ui.files.package_dialog import PackageDialog  # on first use: quicker start-up

            self.package = PackageDialog(self.workspace)
        self.package.show()
        self.package.raise_()
        self.package.activateWindow()
        return self.package

    def merge_packages(self) -> MergeDialog:
        if self.merge is None:
            from ui.files.merge_dialog import MergeDialog  # on first use: quicker start-up

            self.merge = MergeDialog(self.workspace, self.open_conflicts)
        self.merge.show()
        self.merge.raise_()
        self.merge.activateWindow()
        return self.merge

    def wait_idle(self) -> None:
        """Let a running package or merge finish (before the window closes)."""
        for dialog in (self.package, self.merge):
            if dialog is not None:
                dialog.wait_idle()
