"""Renaming an inspection: supervisors only, a blank name refused, one ledger row per change."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import Refused
from auditor.inspection import Inspection
from auditor.settings import InspectionSettings
from tests.support.reports import Ticker


@pytest.fixture
def insp(tmp_path: Path):
    inspection = Inspection.create(
        tmp_path / "named.caseaudit", name="Northmere 2018 (invented)", clock=Ticker()
    )
    yield inspection
    inspection.close()


def _renames(inspection: Inspection) -> list[dict]:
    return list(
        inspection.db.query(
            "SELECT * FROM audit_log WHERE record_table = 'inspection' AND field = 'name' "
            "ORDER BY rowid"
        )
    )


def test_a_supervisor_renames_with_a_ledger_row_and_the_name_is_kept(
    insp: Inspection, tmp_path: Path
) -> None:
    sue = insp.assessor("Sue Invented", "supervisor")
    kept = InspectionSettings(insp).rename(sue, "  Northmere   2018 review  ")
    assert kept == "Northmere 2018 review"
    assert insp.name == "Northmere 2018 review"
    [row] = _renames(insp)
    assert (row["actor_id"], row["kind"], row["record_id"]) == (
        sue.id,
        "alteration",
        insp.inspection_id,
    )
    assert (row["old_value"], row["new_value"]) == (
        "Northmere 2018 (invented)",
        "Northmere 2018 review",
    )
    InspectionSettings(insp).rename(sue, "Northmere 2018 review")  # the same name: no row
    assert len(_renames(insp)) == 1
    insp.close()
    with Inspection.open(tmp_path / "named.caseaudit") as again:
        assert again.name == "Northmere 2018 review"
        assert len(_renames(again)) == 1


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_blank_name_is_refused_and_nothing_changes(insp: Inspection, name: str) -> None:
    sue = insp.assessor("Sue Invented", "supervisor")
    with pytest.raises(Refused, match="the new name is blank"):
        InspectionSettings(insp).rename(sue, name)
    assert insp.name == "Northmere 2018 (invented)"
    assert _renames(insp) == []


def test_an_inspector_may_not_rename(insp: Inspection) -> None:
    ann = insp.assessor("Ann Invented", "inspector")
    with pytest.raises(Refused, match="Only a supervisor can rename the inspection"):
        InspectionSettings(insp).rename(ann, "Another name")
    assert insp.name == "Northmere 2018 (invented)"
    assert _renames(insp) == []


def test_an_over_long_name_is_refused(insp: Inspection) -> None:
    sue = insp.assessor("Sue Invented", "supervisor")
    with pytest.raises(Refused, match="at most 120"):
        InspectionSettings(insp).rename(sue, "N" * 121)
    assert _renames(insp) == []
