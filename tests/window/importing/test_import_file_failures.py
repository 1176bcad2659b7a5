"""File → Import… when the file cannot be read or the inspection cannot be written: the dialog
shows the one line the import gives (no traceback), and nothing is written.

A full disk and a read-only disk are real where this process may mount a tmpfs (root in a
container that allows it); the dialog's handling of the message is checked everywhere.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from auditor.importing.problems import ImportFailed
from tests.support.import_files import NO_MOUNT, fill, listing, remount_read_only, small_tmpfs
from ui.files import import_dialog
from ui.files.import_dialog import ImportDialog

WAIT_MS = 20_000


def new_cases_csv(path: Path, how_many: int = 3000) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Case reference", "Case type", "Summary"])
        for n in range(how_many):
            writer.writerow([f"NEW-{n:05d}", "S47", f"Invented case {n}, about bruising"])
    return path


def run_dialog(qtbot, db: Path, source: Path) -> ImportDialog:
    dialog = ImportDialog(db, "Robin Example")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setText(str(source))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome != "" and not dialog.running, timeout=WAIT_MS)
    return dialog


def shown_lines(dialog: ImportDialog) -> list[str]:
    text = dialog.result.toPlainText()
    assert "Traceback" not in text
    return text.splitlines()


def test_an_import_failed_message_is_shown_as_its_one_line(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    said = f"{tmp_path / 'x.caseaudit'}: nothing imported; the file could not be written (disk)"

    def failing(*_args, **_kwargs):
        raise ImportFailed(said)

    monkeypatch.setattr(import_dialog, "import_file", failing)
    dialog = run_dialog(qtbot, tmp_path / "x.caseaudit", new_cases_csv(tmp_path / "a.csv", 3))
    assert dialog.outcome == "failed"
    assert shown_lines(dialog) == [said]
    assert dialog.stage.text() == "Failed."


def test_a_link_given_as_the_file_is_refused_by_name(qtbot, tmp_path: Path) -> None:
    link = tmp_path / "x.csv"
    link.symlink_to("/dev/zero")
    dialog = run_dialog(qtbot, tmp_path / "new.caseaudit", link)
    assert dialog.outcome == "refused"
    (line,) = shown_lines(dialog)
    assert line.startswith(f"{link}: is a symbolic link to /dev/zero")
    assert listing(tmp_path) == {"x.csv"}


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "new"])
def test_a_really_full_disk_is_one_line_in_the_dialog(
    qtbot, tmp_path: Path, base_inspection: Path, existing: bool
) -> None:
    source = new_cases_csv(tmp_path / "new-cases.csv")
    with small_tmpfs(tmp_path / "disk", 2048) as disk:
        if disk is None:
            pytest.skip(NO_MOUNT)
        db = disk / "inspection.caseaudit"
        if existing:
            db.write_bytes(base_inspection.read_bytes())
        fill(disk, 64 * 1024)
        before = db.read_bytes() if existing else None
        names = listing(disk)
        dialog = run_dialog(qtbot, db, source)
        assert dialog.outcome == "failed"
        (line,) = shown_lines(dialog)
        assert line.startswith(f"{db}: nothing imported; ")
        assert (db.read_bytes() if existing else None) == before
        assert listing(disk) == names


def test_a_read_only_disk_is_one_line_in_the_dialog(
    qtbot, tmp_path: Path, base_inspection: Path
) -> None:
    source = new_cases_csv(tmp_path / "new-cases.csv", 10)
    with small_tmpfs(tmp_path / "disk", 2048) as disk:
        if disk is None:
            pytest.skip(NO_MOUNT)
        db = disk / "inspection.caseaudit"
        db.write_bytes(base_inspection.read_bytes())
        remount_read_only(disk)
        before, names = db.read_bytes(), listing(disk)
        dialog = run_dialog(qtbot, db, source)
        assert dialog.outcome == "failed"
        (line,) = shown_lines(dialog)
        assert line.startswith(f"{db}: nothing imported; ")
        assert db.read_bytes() == before and listing(disk) == names
