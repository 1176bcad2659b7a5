"""The team is visible: the list shows each case's grading that counts (status, grade,
referral), who it is allocated to and who graded it, the same for everyone; "My cases" and
"Awaiting my review" are the first views; a colleague's grading is shown read only and
changes only by an audited take-over."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMessageBox, QPushButton

from auditor.case_rows import COL_GRADED_BY, COL_STATUS, R_ID
from auditor.grading.rules import STATUS_LABELS
from tests.support.window import grading_editable, grading_read_only, save_screenshot, when_modal
from tests.support.window_users import ALEX, ROBIN, close_all, window_as
from ui.cases.model import CaseIdRole
from ui.shell.main_window import MainWindow


def colleague_graded(window: MainWindow) -> str:
    """A case graded by someone other than the window's user (none by the user)."""
    for row in window.inspection.case_list():
        gradings = window.inspection.grading.assessments(row[R_ID])
        others = gradings and all(a.assessor_id != window.user.id for a in gradings)
        if others and any(a.overall_grade for a in gradings):
            return row[R_ID]
    raise AssertionError("the demo has no case graded by a colleague")


def test_a_colleagues_grading_is_read_only_until_taken_over(qtbot, window: MainWindow) -> None:
    case_id = colleague_graded(window)
    theirs = next(a for a in window.inspection.grading.assessments(case_id) if a.overall_grade)
    grader = next(p for p in window.inspection.assessors() if p.id == theirs.assessor_id)
    window.select_case(case_id)
    panel = window.grading
    assert panel.held.isVisible()
    assert f"Graded by {grader.name} ({grader.role})" in panel.held.label.text()
    assert grading_read_only(panel)  # nothing can be changed by a click or key
    first = panel.visible_cards()[0]
    assert first.buttons.buttons[theirs.grade_of(first.criterion.id)].isChecked()  # theirs
    row = window.case_model.position_of(case_id)
    shown_status = window.case_model.index(row, COL_STATUS).data()
    assert shown_status == STATUS_LABELS[theirs.status]  # the list says so too
    assert window.case_model.index(row, COL_GRADED_BY).data() == grader.name
    save_screenshot(window, "colleagues-grading-read-only.png")

    before = len(window.inspection.log.history(case_id))
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton | None) -> None:
        def act(box: QMessageBox) -> None:
            asked.append(f"{box.text()} {box.informativeText()}")
            if button is None:  # Enter: the default button
                qtbot.keyClick(box, Qt.Key.Key_Return)
            else:
                box.button(button).click()

        when_modal(QMessageBox, act)

    # Asked first; Cancel leaves the case as it was (a stray Alt+T takes nothing over).
    answer(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(panel.held.take_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1)
    reference = window.inspection.case(case_id).reference
    assert asked[0].startswith(f"Take over {reference}?")
    assert f"Graded by {grader.name} ({grader.role})" in asked[0]
    assert panel.held.isVisible() and grading_read_only(panel)
    assert window.inspection.grading.assessment(case_id, window.user.id) is None
    assert len(window.inspection.log.history(case_id)) == before
    answer(None)  # Enter takes it over
    qtbot.mouseClick(panel.held.take_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert not panel.held.isVisible() and grading_editable(panel)
    mine = window.inspection.grading.assessment(case_id, window.user.id)
    assert mine is not None and mine.overall_grade == theirs.overall_grade
    assert {c: g.grade for c, g in mine.grades.items()} == {
        c: g.grade for c, g in theirs.grades.items()
    }
    assert window.inspection.allocations.allocated_to(case_id).id == window.user.id
    new = window.inspection.log.history(case_id)[before:]
    assert any(
        e.record_table == "allocations" and f"taken over from {grader.name}" in e.detail
        for e in new
    )
    untouched = window.inspection.grading.assessment(case_id, grader.id)
    assert untouched is not None and untouched.updated_at == theirs.updated_at


def _luminance(colour) -> float:
    """WCAG 2 relative luminance, worked out here (not with the app's own helper)."""
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _contrast(palette, text, background) -> float:
    disabled = QPalette.ColorGroup.Disabled
    pair = [palette.color(disabled, role).getRgbF()[:3] for role in (text, background)]
    high, low = sorted((_luminance(c) for c in pair), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_colleagues_grading_reads_as_clearly_as_its_own(qtbot, window: MainWindow) -> None:
    """Read only is not greyed out: the notes and questions are text as usual, the switched-off
    buttons' words keep AA contrast, the guidance still opens, and no key changes anything."""
    case_id = colleague_graded(window)
    window.select_case(case_id)
    panel = window.grading
    assert grading_read_only(panel)
    card = panel.visible_cards()[0]
    assert card.question.isEnabled() and card.note.isEnabled() and card.note.isReadOnly()
    role = QPalette.ColorRole
    for text, background in ((role.ButtonText, role.Button), (role.WindowText, role.Window)):
        assert _contrast(card.buttons.palette(), text, background) >= 4.5
    guidance = next(b for b in card.findChildren(QPushButton) if b.text() == "Guidance")
    qtbot.mouseClick(guidance, Qt.MouseButton.LeftButton)
    assert card.guidance.isVisible()
    before = window.inspection.grading.assessment(case_id, window.user.id)
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_1)
    assert window.inspection.grading.assessment(case_id, window.user.id) == before  # None
    assert "shown read only" in window.statusBar().currentMessage()


def test_first_views_and_progress_for_inspector_and_supervisor(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN, every_case=False)
    qtbot.waitUntil(lambda: not robin.case_loader.loading, timeout=10_000)
    rows = robin.inspection.case_list()
    robins = [
        r
        for r in rows
        if any(
            a.assessor_id == robin.user.id for a in robin.inspection.grading.assessments(r[R_ID])
        )
    ]
    assert robin.filter_bar.scope.currentText() == "My cases"
    assert robin.case_model.rowCount() == len(robins)  # nothing is allocated in the demo
    listed = {robin.case_model.index(i, 0).data(CaseIdRole) for i in range(len(robins))}
    assert listed == {r[R_ID] for r in robins}
    done = sum(
        1
        for r in robins
        if robin.inspection.grading.assessment(r[R_ID], robin.user.id).status
        in ("complete", "awaiting_review", "referral_confirmed", "not_referred")
    )
    assert f"({done} of {len(robins)} of mine)" in robin.progress.text()

    alex = window_as(qtbot, demo_path, tmp_path, ALEX, every_case=False)
    qtbot.waitUntil(lambda: not alex.case_loader.loading, timeout=10_000)
    waiting = alex.inspection.review.queue()
    assert alex.filter_bar.scope.currentText() == "Awaiting my review"
    listed = {
        alex.case_model.index(i, 0).data(CaseIdRole) for i in range(alex.case_model.rowCount())
    }
    assert listed == {item.case.id for item in waiting}
    alex.filter_bar.scope.setCurrentIndex(alex.filter_bar.scope.findText("All cases"))
    assert alex.case_model.rowCount() == len(rows)
    close_all(robin, alex)


def test_no_key_makes_a_silent_second_grading(qtbot, window: MainWindow) -> None:
    case_id = colleague_graded(window)
    window.select_case(case_id)
    before = window.inspection.grading.assessment(case_id, window.user.id)
    for action in ("refer", "grade"):  # Ctrl+R flags, Ctrl+G goes to the first criterion
        window.actions_by_id[action].trigger()
        assert "shown read only (Take over this case to change it)" in (
            window.statusBar().currentMessage()
        )
    window.grading.grade_criterion(window.grading.visible_cards()[0].criterion.id, "good")
    assert window.inspection.grading.assessment(case_id, window.user.id) == before  # None
    assert window.grading.held.isVisible()


def test_next_incomplete_goes_only_to_cases_the_user_grades(qtbot, window: MainWindow) -> None:
    window.select_row(0)
    seen = set()
    for _ in range(5):
        window.next_incomplete()
        case_id = window.current_case_id()
        if case_id in seen:
            break
        seen.add(case_id)
        others = [
            a
            for a in window.inspection.grading.assessments(case_id)
            if a.assessor_id != window.user.id
        ]
        assert others == []  # never a colleague's case
        assert window.grading.whose.editable
