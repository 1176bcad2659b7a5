"""File → Import… in the real window: progress off the UI thread, Cancel, problems to copy."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.support.importing import CASES, CASES_HEADINGS, snapshot
from tests.support.window import open_window, save_screenshot
from ui.cases.model import CaseIdRole
from ui.files import import_dialog

WAIT_MS = 20_000


def listed_references(window) -> list[str]:
    model = window.case_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def import_through_dialog(qtbot, window, source: Path):
    window.actions_by_id["import"].trigger()
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.source.setText(str(source))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return dialog


def test_import_adds_cases_to_the_open_window(qtbot, demo_path: Path, workbook, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    before = listed_references(window)
    dialog = import_through_dialog(qtbot, window, workbook())
    qtbot.waitUntil(lambda: dialog.outcome == "imported" and not dialog.running, timeout=WAIT_MS)
    assert "3 cases added" in dialog.result.toPlainText()
    assert sorted(listed_references(window)) == sorted([*before, "IMP-001", "IMP-002", "IMP-003"])
    shown = window.current_case_id()
    assert shown is not None and window.grading.case.id == shown
    dialog.reject()
    assert not dialog.isVisible()


def test_a_bad_file_lists_every_problem_and_imports_nothing(
    qtbot, demo_path: Path, workbook, settings
) -> None:
    window = open_window(qtbot, demo_path, settings)
    before_rows = listed_references(window)
    before = snapshot(demo_path)
    cases = [list(r) for r in CASES]
    cases[1][1] = "Burglary"
    cases[2][5] = "2018-02-30"
    dialog = import_through_dialog(qtbot, window, workbook(cases))
    qtbot.waitUntil(lambda: dialog.outcome == "refused" and not dialog.running, timeout=WAIT_MS)
    lines = dialog.result.toPlainText().splitlines()
    assert lines[0].startswith("Cases, row 3, Case type: 'Burglary' is not a case type")
    assert lines[1].startswith("Cases, row 4, Date opened: '2018-02-30' is not a real date")
    # The refused case's chronology row has no case to belong to.
    assert lines[2].startswith("Chronology, row 4, Case reference: 'IMP-002' is not a case")
    assert len(lines) == 3
    assert dialog.stage.text().startswith("Nothing imported: 3 problem(s)")
    save_screenshot(dialog, "import-problems.png")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "\n".join(lines)
    assert snapshot(demo_path) == before
    assert listed_references(window) == before_rows


def test_cancel_during_the_write_rolls_everything_back(
    qtbot, demo_path: Path, workbook, settings, monkeypatch
) -> None:
    reached = threading.Event()
    gate = threading.Event()

    real_import = import_dialog.import_file

    def held_import(db, source, user, documents, progress):
        """The real import, held inside its transaction until the test has pressed Cancel."""

        def held(what: str, done: int) -> None:
            if what == "Adding cases":
                reached.set()
                gate.wait(WAIT_MS / 1000)
            progress(what, done)

        return real_import(db, source, user, documents, held)

    monkeypatch.setattr(import_dialog, "import_file", held_import)
    window = open_window(qtbot, demo_path, settings)
    demo_case = window.inspection.case(window.case_model.index(0, 0).data(CaseIdRole))
    changed = [[demo_case.reference, demo_case.case_type, "", "", "", "", "Changed summary"]]
    source = workbook([*changed, *CASES], [], headings=CASES_HEADINGS)
    before = snapshot(demo_path)
    dialog = import_through_dialog(qtbot, window, source)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    assert dialog.running and dialog.cancel_button.text() == "Cancel"
    assert dialog.bar.isVisible() and dialog.bar.maximum() == 0  # busy while it runs
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: dialog.outcome == "cancelled" and not dialog.running, timeout=WAIT_MS)
    assert dialog.result.toPlainText() == "Import cancelled: nothing was imported."
    assert snapshot(demo_path) == before
    assert window.inspection.case(demo_case.id).summary == demo_case.summary
