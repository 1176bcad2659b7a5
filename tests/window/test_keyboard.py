"""Grading by keyboard alone, undo and redo, and notes that swallow digits."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from auditor.case_rows import COL_STATUS
from auditor.inspection import Inspection
from tests.support import ROOT
from ui.grading.boxes import CriterionCard
from ui.grading.widgets import NoteEdit
from ui.shell.main_window import MainWindow


def press(qtbot, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def tab_to_note(qtbot, card: CriterionCard) -> None:
    for _ in range(12):
        if QApplication.focusWidget() is card.note:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the evidence note")


def test_a_whole_case_graded_by_keyboard_survives_reopening(
    qtbot, window: MainWindow, demo_path: Path, settings: QSettings
) -> None:
    case_id = window.current_case_id()
    case = window.inspection.case(case_id)
    criteria = window.inspection.framework.criteria_for(case.case_type)
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    first = window.grading.cards[criteria[0].id]
    assert QApplication.focusWidget() is first
    # Inadequate for the first criterion, then write its note by keyboard.
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not first  # Shift+Tab left the second card
    first.setFocus()
    tab_to_note(qtbot, first)
    qtbot.keyClicks(first.note, "Not seen for 3 days; 2 visits")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the note commits it
    # Every other criterion: Requires improvement, one key each, focus moving on.
    for criterion in criteria[1:]:
        window.grading.cards[criterion.id].setFocus()
        press(qtbot, Qt.Key.Key_2)
    assert QApplication.focusWidget() is window.grading.overall_box
    press(qtbot, Qt.Key.Key_3)  # overall Inadequate: the suggestion (worst) agrees
    assessment = window.inspection.grading.assessment(case_id, window.user.id)
    assert assessment.status == "complete"
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_case_id() != case_id
    window.close()
    window.inspection.close()

    with Inspection.open(demo_path) as reopened:
        user = next(a for a in reopened.assessors() if a.name == "Test Inspector")
        saved = reopened.grading.assessment(case_id, user.id)
        assert saved.status == "complete"
        assert saved.overall_grade == "inadequate"
        assert saved.grade_of(criteria[0].id) == "inadequate"
        assert saved.note_of(criteria[0].id) == "Not seen for 3 days; 2 visits"
        assert all(saved.grade_of(c.id) == "requires_improvement" for c in criteria[1:])


def test_digits_typed_in_a_note_never_grade(qtbot, window: MainWindow) -> None:
    card = window.grading.visible_cards()[0]
    card.note.setFocus()
    qtbot.keyClicks(card.note, "1230")
    assert isinstance(QApplication.focusWidget(), NoteEdit)
    assert card.note.toPlainText() == "1230"
    assessment = window.inspection.grading.assessment(window.current_case_id(), window.user.id)
    assert assessment is None or assessment.grade_of(card.criterion.id) is None
    assert not any(b.isChecked() for b in card.buttons.buttons.values())


def test_undo_and_redo_of_grades_are_saved(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    card = window.grading.visible_cards()[0]
    card.setFocus()
    press(qtbot, Qt.Key.Key_1)
    card.setFocus()
    press(qtbot, Qt.Key.Key_3)

    def saved() -> str | None:
        a = window.inspection.grading.assessment(case_id, window.user.id)
        return a.grade_of(card.criterion.id) if a else None

    assert saved() == "inadequate"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved() == "good"
    assert card.buttons.buttons["good"].isChecked()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved() is None
    press(
        qtbot,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert saved() == "good"
    fields = [
        r["new_value"]
        for r in window.inspection.audit_for_case(case_id)
        if r["field"] == f"{card.criterion.id}.grade" and r["actor_id"] == window.user.id
    ]
    assert fields == ["good", "inadequate", "good", None, "good"]  # undo/redo are edits too


def test_flagged_case_without_reason_cannot_be_completed(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    for card in window.grading.visible_cards():
        card.setFocus()
        press(qtbot, Qt.Key.Key_1)
    press(qtbot, Qt.Key.Key_1)  # overall Good
    grading = window.inspection.grading
    assert grading.assessment(case_id, window.user.id).status == "complete"
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.grading.reason
    assessment = grading.assessment(case_id, window.user.id)
    assert assessment.referral is not None
    assert assessment.status == "in_progress"
    assert "choose a reason" in window.grading.status.text()


def test_next_incomplete_skips_complete_cases(qtbot, window: MainWindow) -> None:
    window.search.setFocus()
    press(
        qtbot,
        Qt.Key.Key_PageDown,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    row = window.case_table.currentIndex().row()
    status = window.case_model.index(row, COL_STATUS).data()
    assert status not in ("Complete", "Awaiting review")


def test_override_and_referral_by_keyboard_alone(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    for _ in window.grading.visible_cards():
        press(qtbot, Qt.Key.Key_3)  # every criterion Inadequate: the suggestion is Inadequate
    assert QApplication.focusWidget() is window.grading.overall_box
    press(qtbot, Qt.Key.Key_2)  # overall Requires improvement: an override
    assert QApplication.focusWidget() is window.grading.override_reason
    qtbot.keyClicks(window.grading.override_reason, "Good supervision offset the delays")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Down)  # the first reason in the list
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.grading.referral_note
    qtbot.keyClicks(window.grading.referral_note, "Child 2 not seen alone")
    press(qtbot, Qt.Key.Key_Tab)
    saved = window.inspection.grading.assessment(case_id, window.user.id)
    assert saved.overall_grade == "requires_improvement"
    assert saved.override_reason == "Good supervision offset the delays"
    assert saved.referral is not None
    assert saved.referral.reason == window.inspection.framework.referral_reasons[0].code
    assert saved.referral.note == "Child 2 not seen alone"
    assert saved.status == "awaiting_review"


def test_the_readme_lists_every_shortcut() -> None:
    from ui.shell.shortcuts import SHORTCUTS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| ")]
    for shortcut in SHORTCUTS:
        # The keys as a whole, in the keys column: "F1" must not pass because of "Ctrl+F1".
        pattern = re.compile(rf"^\| (?:[^|]* )?{re.escape(shortcut.keys)}(?: [^|]*)? \|")
        assert any(pattern.search(row) for row in rows), shortcut.keys


def test_help_lists_every_shortcut_in_a_window_that_fits_the_screen(qtbot, window) -> None:
    from ui.shell.help import ShortcutsDialog
    from ui.shell.shortcuts import SHORTCUTS

    window.actions_by_id["shortcuts"].trigger()
    (box,) = [b for b in window.findChildren(ShortcutsDialog) if b.isVisible()]
    qtbot.waitExposed(box)
    assert box.windowTitle() == "Keyboard shortcuts"
    text = box.browser.toPlainText()
    for shortcut in SHORTCUTS:
        assert shortcut.keys in text
    screen = box.screen().availableGeometry()
    assert box.frameGeometry().height() <= screen.height()
    assert box.height() <= screen.height() * 0.85 + 1
    bar = box.browser.verticalScrollBar()
    if box.browser.document().size().height() > box.browser.viewport().height():
        assert bar.maximum() > 0  # what does not fit scrolls
    box.close()


def test_a_reason_stepped_to_with_the_arrows_is_one_edit(qtbot, window: MainWindow) -> None:
    case_id = window.current_case_id()
    reasons = window.inspection.framework.referral_reasons
    assert len(reasons) >= 3
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.grading.reason

    def reason_rows() -> list:
        return [
            e
            for e in window.inspection.log.history(case_id)
            if e.record_table == "referrals" and e.field == "reason"
        ]

    before = len(reason_rows())
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down)
    assert len(reason_rows()) == before  # stepping through the list writes nothing yet
    press(qtbot, Qt.Key.Key_Tab)  # focus leaves: the choice is one edit
    saved = window.inspection.grading.assessment(case_id, window.user.id)
    assert saved.referral is not None and saved.referral.reason == reasons[2].code
    assert len(reason_rows()) == before + 1
    window.grading.history.undo()  # one undo step takes back the whole choice
    undone = window.inspection.grading.assessment(case_id, window.user.id)
    assert undone.referral is not None and undone.referral.reason == ""
