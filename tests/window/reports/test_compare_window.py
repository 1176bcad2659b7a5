"""Reports → 7 Compare inspections, in the real window: earlier files (one plain, one
encrypted with another framework) set beside this one, figures counted here from the test's
own cases; a file that is not an inspection refused in words; the chart; the workbook
exported and logged as a disclosure in each file; renaming the inspection."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.inspection import Inspection
from tests.core.analysis.inspections import (
    GOOD,
    INADEQUATE,
    LABELS,
    RENAMED,
    RI,
    Spec,
    build,
    other_framework,
    spec_list,
)
from tests.support.window import open_window, type_passphrases, wait_built
from ui.reports.compare_models import (
    COL_CASES,
    COL_GOOD,
    COL_INADEQUATE,
    COL_LABEL,
    COL_REFERRED,
    COL_RI,
)

PASSPHRASE = "invented comparison passphrase"
NOW = [
    *spec_list("DA_REFERRAL", [INADEQUATE, GOOD, GOOD, RI, None], referred=1),
    *spec_list("S47", [INADEQUATE, INADEQUATE, RI, GOOD], referred=2),
    *spec_list("MISSING", [GOOD, RI]),
]
EARLIER = [
    *spec_list("DA_REFERRAL", [INADEQUATE, INADEQUATE, GOOD], referred=2),
    *spec_list("S47", [RI, GOOD]),
    *spec_list("CUSTODY", [INADEQUATE], referred=1),
]
EARLIEST = [  # another framework: 'Children missing' is called RENAMED there
    *spec_list("DA_REFERRAL", [INADEQUATE, RI, RI, GOOD], referred=1),
    *spec_list("MISSING", [INADEQUATE, INADEQUATE]),
]
NAMES = ("Eastcombe 2018 (invented)", "Eastcombe 2017 (invented)", "Eastcombe 2016 (invented)")
WAIT = 30_000
#: Another copy of the program holding a file open (its lock) until a line is read.
HOLD = (
    "import sys; from auditor.inspection import Inspection; "
    "i = Inspection.open(sys.argv[1]); print('holding', flush=True); input(); i.close()"
)


def figures(specs: list[Spec], code: str | None = None) -> list:
    """[cases, Good %, RI %, Inadequate %, referred %] of the graded cases, counted here."""
    graded = [s for s in specs if s.grade is not None and code in (None, s.case_type)]
    n = len(graded)

    def share(count: int) -> float | None:
        return None if n == 0 else 100 * count / n

    return [
        n,
        *(share(sum(s.grade == g for s in graded)) for g in (GOOD, RI, INADEQUATE)),
        share(sum(s.referred for s in graded)),
    ]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "now": build(tmp_path / "now.caseaudit", NAMES[0], NOW),
        "earlier": build(tmp_path / "earlier.caseaudit", NAMES[1], EARLIER),
        "earliest": build(
            tmp_path / "earliest.caseaudit",
            NAMES[2],
            EARLIEST,
            framework=other_framework(),
            passphrase=PASSPHRASE,
        ),
    }


def reports_on(qtbot, path: Path, settings):
    window = open_window(qtbot, path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    reports.tabs.setCurrentWidget(reports.compare)
    return window, reports


def compared(qtbot, panel, paths: list[Path]) -> None:
    assert panel.compare_with(paths)
    qtbot.waitUntil(lambda: panel.comparison is not None and not panel.busy, timeout=WAIT)


def row_cells(model, label: str, inspection: int) -> list:
    row = model.row_of(label)
    return [
        model.raw(row, model.column(inspection, c))
        for c in (COL_CASES, COL_GOOD, COL_RI, COL_INADEQUATE, COL_REFERRED)
    ]


def audit_rows(path: Path, kind: str, passphrase: str | None = None) -> list[dict]:
    with Inspection.open(path, read_only=True, passphrase=passphrase) as inspection:
        return list(
            inspection.db.query("SELECT * FROM audit_log WHERE kind = ? ORDER BY rowid", [kind])
        )


def close(window) -> None:
    window.close()
    window.inspection.close()


def test_compare_with_one_earlier_file(qtbot, files, settings) -> None:
    before = len(audit_rows(files["earlier"], "consultation"))
    window, reports = reports_on(qtbot, files["now"], settings)
    panel = reports.compare
    compared(qtbot, panel, [files["earlier"]])
    model = panel.by_type_model
    for code in ("DA_REFERRAL", "S47", "MISSING", "CUSTODY"):
        for index, specs in enumerate((NOW, EARLIER)):
            assert row_cells(model, LABELS[code], index) == pytest.approx(
                figures(specs, code), abs=1e-9
            ), (code, index)
    for index, specs in enumerate((NOW, EARLIER)):
        assert row_cells(model, "Total", index) == pytest.approx(figures(specs), abs=1e-9)
    total = model.row_of("Total")
    inadequate_change, referred_change = (model.raw(total, c) for c in model.change_columns())
    assert inadequate_change == pytest.approx(figures(NOW)[3] - figures(EARLIER)[3])
    assert referred_change == pytest.approx(figures(NOW)[4] - figures(EARLIER)[4])
    # custody: no case now, so an empty change; shown as a dash, never a traceback
    custody = model.row_of(LABELS["CUSTODY"])
    assert [model.raw(custody, c) for c in model.change_columns()] == [None, None]
    # the chart: one series per inspection, each case type's Inadequate share
    assert panel.chart.series == NAMES[:2]
    by_label = {g.label: g.values for g in panel.chart.groups}
    assert by_label[LABELS["S47"]] == pytest.approx(
        (figures(NOW, "S47")[3], figures(EARLIER, "S47")[3])
    )
    assert "Total" not in by_label
    # criteria and timeliness side by side, one block per inspection
    assert panel.criteria_model.rowCount() > 0
    assert f"{NAMES[1]}: applicable cases" in panel.criteria_model.headers
    assert f"{NAMES[1]}: median hours" in panel.timeliness_model.headers
    assert model.data(model.index(0, COL_LABEL)) == LABELS["DA_REFERRAL"]
    close(window)
    # viewed read-only: nothing was written in the earlier file
    assert len(audit_rows(files["earlier"], "consultation")) == before


def test_an_encrypted_file_of_another_framework_asks_its_passphrase(qtbot, files, settings) -> None:
    window, reports = reports_on(qtbot, files["now"], settings)
    panel = reports.compare
    problems = type_passphrases("not the passphrase", PASSPHRASE)
    compared(qtbot, panel, [files["earlier"], files["earliest"]])
    assert problems[0] == "" and "does not open" in problems[1]
    model = panel.by_type_model
    assert row_cells(model, LABELS["DA_REFERRAL"], 2) == pytest.approx(
        figures(EARLIEST, "DA_REFERRAL"), abs=1e-9
    )
    # matched by label: 'Children missing' is empty for the earliest; its own label follows
    assert row_cells(model, LABELS["MISSING"], 2) == [None] * 5
    assert row_cells(model, RENAMED, 2) == pytest.approx(figures(EARLIEST, "MISSING"))
    assert row_cells(model, RENAMED, 0) == [None] * 5
    assert panel.chart.series == NAMES
    close(window)


def test_a_wrong_passphrase_or_a_file_that_is_not_an_inspection_is_said_in_words(
    qtbot, files, settings, tmp_path: Path
) -> None:
    window, reports = reports_on(qtbot, files["now"], settings)
    panel = reports.compare
    notes = tmp_path / "notes.caseaudit"
    notes.write_text("Invented meeting notes, not an inspection.\n", encoding="utf-8")
    assert not panel.compare_with([notes])
    text = panel.message.text()
    assert text.startswith("Not compared:") and "not an inspection file" in text
    assert "\n" not in text and "Traceback" not in text
    type_passphrases("wrong one", "wrong two", "wrong three")
    assert not panel.compare_with([files["earliest"]])
    assert "passphrase does not open" in panel.message.text()
    assert not panel.compare_with([files["now"]])
    assert "is this inspection" in panel.message.text()
    assert panel.comparison is None and not panel.export_button.isEnabled()
    close(window)


def test_export_comparison_writes_the_workbook_and_logs_each_file(
    qtbot, files, settings, tmp_path: Path
) -> None:
    window, reports = reports_on(qtbot, files["now"], settings)
    panel = reports.compare
    type_passphrases(PASSPHRASE)
    compared(qtbot, panel, [files["earlier"], files["earliest"]])
    out = tmp_path / "comparison.xlsx"
    exported: list[Path] = []
    panel.exported.connect(exported.append)
    assert panel.export(out)
    qtbot.waitUntil(lambda: bool(exported) and not panel.busy, timeout=WAIT)
    assert "Wrote" in panel.message.text()
    assert all(v.read_only for v in panel.views)  # viewed read-only again after the export
    rows = list(load_workbook(out)["Comparison"].iter_rows(values_only=True))
    heading = list(rows[0])
    da = next(r for r in rows if r[0] == LABELS["DA_REFERRAL"])
    for index, (name, specs) in enumerate(zip(NAMES, (NOW, EARLIER, EARLIEST), strict=True)):
        start = heading.index(f"{name}: cases")
        want = figures(specs, "DA_REFERRAL")
        assert da[start] == want[0]
        assert list(da[start + 1 : start + 5]) == pytest.approx([v / 100 for v in want[1:]])
        assert index == NAMES.index(name)
    close(window)
    for path, passphrase in (
        (files["now"], None),
        (files["earlier"], None),
        (files["earliest"], PASSPHRASE),
    ):
        logged = [r["detail"] for r in audit_rows(path, "disclosure", passphrase)]
        assert len(logged) == 1 and out.name in logged[0] and "comparison" in logged[0], path


def test_a_supervisor_renames_the_inspection_an_inspector_may_not(qtbot, files, settings) -> None:
    window, reports = reports_on(qtbot, files["now"], settings)
    assert reports.user.role == "inspector", reports.user
    assert not reports.rename_button.isEnabled()  # the settings' user is an inspector
    assert not reports.rename_inspection("Eastcombe review")
    assert reports.status.text().startswith("Only a supervisor can rename the inspection")
    close(window)

    settings.setValue("user/name", "Sam Invented")
    settings.setValue("user/role", "supervisor")
    window, reports = reports_on(qtbot, files["now"], settings)
    assert reports.rename_button.isEnabled()
    assert not reports.rename_inspection("   ")
    assert "the new name is blank" in reports.status.text()
    assert reports.rename_inspection("Eastcombe 2018 review")
    assert reports.name_label.text() == "Inspection: Eastcombe 2018 review"
    assert "Eastcombe 2018 review" in reports.windowTitle()
    assert window.windowTitle().startswith("Eastcombe 2018 review — ")  # the main window's too
    close(window)
    renames = [
        r
        for r in audit_rows(files["now"], "alteration")
        if (r["record_table"], r["field"]) == ("inspection", "name")
    ]
    assert [(r["old_value"], r["new_value"]) for r in renames] == [
        (NAMES[0], "Eastcombe 2018 review")
    ]


def test_export_is_refused_in_words_when_an_earlier_file_cannot_be_written(
    qtbot, files, settings, tmp_path: Path
) -> None:
    holder = subprocess.Popen(  # another copy working on the earlier file holds its lock
        [sys.executable, "-c", HOLD, str(files["earlier"])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        window, reports = reports_on(qtbot, files["now"], settings)
        panel = reports.compare
        compared(qtbot, panel, [files["earlier"]])  # viewing it read-only is fine
        out = tmp_path / "refused.xlsx"
        assert not panel.export(out)
        text = panel.message.text()
        assert text.startswith("Not exported: earlier.caseaudit cannot be written just now")
        assert "no workbook written" in text and "\n" not in text
        assert not out.exists()
        assert all(v.read_only for v in panel.views)
        close(window)
    finally:
        holder.communicate("\n", timeout=30)
    for path in (files["now"], files["earlier"]):
        assert audit_rows(path, "disclosure") == []


def test_cancel_stops_the_comparison_and_shows_nothing(qtbot, files, settings) -> None:
    window, reports = reports_on(qtbot, files["now"], settings)
    panel = reports.compare
    assert panel.compare_with([files["earlier"]])
    assert panel.cancel_button.isVisibleTo(panel) and not panel.compare_button.isEnabled()
    panel.cancel_button.click()  # before the reading's next step: it stops there
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT)
    assert panel.message.text() == "Cancelled; nothing was written."
    assert panel.comparison is None and panel.by_type_model.rowCount() == 0
    assert not panel.export_button.isEnabled() and panel.compare_button.isEnabled()
    compared(qtbot, panel, [files["earlier"]])  # and it can be compared again
    assert panel.by_type_model.rowCount() > 0
    close(window)
