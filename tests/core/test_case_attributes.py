"""Case attributes (framework format 2): stored per case, imported and exported as columns
headed by their labels, changed with audit rows, choosing the criteria that apply; a file of
schema version 8 opens and behaves as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library
from sqlite_utils import Database

from auditor.case_material import InspectionError
from auditor.exporting.export import export_workbook
from auditor.framework import bundled_framework, parse_framework
from auditor.importing.problems import ImportRefused
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from db.connection import APPLICATION_ID
from db.schema import SCHEMA_VERSION, STEPS
from tests.support.case_attributes import (
    ATTRIBUTES_TOML,
    HEADINGS,
    IMPORTER,
    imported_inspection,
    new_inspection,
    workbook,
)
from tests.support.importing import snapshot


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """An inspection of the invented framework with ``ROWS`` imported."""
    return imported_inspection(tmp_path)


def cases_sheet(path: Path) -> list[list[object]]:
    book = load_workbook(path)
    try:
        return [list(row) for row in book["Cases"].iter_rows(values_only=True)]
    finally:
        book.close()


# --- a file of the previous schema ----------------------------------------------------------


def make_version_8_file(path: Path) -> None:
    """A file as schema version 8 wrote it: a case graded on one criterion, with its ledger."""
    db = Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    STEPS.migrations().apply(db, stop_before="0009_case_attributes_and_prompt_ticks")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 8
    fw = bundled_framework()
    at = "2026-11-02T09:00:00.000Z"
    db["inspection"].insert({"id": "i1", "name": "Old", "force": "F", "created_at": at})
    db["framework"].insert(
        {
            "id": fw.id,
            "name": fw.name,
            "version": fw.version,
            "sha256": fw.sha256,
            "source_toml": fw.toml_text,
            "added_at": at,
        }
    )
    db["assessors"].insert({"id": "p1", "name": "Ann Old", "role": "inspector", "created_at": at})
    db["cases"].insert(
        {
            "id": "c1",
            "reference": "OLD-1",
            "case_type": "CUSTODY",
            "borough": "Ashvale",
            "bcu": "North BCU",
            "created_at": at,
            "updated_at": at,
        }
    )
    db["assessments"].insert(
        {
            "id": "a1",
            "case_id": "c1",
            "assessor_id": "p1",
            "status": "in_progress",
            "started_at": at,
            "updated_at": at,
        }
    )
    db["criterion_grades"].insert(
        {
            "id": "g1",
            "assessment_id": "a1",
            "criterion_id": "voice_of_child",
            "grade": "good",
            "graded_by": "p1",
            "graded_at": at,
        }
    )
    db.close()


def test_a_version_8_file_opens_and_behaves_as_before(tmp_path: Path) -> None:
    path = tmp_path / "old.caseaudit"
    make_version_8_file(path)
    with Inspection.open(path) as insp:
        assert insp.schema_version() == SCHEMA_VERSION == 9
        case = insp.case("c1")
        assert (case.reference, case.borough, case.bcu, case.attributes) == (
            "OLD-1",
            "Ashvale",
            "North BCU",
            {},
        )
        ann = insp.assessors()[0]
        assessment = insp.grading.assessment("c1", ann.id)
        assert assessment is not None and assessment.grade_of("voice_of_child") == "good"
        insp.grading.set_grade("c1", ann, "voice_of_child", "inadequate")
        insp.update_case(ann, "c1", {"team": "Invented team"})
        export_workbook(insp, tmp_path / "old.xlsx")
    rows = cases_sheet(tmp_path / "old.xlsx")
    # format 1: the police headings, no attribute or prompt columns
    assert rows[0][:8] == [
        "Case reference",
        "Case type",
        "Borough",
        "BCU",
        "Team",
        "Date opened",
        "Summary",
        "Force grade",
    ]
    assert not any(str(h).endswith(" prompts") for h in rows[0])
    custody = bundled_framework().case_type_label("CUSTODY")
    assert rows[1][:5] == ["OLD-1", custody, "Ashvale", "North BCU", "Invented team"]
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT attributes FROM cases").fetchall()
        ticks = conn.execute("SELECT prompts FROM criterion_grades").fetchall()
    assert stored == [("{}",)] and ticks == [("",)]


# --- import and export --------------------------------------------------------------------


def test_attributes_are_imported_by_their_labels(imported: Path) -> None:
    with Inspection.open(imported) as insp:
        found = {r: insp.case_by_reference(r) for r in ("LIC-1", "LIC-2", "LIC-3", "ORD-1")}
        attributes = {r: c.attributes for r, c in found.items() if c is not None}
        areas = {r: (c.borough, c.bcu) for r, c in found.items() if c is not None}
    assert attributes == {
        "LIC-1": {"licence_weeks": 8, "tier": "two"},
        "LIC-2": {"licence_weeks": 9},
        "LIC-3": {},
        "ORD-1": {"licence_weeks": 7.5, "tier": "one"},
    }
    assert areas["LIC-1"] == ("North", "PDU A")  # Region and PDU are the area columns
    with sqlite3.connect(imported) as conn:
        stored = dict(conn.execute("SELECT reference, attributes FROM cases").fetchall())
    assert json.loads(stored["LIC-1"]) == {"licence_weeks": 8, "tier": "two"}
    assert stored["LIC-3"] == "{}"


def test_an_attribute_column_may_be_headed_by_its_id(tmp_path: Path) -> None:
    path = tmp_path / "ids.caseaudit"
    new_inspection(path).close()
    headings = ["Case reference", "Case type", "licence_weeks", "TIER"]
    import_file(path, workbook(tmp_path / "ids.xlsx", headings, [["L-1", "LICENCE", 4, "x"]]), "R")
    with Inspection.open(path) as insp:
        case = insp.case_by_reference("L-1")
        assert case is not None and case.attributes == {"licence_weeks": 4, "tier": "x"}


def test_the_export_shows_them_back_and_round_trips(imported: Path, tmp_path: Path) -> None:
    with Inspection.open(imported) as insp:
        export_workbook(insp, tmp_path / "out.xlsx")
    rows = cases_sheet(tmp_path / "out.xlsx")
    headings = rows[0]
    assert headings[:4] == ["Case reference", "Case type", "Region", "PDU"]
    assert "Borough" not in headings and "BCU" not in headings
    assert "Local rating" in headings and "Force grade" not in headings
    at = {name: headings.index(name) for name in ("Licence weeks", "Tier")}
    by_reference = {row[0]: row for row in rows[1:]}
    assert [by_reference[r][at["Licence weeks"]] for r in ("LIC-1", "LIC-2", "LIC-3", "ORD-1")] == [
        8,
        9,
        None,
        7.5,
    ]
    assert by_reference["LIC-1"][at["Tier"]] == "two"
    assert by_reference["LIC-2"][at["Tier"]] is None

    again = tmp_path / "again.caseaudit"
    new_inspection(again).close()
    import_file(again, tmp_path / "out.xlsx", IMPORTER)
    with Inspection.open(imported) as first, Inspection.open(again) as second:
        for reference in ("LIC-1", "LIC-2", "LIC-3", "ORD-1"):
            one, two = first.case_by_reference(reference), second.case_by_reference(reference)
            assert one is not None and two is not None
            assert (two.attributes, two.borough, two.bcu) == (one.attributes, one.borough, one.bcu)


def test_no_second_area_column_when_the_framework_has_none(tmp_path: Path) -> None:
    framework = parse_framework(
        ATTRIBUTES_TOML.replace('area_2 = "PDU"', 'area_2 = ""'), "one_area.toml"
    )
    path = tmp_path / "one.caseaudit"
    Inspection.create(path, name="One area", framework=framework).close()
    headings = ["Case reference", "Case type", "Region"]
    source = workbook(tmp_path / "one.xlsx", headings, [["O-1", "Licence", "N"]])
    import_file(path, source, IMPORTER)
    with Inspection.open(path) as insp:
        export_workbook(insp, tmp_path / "one_out.xlsx")
    headings = cases_sheet(tmp_path / "one_out.xlsx")[0]
    assert headings[:3] == ["Case reference", "Case type", "Region"]
    assert "PDU" not in headings and "BCU" not in headings
    refused = workbook(
        tmp_path / "pdu.xlsx", ["Case reference", "Case type", "PDU"], [["O-2", "Licence", "x"]]
    )
    with pytest.raises(ImportRefused) as caught:
        import_file(path, refused, IMPORTER)
    assert any("PDU" in line and "unknown column" in line for line in caught.value.problems.lines())


def test_a_bad_number_is_refused_naming_the_cell(imported: Path, tmp_path: Path) -> None:
    before = snapshot(imported)
    rows = [["NEW-1", "Licence", "N", "P", 3, None], ["NEW-2", "Licence", "N", "P", "eight", None]]
    with pytest.raises(ImportRefused) as caught:
        import_file(imported, workbook(tmp_path / "bad.xlsx", HEADINGS, rows), IMPORTER)
    lines = caught.value.problems.lines()
    assert len(lines) == 1
    assert lines[0].startswith("Cases, row 3, Licence weeks: ")
    assert "'eight' is not a number" in lines[0]
    assert snapshot(imported) == before  # nothing written, not even NEW-1


def test_a_text_attribute_takes_any_text(imported: Path, tmp_path: Path) -> None:
    rows = [["LIC-3", "Licence", "South", "PDU B", None, 3]]
    import_file(imported, workbook(tmp_path / "tier.xlsx", HEADINGS, rows), IMPORTER)
    with Inspection.open(imported) as insp:
        case = insp.case_by_reference("LIC-3")
        assert case is not None and case.attributes == {"tier": "3"}


# --- changes and their ledger ----------------------------------------------------------------


def attribute_rows(path: Path) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT field, old_value, new_value FROM audit_log WHERE field LIKE 'attributes.%' "
            "ORDER BY rowid"
        ).fetchall()


def test_a_change_is_one_audit_row_per_attribute(imported: Path, tmp_path: Path) -> None:
    with Inspection.open(imported) as insp:
        user = insp.assessor("Lee Lead", "supervisor")
        case = insp.case_by_reference("LIC-1")
        assert case is not None
        changed = insp.update_case(
            user, case.id, {"attributes": {"licence_weeks": 6, "tier": None}, "team": "T"}
        )
        assert changed.attributes == {"licence_weeks": 6}
        assert changed.team == "T"
        same = insp.update_case(user, case.id, {"attributes": {"licence_weeks": 6.0}})
        assert same == changed
        with pytest.raises(InspectionError, match="not a number"):
            insp.update_case(user, case.id, {"attributes": {"licence_weeks": "six"}})
        with pytest.raises(InspectionError, match="not a case attribute"):
            insp.update_case(user, case.id, {"attributes": {"colour": "red"}})
    assert attribute_rows(imported) == [
        ("attributes.licence_weeks", "8", "6"),
        ("attributes.tier", "two", None),
    ]
    # a re-import changing one: its audit row, as the import changes other details
    rows = [["LIC-2", "Licence", "North", "PDU A", 12, None]]
    import_file(imported, workbook(tmp_path / "re.xlsx", HEADINGS, rows), IMPORTER)
    assert attribute_rows(imported)[-1] == ("attributes.licence_weeks", "9", "12")
