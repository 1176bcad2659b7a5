"""The Moderation window (Review → Moderation, Ctrl+M) and blindness in History and Log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from auditor.inspection import Inspection
from auditor.reports import load_report_data
from tests.support.window import save_screenshot
from tests.support.window_users import ALEX, ROBIN, SAM, close_all, window_as

GOOD, RI, INADEQUATE = "good", "requires_improvement", "inadequate"


def grade_as(inspection: Inspection, case_id: str, who, overall: str) -> None:
    case = inspection.case(case_id)
    for criterion in inspection.framework.criteria_for(case.case_type):
        inspection.grading.set_grade(case_id, who, criterion.id, overall)
    inspection.grading.set_overall(case_id, who, overall)


def other_grade(grade: str | None) -> str:
    return INADEQUATE if grade != INADEQUATE else GOOD


def test_the_lead_draws_assigns_reconciles_and_compares_with_the_force(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    assert alex.actions_by_id["moderation"].shortcut().toString() == "Ctrl+M"
    alex.actions_by_id["moderation"].trigger()
    dialog = alex.moderation_views.dialog
    assert dialog is not None and dialog.isVisible()
    sample = dialog.sample
    assert sample.draw_button.isEnabled()
    sample.percent.setValue(25)
    sample.seed.setValue(7)
    qtbot.mouseClick(sample.draw_button, Qt.MouseButton.LeftButton)
    assert not sample.message.refused, sample.message.text()
    assert "Added" in sample.message.text()
    drawn = sample.model.rowCount()
    assert drawn > 0
    qtbot.mouseClick(sample.evenly_button, Qt.MouseButton.LeftButton)
    assert not sample.message.refused, sample.message.text()
    items = sample.model.items
    assert all(i.second_id for i in items), "every case has a second grader"
    assert all(i.second_id != i.first_id for i in items)
    save_screenshot(dialog, "moderation-sample.png")

    # The second graders grade every sampled case; the first two differently.
    insp = alex.inspection
    people = {a.id: a for a in insp.assessors()}
    for n, item in enumerate(items):
        grade = item.first_grade if n >= 2 else other_grade(item.first_grade)
        grade_as(insp, item.case_id, people[item.second_id], grade)
    dialog.tabs.setCurrentWidget(dialog.agreement)
    overall = dialog.agreement.model.item(0)
    assert overall is not None and overall.agreement.n == drawn
    assert overall.agreement.agreed == drawn - 2
    save_screenshot(dialog, "moderation-agreement.png")

    dialog.tabs.setCurrentWidget(dialog.disagreements)
    tab = dialog.disagreements
    disagreements = [d for d in tab.model.items if d.kind == "moderation"]
    assert len(disagreements) == 2
    row = tab.model.items.index(disagreements[0])
    tab.table.selectRow(row)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert tab.message.refused and "note is required" in tab.message.text()
    tab.grade.setCurrentIndex(tab.grade.findData(RI))
    tab.note.setPlainText("Agreed at the moderation meeting.")
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert not tab.message.refused, tab.message.text()
    case_id = disagreements[0].case_id
    reported = next(c for c in load_report_data(insp).cases if c.id == case_id)
    assert reported.overall_grade == RI
    assert tab.model.display(tab.model.items[row], tab.model.COL_AGREED) == "Requires improvement"
    save_screenshot(dialog, "moderation-disagreements.png")

    force = {i.case_id: GOOD for i in items}
    insp.moderation.set_force_grades(alex.user, force)
    dialog.tabs.setCurrentWidget(dialog.force)
    matrix = dialog.force.model
    assert matrix.rowCount() == 4 and matrix.columnCount() == 4
    assert matrix.index(3, 3).data() == str(drawn)
    assert "cases graded by both" in dialog.force.summary.text()
    save_screenshot(dialog, "moderation-force.png")
    close_all(alex)


def test_an_inspector_reads_but_cannot_moderate_and_is_blind_to_first_grades(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    with Inspection.open(demo_path) as insp:
        people = {a.name: a for a in insp.assessors()}
        robin, sam, lead = people[ROBIN[0]], people[SAM[0]], people[ALEX[0]]
        desk = insp.moderation
        desk.draw(lead, 100, 1)
        case = next(c for c in desk.sample() if c.first_id == robin.id)
        desk.assign(lead, case.case_id, sam.id)
        reference = case.reference

    window = window_as(qtbot, demo_path, tmp_path, SAM)
    dialog = window.moderation_views.open_moderation()
    assert dialog.banner is not None and dialog.banner.isVisible()
    assert "Sam Sample, an inspector" in dialog.banner.text()
    assert "only a supervisor can draw the sample" in dialog.banner.text()
    assert not dialog.sample.draw_button.isEnabled()
    assert not dialog.disagreements.record_button.isEnabled()
    row = next(i for i, c in enumerate(dialog.sample.model.items) if c.reference == reference)
    model = dialog.sample.model
    assert "hidden" in model.index(row, model.COL_FIRST).data()
    assert "hidden" in model.index(row, model.COL_WHY).data()
    save_screenshot(dialog, "moderation-inspector.png")
    dialog.sample.draw()  # even when reached, the core refuses and says why
    assert dialog.sample.message.refused
    assert "Only a supervisor" in dialog.sample.message.text()

    window.select_case(case.case_id)
    history = window.review_views.open_history()
    shown = history.model.items
    assert all(e.actor_id != robin.id for e in shown)
    assert "hidden until your second (blind) grading" in history.title.text()
    log = window.review_views.open_log()
    log.reload()
    assert not any(e.case_id == case.case_id and e.actor_id == robin.id for e in log.model.items)
    assert "you grade second, blind" in log.count.text()
    close_all(window)


def test_with_nothing_disagreeing_the_tab_says_so_and_offers_nothing(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    with Inspection.open(demo_path) as insp:
        assert insp.moderation.disagreements() == []  # the demo: no case graded differently
    window = window_as(qtbot, demo_path, tmp_path, ALEX)
    dialog = window.moderation_views.open_moderation()
    dialog.tabs.setCurrentWidget(dialog.disagreements)
    tab = dialog.disagreements
    assert tab.model.rowCount() == 0
    assert not tab.record_button.isEnabled() and not tab.open_button.isEnabled()
    assert not tab.message.refused
    assert tab.message.text().startswith("No disagreements or conflicts")
    save_screenshot(dialog, "moderation-no-disagreements.png")
    close_all(window)
