"""Queues that call you: the status bar says what waits for the person signed in (each a
button opening its queue); after a decision the queue moves to the next case, not the first;
leaving a case flagged without a reason asks what to do with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.support.window import save_screenshot
from tests.support.window_users import (
    ALEX,
    ROBIN,
    close_all,
    grade_and_flag,
    ungraded_case,
    window_as,
)


def test_the_supervisor_is_called_and_the_queue_moves_on_after_a_decision(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    flagged = []
    for n in range(3):
        case = ungraded_case(robin)
        grade_and_flag(qtbot, robin, case, f"Invented: concern {n}.")
        flagged.append(case)
    alex = window_as(qtbot, demo_path, tmp_path, ALEX, every_case=False)  # as opened
    waiting = len(alex.inspection.review.queue())  # Robin's three, and any the demo had
    assert waiting >= 3
    button = alex.calls_bar.buttons["review"]
    qtbot.waitUntil(button.isVisible, timeout=5000)
    assert button.text() == f"{waiting} awaiting your review (F5)"
    assert f"{waiting} awaiting your review (F5)" in alex.statusBar().currentMessage()
    save_screenshot(alex, "calls-status-bar.png")

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the call opens the queue
    queue = alex.review_views.queue
    assert queue is not None and queue.isVisible()
    queue.select_reference(flagged[1].reference)
    row = queue.table.currentIndex().row()
    following = queue.model.items[row + 1] if row + 1 < len(queue.model.items) else None
    qtbot.mouseClick(queue.confirm_button, Qt.MouseButton.LeftButton)
    assert not queue.message.refused, queue.message.text()
    chosen = queue.current_item()
    assert chosen is not None
    if following is not None:  # the case after the one decided, not the first of the list
        assert chosen.case.id == following.case.id
    assert button.text() == f"{waiting - 1} awaiting your review (F5)"

    # The decision is taken back by its maker: the case is in the queue again, selected.
    assert queue.undo_button.isVisible()
    qtbot.mouseClick(queue.undo_button, Qt.MouseButton.LeftButton)
    assert not queue.message.refused, queue.message.text()
    assert f"The decision on {flagged[1].reference} is undone" in queue.message.text()
    assert queue.current_item().case.id == flagged[1].id
    assert button.text() == f"{waiting} awaiting your review (F5)"
    assert not queue.undo_button.isVisible()
    save_screenshot(queue, "review-queue-undone.png")
    close_all(robin, alex)


def test_an_inspector_is_called_by_a_question(qtbot, demo_path: Path, tmp_path: Path) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    case = ungraded_case(robin)
    grade_and_flag(qtbot, robin, case, "Invented: the child was not seen.")
    alex_inspection_user = robin.inspection.assessor(*ALEX)
    assessment = robin.inspection.grading.assessment(case.id, robin.user.id)
    robin.inspection.review.return_to_inspector(
        assessment.id, alex_inspection_user, "Was the child seen alone?"
    )
    robin.calls_bar.refresh()
    questions = len(robin.inspection.review.questions(robin.user.id))
    button = robin.calls_bar.buttons["questions"]
    word = "question" if questions == 1 else "questions"
    assert button.isVisible() and button.text() == f"{questions} {word} for you (F4)"
    assert not robin.calls_bar.buttons["review"].isVisible()  # inspectors review nothing
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert robin.review_views.questions is not None and robin.review_views.questions.isVisible()
    close_all(robin)


def test_leaving_a_case_flagged_without_a_reason_asks(qtbot, window) -> None:
    first = window.current_case_id()
    window.grading.start_referral()  # Ctrl+R: flagged, no reason chosen yet
    window.step(1)
    banner = window.flag_banner
    assert banner.isVisible() and banner.case_id == first
    reference = window.inspection.case(first).reference
    assert f"{reference} is flagged for referral back without a reason" in banner.label.text()
    save_screenshot(window, "flagged-without-reason.png")

    qtbot.mouseClick(banner.back_button, Qt.MouseButton.LeftButton)  # go back and choose
    assert window.current_case_id() == first
    assert QApplication.focusWidget() is window.grading.reason
    assert not banner.isVisible()

    window.step(1)
    assert banner.isVisible()
    qtbot.mouseClick(banner.withdraw_button, Qt.MouseButton.LeftButton)
    mine = window.inspection.grading.assessment(first, window.user.id)
    assert mine is None or mine.referral is None  # withdrawn
    assert not banner.isVisible()
    window.step(-1)  # nothing to ask about now
    window.step(1)
    assert not banner.isVisible()
