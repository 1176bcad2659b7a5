"""The redacted workbook holds no name, note, summary, detail or real reference anywhere in the
file; the force's workbook holds only the cases referred back (confirmed by a supervisor)."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from auditor.exporting.export import ExportOptions, export_workbook
from auditor.inspection import Inspection


def file_text(path: Path) -> str:
    """Every XML part of the workbook, unescaped: what anyone opening the zip could read."""
    with zipfile.ZipFile(path) as archive:
        parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")]
    return html.unescape("\n".join(parts))


def private_values(inspection: Inspection) -> set[str]:
    """References, names, summaries, notes and chronology details of the demo."""
    values: set[str] = {a.name for a in inspection.assessors()}
    for row in inspection.case_list():
        case = inspection.case(row[0])
        values.add(case.reference)
        values.add(case.summary)
        values.update(e.detail for e in inspection.chronology(case.id))
        for assessment in inspection.grading.assessments(case.id):
            values.update(g.note for g in assessment.grades.values())
            values.add(assessment.override_reason)
            if assessment.referral:
                values.add(assessment.referral.note)
    return {v for v in values if v and len(v) >= 4}


def test_nothing_redacted_is_anywhere_in_the_file(tmp_path: Path, demo: Inspection) -> None:
    out = tmp_path / "redacted.xlsx"
    export_workbook(demo, out, ExportOptions(redact=True, recipient="Invented Research Unit"))
    text = file_text(out)
    secrets = private_values(demo)
    assert len(secrets) > 100  # the demo really has names, notes and references to hide
    leaked = sorted(v for v in secrets if v in text)
    assert leaked == []
    book = load_workbook(out)
    assert "Audit trail" not in book.sheetnames
    summary = [c for row in book["Summary"].iter_rows(values_only=True) for c in row]
    assert "<5" in summary  # the demo's small counts are suppressed
    cases = [r[0] for r in book["Cases"].iter_rows(min_row=2, values_only=True)]
    assert len(set(cases)) == len(demo.case_list()) and all(r.startswith("C-") for r in cases)
    chronology = {r[0] for r in book["Chronology"].iter_rows(min_row=2, values_only=True)}
    assert chronology <= set(cases)  # the same case has the same hash throughout the workbook
    about = {r[0]: r[1] for r in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Workbook"] == "redacted" and "keyed hashes" in " ".join(
        str(r[1]) for r in book["About"].iter_rows(values_only=True)
    )


def test_the_force_receives_only_confirmed_referrals(tmp_path: Path, demo: Inspection) -> None:
    desk = demo.review
    queue = desk.queue()
    assert len(queue) >= 2
    supervisor = next(a for a in demo.assessors() if a.role == "supervisor")
    confirmed = queue[0]
    desk.confirm_referral(confirmed.assessment.id, supervisor)
    out = tmp_path / "force.xlsx"
    export_workbook(demo, out, ExportOptions(for_force=True, recipient="Invented Force"))
    book = load_workbook(out)
    assert book.sheetnames == ["About", "Summary", "Timeliness", "Referred back"]
    rows = list(book["Referred back"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [confirmed.case.reference]
    assert rows[0][3] == confirmed.referral.note
    text = file_text(out)
    others = {demo.case(r[0]).reference for r in demo.case_list()} - {confirmed.case.reference}
    assert sorted(r for r in others if r in text) == []
    assert all(a.name not in text for a in demo.assessors())


def test_every_export_is_logged_as_a_disclosure(tmp_path: Path, demo: Inspection) -> None:

    export_workbook(demo, tmp_path / "a.xlsx", ExportOptions(recipient="  Invented  Unit "))
    export_workbook(demo, tmp_path / "b.xlsx", ExportOptions(redact=True))
    entries = demo.log.entries(kind="disclosure")
    assert [(e.new_value, e.detail.split(" by ")[0]) for e in entries[-2:]] == [
        ("Invented Unit", "exported the full workbook a.xlsx"),
        ("not stated", "exported the redacted workbook b.xlsx"),
    ]
