"""File → Export package… and Merge packages… in the real window, on real files."""

from __future__ import annotations

from pathlib import Path

from auditor.inspection import Inspection
from auditor.merging.package import open_package
from tests.support.grades import GOOD, INADEQUATE
from tests.support.merge import REFERENCES, grade_case, package
from tests.support.window import open_window, save_screenshot


def _as(settings, name: str, role: str):
    settings.setValue("user/name", name)
    settings.setValue("user/role", role)
    return settings


def _grade(path: Path, name: str, reference: str, grade: str) -> None:
    with Inspection.open(path) as insp:
        grade_case(insp, reference, insp.assessor(name, "inspector"), grade)


def _merge(qtbot, window, packages: list[Path]):
    window.actions_by_id["merge_packages"].trigger()
    dialog = window.team_views.merge
    assert dialog is not None
    dialog.add_packages(packages)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.outcome != "" and not dialog.running, timeout=30_000)
    return dialog


def test_a_laptop_writes_its_package_from_the_window(qtbot, laptop_a: Path, settings) -> None:
    _grade(laptop_a, "Ana Inspector", REFERENCES[0], GOOD)
    window = open_window(qtbot, laptop_a, _as(settings, "Ana Inspector", "inspector"))
    window.actions_by_id["export_package"].trigger()
    dialog = window.team_views.package
    assert dialog is not None
    out = laptop_a.with_name("ana.caseaudit-package")
    dialog.path.setText(str(out))
    dialog.recipient.setText("Lee Lead")
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.outcome != "" and not dialog.running, timeout=30_000)
    save_screenshot(dialog, "export-package.png")
    assert dialog.outcome == "written", dialog.stage.text()
    assert str(out) in dialog.stage.text()
    window.close()
    window.inspection.close()

    opened = open_package(out)
    try:
        assert opened.manifest.counts["assessments"] == 1
    finally:
        opened.close()
    with Inspection.open(laptop_a) as insp:
        disclosures = list(
            insp.db.query(
                "SELECT * FROM audit_log WHERE kind = 'disclosure' AND field = 'recipient'"
            )
        )
        assert [(d["new_value"], d["detail"]) for d in disclosures] == [
            ("Lee Lead", "audit package ana.caseaudit-package")
        ]


def test_the_lead_merges_two_packages_and_sees_the_conflict(
    qtbot, laptop_a: Path, laptop_b: Path, lead: Path, settings, tmp_path: Path
) -> None:
    _grade(laptop_a, "Ana Inspector", REFERENCES[0], GOOD)
    _grade(laptop_a, "Ana Inspector", REFERENCES[1], GOOD)
    _grade(laptop_b, "Ben Inspector", REFERENCES[0], INADEQUATE)
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")
    window = open_window(qtbot, lead, _as(settings, "Lee Lead", "supervisor"))

    dialog = _merge(qtbot, window, [a, b])
    save_screenshot(dialog, "merge-packages.png")

    assert dialog.outcome == "merged", dialog.stage.text()
    assert "1 case(s) in conflict" in dialog.stage.text()
    text = dialog.result.toPlainText()
    assert "a.pkg (work of Ana Inspector)" in text and "b.pkg (work of Ben Inspector)" in text
    assert f"{REFERENCES[0]}: Ana Inspector Good, Ben Inspector Inadequate" in text  # labels
    assert dialog.resolve_button.isEnabled()
    # The window's own connection sees both inspectors' grades: nothing lost.
    insp = window.inspection
    case = insp.case_by_reference(REFERENCES[0])
    assert case is not None
    assert {a.overall_grade for a in insp.grading.assessments(case.id)} == {GOOD, INADEQUATE}

    again = _merge(qtbot, window, [a, b])
    assert again.outcome == "merged"
    assert again.stage.text().startswith("Nothing new")
    window.close()
    insp.close()


def test_a_truncated_package_is_refused_in_the_window_with_nothing_written(
    qtbot, laptop_a: Path, lead: Path, settings, tmp_path: Path
) -> None:
    _grade(laptop_a, "Ana Inspector", REFERENCES[0], GOOD)
    good = package(laptop_a, tmp_path / "a.pkg")
    broken = tmp_path / "broken.pkg"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    window = open_window(qtbot, lead, _as(settings, "Lee Lead", "supervisor"))
    window.flush_consultations()  # the opening of the first case is logged before merging
    before = window.inspection.counts()

    dialog = _merge(qtbot, window, [good, broken])

    assert dialog.outcome == "failed"
    assert dialog.stage.text().startswith("Not merged: ")
    assert "broken.pkg" in dialog.stage.text()
    assert "Traceback" not in dialog.stage.text()
    assert window.inspection.counts() == before  # checked whole: the good one is not merged
    window.close()
    window.inspection.close()


def test_a_summary_changed_on_two_laptops_is_listed_and_the_lead_resolves_it(
    qtbot, laptop_a: Path, laptop_b: Path, lead: Path, settings, tmp_path: Path
) -> None:
    for path, name in ((laptop_a, "Ana Inspector"), (laptop_b, "Ben Inspector")):
        with Inspection.open(path) as insp:
            case = insp.case_by_reference(REFERENCES[2])
            assert case is not None
            insp.update_case(insp.assessor(name, "inspector"), case.id, {"summary": f"{name}'s"})
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")
    window = open_window(qtbot, lead, _as(settings, "Lee Lead", "supervisor"))

    dialog = _merge(qtbot, window, [a, b])
    assert "1 field(s) changed in two places at once" in dialog.stage.text()
    assert f"{REFERENCES[2]}: case summary set to" in dialog.result.toPlainText()
    assert dialog.resolve_button.isEnabled()
    save_screenshot(dialog, "merge-changed-in-two-places.png")
    dialog.resolve_button.click()
    moderation = window.moderation_views.dialog
    assert moderation is not None
    moderation.tabs.setCurrentWidget(moderation.concurrent)
    tab = moderation.concurrent
    assert tab.model.rowCount() == 1
    item = tab.model.item(0)
    assert item is not None and item.reference == REFERENCES[2]
    shown = tab.model.display(item, tab.model.COL_VALUES)
    assert "“Ana Inspector's”" in shown and "“Ben Inspector's”" in shown
    kept = window.inspection.case_by_reference(REFERENCES[2]).summary
    assert tab.model.display(item, tab.model.COL_KEPT) == f"“{kept}”"
    for width, height in ((1366, 768), (1920, 1080)):
        moderation.resize(width, height)
        save_screenshot(moderation, f"moderation-changed-in-two-places-{width}.png")

    tab.resolve_button.click()  # no note yet: refused
    assert tab.message.refused
    tab.note.setPlainText("Checked against the case file")
    tab.resolve_button.click()
    assert not tab.message.refused, tab.message.text()
    assert tab.model.item(0).resolved
    assert tab.model.display(tab.model.item(0), tab.model.COL_RESOLVED).startswith("Lee Lead")
    moderation.close()
    dialog.close()
    window.close()
    window.inspection.close()
