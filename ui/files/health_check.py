"""SQLite's quick check of a large inspection file, run after the window shows.

A file's quick check reads all of it: about 1.6 ms a megabyte (13 ms for an inspection of
1,000 cases, 7 MB; 100 ms for 10,000 cases; a second or more for 100,000 cases, 600 MB). The
window checks files up to ``CHECK_BEFORE_BYTES`` before it opens them (a damaged file is
refused, with its backups offered); a larger file is opened at once and checked here on a
worker thread, with its own connection. When damage is found the window says so at once and
offers the backups, restored into a new file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from auditor.errors import CorruptFileError
from auditor.inspection import Inspection
from ui.common.asking import go_ahead
from ui.common.background import BackgroundRunner, Progress
from ui.common.workspace import Workspace

#: Files up to this size are checked before the window opens them (at most about 25 ms of
#: checking, some 2,000 cases); larger ones after it shows. At 64 MB the check of a 10,000-case
#: file was a sixth of the window's start (benchmarks/RESULTS.md, issue 25).
CHECK_BEFORE_BYTES = 16 * 1024 * 1024


def check_before_opening(path: Path) -> bool:
    """Whether the quick check runs before the window opens ``path`` (not after)."""
    try:
        return path.stat().st_size <= CHECK_BEFORE_BYTES
    except OSError:
        return True  # opening will say what is wrong with it


class HealthCheck:
    """Runs the quick check of one window's file off the UI thread and reports damage."""

    def __init__(self, workspace: Workspace, open_restored: Callable[[Path], object]) -> None:
        self.workspace = workspace
        self.open_restored = open_restored  # the shell opens a restored copy in a window
        self.damage: str | None = None
        self.done = False
        self.runner = BackgroundRunner(workspace.widget)
        self.runner.succeeded.connect(self._checked)
        self.runner.failed.connect(self._failed)
        self.runner.idle.connect(self._idle)
        workspace.when_closing(self.wait_idle)

    def start(self) -> None:
        if self.workspace.closed:
            return
        path = self.workspace.inspection.path
        self.workspace.status("Checking the file…", 5000)

        def work(_progress: Progress) -> str | None:
            # Its own connection (this thread), sharing the window's hold on the file.
            try:
                with Inspection.open(path) as inspection:
                    return inspection.damage()
            except CorruptFileError as exc:  # damage SQLite found while opening it
                return str(exc)

        self.runner.start(work)

    def _checked(self, damage: str | None) -> None:
        self.damage = damage
        if damage is not None:
            self._report(damage)

    def _failed(self, message: str) -> None:
        """The check could not run (the file moved, is busy, was rekeyed): said, not called
        damage (damage found while opening it is a result of the check, above)."""
        self.workspace.status(f"The file could not be checked: {message}")

    def _idle(self) -> None:
        self.done = True

    def _report(self, problem: str) -> None:
        """Say the file is damaged; offer its backups (restored into a new file)."""
        from ui.files.restore_dialog import offer_restore

        workspace = self.workspace
        path = Path(workspace.inspection.path)
        workspace.status(f"The file is damaged: {problem}")
        said = problem.removeprefix(f"{path}: ")
        if go_ahead(
            workspace.widget,
            workspace.widget.windowTitle(),
            f"{path.name} is damaged",
            f"{path}\n\n{said[:1].upper()}{said[1:]}.\n\nMake no more changes in this file. "
            "Restore a backup into a new file and carry on there (File → Restore from backup…).",
            "Restore from backup…",
            icon=QMessageBox.Icon.Critical,
            name="fileDamaged",
            leave=QMessageBox.StandardButton.Close,
        ):
            restored = offer_restore(workspace.widget, path, problem)
            if restored is not None:
                self.open_restored(restored)

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        self.runner.wait_idle(milliseconds)
