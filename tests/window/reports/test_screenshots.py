"""Screenshots of the Reports view (every table, both charts) and the export dialogs."""

from __future__ import annotations

from pathlib import Path

from tests.support.window import open_window, save_screenshot, wait_built

NAMES = ("cases-assessed", "referrals", "criteria", "timeliness", "areas", "baseline")


def test_screenshots_of_the_reports_view(qtbot, demo_path: Path, settings, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    qtbot.waitExposed(reports)
    wait_built(qtbot, reports)
    panel = reports.baseline
    panel.label.setText("2017 update")
    panel.year.setText("2017")
    panel.cases.setText("214")
    panel.below_best.setText("191")
    panel.save()
    for index, name in enumerate(NAMES):
        reports.tabs.setCurrentIndex(index)
        save_screenshot(reports, f"reports-{index + 1}-{name}.png")
    save_screenshot(reports.assessed_chart, "reports-chart-1.png")
    save_screenshot(reports.timeliness_chart, "reports-chart-4.png")
    for force in (False, True):
        dialog = (
            window.report_views.open_export_for_force()
            if force
            else (window.report_views.open_export())
        )
        qtbot.waitExposed(dialog)
        save_screenshot(dialog, f"export-dialog{'-force' if force else ''}.png")
        if not force:
            dialog.redact.setChecked(True)
            dialog.recipient.setText("Invented partner agency")
            dialog.path.setText(str(tmp_path / "redacted.xlsx"))
            dialog.start()
            qtbot.waitUntil(lambda d=dialog: not d.running, timeout=20_000)
            save_screenshot(dialog, "export-dialog-done.png")
        dialog.close()
    window.close()
    window.inspection.close()
