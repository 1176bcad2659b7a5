"""Case → Allocate cases…: the lead gives the case shown, or the cases listed, to an inspector,
or balances them by case type across the team; each change is a ledger row and the list says
who holds each case. An inspector sees the window but cannot allocate."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from auditor.case_rows import COL_ALLOCATED
from tests.support.window import save_screenshot
from tests.support.window_users import ALEX, ROBIN, SAM, close_all, window_as


def test_the_lead_allocates_the_listed_cases_then_balances_them(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    inspection = alex.inspection
    robin = inspection.assessor(*ROBIN)
    sam = inspection.assessor(*SAM)
    qtbot.keyClicks(alex.search, "NM-18-000")  # nine cases listed
    listed = alex.workspace.listed_case_ids()
    assert len(listed) == 9
    dialog = alex.case_views.open_allocate()
    assert dialog.listed.text() == "The &cases listed (9)"
    dialog.listed.setChecked(True)
    dialog.person.setCurrentIndex(dialog.person.findData(robin.id))
    qtbot.mouseClick(dialog.allocate_button, Qt.MouseButton.LeftButton)
    assert not dialog.message.refused, dialog.message.text()
    assert dialog.message.text() == f"Allocated 9 case(s): 9 to {robin.name}."
    held = inspection.allocations.allocations()
    assert {case_id: held.get(case_id) for case_id in listed} == dict.fromkeys(listed, robin.id)
    for position in range(alex.case_model.rowCount()):
        assert alex.case_model.index(position, COL_ALLOCATED).data() == robin.name
    rows = [
        e
        for case_id in listed
        for e in inspection.log.history(case_id)
        if e.record_table == "allocations"
    ]
    assert len(rows) == 9 and {e.actor_id for e in rows} == {alex.user.id}
    save_screenshot(dialog, "allocate-cases.png")

    # Balanced across Robin and Sam, reallocating: each case type is shared within one.
    for index in range(dialog.team.count()):
        item = dialog.team.item(index)
        wanted = item.data(Qt.ItemDataRole.UserRole) in (robin.id, sam.id)
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    dialog.reallocate.setChecked(True)
    qtbot.mouseClick(dialog.balance_button, Qt.MouseButton.LeftButton)
    assert not dialog.message.refused, dialog.message.text()
    held = inspection.allocations.allocations()
    by_type: dict[str, Counter] = {}
    for case_id in listed:
        case_type = inspection.case(case_id).case_type
        by_type.setdefault(case_type, Counter())[held[case_id]] += 1
    for counts in by_type.values():
        shares = [counts.get(robin.id, 0), counts.get(sam.id, 0)]
        assert max(shares) - min(shares) <= 1
    assert {held[c] for c in listed} == {robin.id, sam.id}
    close_all(alex)


def test_an_inspector_cannot_allocate(qtbot, demo_path: Path, tmp_path: Path) -> None:
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    dialog = robin.case_views.open_allocate()
    assert not dialog.allocate_button.isEnabled()
    assert not dialog.balance_button.isEnabled()
    said = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("Allocating cases is for the lead" in text for text in said)
    assert robin.inspection.allocations.allocations() == {}
    close_all(robin)


def test_close_closes_the_window(qtbot, demo_path: Path, tmp_path: Path) -> None:
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    dialog = alex.case_views.open_allocate()
    qtbot.waitUntil(dialog.isVisible)
    close = dialog.closing.button(QDialogButtonBox.StandardButton.Close)
    assert close.text().replace("&", "") == "Close"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    close_all(alex)
