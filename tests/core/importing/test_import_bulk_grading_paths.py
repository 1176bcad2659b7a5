"""The import writes gradings in bulk, and leaves the same file as the grading desk would:
new inspections, prior grades, signed inspections and random grading sheets.

Each test imports the same workbooks twice from the same start, on the same fixed clock and
ids: once by the bulk path, once through the grading desk one edit at a time
(``tests/support/desk_import.py``), and compares every row of every table, audit log
included, in the order written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.audit.verify import verify_ledger
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from auditor.people import session
from auditor.people.keys import new_key
from tests.support.bulk_grading import (
    OTHER_REASON,
    REASON,
    ROBIN,
    SAM,
    SUE,
    TYPES,
    by_desk,
    case_id,
    criteria,
    every,
    grade_fully,
    graded_sheet,
    small_chunks,
    start,
    statuses,
)
from tests.support.desk_import import assert_same, import_both_ways
from tests.support.importing import CASES, CASES_HEADINGS, write_workbook
from tests.support.signed import PASSPHRASE, key_passphrase

__all__ = ["key_passphrase", "small_chunks", "start"]  # fixtures: the key passphrase in the
# environment with nobody signed in; two gradings a chunk; the sample's cases, ungraded


# --- new inspections ---------------------------------------------------------------------


def test_a_new_inspection_graded_every_way_is_the_same_file(tmp_path: Path) -> None:
    first = graded_sheet(
        tmp_path / "first.xlsx",
        [
            every("IMP-001", overall="Good", **{"voice_of_child note": "Seen alone"}),
            every("IMP-002", overall="Good", override="The force put it right at once")
            | {"supervision": "Inadequate"},
            {"reference": "IMP-003", "voice_of_child": "RI", "supervision note": "None found"},
            every("NEW-004", "Inadequate", overall="Inadequate", referred="Yes")
            | {"reason": REASON, "referral_note": "Left at home overnight"},
            every("NEW-005", overall="Requires improvement", referred="Yes", reason="Other"),
            {"reference": "NEW-006", "merlin_timeliness note": "Only a note"},
            every("NEW-007", "N/A", overall="Good") | {"voice_of_child": "Good"},
            {"reference": "NEW-008", "overall": "Good"},
            {"reference": "NEW-009"},  # a case with no gradings
        ],
    )
    bulk, desk = import_both_ways(tmp_path, None, [first])
    assert_same(bulk, desk)
    assert statuses(bulk[0]) == {
        "IMP-001": "complete",
        "IMP-002": "complete",
        "IMP-003": "in_progress",
        "NEW-004": "awaiting_review",
        "NEW-005": "in_progress",  # a referral needs a note
        "NEW-006": "in_progress",
        "NEW-007": "complete",
        "NEW-008": "in_progress",
    }
    assert "9 cases added, 0 cases updated" in bulk[0].said[0]
    assert "8 cases' gradings imported" in bulk[0].said[2]


def test_a_second_file_onto_the_first_changes_what_it_says_and_no_more(tmp_path: Path) -> None:
    first = graded_sheet(
        tmp_path / "first.xlsx",
        [
            every("IMP-001", overall="Good"),
            every("IMP-002", overall="Good"),
            {"reference": "IMP-003", "voice_of_child": "Good"},
            every("NEW-004", "Inadequate", overall="Inadequate", referred="Yes")
            | {"reason": REASON, "referral_note": "Left at home overnight"},
            every("NEW-005", overall="Good", referred="Yes", reason="Other"),
        ],
    )
    second = graded_sheet(
        tmp_path / "second.xlsx",
        [
            # complete -> in progress (differs from the suggestion) -> complete (a reason)
            every("IMP-001", overall="Good", override="Seen as good on the day")
            | {"supervision": "Inadequate"},
            every("IMP-002", overall="Good"),  # the same again: nothing written
            every("IMP-003", overall="Good"),  # in progress -> complete
            every("NEW-004", "Inadequate", overall="Inadequate", referred="Yes")
            | {"reason": OTHER_REASON, "referral_note": "Strategy meeting missed"},
            {"reference": "NEW-005", "referred": "Yes", "reason": "Other"}
            | {"referral_note": "Now with a note"},  # in progress -> awaiting review
            {"reference": "NEW-006", "type": "CUSTODY"},  # blank gradings change nothing
        ],
    )
    bulk, desk = import_both_ways(tmp_path, None, [first, second, second])
    assert_same(bulk, desk)
    ids = {row[2]: row[1] for row in bulk[1].rows["cases"]}
    logged = bulk[1].rows["audit_log"][len(bulk[0].rows["audit_log"]) :]
    # (case, field, old, new) of the second file's audit rows about assessments
    changes = [(r[5], r[8], r[9], r[10]) for r in logged if r[6] == "assessments"]
    assert changes == [
        (ids["IMP-001"], "status", "complete", "in_progress"),
        (ids["IMP-001"], "override_reason", "", "Seen as good on the day"),
        (ids["IMP-001"], "status", "in_progress", "complete"),
        (ids["IMP-003"], "overall_grade", None, "good"),
        (ids["IMP-003"], "status", "in_progress", "complete"),
        (ids["NEW-005"], "status", "in_progress", "awaiting_review"),
    ]
    assert "5 cases' gradings imported" in bulk[0].said[2]
    assert "4 cases' gradings imported" in bulk[1].said[2]
    assert bulk[2].said[0].startswith("Nothing changed")
    assert bulk[2].rows == bulk[1].rows


# --- existing inspections: prior grades by the same and other assessors --------------------


@pytest.mark.parametrize("chunks", ["one chunk", "small chunks"])
def test_prior_grades_by_the_importer_and_others_are_changed_as_the_desk_would(
    tmp_path: Path, start: Path, chunks: str, request: pytest.FixtureRequest
) -> None:
    if chunks == "small chunks":
        request.getfixturevalue("small_chunks")

    def prior(inspection: Inspection, people) -> None:
        robin, sam, sue = people[ROBIN], people[SAM], people[SUE]
        grade_fully(inspection, robin, "IMP-001")
        cid = grade_fully(inspection, sam, "IMP-002", "inadequate")
        inspection.grading.set_referral(cid, sam, REASON, "The child was not seen")
        grade_fully(inspection, sam, "IMP-001", "requires_improvement")
        cid = grade_fully(inspection, sam, "IMP-003")
        assessment = inspection.grading.assessment(cid, sam.id)
        inspection.review.quality_assure(assessment.id, sue, False, "Why good?")  # returned
        inspection.grading.set_note(case_id(inspection, "IMP-002"), robin, "supervision", "Hm")

    by_desk(start, prior)
    sheet = graded_sheet(
        tmp_path / "prior.xlsx",
        [
            {"reference": "IMP-001", "supervision": "Inadequate", "overall": "Inadequate"},
            {"reference": "IMP-002", "assessor": "sam  OTHER", "voice_of_child": "Good"}
            | {"referred": "Yes", "reason": OTHER_REASON, "referral_note": "Changed my mind"},
            {"reference": "IMP-003", "assessor": SAM, "supervision": "RI"},
            every("NEW-010", assessor="New Person", overall="Good"),  # added to the roster
            every("NEW-011", "RI", assessor=ROBIN, overall="Requires improvement"),
            every("NEW-012", assessor="New Person", referred="Yes", reason=REASON),
        ],
    )
    bulk, desk = import_both_ways(tmp_path, start, [sheet])
    assert_same(bulk, desk)
    assert bulk[0].said[:3] == [
        "3 cases added, 0 cases updated",
        "0 chronology events added, 0 documents attached",
        "6 cases' gradings imported",
    ]
    statuses = {row[1]: row[6] for row in bulk[0].rows["assessments"]}
    assert "returned" in statuses.values()  # IMP-003 stays returned to Sam


# --- signed inspections -----------------------------------------------------------------


def test_a_signed_inspection_gets_the_same_signed_ledger_and_it_verifies(
    tmp_path: Path, small_chunks
) -> None:
    lee = new_key("Lee Lead", PASSPHRASE)
    start = tmp_path / "signed.caseaudit"
    Inspection.create(start, name="Signed", lead=lee).close()
    session.sign_in_here(start, lee)
    import_file(
        start, write_workbook(tmp_path / "cases.xlsx", {"Cases": [CASES_HEADINGS, *CASES]}), "x"
    )
    session.forget(start)
    first = graded_sheet(
        tmp_path / "first.xlsx",
        [
            every("IMP-001", overall="Good"),
            every("IMP-002", "Inadequate", assessor="Ann Inspector", overall="Inadequate")
            | {"referred": "Yes", "reason": REASON, "referral_note": "Not seen"},
            {"reference": "IMP-003", "voice_of_child": "Good", "assessor": "Ben Other"},
        ],
    )
    second = graded_sheet(
        tmp_path / "second.xlsx",
        [{"reference": "IMP-001", "supervision": "Inadequate", "overall": "Inadequate"}],
    )
    bulk, desk = import_both_ways(tmp_path, start, [first, second], key=lee)
    assert_same(bulk, desk)
    for name in ("bulk", "desk"):
        with Inspection.open(tmp_path / f"{name}.caseaudit") as inspection:
            report = verify_ledger(inspection)
        assert report.ok, report.problems
        assert report.signed and report.signed_rows > 0


def test_a_new_signed_file_from_a_graded_workbook(tmp_path: Path) -> None:
    lee = new_key("Lee Lead", PASSPHRASE)
    sheet = graded_sheet(
        tmp_path / "graded.xlsx",
        [every("IMP-001", overall="Good"), every("IMP-002", assessor="Ann Inspector")],
    )
    bulk, desk = import_both_ways(tmp_path, None, [sheet], key=lee)
    assert_same(bulk, desk)
    with Inspection.open(tmp_path / "bulk.caseaudit") as inspection:
        assert verify_ledger(inspection).ok


# --- random grading sheets -----------------------------------------------------------------

GRADE_CELLS = st.sampled_from([None, None, "Good", "RI", "Inadequate", "N/A", "good "])
OVERALL_CELLS = st.sampled_from([None, None, "Good", "Requires improvement", "Inadequate"])
TEXT_CELLS = st.sampled_from([None, None, "", "Seen", "Not seen at all"])


@st.composite
def grading_rows(draw) -> list[dict[str, Any]]:
    rows = []
    for reference in TYPES:
        if not draw(st.booleans()):
            continue
        row: dict[str, Any] = {
            "reference": reference,
            "assessor": draw(st.sampled_from([None, ROBIN, SAM, "Pat New"])),
        }
        for criterion in criteria(reference):
            row[criterion] = draw(GRADE_CELLS)
            row[f"{criterion} note"] = draw(TEXT_CELLS)
        row["overall"] = draw(OVERALL_CELLS)
        row["override"] = draw(TEXT_CELLS)
        if draw(st.booleans()):
            row["referred"] = "Yes"
            row["reason"] = draw(
                st.sampled_from([REASON, "Other", "Child protection procedures not followed"])
            )
            row["referral_note"] = draw(TEXT_CELLS)
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def prior_start(tmp_path_factory: pytest.TempPathFactory, base_inspection: Path) -> Path:
    """The sample's cases: Sam has graded one and flagged another (confirmed by Sue); Robin
    has started one."""
    path = tmp_path_factory.mktemp("prior") / "prior.caseaudit"
    shutil.copyfile(base_inspection, path)

    def prior(inspection: Inspection, people) -> None:
        sam, sue, robin = people[SAM], people[SUE], people[ROBIN]
        grade_fully(inspection, sam, "IMP-001")
        cid = grade_fully(inspection, sam, "IMP-002", "inadequate")
        inspection.grading.set_referral(cid, sam, REASON, "Not seen")
        inspection.review.confirm_referral(inspection.grading.assessment(cid, sam.id).id, sue)
        inspection.grading.set_grade(case_id(inspection, "IMP-003"), robin, "supervision", "good")

    by_desk(path, prior)
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=grading_rows(), second=grading_rows())
def test_random_grading_sheets_leave_the_same_file_both_ways(
    tmp_path_factory: pytest.TempPathFactory, prior_start: Path, small_chunks, first, second
) -> None:
    folder = tmp_path_factory.mktemp("random")
    sources = [
        graded_sheet(folder / "first.xlsx", first),
        graded_sheet(folder / "second.xlsx", second),
    ]
    bulk, desk = import_both_ways(folder, prior_start, sources)
    assert_same(bulk, desk)
