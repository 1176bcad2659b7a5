"""A team's encrypted package merges from the window into the lead's encrypted file."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.inspection import Inspection
from auditor.merging.package import write_package
from tests.support.security import MARKER_REFERENCE, PASSPHRASE
from tests.support.window import open_window, type_passphrases


def test_an_encrypted_package_merges_with_the_open_files_passphrase(
    qtbot, encrypted_path: Path, settings, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop.caseaudit"
    shutil.copyfile(encrypted_path, laptop)
    package = tmp_path / "ana.caseaudit-package"
    with Inspection.open(laptop, passphrase=PASSPHRASE) as insp:
        ana = insp.assessor("Ana Inspector", "inspector")
        case = insp.case_by_reference(MARKER_REFERENCE)
        assert case is not None
        insp.grading.set_overall(case.id, ana, "good")
        write_package(insp, package)

    type_passphrases(PASSPHRASE)  # the lead's file, asked for on opening
    window = open_window(qtbot, encrypted_path, settings)
    window.actions_by_id["merge_packages"].trigger()
    dialog = window.team_views.merge
    assert dialog is not None
    dialog.add_packages([package])
    dialog.merge_button.click()  # merged on a worker thread: no dialog can be asked there
    qtbot.waitUntil(lambda: dialog.outcome != "" and not dialog.running, timeout=30_000)
    assert dialog.outcome == "merged", dialog.stage.text()
    people = {p.name for p in window.inspection.assessors()}
    assert "Ana Inspector" in people
    window.close()
    window.inspection.close()
