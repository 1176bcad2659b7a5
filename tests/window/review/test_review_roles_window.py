"""Role rules through the window, both ways: each refusal is shown as a message, nothing saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from auditor.grading.rules import AWAITING_REVIEW
from tests.support.window import save_screenshot
from tests.support.window_users import (
    ALEX,
    SAM,
    close_all,
    grade_and_flag,
    ungraded_case,
    window_as,
)


def test_an_inspector_sees_the_queue_but_cannot_decide(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    sam = window_as(qtbot, demo_path, tmp_path, SAM)
    queue = sam.review_views.open_queue()
    assert queue.banner is not None and queue.banner.isVisible()
    assert "The review queue is for supervisors" in queue.banner.text()
    assert "Sam Sample, an inspector" in queue.banner.text()
    for button in (queue.confirm_button, queue.not_refer_button, queue.return_button):
        assert not button.isEnabled()
    item = queue.current_item()
    assert item is not None
    save_screenshot(queue, "review-queue-inspector.png")
    queue.confirm()  # even when reached, the core refuses and the view says why
    assert queue.message.refused
    assert "Only a supervisor can confirm a referral; Sam Sample is an inspector" in (
        queue.message.text()
    )
    again = sam.inspection.grading.assessment_by_id(item.assessment.id)
    assert again is not None and again.status == AWAITING_REVIEW

    referrals = sam.review_views.open_referrals()
    assert not referrals.step_box.isEnabled()
    assert not referrals.threshold_button.isEnabled()
    quality = sam.review_views.quality_assure()
    assert not quality.record_button.isEnabled()
    close_all(sam)


def test_a_supervisor_cannot_decide_on_a_case_they_flagged(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    case = ungraded_case(alex)
    grade_and_flag(qtbot, alex, case, "Invented: flagged by the supervisor himself.")
    queue = alex.review_views.open_queue()
    queue.select_reference(case.reference)
    assert queue.current_item().case.id == case.id
    assert "another supervisor must decide it" in queue.details.toPlainText()
    for button in (queue.confirm_button, queue.not_refer_button, queue.return_button):
        assert button.isEnabled()
    qtbot.keyClicks(queue.text, "Looks right to me.")
    qtbot.mouseClick(queue.confirm_button, Qt.MouseButton.LeftButton)
    assert queue.message.refused
    assert (
        f"Alex Placeholder graded or flagged {case.reference}, so cannot confirm a referral"
        in queue.message.text()
    )
    assert queue.text.toPlainText() == "Looks right to me."  # kept, to use elsewhere
    assert case.reference in [i.case.reference for i in queue.model.items]
    save_screenshot(queue, "review-queue-refused.png")
    close_all(alex)


def test_do_not_refer_needs_a_reason_and_takes_the_case_out(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    queue = alex.review_views.open_queue()
    item = queue.current_item()
    assert item is not None
    qtbot.mouseClick(queue.not_refer_button, Qt.MouseButton.LeftButton)
    assert queue.message.refused and "Say why" in queue.message.text()
    assert queue.focusWidget() is queue.text  # the cursor waits where the reason goes
    qtbot.keyClicks(queue.text, "The child was safeguarded the same night.")
    qtbot.mouseClick(queue.not_refer_button, Qt.MouseButton.LeftButton)
    assert not queue.message.refused, queue.message.text()
    assert item.case.reference not in [i.case.reference for i in queue.model.items]
    referrals = alex.review_views.open_referrals()
    referrals.state_filter.setCurrentIndex(referrals.state_filter.findData("not_referred"))
    assert [r.reference for r in referrals.model.items] == [item.case.reference]
    referrals.select_reference(item.case.reference)
    assert "Nothing follows" in referrals.nothing_label.text()
    close_all(alex)
