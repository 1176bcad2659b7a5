"""File → Export workbook… and Export for the force… on real files, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from auditor.inspection import Inspection
from tests.support.window import open_window

WAIT = 20_000


def export(qtbot, dialog, out: Path) -> str:
    dialog.path.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome != "" and not dialog.running, timeout=WAIT)
    return dialog.outcome


def test_export_writes_the_workbook_and_a_redacted_one(
    qtbot, demo_path: Path, settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_path, settings)
    dialog = window.report_views.open_export()
    dialog.recipient.setText("Invented Force liaison")
    full = tmp_path / "full.xlsx"
    assert export(qtbot, dialog, full) == "exported", dialog.stage.text()
    assert "full.xlsx" in window.statusBar().currentMessage()
    book = load_workbook(full, read_only=True)
    assert {"About", "Summary", "Timeliness", "Cases", "Chronology", "Audit trail"} <= set(
        book.sheetnames
    )
    references = [r[0] for r in book["Cases"].iter_rows(min_row=2, values_only=True)]
    with Inspection.open(demo_path) as inspection:
        known = {c[0] for c in inspection.db.execute("select reference from cases")}
        names = {a.name for a in inspection.assessors() if a.name != "Test Inspector"}
    assert names
    assert set(references) == known

    dialog.redact.setChecked(True)
    assert dialog.path.text().endswith(".xlsx")
    redacted = tmp_path / "redacted.xlsx"
    assert export(qtbot, dialog, redacted) == "exported", dialog.stage.text()
    book = load_workbook(redacted, read_only=True)
    assert "Audit trail" not in book.sheetnames
    values = {
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    }
    assert not values & known  # no case reference anywhere
    text = " ".join(values)
    assert not [name for name in names if name in text]  # no assessor's name
    about = dict(r[:2] for r in book["About"].iter_rows(values_only=True))
    assert about["Recipient"] == "Invented Force liaison"
    window.close()
    window.inspection.close()


def test_export_for_the_force(qtbot, demo_path: Path, settings, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path, settings)
    dialog = window.report_views.open_export_for_force()
    assert dialog.redact.isHidden()
    out = tmp_path / "force.xlsx"
    assert export(qtbot, dialog, out) == "exported", dialog.stage.text()
    names = load_workbook(out, read_only=True).sheetnames
    assert "Chronology" not in names and "Summary" in names
    window.close()
    window.inspection.close()


def test_cancel_leaves_the_earlier_file_intact(
    qtbot, demo_path: Path, settings, tmp_path: Path
) -> None:
    out = tmp_path / "earlier.xlsx"
    out.write_bytes(b"the earlier workbook")
    window = open_window(qtbot, demo_path, settings)
    dialog = window.report_views.open_export()
    dialog.path.setText(str(out))
    dialog.start()
    dialog.reject()  # Cancel while it runs: the dialog stays and cancels
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.outcome == "cancelled"
    assert out.read_bytes() == b"the earlier workbook"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".partial"] == []
    window.close()
    window.inspection.close()


def test_a_bad_path_shows_a_message(qtbot, demo_path: Path, settings, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path, settings)
    dialog = window.report_views.open_export()
    missing = tmp_path / "no such folder" / "out.xlsx"
    assert export(qtbot, dialog, missing) == "failed"
    assert "no such folder" in dialog.stage.text()
    assert "Traceback" not in dialog.stage.text()
    assert export(qtbot, dialog, tmp_path / "out.txt") == "failed"
    assert ".xlsx" in dialog.stage.text()
    dialog.path.setText("")
    dialog.start()
    assert dialog.outcome == "failed" and "Choose" in dialog.stage.text()
    window.close()
    window.inspection.close()
