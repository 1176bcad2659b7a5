"""Quality assurance of the case on screen, the overdue threshold, and the views' descriptions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

from auditor.grading.rules import RETURNED
from tests.support.window import save_screenshot
from tests.support.window_users import (
    ALEX,
    ROBIN,
    close_all,
    grade_and_flag,
    ungraded_case,
    window_as,
)
from ui.review.models import ReferralModel


def test_disagreeing_needs_a_note_and_returns_the_case(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    case = ungraded_case(robin)
    grade_and_flag(qtbot, robin, case, "Invented: no strategy discussion.")
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    alex.select_case(case.id)
    alex.actions_by_id["quality"].trigger()
    quality = alex.review_views.quality
    assert quality is not None and quality.case is not None and quality.case.id == case.id
    assert quality.grading_choice.currentText() == "Robin Example: Inadequate"
    qtbot.mouseClick(quality.disagree, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(quality.record_button, Qt.MouseButton.LeftButton)
    assert quality.message.refused and "Say why you disagree" in quality.message.text()
    qtbot.keyClicks(quality.note, "Supervision was good; Requires improvement at worst?")
    save_screenshot(quality, "review-quality.png")
    qtbot.mouseClick(quality.record_button, Qt.MouseButton.LeftButton)
    assert not quality.message.refused, quality.message.text()
    assessment = alex.inspection.grading.assessment(case.id, robin.user.id)
    assert assessment is not None and assessment.status == RETURNED
    assert "Disagrees with the overall grade" in quality.details.toPlainText()

    questions = robin.review_views.open_questions()
    assert [q.reference for q in questions.model.items] == [case.reference]
    assert "Disagrees" in questions.model.items[0].label
    close_all(robin, alex)


def test_an_overdue_response_is_said_in_words_and_filtered(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    case = ungraded_case(robin)
    grade_and_flag(qtbot, robin, case, "Invented: Merlin never sent.")
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    queue = alex.review_views.open_queue()
    queue.select_reference(case.reference)
    qtbot.mouseClick(queue.confirm_button, Qt.MouseButton.LeftButton)
    referrals = alex.review_views.open_referrals()
    referrals.select_reference(case.reference)
    sent = date.today() + timedelta(days=1)
    referrals.sent_on.setDate(sent)
    qtbot.keyClicks(referrals.force_reference, "MPS/CP/77")
    qtbot.mouseClick(referrals.send_button, Qt.MouseButton.LeftButton)
    assert referrals.current_row().state == "sent", referrals.message.text()

    referrals.today = lambda: sent + timedelta(days=40)  # 28 days by default: 12 overdue
    qtbot.mouseClick(referrals.overdue_only, Qt.MouseButton.LeftButton)
    assert referrals.overdue_only.isChecked()
    assert [r.reference for r in referrals.model.items] == [case.reference]
    index = referrals.model.index(0, ReferralModel.COL_OVERDUE)
    assert index.data() == "⚠ overdue 12 days"
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert referrals.model.index(0, ReferralModel.COL_AGE).data() == "40 days since sent"
    confirmed = referrals.model.index(0, ReferralModel.COL_CONFIRMED).data()
    assert confirmed.startswith(f"{alex.user.name} (supervisor), ")
    assert "with the force's response overdue" in referrals.count.text()
    save_screenshot(referrals, "review-referrals-overdue.png")

    referrals.threshold.setValue(45)
    qtbot.mouseClick(referrals.threshold_button, Qt.MouseButton.LeftButton)
    assert not referrals.message.refused, referrals.message.text()
    assert referrals.model.rowCount() == 0  # no longer overdue
    assert "0 referrals listed" in referrals.count.text()
    close_all(robin, alex)


def _undescribed(dialog: QWidget) -> list[str]:
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisibleTo(dialog)
        # Qt's own parts: a combo box's popup, a date or spin box's line edit.
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
        and not (w.parentWidget() and isinstance(w.parentWidget().parentWidget(), QComboBox))
    ]
    assert controls
    return [
        f"{type(w).__name__} {w.accessibleName()!r}"
        for w in controls
        if not w.accessibleName().strip() or not w.accessibleDescription().strip()
    ]


def test_every_control_of_the_review_views_is_described(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    views = alex.review_views
    for dialog in (
        views.open_queue(),
        views.open_questions(),
        views.quality_assure(),
        views.open_referrals(),
        views.open_history(),
        views.open_log(),
    ):
        assert _undescribed(dialog) == [], dialog.windowTitle()
    close_all(alex)


def test_the_history_follows_the_case_selected_in_the_window(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    history = robin.review_views.open_history()
    first = robin.current_case_id()
    assert history.case_id == first
    assert all(e.case_id == first for e in history.model.items)
    qtbot.keyClick(robin.case_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert robin.current_case_id() != first
    assert history.case_id == robin.current_case_id()
    reference = robin.inspection.case(history.case_id).reference
    assert history.title.text().startswith(f"<b>{reference}</b>")
    close_all(robin)


def test_the_maker_undoes_a_confirmation_from_the_referrals_view(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    case = ungraded_case(robin)
    grade_and_flag(qtbot, robin, case, "Invented: the child was not seen alone.")
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    queue = alex.review_views.open_queue()
    queue.select_reference(case.reference)
    qtbot.mouseClick(queue.confirm_button, Qt.MouseButton.LeftButton)
    referrals = alex.review_views.open_referrals()
    referrals.select_reference(case.reference)
    assert referrals.current_row().state == "confirmed"
    assert referrals.undo_button.isVisible()
    qtbot.mouseClick(referrals.undo_button, Qt.MouseButton.LeftButton)
    assert not referrals.message.refused, referrals.message.text()
    assert "is undone: it is back in the review queue" in referrals.message.text()
    assessment = alex.inspection.grading.assessment(case.id, robin.user.id)
    assert assessment.status == "awaiting_review" and assessment.referral.state == "flagged"
    assert case.id in {item.case.id for item in alex.inspection.review.queue()}
    close_all(robin, alex)
