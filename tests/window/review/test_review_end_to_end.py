"""Issue 5's acceptance through the window: flag, return, answer, confirm, send, respond, close."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from auditor.case_rows import COL_STATUS
from auditor.grading.rules import STATUS_LABELS
from tests.support.window import save_screenshot
from tests.support.window_users import (
    ALEX,
    ROBIN,
    close_all,
    grade_and_flag,
    ungraded_case,
    window_as,
)
from ui.review.models import AuditModel

QUESTION = "Was the child seen alone at the second visit?"
ANSWER = "No: the officer's notes say the mother was present throughout."


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def status_in_list(window, case_id: str) -> str:
    """The Status column of the case's row in the window's case list."""
    row = window.case_model.position_of(case_id)
    assert row is not None
    return window.case_model.index(row, COL_STATUS).data()


def test_a_referral_from_flag_to_closed_through_the_window(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    case = ungraded_case(robin)
    grade_and_flag(qtbot, robin, case, "Invented: child left with the suspect overnight.")

    # The supervisor returns it with a question, through the queue (F5).
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    alex.actions_by_id["review_queue"].trigger()
    queue = alex.review_views.queue
    assert queue is not None and queue.isVisible()
    queue.select_reference(case.reference)
    assert queue.current_item().case.id == case.id
    assert "child left with the suspect" in queue.details.toPlainText()
    assert "Robin Example" in queue.details.toPlainText()
    save_screenshot(queue, "review-queue.png")
    click(qtbot, queue.return_button)
    assert queue.message.refused  # a return needs its question
    assert "Write the question" in queue.message.text()
    qtbot.keyClicks(queue.text, QUESTION)
    click(qtbot, queue.return_button)
    assert not queue.message.refused, queue.message.text()
    assert case.reference not in [i.case.reference for i in queue.model.items]

    # The inspector answers it (F4) and so resubmits the case.
    robin.actions_by_id["questions"].trigger()
    questions = robin.review_views.questions
    assert questions is not None
    assert [q.reference for q in questions.model.items] == [case.reference]
    assert QUESTION in questions.details.toPlainText()
    save_screenshot(questions, "review-questions.png")
    qtbot.keyClicks(questions.answer, ANSWER)
    click(qtbot, questions.answer_button)
    assert not questions.message.refused, questions.message.text()
    assert questions.model.rowCount() == 0
    assert status_in_list(robin, case.id) == STATUS_LABELS["awaiting_review"]

    # Back in the queue: the supervisor sees the answer and confirms.
    alex.actions_by_id["review_queue"].trigger()
    queue.select_reference(case.reference)
    assert ANSWER in queue.details.toPlainText()
    click(qtbot, queue.confirm_button)
    assert not queue.message.refused, queue.message.text()
    assert case.reference not in [i.case.reference for i in queue.model.items]

    # Sent, the force's response, closed: through the Referrals view (F6).
    alex.actions_by_id["referrals"].trigger()
    referrals = alex.review_views.referrals
    assert referrals is not None
    referrals.select_reference(case.reference)
    assert referrals.current_row().state == "confirmed"
    sent = date.today() + timedelta(days=1)
    referrals.sent_on.setDate(sent)
    qtbot.keyClicks(referrals.force_reference, "MPS/CP/0412")
    click(qtbot, referrals.send_button)
    assert not referrals.message.refused, referrals.message.text()
    assert referrals.current_row().state == "sent"
    assert referrals.current_row().force_reference == "MPS/CP/0412"
    save_screenshot(referrals, "review-referrals.png")
    referrals.responded_on.setDate(sent + timedelta(days=2))
    qtbot.keyClicks(referrals.action_taken, "Strategy discussion held; child seen alone")
    click(qtbot, referrals.response_button)
    assert referrals.current_row().state == "responded", referrals.message.text()
    referrals.closed_on.setDate(sent + timedelta(days=3))
    click(qtbot, referrals.close_button)
    assert referrals.current_row().state == "closed", referrals.message.text()
    assert "Nothing follows" in referrals.nothing_label.text()
    robin.reload_cases()  # another window on the file: its list shows the new status
    assert status_in_list(robin, case.id) == STATUS_LABELS["referral_closed"]

    # The History view (F7) shows every step in order with the right users.
    alex.select_case(case.id)
    alex.actions_by_id["history"].trigger()
    history = alex.review_views.history
    assert history is not None and history.case_id == case.id
    steps = _steps(history.model)
    assert steps == [
        ("Robin Example", "referrals", "flag"),
        ("Alex Placeholder", "reviews", "decision:returned"),
        ("Robin Example", "reviews", "answer"),
        ("Alex Placeholder", "reviews", "decision:confirmed"),
        ("Alex Placeholder", "referrals", "state:confirmed"),
        ("Alex Placeholder", "referrals", "state:sent"),
        ("Alex Placeholder", "referrals", "state:responded"),
        ("Alex Placeholder", "referrals", "state:closed"),
    ]
    shown = [
        history.model.index(r, AuditModel.COL_WHAT).data() for r in range(history.model.rowCount())
    ]
    assert any(QUESTION in text and text.startswith("Alex Placeholder") for text in shown)
    assert any(ANSWER in text and text.startswith("Robin Example") for text in shown)
    save_screenshot(history, "review-history.png")

    # The audit log (F8), filtered by the case's reference, shows the same steps in order.
    alex.actions_by_id["audit_log"].trigger()
    log = alex.review_views.log
    assert log is not None
    qtbot.keyClicks(log.case_filter, case.reference)
    qtbot.keyClick(log.case_filter, Qt.Key.Key_Return)
    assert _steps(log.model) == steps
    assert {e.reference for e in log.model.items} == {case.reference}
    log.user_filter.setCurrentIndex(log.user_filter.findData(alex.user.id))
    assert {e.actor_name for e in log.model.items} == {"Alex Placeholder"}
    assert [s for s in _steps(log.model)] == [s for s in steps if s[0] == "Alex Placeholder"]
    log.user_filter.setCurrentIndex(0)
    save_screenshot(log, "review-log.png")
    close_all(robin, alex)


def _steps(model: AuditModel) -> list[tuple[str, str, str]]:
    """The lifecycle's steps among a model's entries: who, which table, which change."""
    found = []
    for entry in model.items:
        if entry.record_table == "referrals" and entry.field in ("flag", "state"):
            what = "flag" if entry.field == "flag" else f"state:{entry.new_value}"
        elif entry.record_table == "reviews" and entry.field in ("decision", "answer"):
            what = "answer" if entry.field == "answer" else f"decision:{entry.new_value}"
        else:
            continue
        found.append((entry.actor_name, entry.record_table, what))
    return found
