"""The status line's progress follows each edit in the window (kept by the row edited)."""

from __future__ import annotations

from tests.support.window import team_counts
from ui.shell.main_window import MainWindow


def said(window: MainWindow) -> tuple[str, str]:
    text = window.progress.text()  # "41 of 62 graded (…), 7 flagged"
    return text.split(" graded")[0], text.rsplit(", ", 1)[1]


def expected(window: MainWindow) -> tuple[str, str]:
    cases, graded, flagged = team_counts(window.inspection)  # from the file, case by case
    return f"{graded} of {cases}", f"{flagged} flagged"


def test_progress_counts_a_case_graded_flagged_and_undone(window: MainWindow) -> None:
    panel = window.grading
    before = expected(window)
    assert said(window) == before
    for card in panel.visible_cards():
        panel.grade_criterion(card.criterion.id, "good")
        assert said(window) == expected(window)
    panel._overall_chosen("good")
    assert said(window) == expected(window)
    assert said(window)[0] != before[0]  # the case now counts as graded
    panel.refer.setChecked(True)
    panel._refer_toggled(True)
    panel.reason.setCurrentIndex(1)
    panel.referral_note.setPlainText("Strategy discussion not recorded")
    panel.referral_note.flush()
    panel._referral_edited()
    assert said(window) == expected(window)
    assert said(window)[1] != before[1]  # and as flagged
    while panel.undo() is not None:
        assert said(window) == expected(window)
    assert said(window) == before
