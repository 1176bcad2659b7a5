"""The grading panel on a format 2 framework: Yes / No keys, domain sections, sub-prompts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from auditor.inspection import Inspection
from ui.shell.main_window import MainWindow


def _show(window: MainWindow, reference: str) -> None:
    window.select_case(window.inspection.case_by_reference(reference).id)
    assert window.grading.case is not None and window.grading.case.reference == reference


def _stored(window: MainWindow, criterion_id: str) -> str | None:
    case = window.grading.case
    assert case is not None
    assessment = window.inspection.grading.assessment(case.id, window.user.id)
    return assessment.grade_of(criterion_id) if assessment else None


def test_keys_1_2_0_answer_yes_no_not_applicable_and_3_only_hints(
    qtbot, youth_window: MainWindow, youth_path
) -> None:
    window = youth_window
    _show(window, "YS-0001")
    panel = window.grading
    first, second, third = panel.visible_cards()
    assert [b.text() for b in first.buttons.buttons.values()] == ["Yes", "No", "Not applicable"]
    overall = [b.text() for b in panel.overall_buttons.buttons.values()]
    assert overall == ["Outstanding", "Good", "Requires improvement", "Inadequate"]

    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_3)  # not a key on a Yes / No scale
    assert _stored(window, "assessed") is None
    assert first.hasFocus()  # nothing recorded, so the focus stays
    assert panel.key_hint.isVisibleTo(panel)
    assert panel.key_hint.text().startswith("3 is not a key on this scale")
    assert "1 Yes, 2 No, 0 Not applicable" in panel.key_hint.text()

    qtbot.keyClick(first, Qt.Key.Key_1)
    assert _stored(window, "assessed") == "yes"
    assert second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_2)
    assert _stored(window, "planned") == "no"
    qtbot.keyClick(third, Qt.Key.Key_0)
    assert _stored(window, "delivered") == "not_applicable"
    assert panel.overall_box.hasFocus()

    # One yes of two answered (50%): the share bands suggest Requires improvement; the
    # Assessment domain (yes, no) is rated so too; Delivery (only Not applicable) is not rated.
    assert panel.suggestion.text().endswith("Requires improvement")
    assert panel.sections["assessment"].heading.text() == "Assessment — Requires improvement"
    assert panel.sections["delivery"].heading.text() == "Delivery"
    qtbot.keyClick(panel.overall_box, Qt.Key.Key_4)  # the overall box has four ratings
    case_id = panel.case.id
    with Inspection.open(youth_path, read_only=True) as other:
        saved = other.grading.assessment(case_id, window.user.id)
        assert saved is not None
        assert saved.overall_grade == "inadequate"
        assert saved.grade_of("assessed") == "yes"


def test_criteria_are_in_a_section_per_domain_with_prompts_and_wording_by_type(
    youth_window: MainWindow,
) -> None:
    window = youth_window
    _show(window, "YS-0002")  # a diversion: its own wording of A1
    panel = window.grading
    sections = [s for s in panel.sections.values() if s.isVisibleTo(panel)]
    assert [s.heading.text().split(" — ")[0] for s in sections] == ["Assessment", "Delivery"]
    assert all(s.heading.isVisibleTo(panel) for s in sections)
    assert sections[0].placed == ["assessed", "planned"]
    assert sections[1].placed == ["delivered", "reviewed"]  # D2: 12 weeks supervised
    assert window.case_file.attributes["weeks"].text() == "12"
    card = panel.cards["assessed"]
    assert card.question.text() == "A1 Does the diversion assessment keep other people safe?"
    prompts = card.prompts
    assert prompts.isVisibleTo(panel)
    assert [b.accessibleName() for b in prompts.boxes] == [
        "Prompt: a) Is risk analysed?",
        "Prompt: b) Are other agencies asked?",
        "Prompt: c) Are victims named?",
    ]
    assert panel.cards["planned"].prompts.isHidden() or not panel.cards["planned"].prompts.boxes
    _show(window, "YS-0001")  # a court order: its own page of cards, the general wording
    court = panel.cards["assessed"]
    assert court is not card and not card.isVisibleTo(panel)
    assert court.question.text() == "A1 Does the assessment keep other people safe?"
    assert court.isVisibleTo(panel)
    assert "reviewed" not in panel.cards  # weeks not recorded: D2 does not apply
    assert window.case_file.attributes["weeks"].text() == "not recorded"
    _show(window, "YS-0002")  # the diversion's page again, as it was made
    assert panel.cards["assessed"] is card and card.isVisibleTo(panel)
    assert card.question.text() == "A1 Does the diversion assessment keep other people safe?"


def test_a_ticked_prompt_is_stored(qtbot, youth_window: MainWindow) -> None:
    window = youth_window
    _show(window, "YS-0001")
    prompts = window.grading.cards["assessed"].prompts
    assert all(box.isEnabled() for box in prompts.boxes)
    qtbot.mouseClick(prompts.boxes[1], Qt.MouseButton.LeftButton)
    case_id = window.grading.case.id
    assert window.inspection.prompts.ticks(case_id, window.user.id, "assessed") == "-y-"
    qtbot.mouseClick(prompts.boxes[1], Qt.MouseButton.LeftButton)  # taken off: answered no
    assert window.inspection.prompts.ticks(case_id, window.user.id, "assessed") == "-n-"
    _show(window, "YS-0002")
    assert not any(box.isChecked() for box in prompts.boxes)
    _show(window, "YS-0001")
    assert [box.isChecked() for box in prompts.boxes] == [False, False, False]
    qtbot.mouseClick(prompts.boxes[0], Qt.MouseButton.LeftButton)
    _show(window, "YS-0002")
    _show(window, "YS-0001")
    assert [box.isChecked() for box in prompts.boxes] == [True, False, False]


def test_ticks_of_all_prompts_suggest_the_first_answer(qtbot, youth_window: MainWindow) -> None:
    window = youth_window
    _show(window, "YS-0001")
    prompts = window.grading.cards["assessed"].prompts
    assert prompts.suggested is not None and not prompts.suggested.isVisibleTo(prompts)
    for box in prompts.boxes:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert prompts.suggested.text() == "The prompts suggest: Yes"  # all ticked yes
    qtbot.mouseClick(prompts.boxes[2], Qt.MouseButton.LeftButton)
    assert prompts.suggested.text() == "The prompts suggest: No"  # one taken off: no
    assert _stored(window, "assessed") is None  # a suggestion; the answer is the inspector's


def test_every_control_of_the_panel_is_named_and_described(youth_window: MainWindow) -> None:
    window = youth_window
    _show(window, "YS-0002")  # every card: its prompts, the criterion by attribute
    panel = window.grading
    controls = [
        w
        for w in panel.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(panel)
    ]
    assert len(controls) > 20
    assert [type(w).__name__ for w in controls if not w.accessibleName().strip()] == []
    assert [w.accessibleName() for w in controls if not w.accessibleDescription().strip()] == []
    assert panel.overall_box.accessibleDescription().endswith(
        "Keys record the overall grade: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate"
    )
