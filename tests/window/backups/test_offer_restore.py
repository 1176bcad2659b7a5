"""offer_restore: a file that cannot be opened is named with its problem, and a backup of it
is restored into a new file (the damaged file is left as it is)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from auditor.backups import take_backup
from auditor.inspection import Inspection
from tests.support.window import save_screenshot
from ui.common.paths import backups_root
from ui.files.restore_dialog import RestoreDialog, offer_restore


def when_dialog_opens(act) -> None:
    """Run ``act(dialog)`` once the modal restore dialog is showing."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RestoreDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def damage(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(8192)
        handle.write(b"\x5a" * (size - 8192))


def test_offer_restore_names_the_problem_and_restores_a_new_file(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    with Inspection.open(demo_path) as inspection:
        cases = inspection.counts()["cases"]
        take_backup(inspection, backups_root())
    damage(demo_path)
    damaged = demo_path.read_bytes()
    target = tmp_path / "rescued.caseaudit"
    seen: dict[str, object] = {}

    def act(dialog: RestoreDialog) -> None:
        seen["problem"] = dialog.problem.text()
        seen["rows"] = dialog.model.rowCount()
        save_screenshot(dialog, "offer-restore.png")
        dialog.ask_target = lambda _parent, suggested: (
            seen.setdefault("suggested", suggested) and target
        )
        dialog.restore_button.click()

    when_dialog_opens(act)
    restored = offer_restore(
        None, demo_path, "the file is damaged (database disk image is malformed)"
    )
    assert restored == target
    assert "malformed" in str(seen["problem"]) and str(demo_path) in str(seen["problem"])
    assert seen["rows"] == 1
    assert "restored" in Path(str(seen["suggested"])).name
    with Inspection.open(target) as rescued:
        assert rescued.counts()["cases"] == cases
        assert rescued.integrity() == ["ok"]
    assert demo_path.read_bytes() == damaged  # the damaged file is not touched


def test_offer_restore_without_backups_says_so_and_returns_none(qtbot, demo_path: Path) -> None:
    seen: dict[str, object] = {}

    def act(dialog: RestoreDialog) -> None:
        seen["intro"] = dialog.intro.text()
        seen["enabled"] = dialog.restore_button.isEnabled()
        dialog.close_button.click()

    when_dialog_opens(act)
    assert offer_restore(None, demo_path, "failed its integrity check") is None
    assert "no backups" in str(seen["intro"])
    assert seen["enabled"] is False


def test_restoring_onto_an_existing_file_is_refused_in_words(
    qtbot, demo: Inspection, tmp_path: Path
) -> None:
    take_backup(demo, backups_root())
    existing = tmp_path / "existing.caseaudit"
    existing.write_bytes(b"keep me")
    dialog = RestoreDialog(demo.path)
    qtbot.addWidget(dialog)
    dialog.ask_target = lambda _parent, _suggested: existing
    dialog.restore_button.click()
    assert "already exists" in dialog.message.text()
    assert existing.read_bytes() == b"keep me"
    assert dialog.restored_path is None
    dialog.ask_target = lambda _parent, _suggested: demo.path
    dialog.restore_button.click()
    assert "already exists" in dialog.message.text()
    dialog.ask_target = lambda _parent, _suggested: None  # Save dialog cancelled
    dialog.restore_button.click()
    assert dialog.restored_path is None
