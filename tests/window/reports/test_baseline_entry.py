"""Table 6: a baseline entered by hand is kept in the inspection file and shown beside now."""

from __future__ import annotations

from pathlib import Path

from auditor.inspection import Inspection
from auditor.reports import BASELINES_SETTING, baselines_from_json
from auditor.settings import InspectionSettings
from tests.support.window import open_window, wait_built
from ui.reports.models import COL_BASELINE, COL_CURRENT, COL_LABEL


def comparison(panel) -> dict[str, tuple]:
    model = panel.model
    return {
        model.raw(r, COL_LABEL): (model.raw(r, COL_CURRENT), model.raw(r, COL_BASELINE))
        for r in range(model.rowCount())
    }


def test_baseline_saved_shown_and_kept_after_reopening(qtbot, demo_path: Path, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    panel = reports.baseline
    assert panel.model.rowCount() == 0  # nothing entered yet
    panel.label.setText("2017 update")
    panel.year.setText("2017")
    panel.cases.setText("214")
    panel.below_best.setText("191")
    panel.save()
    assert "Saved" in panel.message.text()
    graded = reports.report.cases_assessed.grand_total
    shown = comparison(panel)
    assert shown["Cases graded"] == (graded, 214)
    assert shown["Requires improvement or Inadequate"][1] == 191

    panel.label.setText("2014 inspection")
    panel.cases.setText("10")
    panel.below_best.setText("11")  # more than the cases: refused in words
    panel.save()
    assert panel.message.text().startswith("Not saved")
    window.close()
    window.inspection.close()

    with Inspection.open(demo_path) as inspection:
        kept = baselines_from_json(InspectionSettings(inspection).get(BASELINES_SETTING))
    assert [(b.label, b.year, b.cases, b.below_best) for b in kept] == [
        ("2017 update", 2017, 214, 191)
    ]

    again = open_window(qtbot, demo_path, settings)
    reports = again.report_views.open_reports()
    wait_built(qtbot, reports)
    assert reports.baseline.choice.currentText() == "2017 update"
    assert comparison(reports.baseline)["Cases graded"][1] == 214
    reports.baseline.delete()
    assert reports.baseline.model.rowCount() == 0
    again.close()
    again.inspection.close()
