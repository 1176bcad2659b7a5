"""The Reports view on real files: table 1 against independent counts, filters, charts, baseline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt

from auditor.inspection import Inspection
from tests.support.window import open_window, wait_built
from ui.reports.models import COL_LABEL, RawRole, count_column, total_column
from ui.reports.window import ReportsWindow

WAIT = 20_000


def reported_grades(path: Path) -> tuple[Counter, int, list]:
    """(case type, overall grade) counts computed here from every assessment, independently of
    the report code: a case's latest assessment with an overall grade counts."""
    with Inspection.open(path) as inspection:
        grades = inspection.framework.grades
        types = {t.code: t.label for t in inspection.framework.case_types}
        latest: dict[str, tuple[str, str, str]] = {}
        cases = {c[0]: c for c in inspection.db.execute("select id, case_type from cases")}
        rows = inspection.db.execute(
            "select case_id, overall_grade, updated_at, id from assessments"
        ).fetchall()
    for case_id, overall, updated, assessment_id in rows:
        if overall is None:
            continue
        key = (updated, _neg(assessment_id))
        if case_id not in latest or key > latest[case_id][0]:
            latest[case_id] = (key, overall)
    counts = Counter((types[cases[c][1]], grade) for c, (_, grade) in latest.items())
    return counts, len(cases) - len(latest), list(grades)


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


def table_one(reports: ReportsWindow) -> dict[str, tuple[int, ...]]:
    model = reports.assessed_model
    grades = reports.report.cases_assessed.grades
    found = {}
    for row in range(model.rowCount()):
        label = model.index(row, COL_LABEL).data()
        counts = [model.index(row, count_column(i)).data(RawRole) for i in range(len(grades))]
        found[label] = (*counts, model.index(row, total_column(grades)).data(RawRole))
    return found


def test_table_one_matches_independent_counts(qtbot, demo_path: Path, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    counts, ungraded, grades = reported_grades(demo_path)
    shown = table_one(reports)
    for label, figures in shown.items():
        if label == "Total":
            continue
        expected = tuple(counts[(label, g.code)] for g in grades)
        assert figures == (*expected, sum(expected)), label
    total = tuple(sum(n for (_, grade), n in counts.items() if grade == g.code) for g in grades)
    assert shown["Total"] == (*total, sum(total))
    assert sum(total) > 0
    assert f"{ungraded:,} case" in reports.not_graded.text()
    window.close()
    window.inspection.close()


def test_filters_change_the_figures(qtbot, demo_path: Path, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    everything = reports.report.cases_assessed.grand_total
    filters = reports.filters
    filters.borough.setCurrentIndex(filters.borough.findText("Ashvale"))
    qtbot.waitUntil(
        lambda: not reports.busy and reports.report.report_filter.boroughs == {"Ashvale"},
        timeout=WAIT,
    )
    with Inspection.open(demo_path) as inspection:
        ashvale = {
            row[0]
            for row in inspection.db.execute("select id from cases where borough = 'Ashvale'")
        }
    assert reports.report.cases == len(ashvale)
    ashvale_graded = reports.report.cases_assessed.grand_total
    assert 0 < ashvale_graded < everything
    assert table_one(reports)["Total"][-1] == ashvale_graded
    assert "Ashvale" in reports.status.text()

    filters.opened_from.setText("2099-01-01")  # no case opened so late
    filters.opened_from.editingFinished.emit()
    qtbot.waitUntil(
        lambda: not reports.busy and reports.report.report_filter.opened_from is not None,
        timeout=WAIT,
    )
    assert reports.report.cases == 0
    assert table_one(reports)["Total"][-1] == 0

    filters.opened_to.setText("March")  # unreadable: said, and the figures stay
    filters.opened_to.editingFinished.emit()
    assert not filters.problem.isHidden() and "YYYY-MM-DD" in filters.problem.text()

    filters.clear()
    qtbot.waitUntil(
        lambda: not reports.busy and reports.report.report_filter.is_empty, timeout=WAIT
    )
    assert reports.report.cases_assessed.grand_total == everything
    window.close()
    window.inspection.close()


def test_area_panel_shows_each_team(qtbot, demo_path: Path, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    areas = reports.areas
    areas.show_area("team", "Custody")
    overview = {
        areas.overview_model.raw(r, COL_LABEL): areas.overview_model.raw(r, -1)
        for r in range(areas.overview_model.rowCount())
    }
    custody = next(t for t in reports.report.by_team if t.area == "Custody")
    assert overview["Custody"] == custody.table.grand_total
    detail_total = areas.detail_model.raw(areas.detail_model.rowCount() - 1, -1)
    assert detail_total == custody.table.grand_total
    assert "Custody" in areas.not_graded.text()
    window.close()
    window.inspection.close()


def test_closing_the_window_while_computing_waits_for_the_worker(
    qtbot, demo_path: Path, settings
) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    assert reports.busy  # the data are read on a worker thread
    window.close()  # waits for the worker instead of destroying a running thread
    thread = reports.runner.runner.thread  # the BackgroundRunner's
    assert thread is None or thread.isFinished()
    window.inspection.close()


def test_each_delay_says_its_unit_as_the_target_does(qtbot, demo_path: Path, settings) -> None:
    """Median and 90th percentile read "4 hours", in the measure's unit, never a bare number."""
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    model = reports.timeliness_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    target, median, p90 = (headers.index(h) for h in ("Target", "Median", "90th\npercentile"))
    measured = 0
    for row in range(model.rowCount()):
        unit = model.index(row, target).data().split(" ", 1)[1].removesuffix("s")
        for column in (median, p90):
            value = model.index(row, column).data(RawRole)
            shown = model.index(row, column).data()
            if value is None:
                assert shown == "–"
                continue
            measured += 1
            number, words = shown.split(" ", 1)
            assert float(number) == round(value, 1) and words.removesuffix("s") == unit
    assert measured > 0
    window.close()
    window.inspection.close()
