"""A narrow case list keeps a case's reference, status, grade and referral in view: at a
laptop's width (the pane at 1366x768) the four columns lie inside the list, the status and
grade whole; a narrower pane never cuts a reference or a status short (it scrolls sideways);
a wider pane gives the columns their widths back; a column resized by hand stays as it was
made (a fresh-eyes review found the grade cut and the referral out of view)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from auditor.case_rows import (
    COL_ALLOCATED,
    COL_FLAG,
    COL_GRADE,
    COL_REFERENCE,
    COL_STATUS,
    R_REF,
)
from auditor.grading.rules import STATUS_LABELS
from auditor.samples.probation_demo import write_probation_demo
from tests.support.window import open_window
from ui.common.framework_words import in_words

KEY = (COL_REFERENCE, COL_STATUS, COL_GRADE, COL_FLAG)
# Room for Qt's margins around a cell's text: a label narrower than this would be elided.
MARGINS = 8


def _pane(qtbot, window, width: int) -> None:
    """The list's pane made ``width`` pixels wide (the case file gives or takes the rest)."""
    sizes = window.splitter.sizes()
    window.splitter.setSizes([width, sizes[1] + sizes[0] - width, sizes[2]])
    qtbot.waitUntil(lambda: abs(window.splitter.sizes()[0] - width) <= 2)
    qtbot.wait(20)


def _wide(qtbot, window) -> None:
    """A window wide enough for any width of the list's pane the tests ask for."""
    window.resize(1800, 900)
    qtbot.waitUntil(lambda: window.width() == 1800)


def _inside(table) -> bool:
    right = max(table.columnViewportPosition(c) + table.columnWidth(c) for c in KEY)
    return right <= table.viewport().width()


def test_at_a_laptops_width_the_four_columns_are_in_view(qtbot, window) -> None:
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.width() == 1366)
    _pane(qtbot, window, int(1366 * 0.33))
    table = window.case_table
    assert _inside(table)
    metrics = table.fontMetrics()
    longest_status = max(metrics.horizontalAdvance(s) for s in STATUS_LABELS.values())
    grades = [g.label for g in window.inspection.framework.grades]
    longest_grade = max(metrics.horizontalAdvance(g) for g in grades)
    assert table.columnWidth(COL_STATUS) >= longest_status + MARGINS
    assert table.columnWidth(COL_GRADE) >= longest_grade + MARGINS
    header = table.horizontalHeader().fontMetrics().horizontalAdvance("Referral")
    assert table.columnWidth(COL_FLAG) >= header + MARGINS


def test_a_wider_pane_gives_the_widths_back(qtbot, window) -> None:
    table = window.case_table
    _wide(qtbot, window)
    _pane(qtbot, window, 640)
    wide = [table.columnWidth(c) for c in KEY]
    _pane(qtbot, window, 420)
    assert _inside(table) and [table.columnWidth(c) for c in KEY] != wide
    _pane(qtbot, window, 640)
    assert [table.columnWidth(c) for c in KEY] == wide


def test_a_column_resized_by_hand_is_kept(qtbot, window) -> None:
    table = window.case_table
    _wide(qtbot, window)
    _pane(qtbot, window, 380)
    table.horizontalHeader().resizeSection(COL_STATUS, 200)  # as a drag of its edge does
    _pane(qtbot, window, 360)
    assert table.columnWidth(COL_STATUS) == 200
    _pane(qtbot, window, 640)
    assert table.columnWidth(COL_STATUS) == 200


def test_a_pane_narrower_than_a_laptops_never_cuts_a_status(qtbot, window) -> None:
    table = window.case_table
    _pane(qtbot, window, 300)
    metrics = table.fontMetrics()
    longest_status = max(metrics.horizontalAdvance(s) for s in STATUS_LABELS.values())
    assert table.columnWidth(COL_STATUS) >= longest_status + MARGINS
    assert table.horizontalScrollBar().isVisible()


def test_a_column_sized_by_hand_survives_a_wide_pane_and_the_next_session(
    qtbot, demo_path: Path, settings, window
) -> None:
    table = window.case_table
    _wide(qtbot, window)
    _pane(qtbot, window, 420)
    table.horizontalHeader().resizeSection(COL_GRADE, 200)  # as a drag of its edge does
    _pane(qtbot, window, 640)
    _pane(qtbot, window, 360)
    assert table.columnWidth(COL_GRADE) == 200
    window.close()
    window.inspection.close()
    again = open_window(qtbot, demo_path, settings)
    try:
        _pane(qtbot, again, 360)
        assert again.case_table.columnWidth(COL_GRADE) == 200
    finally:
        again.close()
        again.inspection.close()


def test_a_long_reference_is_never_cut(qtbot, window) -> None:
    table = window.case_table
    rows = window.inspection.case_list(window.user.id)
    long = "MPS-2018-CHILD-PROTECTION-000123"  # invented, as an imported force's might be
    rows[0] = (*rows[0][:R_REF], long, *rows[0][R_REF + 1 :])
    window.case_model.reload(rows)
    _pane(qtbot, window, 300)
    assert table.columnWidth(COL_REFERENCE) >= table.fontMetrics().horizontalAdvance(long) + MARGINS


def test_a_probation_inspection_s_statuses_are_whole(qtbot, tmp_path: Path, settings) -> None:
    path = tmp_path / "probation.caseaudit"
    write_probation_demo(path).close()
    window = open_window(qtbot, path, settings)
    try:
        table = window.case_table
        model = window.case_model
        _pane(qtbot, window, 300)
        metrics = table.fontMetrics()
        said = [in_words(s, window.inspection.framework.words) for s in STATUS_LABELS.values()]
        assert any(s not in STATUS_LABELS.values() for s in said)  # the framework's own words
        longest = max(metrics.horizontalAdvance(s) for s in said)
        assert table.columnWidth(COL_STATUS) >= longest + MARGINS
        assert model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == "Status"
    finally:
        window.close()
        window.inspection.close()


def test_fit_the_list_s_columns_undoes_a_width_made_by_hand(qtbot, window) -> None:
    table = window.case_table
    _wide(qtbot, window)
    _pane(qtbot, window, 420)
    automatic = table.columnWidth(COL_STATUS)
    table.horizontalHeader().resizeSection(COL_STATUS, 60)  # dragged too narrow
    assert table.columnWidth(COL_STATUS) == 60
    allocated = table.columnWidth(COL_ALLOCATED)
    table.horizontalHeader().resizeSection(COL_ALLOCATED, allocated + 90)  # not a key column
    window.actions_by_id["fit_columns"].trigger()
    assert table.columnWidth(COL_STATUS) == automatic
    assert table.columnWidth(COL_ALLOCATED) == allocated
    table.horizontalHeader().resizeSection(COL_STATUS, automatic + 20)  # a little wider:
    assert _inside(table)  # the grade and referral make room at once
    table.horizontalHeader().resizeSection(COL_GRADE, 300)
    table.fit_column_automatically(COL_GRADE)  # what a double click on its edge does
    assert table.columnWidth(COL_GRADE) < 300 and _inside(table)


def test_a_damaged_saved_width_is_left_out_and_the_window_opens(
    qtbot, demo_path: Path, settings
) -> None:
    settings.setValue("window/case_list_header", b"not a header state")
    settings.setValue("window/case_list_hand", "1:\u00b2,2:99999,x:5,3:120")
    again = open_window(qtbot, demo_path, settings)
    try:
        assert again.case_table.hand == {3: 120}
    finally:
        again.close()
        again.inspection.close()
