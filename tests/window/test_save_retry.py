"""A save the storage refuses is kept on screen, said in a banner, and saved when it can be.

The failure is real, not a mock: ``RLIMIT_FSIZE`` is lowered in this process to 1 byte, so
every write the process makes to the inspection file or its -wal fails with EFBIG, exactly as
a full disk or a volume's file-size limit (FAT32's 4 GB on a memory stick) makes it fail; SQLite
reports it as "disk I/O error" (ENOSPC on a full disk as "database or disk is full"), and the
transaction is rolled back. SIGXFSZ, which the kernel sends with EFBIG, is ignored meanwhile.
Making the file and folder read-only would not do: the open connection keeps writing through
its file descriptor. Nothing may print while the limit is low (pytest's capture is a file).
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt

from auditor.inspection import Inspection
from tests.support.window import save_screenshot


@contextmanager
def disk_full() -> Iterator[None]:
    """Every file write of this process fails (EFBIG) until the block ends."""
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def saved(window, case_id: str, criterion_id: str) -> tuple[str | None, str]:
    """The grade and note in the file, read through a connection of its own."""
    with Inspection.open(window.inspection.path) as other:
        assessment = other.grading.assessment(case_id, window.user.id)
    if assessment is None:
        return None, ""
    return assessment.grade_of(criterion_id), assessment.note_of(criterion_id)


def quiet(qtbot, window) -> None:
    """Let the opening backup and the first consultations finish before the disk 'fills'."""
    qtbot.waitUntil(lambda: not window.backups.running, timeout=20_000)
    window.flush_consultations()


def test_failed_saves_stay_on_screen_and_are_saved_by_the_retry_timer(qtbot, window) -> None:
    quiet(qtbot, window)
    case_id = window.grading.case.id
    card = window.grading.visible_cards()[0]
    criterion = card.criterion.id
    card.buttons.buttons["good"].click()  # saved before the failure: must not be lost
    assert saved(window, case_id, criterion) == ("good", "")
    pending = window.grading.pending
    with disk_full():
        card.buttons.buttons["inadequate"].click()
        qtbot.keyClicks(card.note, "Voice of the child not recorded")
        qtbot.waitUntil(lambda: len(pending) == 2, timeout=3000)  # the note, 0.4 s later
        assert window.save_banner.isVisible()
        banner = window.save_banner.label.text()
        assert "Not saved" in banner and "disk" in banner and "2 edits" in banner
        # The edits stay on screen: the new grade alone is marked chosen.
        assert card.buttons.buttons["inadequate"].isChecked()
        assert not card.buttons.buttons["good"].isChecked()
        assert card.buttons.buttons["inadequate"].text().startswith("\u2713")
        assert card.note.toPlainText() == "Voice of the child not recorded"
        pending.retry()  # a retry while the disk is still full keeps both
        assert len(pending) == 2 and window.save_banner.isVisible()
    assert saved(window, case_id, criterion) == ("good", "")  # nothing half-written
    save_screenshot(window, "save-failed-banner.png")  # still waiting for the timer's tick
    assert len(pending) == 2
    pending.timer.setInterval(100)  # the timer's next tick, sooner than 5 s
    qtbot.waitUntil(lambda: len(pending) == 0, timeout=5000)
    assert not window.save_banner.isVisible()
    assert saved(window, case_id, criterion) == ("inadequate", "Voice of the child not recorded")
    assert card.buttons.buttons["inadequate"].isChecked()
    assert card.note.toPlainText() == "Voice of the child not recorded"
    assert window.inspection.integrity() == ["ok"]


def test_the_next_edit_saves_the_waiting_ones_first_in_order(qtbot, window) -> None:
    quiet(qtbot, window)
    case_id = window.grading.case.id
    first, second = window.grading.visible_cards()[:2]
    with disk_full():
        first.buttons.buttons["requires_improvement"].click()
        first.note.setPlainText("Typed while the disk was full")
        first.note.flush()
        assert len(window.grading.pending) == 2
    assert window.save_banner.isVisible()
    second.setFocus(Qt.FocusReason.OtherFocusReason)
    second.buttons.buttons["good"].click()  # the next edit: the waiting ones go first
    assert len(window.grading.pending) == 0
    assert not window.save_banner.isVisible()
    assert saved(window, case_id, first.criterion.id) == (
        "requires_improvement",
        "Typed while the disk was full",
    )
    assert saved(window, case_id, second.criterion.id) == ("good", "")
    # Undo follows the order the edits were made in.
    window._undo()
    assert saved(window, case_id, second.criterion.id) == (None, "")
    row = window.case_model.position_of(case_id)
    assert row is not None


def test_a_refused_edit_is_said_once_and_not_retried(qtbot, window) -> None:
    quiet(qtbot, window)
    window.grading._apply(
        lambda: window.inspection.grading.set_grade(
            window.grading.case.id, window.user, "no-such-criterion", "good"
        )
    )
    assert len(window.grading.pending) == 0
    assert not window.save_banner.isVisible()
    assert window.statusBar().currentMessage().startswith("Not saved")
