"""A narrow case list keeps a case's reference, status, grade and referral in view: at a
laptop's width (the pane at 1366x768) the four columns lie inside the list, the status and
grade whole; a narrower pane never cuts a reference or a status short (it scrolls sideways);
a wider pane gives the columns their widths back; a column resized by hand stays as it was
made (a fresh-eyes review found the grade cut and the referral out of view)."""

from __future__ import annotations

from auditor.case_rows import COL_FLAG, COL_GRADE, COL_REFERENCE, COL_STATUS
from auditor.grading.rules import STATUS_LABELS

KEY = (COL_REFERENCE, COL_STATUS, COL_GRADE, COL_FLAG)
# Room for Qt's margins around a cell's text: a label narrower than this would be elided.
MARGINS = 8


def _pane(qtbot, window, width: int) -> None:
    """The list's pane made ``width`` pixels wide (the case file gives or takes the rest)."""
    sizes = window.splitter.sizes()
    window.splitter.setSizes([width, sizes[1] + sizes[0] - width, sizes[2]])
    qtbot.waitUntil(lambda: abs(window.splitter.sizes()[0] - width) <= 2)
    qtbot.wait(20)


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
    window.resize(1800, 900)
    qtbot.waitUntil(lambda: window.width() == 1800)
    _pane(qtbot, window, 640)
    wide = [table.columnWidth(c) for c in KEY]
    _pane(qtbot, window, 420)
    assert _inside(table) and [table.columnWidth(c) for c in KEY] != wide
    _pane(qtbot, window, 640)
    assert [table.columnWidth(c) for c in KEY] == wide


def test_a_column_resized_by_hand_is_kept(qtbot, window) -> None:
    table = window.case_table
    window.resize(1800, 900)
    qtbot.waitUntil(lambda: window.width() == 1800)
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
