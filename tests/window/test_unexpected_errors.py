"""A fault in the workstation is logged with its traceback to a file and named as such; a
refusal is said in its own words and logs nothing."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from auditor.errors import Refused
from tests.support.window import when_modal
from ui.common.background import BackgroundRunner, Progress
from ui.common.errors import excepthook, in_words, log_path


def fails_unexpectedly(_progress: Progress) -> None:
    raise KeyError("a key no one expected")


def refuses(_progress: Progress) -> None:
    raise Refused("NM-18-0001 is not awaiting review.")


def test_a_fault_in_background_work_is_logged_and_named(qtbot) -> None:
    runner = BackgroundRunner()
    messages: list[str] = []
    runner.failed.connect(messages.append)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.start(fails_unexpectedly)
    assert len(messages) == 1
    assert messages[0].startswith("Something went wrong")
    assert str(log_path()) in messages[0]
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "a key no one expected" in logged
    assert "fails_unexpectedly" in logged  # where it happened


def test_a_refusal_is_said_in_its_own_words_and_not_logged(qtbot) -> None:
    runner = BackgroundRunner()
    messages: list[str] = []
    refusals: list[Refused] = []
    runner.failed.connect(messages.append)
    runner.refused.connect(refusals.append)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.start(refuses)
    assert messages == ["NM-18-0001 is not awaiting review."]
    assert len(refusals) == 1 and isinstance(refusals[0], Refused)
    assert not log_path().exists() or "not awaiting review" not in log_path().read_text()
    assert in_words(OSError(28, "No space left on device")) == "[Errno 28] No space left on device"


def test_an_exception_escaping_a_slot_is_logged_and_shown(qtbot) -> None:
    shown = when_modal(QMessageBox, lambda box: box.accept())
    try:
        raise ZeroDivisionError("division in a slot")
    except ZeroDivisionError:
        excepthook(*sys.exc_info())
    assert len(shown) == 1 and shown[0].objectName() == "unexpectedError"
    assert "details were saved to" in shown[0].text()
    assert "division in a slot" in log_path().read_text(encoding="utf-8")
