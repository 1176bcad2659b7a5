"""The paged case list on a real file of 3,000 cases: listed at once, rows read a page at a
time as they are shown, correct after a sort or filter, stepped across page boundaries, and a
row refreshed after a grade."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from auditor.case_pages import PAGE_ROWS
from auditor.case_rows import (
    COL_REFERENCE,
    COL_STATUS,
    R_CASE_STATUS,
    R_ID,
    R_REF,
    CaseFilter,
    natural_key,
)
from auditor.inspection import Inspection
from auditor.samples.synthetic import BENCH_ASSESSOR, write_synthetic
from tests.support.window import open_window
from ui.cases.model import CaseIdRole, CaseTableModel, RawRowRole

CASES = 3_000


@pytest.fixture(scope="module")
def paged_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paged") / "paged.caseaudit"
    write_synthetic(path, CASES, events_per_case=1, graded=True).close()
    return path


@pytest.fixture
def inspection(paged_file: Path, tmp_path: Path):
    copy = tmp_path / "copy.caseaudit"
    copy.write_bytes(paged_file.read_bytes())
    opened = Inspection.open(copy)
    yield opened
    opened.close()


def assessor_id(inspection: Inspection) -> str:
    return inspection.db.execute("SELECT id FROM assessors ORDER BY name LIMIT 1").fetchone()[0]


def by_reference(rows: list[tuple]) -> list[tuple]:
    """The rows in natural reference order, sorted here independently of the list."""
    return sorted(rows, key=lambda r: natural_key(r[R_REF]))


def test_rows_are_read_a_page_at_a_time_and_match_the_whole_list(qtbot, inspection) -> None:
    user = assessor_id(inspection)
    model = CaseTableModel(inspection.framework)
    model.page(inspection, user)
    expected = by_reference(inspection.case_list(user))
    assert model.rowCount() == CASES
    pages = model.cases.pages
    assert pages is not None and pages.pages_read == 0  # nothing read until shown
    for position in (0, PAGE_ROWS - 1, PAGE_ROWS, CASES // 2, CASES - 1):
        index = model.index(position, COL_REFERENCE)
        assert index.data() == expected[position][R_REF]
        assert index.data(CaseIdRole) == expected[position][R_ID]
    assert pages.pages_read == 4  # the pages of those five rows, no more
    assert model.cases.pages is pages  # still paged
    # The cells read as in the whole list, empty cells "empty" to a screen reader.
    whole = CaseTableModel(inspection.framework)
    whole.reload(inspection.case_list(user))
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            assert model.index(CASES // 2, column).data(role) == whole.index(
                CASES // 2, column
            ).data(role)
    assert model.position_of(expected[2_500][R_ID]) == 2_500


def test_a_sort_or_filter_reads_every_row_and_orders_them_as_the_whole_list(
    qtbot, inspection
) -> None:
    user = assessor_id(inspection)
    rows = inspection.case_list(user)
    model = CaseTableModel(inspection.framework)
    model.page(inspection, user)
    model.index(0, 0).data()
    model.sort(COL_STATUS, Qt.SortOrder.DescendingOrder)
    assert model.cases.pages is None  # every row read for the sort
    ranks = {"not_started": 0, "in_progress": 1, "returned": 2, "complete": 3, "awaiting_review": 4}
    # Descending status, then (a stable sort) reference order within each status.
    expected = sorted(by_reference(rows), key=lambda r: ranks[r[R_CASE_STATUS]], reverse=True)
    shown = [model.index(p, COL_REFERENCE).data() for p in range(model.rowCount())]
    assert shown == [r[R_REF] for r in expected]

    again = CaseTableModel(inspection.framework)
    again.page(inspection, user)
    again.set_filter(CaseFilter(status="complete"))
    complete = [r[R_REF] for r in by_reference(rows) if r[R_CASE_STATUS] == "complete"]
    assert 0 < len(complete) < CASES
    assert [again.index(p, 0).data() for p in range(again.rowCount())] == complete


def test_a_walk_through_many_pages_reads_every_row_once(
    qtbot, inspection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.case_pages

    user = assessor_id(inspection)
    model = CaseTableModel(inspection.framework)
    model.page(inspection, user)
    expected = by_reference(inspection.case_list(user))
    pages = model.cases.pages
    assert pages is not None
    monkeypatch.setattr(auditor.case_pages, "MAX_PAGES", 5)
    listed = [model.index(p, 0).data(CaseIdRole) for p in range(model.rowCount())]
    assert listed == [r[R_ID] for r in expected]
    assert pages.pages_read == 5  # then every row at once, not 15 pages one by one
    assert model.cases.pages is None and len(model.cases.rows) == CASES


def test_the_window_steps_across_pages_and_refreshes_a_graded_row(
    qtbot, inspection, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.shell.case_loader

    monkeypatch.setattr(ui.shell.case_loader, "LOAD_IN_BACKGROUND_CASES", 10)
    arrived: list[tuple] = []
    loaded = ui.shell.case_loader.CaseLoader._loaded
    # Hold the whole list back, so the window stays on the paged list until released.
    monkeypatch.setattr(
        ui.shell.case_loader.CaseLoader, "_loaded", lambda self, rows: arrived.append((self, rows))
    )
    path = inspection.path
    inspection.close()
    settings.setValue("user/name", BENCH_ASSESSOR)  # who graded every case
    window = open_window(qtbot, path, settings)
    try:
        qtbot.waitUntil(lambda: bool(arrived), timeout=30_000)
        model = window.case_model
        assert model.cases.pages is not None and model.rowCount() == CASES
        references = [r[R_REF] for r in by_reference(window.inspection.case_list(window.user.id))]
        window.select_row(PAGE_ROWS - 2)
        for position in range(PAGE_ROWS - 1, PAGE_ROWS + 2):  # over the first page's end
            window.step(1)
            assert window.case_table.currentIndex().row() == position
            assert window.case_file.title.text().startswith(references[position])
        window.step(-1)
        assert window.case_file.title.text().startswith(references[PAGE_ROWS])
        window.case_table.setFocus()
        qtbot.keyClick(window.case_table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert window.case_table.currentIndex().row() == CASES - 1
        assert window.case_file.title.text().startswith(references[-1])
        assert window.listed_case_ids()[:3] == [
            model.index(p, 0).data(CaseIdRole) for p in range(3)
        ]

        loader, rows = arrived[0]
        loaded(loader, rows)  # the whole list arrives
        assert model.cases.pages is None and model.rowCount() == CASES
        assert window.case_table.currentIndex().row() == CASES - 1  # still on the same case

        window.select_row(PAGE_ROWS + 1)
        case_id = window.current_case_id()
        before = model.index(PAGE_ROWS + 1, 0).data(RawRowRole)
        criterion = window.grading.visible_cards()[0].criterion.id
        with qtbot.waitSignal(model.dataChanged) as changed:  # one of the two is a change
            window.grading.grade_criterion(criterion, "inadequate")
            window.grading.grade_criterion(criterion, "good")
        assert changed.args[0].row() == PAGE_ROWS + 1
        fresh = window.inspection.case_list_row(case_id, window.user.id)
        assert model.index(PAGE_ROWS + 1, 0).data(RawRowRole) == fresh
        assert before[R_ID] == fresh[R_ID] == case_id
    finally:
        window.close()
        window.inspection.close()


def test_an_edited_row_is_shown_while_paged(qtbot, inspection) -> None:
    user = assessor_id(inspection)
    model = CaseTableModel(inspection.framework)
    model.page(inspection, user)
    row = model.index(PAGE_ROWS + 3, 0).data(RawRowRole)
    edited = (*row[:R_CASE_STATUS], "in_progress", *row[R_CASE_STATUS + 1 :])
    with qtbot.waitSignal(model.dataChanged):
        model.update_row(edited)
    assert model.index(PAGE_ROWS + 3, COL_STATUS).data() == "In progress"
    assert model.cases.pages is not None
