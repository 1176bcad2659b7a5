"""Screenshots of the main views for reviewers, written to build/screenshots/.

Each test also checks what the picture is meant to show, so a view that breaks fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from auditor.case_rows import COL_FLAG
from auditor.inspection import Inspection
from tests.support.window import open_window, save_screenshot
from ui.common.theme import MIN_CONTRAST, contrast
from ui.shell.main_window import MainWindow

LONG_CASE = "NM-18-0005"


save = save_screenshot


@pytest.fixture
def long_chronology(demo_path: Path) -> Path:
    """The demo with one case given 60 chronology events, its Merlin 29 days late."""
    with Inspection.open(demo_path) as inspection:
        case = inspection.case_by_reference(LONG_CASE)
        assert case is not None
        events = [("2018-03-01T09:00", "first_contact", "Call from the school nurse")]
        events += [
            (
                f"2018-03-{day:02d}T{hour:02d}:30",
                "supervisor_review" if hour == 15 else "home_visit",
                f"Entry {day}-{hour}",
            )
            for day in range(2, 30)
            for hour in (10, 15)
        ]
        events.append(("2018-03-30T11:00", "merlin_submitted", "Merlin PAC submitted"))
        inspection.add_events(None, case.id, events)
    return demo_path


def test_screenshot_grading_a_case(qtbot, window: MainWindow) -> None:
    cards = window.grading.visible_cards()
    window.grading.grade_criterion(cards[0].criterion.id, "good")
    window.grading.grade_criterion(cards[1].criterion.id, "inadequate")
    cards[2].setFocus()
    assert "In progress" in window.grading.status.text()
    save(window, "grading-a-case.png")


def test_screenshot_a_flagged_case(qtbot, window: MainWindow) -> None:
    grading = window.grading
    for card in grading.visible_cards():
        grading.grade_criterion(card.criterion.id, "inadequate")
    grading.start_referral()
    grading.reason.setCurrentIndex(1)
    grading._referral_edited()
    grading.referral_note.setPlainText("Child not seen alone; no strategy discussion held")
    grading.referral_note.flush()
    row = window.case_table.currentIndex().row()
    assert window.case_model.index(row, COL_FLAG).data() == "Flagged"
    assert "to do" in grading.status.text()  # the overall grade is still missing
    QApplication.processEvents()
    assert not grading.referral_box.visibleRegion().isEmpty()  # Ctrl+R scrolled to it
    first = grading.visible_cards()[0].buttons.buttons["inadequate"]
    assert first.text() == "\u2713 Inadequate"  # the chosen grade is ticked, not just shaded
    save(window, "flagged-case.png")


def test_screenshot_a_long_chronology_with_late_events(
    qtbot, long_chronology: Path, settings: QSettings
) -> None:
    window = open_window(qtbot, long_chronology, settings)
    window.select_case(window.inspection.case_by_reference(LONG_CASE).id)
    view = window.case_file
    assert view.chronology_model.rowCount() >= 58
    assert "(late)" in view.timeliness.text()
    late_rows = [
        r
        for r in range(view.chronology_model.rowCount())
        if view.chronology_model.index(r, 1).data().endswith("(late)")
    ]
    assert late_rows  # the late event says so in words, not only in colour
    view.chronology.scrollToBottom()
    save(window, "long-chronology.png")
    window.close()
    window.inspection.close()


DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#2a2b2e",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#303134",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#202124",
}
HIGH_CONTRAST = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#ffff00",
    QPalette.ColorRole.HighlightedText: "#000000",
}


@pytest.fixture
def system_palette(qapp) -> Iterator[callable]:
    """Switch the application palette like a system theme change; restored afterwards."""
    original = qapp.palette()

    def switch(colours: dict) -> QPalette:
        palette = QPalette(original)
        for role, colour in colours.items():
            palette.setColor(role, QColor(colour))
        qapp.setPalette(palette)
        return palette

    yield switch
    qapp.setPalette(original)


@pytest.mark.parametrize("name,colours", [("dark", DARK), ("high-contrast", HIGH_CONTRAST)])
def test_late_timeliness_stays_readable_in_dark_and_high_contrast(
    qtbot, long_chronology: Path, settings: QSettings, system_palette, name: str, colours: dict
) -> None:
    window = open_window(qtbot, long_chronology, settings)
    window.select_case(window.inspection.case_by_reference(LONG_CASE).id)
    palette = system_palette(colours)  # switched while the window is open
    QApplication.processEvents()
    view = window.case_file
    late_row = next(
        r
        for r in range(view.chronology_model.rowCount())
        if view.chronology_model.index(r, 1).data().endswith("(late)")
    )
    shown = view.chronology_model.index(late_row, 1).data(Qt.ItemDataRole.ForegroundRole)
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        assert contrast(shown, palette.color(role)) >= MIN_CONTRAST
    assert shown.name() in view.timeliness.text()  # the label was redrawn in the new colour
    save(window, f"{name}-palette.png")
    window.close()
    window.inspection.close()
