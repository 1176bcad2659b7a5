"""After a merge, the Log and History follow ids matched to other ids, naming them."""

from __future__ import annotations

from pathlib import Path

from auditor.inspection import Inspection
from auditor.merging.merge import merge_packages
from tests.support.grades import GOOD, INADEQUATE
from tests.support.merge import grade_case, package

NEW_REFERENCE = "CUS-0100"


def _add_and_grade(path: Path, grade: str) -> None:
    """On one laptop: add the same new case and the same new inspector as the other laptop."""
    with Inspection.open(path) as insp:
        dana = insp.assessor("Dana Duplicate", "inspector")
        insp.add_case(dana, reference=NEW_REFERENCE, case_type="CUSTODY", summary="Invented.")
        grade_case(insp, NEW_REFERENCE, dana, grade)


def test_history_and_log_follow_ids_matched_on_merging(
    laptop_a: Path, laptop_b: Path, tmp_path: Path
) -> None:
    # Both laptops create case CUS-0100 and inspector Dana Duplicate under their own ids.
    _add_and_grade(laptop_a, GOOD)
    _add_and_grade(laptop_b, INADEQUATE)
    with Inspection.open(laptop_b) as insp:
        b_case = insp.case_by_reference(NEW_REFERENCE)
        assert b_case is not None
        b_case_id = b_case.id
    merged = tmp_path / "merged.caseaudit"
    merge_packages(
        merged, [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    )

    with Inspection.open(merged) as insp:
        case = insp.case_by_reference(NEW_REFERENCE)
        assert case is not None
        assert case.id != b_case_id  # laptop B's case was matched to laptop A's by reference
        dana = insp.assessor("Dana Duplicate", "inspector")
        log = insp.log
        history = log.history(case.id)
        overall = [e for e in history if e.field == "overall_grade"]
        # Both laptops' overall grades are in the case's history, each named.
        assert sorted(e.new_value for e in overall) == sorted([GOOD, INADEQUATE])
        assert {e.actor_name for e in overall} == {"Dana Duplicate"}
        assert {e.reference for e in history} == {NEW_REFERENCE}
        assert {e.case_id for e in history} == {case.id}
        # Filtering the log by the person finds what they did under either laptop's id.
        by_dana = log.entries(user_id=dana.id, case_id=case.id)
        assert sorted(e.new_value for e in by_dana if e.field == "overall_grade") == sorted(
            [GOOD, INADEQUATE]
        )
        # The stored rows keep the package's ids: merged, not rewritten.
        raw_case_ids = {
            r["case_id"]
            for r in insp.db.query(
                "SELECT case_id FROM audit_log WHERE field = 'overall_grade' AND new_value = ?",
                [INADEQUATE],
            )
        }
        assert raw_case_ids == {b_case_id}


def test_a_match_recorded_by_another_file_does_not_rename_a_case_here(demo: Inspection) -> None:
    """A package's log may say one of its ids became another id in its own file; here, where
    the case keeps its id, that row must not rename it (nor hide its entries by that name)."""
    case = demo.case(demo.case_list()[0][0])
    with demo.db.atomic():  # as a merged-in combination row from another laptop's file
        demo.audit(
            None,
            "combination",
            table="cases",
            record_id="0" * 32,
            field="id",
            old=case.id,
            new="0" * 32,
            detail="matched in another file",
        )
    history = demo.log.history(case.id)
    assert history
    assert {e.case_id for e in history} == {case.id}
    assert {e.reference for e in history} == {case.reference}
