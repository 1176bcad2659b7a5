"""File → Merge packages…: inspectors' packages brought into this inspection, off the UI thread.

Every package is checked whole before anything is written; each is then merged in its own
transaction (see resources/guide/packages.md). The dialog lists what each package added, updated and
left unchanged, and the cases now in conflict, which the lead resolves in Review → Moderation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from auditor.audit.log import NOT_STATED
from auditor.merging.manifest import PACKAGE_SUFFIX, PackageError
from auditor.merging.merge import merge_packages
from auditor.merging.outcome import MergeSummary
from ui.common.a11y import describe
from ui.common.background import Progress
from ui.common.task_dialog import TaskDialog
from ui.common.widgets import size_within_screen
from ui.common.workspace import Workspace


def merge_error(exc: Exception) -> str:
    if isinstance(exc, PackageError):
        return str(exc)
    return f"The merge stopped: {exc}"


def summary_text(summaries: list[MergeSummary]) -> str:
    """What each package did, in words (the same lines as the command line prints)."""
    blocks = []
    for summary in summaries:
        whose = (
            "whose work is not stated"
            if summary.assessor == NOT_STATED
            else f"work of {summary.assessor}"
        )
        head = f"{Path(summary.package).name} ({whose})"
        blocks.append("\n".join([head, *(f"  {line}" for line in summary.lines())]))
    return "\n\n".join(blocks)


class MergeDialog(TaskDialog):
    """Choose packages, merge them into the open inspection, and read what changed."""

    failed_prefix = "Not merged: "
    cancelled_message = "Cancelled: the packages merged before stopping stay merged."

    def __init__(self, workspace: Workspace, open_conflicts: Callable[[], object]) -> None:
        super().__init__(
            workspace.widget,
            action="&Merge",
            action_help="Merges the packages listed, in order",
            ready="Add the packages, then press Merge.",
        )
        self.workspace = workspace
        self.open_conflicts = (
            open_conflicts  # "Resolve conflicts…": Moderation, opened by the shell
        )
        self.db_path = Path(workspace.inspection.path)
        self.summaries: list[MergeSummary] = []
        self.setWindowTitle("Merge packages")
        intro = QLabel(
            "Bring inspectors' packages into this inspection. Each assessor's grades stay "
            "their own; a case two inspectors graded differently is listed as a conflict for "
            "the lead to resolve. Merging a package again brings only what changed."
        )
        intro.setWordWrap(True)
        self.packages = QStringListModel(self)
        self.package_list = QListView()
        self.package_list.setModel(self.packages)
        self.package_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        describe(self.package_list, "Packages to merge", "The package files, merged in order")
        add = QPushButton("&Add packages…")
        describe(add, "Add packages", "Choose package files to merge")
        add.clicked.connect(self._choose)
        remove = QPushButton("&Remove")
        describe(remove, "Remove package", "Takes the selected package off the list")
        remove.clicked.connect(self._remove_selected)
        list_buttons = QVBoxLayout()
        list_buttons.addWidget(add)
        list_buttons.addWidget(remove)
        list_buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.addWidget(self.package_list, 1)
        list_row.addLayout(list_buttons)
        self.result = QPlainTextEdit(readOnly=True)
        describe(self.result, "What the merge did", "Added, updated, unchanged and in conflict")
        self.resolve_button = QPushButton("Resolve &conflicts…")
        describe(
            self.resolve_button,
            "Resolve conflicts",
            "Opens Review → Moderation, where the lead records the agreed grade",
        )
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self._resolve)
        self.merge_button = self.action_button
        self.merge_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(list_row)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.result, 1)
        layout.addLayout(self.button_row(self.resolve_button))
        size_within_screen(self, 760, 560)

    def add_packages(self, paths: list[str | Path]) -> None:
        listed = self.packages.stringList()
        listed += [str(p) for p in paths if str(p) not in listed]
        self.packages.setStringList(listed)

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Add packages",
            str(self.db_path.parent),
            f"Audit packages (*{PACKAGE_SUFFIX});;All files (*)",
        )
        self.add_packages(paths)

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.package_list.selectedIndexes()}, reverse=True)
        for row in rows:
            self.packages.removeRows(row, 1)

    def start(self) -> None:
        """Merge the packages listed on a worker thread; Cancel stops between packages."""
        if self.running:
            return
        paths = [Path(p) for p in self.packages.stringList()]
        if not paths:
            self.finish("failed", "Add at least one package to merge.")
            return
        # What is on screen is committed first, so the merge reads and compares it.
        self.workspace.flush_edits()
        db_path, actor = self.db_path, self.workspace.user.name

        def work(progress: Progress) -> list[MergeSummary]:
            return merge_packages(db_path, paths, actor_name=actor, progress=progress)

        self.summaries = []
        self.result.clear()
        self.resolve_button.setEnabled(False)
        self.run_task(work, merge_error)

    def task_succeeded(self, summaries: list[MergeSummary]) -> None:
        self.summaries = summaries
        conflicts = {c.case_id for s in summaries for c in s.conflicts}
        changed = any(s.changed for s in summaries)
        verdict = "Merged." if changed else "Nothing new: every package was merged before."
        if conflicts:
            verdict += f" {len(conflicts)} case(s) in conflict for the lead to resolve."
        concurrent = sum(len(s.concurrent) for s in summaries)
        if concurrent:
            verdict += (
                f" {concurrent} field(s) changed in two places at once: see Moderation → "
                "Changed in two places."
            )
        self.finish("merged", verdict)
        self.result.setPlainText(summary_text(summaries))
        self.resolve_button.setEnabled(bool(conflicts or concurrent))
        self.task_ended()
        self.workspace.status(verdict, 10_000)

    def task_ended(self) -> None:
        """Show what was merged (packages merged before a failure or Cancel stay merged)."""
        self.workspace.reload_cases()
        shown = self.workspace.shown_case_id()
        if shown is not None:
            self.workspace.show_case(shown, consulted=False)

    def _resolve(self) -> None:
        self.open_conflicts()
