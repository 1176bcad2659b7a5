"""Automatic backups of the open file, off the UI thread: when it opens and every N minutes.

A backup of 100,000 cases (340 MB) takes about 1 s to copy and 0.6 s to check, so it runs on a
QThread with its own connection (SQLite connections cannot cross threads); the window never
waits for it except when closing. The core skips a backup when nothing changed since the last
one, so the timer simply runs every N minutes. N and K are workstation settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot

from auditor.backups import DEFAULT_INTERVAL_MINUTES, DEFAULT_KEEP, Backup, take_backup
from auditor.inspection import Inspection
from ui.common.background import BackgroundRunner, Progress, work_due

INTERVAL_KEY = "backups/interval_minutes"
KEEP_KEY = "backups/keep"


def setting_number(settings: QSettings, key: str, default: int) -> int:
    """A whole-number setting of at least 1; a missing or damaged value gives ``default``."""
    try:
        value = int(str(settings.value(key, default)))
    except ValueError:
        return default
    return value if value >= 1 else default


class BackupRunner(QObject):
    """Backs up one window's file now and every ``interval`` minutes, one backup at a time."""

    made = Signal(object)  # Backup | None
    failed = Signal(str)

    def __init__(self, path: Path, root: Path, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self.path, self.root = path, root
        self.keep = setting_number(settings, KEEP_KEY, DEFAULT_KEEP)
        minutes = setting_number(settings, INTERVAL_KEY, DEFAULT_INTERVAL_MINUTES)
        self.timer = QTimer(self, interval=minutes * 60_000)
        self.timer.timeout.connect(self.start)
        self.runner = BackgroundRunner(self)
        self.runner.succeeded.connect(self.made)
        self.runner.failed.connect(self.failed)
        self.stopped = False
        #: The opening backup is due shortly (``begin_soon``): it counts as running, so
        #: whoever waits for the backups to be idle waits for it too.
        self.soon = QTimer(self, singleShot=True)
        self.soon.timeout.connect(self._now_due)

    @property
    def running(self) -> bool:
        """A backup being made, or the opening one due."""
        return self.soon.isActive() or self.runner.running

    def begin_soon(self, milliseconds: int) -> None:
        """As ``begin``, the first backup ``milliseconds`` from now: the window shown and
        answering before the copy and its check compete with it for the CPU and the disk."""
        if self.stopped:
            return
        self.soon.start(milliseconds)
        work_due(self, True)  # work_under_way() holds back what must wait for it (rekey)
        self.timer.start()

    def _now_due(self) -> None:
        work_due(self, False)
        self.start()

    def begin(self) -> None:
        """Back up now (the file was just opened), then every interval."""
        if self.stopped:
            return
        self.start()
        self.timer.start()

    @Slot()
    def start(self) -> None:
        """Take one backup on a worker thread (none when one is running: the next tick will)."""
        if self.stopped:
            return
        path, root, keep = self.path, self.root, self.keep

        def work(_progress: Progress) -> Backup | None:
            # Its own connection, on this thread; the backup itself is quick-checked.
            with Inspection.open(path) as inspection:
                return take_backup(inspection, root, keep=keep)

        self.runner.start(work, lambda exc: f"Backup not made: {exc}")

    def stop(self, milliseconds: int = 60_000) -> None:
        """No more backups; wait for one running (before the window closes)."""
        self.stopped = True
        self.soon.stop()
        work_due(self, False)
        self.timer.stop()
        if self.runner.thread is not None:
            self.runner.thread.wait(milliseconds)
