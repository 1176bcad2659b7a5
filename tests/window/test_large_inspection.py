"""The window on a 100,000-case inspection: correct, and no widget per row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from auditor.case_rows import COL_REFERENCE, COL_STATUS, CaseFilter
from auditor.samples.synthetic import write_synthetic
from tests.support.window import open_window

CASES = 100_000


@pytest.fixture(scope="module")
def large_inspection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.caseaudit"
    write_synthetic(path, CASES, events_per_case=1).close()
    return path


def test_the_window_works_on_a_hundred_thousand_cases(
    qtbot, large_inspection: Path, settings: QSettings
) -> None:
    window = open_window(qtbot, large_inspection, settings)
    try:
        model = window.case_model
        # At once: the first case is shown and can be graded; the list is read off the UI
        # thread (ui/shell/case_loader.py) and fills in a moment later.
        assert window.case_file.title.text().startswith("SY-000001")
        assert window.grading.case is not None
        qtbot.waitUntil(lambda: not window.case_loader.loading, timeout=60_000)
        assert model.rowCount() == CASES
        assert window.current_case_id() == window.grading.case.id  # selected once listed
        assert f"0 of {CASES} graded" in window.progress.text()
        # The list draws rows from the model: no widget per row, no index widgets.
        assert window.case_table.viewport().findChildren(QWidget) == []
        assert window.case_table.indexWidget(model.index(5, 0)) is None

        window.step(1)
        window.step(1)
        assert window.case_file.title.text().startswith("SY-000003")

        window.case_model.set_filter(CaseFilter(text="sy-099999"))
        assert model.rowCount() == 1
        window.select_row(0)
        assert window.case_file.title.text().startswith("SY-099999")
        card = window.grading.visible_cards()[0]
        window.grading.grade_criterion(card.criterion.id, "good")
        assert model.index(0, COL_STATUS).data() == "In progress"
        assert f"1 of {CASES} graded" not in window.progress.text()  # in progress, not graded

        window.case_model.set_filter(CaseFilter())
        assert model.rowCount() == CASES
        assert model.index(CASES - 1, COL_REFERENCE).data() == "SY-100000"
        # The case on screen is still selected after the filter is cleared.
        assert window.current_case_id() == window.grading.case.id
    finally:
        window.close()
        window.inspection.close()
