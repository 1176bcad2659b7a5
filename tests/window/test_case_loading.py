"""The window opens on the case last shown, and a very large list fills in off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.window import open_window, team_counts


def test_the_window_reopens_on_the_case_last_shown(qtbot, demo_path: Path, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    window.select_row(5)
    chosen = window.current_case_id()
    assert chosen is not None and window.grading.case.id == chosen
    window.close()
    window.inspection.close()

    again = open_window(qtbot, demo_path, settings)
    assert again.current_case_id() == chosen
    assert again.grading.case is not None and again.grading.case.id == chosen
    again.close()
    again.inspection.close()


def test_another_file_opens_on_its_own_first_case(
    qtbot, demo_path: Path, settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_path, settings)
    window.select_row(5)
    window.close()
    window.inspection.close()
    other = tmp_path / "other.caseaudit"
    other.write_bytes(demo_path.read_bytes())

    opened = open_window(qtbot, other, settings)
    assert opened.case_table.currentIndex().row() == 0
    opened.close()
    opened.inspection.close()


def test_a_large_list_fills_in_after_the_first_case_is_shown(
    qtbot, demo_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.shell.case_loader

    monkeypatch.setattr(ui.shell.case_loader, "LOAD_IN_BACKGROUND_CASES", 10)  # the demo has 62
    window = open_window(qtbot, demo_path, settings)
    shown = window.grading.case
    assert shown is not None
    assert window.case_file.title.text().startswith("NM-18-0001")  # first by reference
    qtbot.waitUntil(lambda: not window.case_loader.loading, timeout=30_000)
    assert window.case_model.rowCount() == 62
    assert window.current_case_id() == shown.id
    cases, graded, flagged = team_counts(window.inspection)
    assert window.progress.text() == f"{graded} of {cases} graded, {flagged} flagged"  # the list
    window.close()
    window.inspection.close()


def test_closing_while_the_list_loads_starts_nothing_afterwards(
    qtbot, demo_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.shell.case_loader
    from ui.shell.app import open_main_window

    monkeypatch.setattr(ui.shell.case_loader, "LOAD_IN_BACKGROUND_CASES", 10)
    window = open_main_window(demo_path, settings)  # the list is being read on a thread
    assert window is not None
    qtbot.addWidget(window)
    assert window.case_loader.loading
    window.close()  # before the list arrives
    qtbot.wait(300)  # the list's result arrives now, on a closed window
    assert not window.backups.running
    assert window.backups.runner.thread is None  # the opening backup never started
    window.backups.begin()
    assert not window.backups.running  # nor does anything else start it after closing
    window.inspection.close()


def test_a_case_graded_while_the_list_loads_is_listed_as_graded(
    qtbot, demo_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.shell.case_loader
    from auditor.case_rows import COL_STATUS
    from ui.shell.app import open_main_window

    monkeypatch.setattr(ui.shell.case_loader, "LOAD_IN_BACKGROUND_CASES", 10)
    window = open_main_window(demo_path, settings)
    assert window is not None
    qtbot.addWidget(window)
    assert window.case_loader.loading
    nobodys = next(  # a case nobody has graded: its row shows this user's own grading
        c for c in window.inspection.case_list() if not window.inspection.grading.assessments(c[0])
    )
    window.show_case(nobodys[0])
    shown = window.grading.case
    assert shown is not None and shown.id == nobodys[0]
    card = window.grading.visible_cards()[0]
    window.grading.grade_criterion(card.criterion.id, "good")  # before the list arrives
    other = window.inspection.case_by_reference("NM-18-0002")
    assert other is not None
    window.show_case(other.id)  # and moves on (from a review view) before it arrives
    window.reload_cases()  # as a merge or a review decision does: read again on arrival
    assert window.case_loader.stale
    qtbot.waitUntil(lambda: not window.case_loader.loading, timeout=30_000)
    position = window.case_model.position_of(shown.id)
    assert position is not None
    assert window.case_model.index(position, COL_STATUS).data() == "In progress"
    cases, graded, flagged = team_counts(window.inspection)  # one of mine, in progress
    assert (
        window.progress.text() == f"{graded} of {cases} graded (0 of 1 of mine), {flagged} flagged"
    )
    window.close()
    window.inspection.close()
