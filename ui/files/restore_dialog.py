"""File → Restore from backup…: the automatic backups of a file, restored into a new file.

Also ``offer_restore``, shown when a file cannot be opened (damaged, failed its integrity
check): it says what is wrong and offers that file's backups.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor.backups import Backup, BackupError, backup_folder, list_backups, restore_backup
from ui.common.a11y import describe
from ui.common.paths import backups_root
from ui.common.widgets import size_within_screen

Index = QModelIndex | QPersistentModelIndex
FILE_SUFFIX = ".caseaudit"


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


class BackupTableModel(QAbstractTableModel):
    """The backups of one file, newest first: time, cases, graded, size and state."""

    HEADERS = ("Taken", "Cases", "Graded", "Size", "State")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.backups: list[Backup] = []

    def reload(self, backups: list[Backup]) -> None:
        self.beginResetModel()
        self.backups = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> Backup | None:
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def display(self, backup: Backup, column: int) -> str:
        if column == 0:
            return backup.taken_at.astimezone().strftime("%a %d %b %Y %H:%M:%S")
        if column == 1:
            return _count(backup.cases)
        if column == 2:
            return _count(backup.graded)
        if column == 3:
            return _size(backup.size)
        return "Usable" if backup.usable else f"Cannot be used: {backup.problem}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self.display(backup, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def ask_new_file(parent: QWidget, suggested: Path) -> Path | None:
    """A Save dialog for the restored file (None when cancelled)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        "Restore into a new file",
        str(suggested),
        f"Inspection files (*{FILE_SUFFIX})",
        options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused anyway
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)


class RestoreDialog(QDialog):
    """Lists the backups of one inspection file and restores the chosen one into a new file."""

    restored = Signal(Path)
    open_requested = Signal(Path)  # the user asked to open the restored file

    def __init__(
        self,
        inspection_path: Path,
        parent: QWidget | None = None,
        *,
        problem: str = "",
        root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.inspection_path = Path(inspection_path)
        self.root = root if root is not None else backups_root()
        self.restored_path: Path | None = None
        #: Asks where to restore (the Save dialog); a test may put its own answer here.
        self.ask_target: Callable[[QWidget, Path], Path | None] = ask_new_file
        self.setWindowTitle(f"Restore from backup — {self.inspection_path.name}")
        self.setAccessibleName("Restore from backup")
        size_within_screen(self, 760, 420)

        self.problem = QLabel()
        self.problem.setObjectName("openingProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setAccessibleName("What is wrong with the file")
        if problem:
            self.problem.setText(
                f"<b>{escape(str(self.inspection_path))} cannot be opened.</b><br>{escape(problem)}"
            )
        self.problem.setVisible(bool(problem))
        self.intro = QLabel(wordWrap=True)
        self.intro.setAccessibleName("About the backups")

        self.model = BackupTableModel(self)
        self.table = QTableView()
        describe(
            self.table,
            "Backups",
            "Automatic backups of this file, newest first, with their cases and graded cases",
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((220, 80, 80, 80)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("restoreMessage")
        self.message.setAccessibleName("Restore result")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton("&Restore into a new file…")
        describe(
            self.restore_button,
            "Restore into a new file",
            "Copies the chosen backup into a new file; the file it was taken from is untouched",
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button = QPushButton("&Open the restored file")
        describe(self.open_button, "Open the restored file", "Opens it in a new window")
        self.open_button.hide()
        self.open_button.clicked.connect(self._open_restored)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    #: Whether a successful restore closes the dialog (when a file could not be opened).
    accept_on_restore = False

    def reload(self) -> None:
        backups = list_backups(self.root, self.inspection_path)
        self.model.reload(backups)
        folder = backup_folder(self.root, self.inspection_path)
        if backups:
            self.intro.setText(
                f"{len(backups)} backup{'s' if len(backups) != 1 else ''} of "
                f"{self.inspection_path.name}, newest first. A backup is restored into a new "
                "file; the file it was taken from is never changed."
            )
            first = next((n for n, b in enumerate(backups) if b.usable), 0)
            self.table.selectRow(first)
            self.table.setFocus()
        else:
            self.intro.setText(
                f"There are no backups of {self.inspection_path.name} (looked in {folder})."
            )
        self.restore_button.setEnabled(bool(backups))

    def selected(self) -> Backup | None:
        index = self.table.currentIndex()
        return self.model.backup(index.row()) if index.isValid() else None

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            self.message.setText("Choose a backup in the list first.")
            return
        if not backup.usable:
            self.message.setText(f"That backup cannot be used: {backup.problem}")
            return
        stamp = backup.taken_at.astimezone().strftime("%Y-%m-%d %H-%M")
        suggested = self.inspection_path.with_name(
            f"{self.inspection_path.stem} (restored {stamp}){FILE_SUFFIX}"
        )
        target = self.ask_target(self, suggested)
        if target is None:
            return
        if target.resolve() == self.inspection_path.resolve() or target.exists():
            self.message.setText(f"{target} already exists: choose a new file name.")
            return
        try:
            restore_backup(backup.path, target, inspection_path=self.inspection_path)
        except BackupError as exc:
            self.message.setText(f"Not restored: {exc}")
            return
        self.restored_path = target
        self.message.setText(
            f"Restored the backup of {self.model.display(backup, 0)} into {target}."
        )
        self.restored.emit(target)
        if self.accept_on_restore:
            self.accept()
            return
        self.open_button.show()
        self.open_button.setFocus()

    def _open_restored(self) -> None:
        if self.restored_path is not None:
            self.open_requested.emit(self.restored_path)
        self.accept()


def offer_restore(parent: QWidget | None, path: Path, problem: str) -> Path | None:
    """When ``path`` cannot be opened: say why, list its backups, and restore one into a new
    file. Returns the new file's path, or None when nothing was restored."""
    dialog = RestoreDialog(path, parent, problem=problem)
    dialog.accept_on_restore = True
    dialog.setWindowTitle(f"Cannot open {Path(path).name}")
    dialog.exec()
    return dialog.restored_path
