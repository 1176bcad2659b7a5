"""Indexing the documents a file's index lacks (a file from before the index, a merge) on a
worker thread, with progress and a Stop: what is indexed stays, the rest is indexed next time."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from auditor.inspection import Inspection
from ui.common.background import BackgroundRunner, Progress
from ui.common.workspace import Workspace

#: The pause after each batch of documents (50) is indexed, in seconds. The batches are
#: transactions of a few milliseconds: run back to back, they kept the file's write lock so
#: often that the window's own writes (a grade, the log of cases opened), retrying on SQLite's
#: busy handler, waited up to 95 ms behind them (benchmarks/RESULTS.md, issue 25).
BATCH_PAUSE_S = 0.01


class DocumentIndexer(QObject):
    """Indexes one window's missing documents through the background runner."""

    #: Something to say changed (progress, done, stopped, failed): the panel shows ``text``.
    changed = Signal()
    #: A run ended with every document indexed (how many this run indexed).
    finished = Signal(int)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.text = ""  # "Indexing documents: 120 of 800", or how the last run ended
        self.pending = 0  # documents known to be missing from the index
        self.stopped = False  # the user stopped a run in this window: not restarted unasked
        self.runner = BackgroundRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.cancelled.connect(self._cancelled)
        self.runner.failed.connect(self._failed)
        self.runner.idle.connect(self.changed)  # the thread has ended: ``running`` is False
        workspace.when_closing(self.runner.wait_idle)

    @property
    def running(self) -> bool:
        return self.runner.running

    def start(self, *, asked: bool = False) -> bool:
        """Index the documents the index lacks, if any (not in a read-only view, nor again
        after the user stopped a run unless ``asked``); whether a run started."""
        inspection = self.workspace.inspection
        if inspection.read_only or self.running or self.workspace.closed:
            return False
        if self.stopped and not asked:
            return False
        self.pending = inspection.search.unindexed()
        if not self.pending:
            return False
        self.stopped = False
        path, total = inspection.path, self.pending

        def work(progress: Progress) -> tuple[int, int]:
            progress(f"Indexing documents: 0 of {total:,}", 0)
            with Inspection.open(path) as own:  # this thread's connection

                def report(done: int, of: int) -> None:
                    progress(f"Indexing documents: {done:,} of {of:,}", done)
                    time.sleep(BATCH_PAUSE_S)  # the window's own writes take their turn

                done = own.search.index_missing(report)  # stops between batches on Stop
                return done, own.search.unindexed()

        self.text = f"Indexing documents: 0 of {total:,}"
        started = self.runner.start(work)
        self.changed.emit()
        return started

    def count_pending(self) -> int:
        """Count the documents the index lacks now (unless a run is counting them)."""
        if not self.running:
            self.pending = self.workspace.inspection.search.unindexed()
        return self.pending

    def stop(self) -> None:
        """Stop after the batch being indexed (it is kept; the rest waits for next time)."""
        if self.running:
            self.stopped = True
            self.text = "Stopping the indexing after this batch…"
            self.runner.cancel()
            self.changed.emit()

    def _progressed(self, text: str, _done: object) -> None:
        self.text = text
        self.workspace.status(f"{text} (for the document search)")
        self.changed.emit()

    def _succeeded(self, result: tuple[int, int]) -> None:
        done, remaining = result
        self.pending = remaining
        if remaining:
            self.stopped = True
            self.text = (
                f"Indexing stopped: {remaining:,} document{'s are' if remaining != 1 else ' is'} "
                "not indexed yet, so a search does not see them"
            )
        else:
            self.text = f"Every document is indexed ({done:,} just now)"
            self.finished.emit(done)
        self.workspace.status(self.text, 6000)
        self.changed.emit()

    def _cancelled(self) -> None:
        self.stopped = True
        self.text = "Indexing stopped before it began; the documents wait for next time"
        self.changed.emit()

    def _failed(self, message: str) -> None:
        self.text = f"Indexing the documents failed: {message}"
        self.workspace.status(self.text, 8000)
        self.changed.emit()
