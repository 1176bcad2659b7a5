"""The Reports view and File → Export…: tables, charts and the workbook, off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.common.workspace import Workspace

if TYPE_CHECKING:
    from ui.reports.export_dialog import ExportDialog
    from ui.reports.window import ReportsWindow


class ReportViews:
    """Opens the Reports view and the export dialogs of one main window (each made once)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.reports: ReportsWindow | None = None
        self.exports: dict[bool, ExportDialog] = {}  # by for_force
        workspace.when_closing(self.wait_idle)

    def _flush(self) -> None:
        """Commit a note being typed, so reports and exports see it."""
        self.workspace.flush_edits()

    def open_reports(self) -> ReportsWindow:
        """View → Reports…: the window, read afresh when it is opened again."""
        self._flush()
        if self.reports is None:
            from ui.reports.window import ReportsWindow  # on first use: quicker start-up

            self.reports = ReportsWindow(
                self.workspace.inspection, self.workspace.user, self.workspace.widget
            )
            self.reports.renamed.connect(lambda _name: self.workspace.retitle())
        else:
            self.reports.refresh()
        self.reports.show()
        self.reports.raise_()
        self.reports.activateWindow()
        return self.reports

    def open_export(self) -> ExportDialog:
        return self._open_export(for_force=False)

    def open_export_for_force(self) -> ExportDialog:
        return self._open_export(for_force=True)

    def _open_export(self, *, for_force: bool) -> ExportDialog:
        self._flush()
        dialog = self.exports.get(for_force)
        if dialog is None:
            from auditor.exporting.export import ExportOptions  # on first use
            from ui.reports.export_dialog import ExportDialog

            options = ExportOptions(for_force=for_force, user=self.workspace.user)
            dialog = ExportDialog(
                self.workspace.inspection, options, self.workspace.status, self.workspace.widget
            )
            self.exports[for_force] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def wait_idle(self) -> None:
        """Let running computations and exports end (an export is cancelled)."""
        for dialog in self.exports.values():
            dialog.wait_idle()
        if self.reports is not None:
            self.reports.wait_idle()
