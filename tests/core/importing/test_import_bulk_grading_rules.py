"""The bulk-grading import's rules: a decided referral refuses the import naming the cell (and
the same flag again is allowed), compared with the grading desk one edit at a time
(``tests/support/desk_import.py``); the status of a working copy is ``derive_status``'s."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.grading.rules import (
    CLOSED,
    CONFIRMED,
    DECISION_AGREE,
    DECISION_DISAGREE,
    DECISION_RETURN,
    FLAGGED,
    NOT_REFERRED_STATE,
    QA_REVIEW,
    REFERRAL_REVIEW,
    Review,
    derive_status,
)
from auditor.importing.gradings import _Desk
from auditor.importing.working import Working
from auditor.inspection import Inspection
from tests.support.bulk_grading import (
    FRAMEWORK,
    OTHER_REASON,
    REASON,
    SAM,
    SUE,
    by_desk,
    grade_fully,
    graded_sheet,
    start,
)
from tests.support.desk_import import assert_same, import_both_ways, rows_of
from tests.support.signed import key_passphrase

__all__ = ["key_passphrase", "start"]  # fixtures: the key passphrase in the environment
# with nobody signed in; the sample's cases, ungraded


# --- refusals ------------------------------------------------------------------------------


def test_a_decided_referral_refuses_the_import_naming_the_cell(tmp_path: Path, start: Path) -> None:
    def decided(inspection: Inspection, people) -> None:
        sam, sue = people[SAM], people[SUE]
        for reference in ("IMP-001", "IMP-002"):
            cid = grade_fully(inspection, sam, reference, "inadequate")
            inspection.grading.set_referral(cid, sam, REASON, "The child was not seen")
            assessment = inspection.grading.assessment(cid, sam.id)
            inspection.review.confirm_referral(assessment.id, sue)

    by_desk(start, decided)
    before = rows_of(start)
    same_flag = {"referred": "Yes", "reason": REASON, "referral_note": "The child was not seen"}
    sheet = graded_sheet(
        tmp_path / "decided.xlsx",
        [
            {"reference": "IMP-001", "assessor": SAM, "voice_of_child": "Good"} | same_flag,
            {"reference": "IMP-002", "assessor": SAM, "referred": "Yes", "reason": OTHER_REASON}
            | {"referral_note": "Another reason"},
            {"reference": "IMP-003", "assessor": SAM, "voice_of_child": "Good"},
        ],
    )
    bulk, desk = import_both_ways(tmp_path, start, [sheet])
    assert_same(bulk, desk)
    assert bulk[0].said == [
        "refused",
        "Cases, row 3, Referred back: IMP-002 graded by Sam Other: a referral a supervisor "
        "has decided cannot be changed (it is confirmed)",
    ]
    assert bulk[0].rows == before  # nothing written

    # The same flag again on a decided referral changes nothing, and is not refused.
    allowed = graded_sheet(
        tmp_path / "allowed.xlsx",
        [{"reference": "IMP-001", "assessor": SAM, "voice_of_child": "Good"} | same_flag],
    )
    bulk, desk = import_both_ways(tmp_path, start, [allowed])
    assert_same(bulk, desk)
    assert "1 cases' gradings imported" in bulk[0].said[2]


# --- the status of a working copy is derive_status's ----------------------------------------


@st.composite
def working_copies(draw) -> tuple[str, Working]:
    case_type = draw(st.sampled_from([t.code for t in FRAMEWORK.case_types]))
    codes = [None, *(g.code for g in FRAMEWORK.grades), FRAMEWORK.not_applicable.code]
    grades = {}
    for criterion in FRAMEWORK.criteria:
        if draw(st.integers(0, 9)) < 8 and (criterion.applies(case_type) or draw(st.booleans())):
            grades[criterion.id] = {
                "id": criterion.id,
                "grade": draw(st.sampled_from(codes)),
                "note": draw(st.sampled_from(["", "", "a note"])),
            }
    overall = draw(st.sampled_from([None, *(g.code for g in FRAMEWORK.grades)]))
    referral = None
    if draw(st.booleans()):
        referral = {
            "id": "r",
            "assessment_id": "a",
            "reason": draw(st.sampled_from(["", REASON])),
            "note": draw(st.sampled_from(["", "  ", "Not seen"])),
            "state": draw(st.sampled_from([FLAGGED, CONFIRMED, NOT_REFERRED_STATE, CLOSED, "x"])),
            "flagged_by": "p",
            "flagged_at": "t",
        }
    reviews = tuple(
        Review(
            id=f"v{n}",
            assessment_id="a",
            reviewer_id="s",
            kind=draw(st.sampled_from([QA_REVIEW, REFERRAL_REVIEW])),
            decision=draw(st.sampled_from([DECISION_AGREE, DECISION_DISAGREE, DECISION_RETURN])),
            note="",
            created_at="t",
            answered_at=draw(st.sampled_from([None, "later"])),
        )
        for n in range(draw(st.integers(0, 2)))
    )
    row = {
        "id": "a",
        "case_id": "c",
        "assessor_id": "p",
        "overall_grade": overall,
        "override_reason": draw(st.sampled_from(["", " ", "Seen as good"])),
        "status": "in_progress",
        "updated_at": "t",
    }
    return case_type, Working(row, grades, referral, reviews)


@settings(max_examples=500, deadline=None)
@given(copy=working_copies())
def test_the_status_of_a_working_copy_is_what_derive_status_says(copy) -> None:
    case_type, working = copy
    desk = _Desk(SimpleNamespace(framework=FRAMEWORK, new_id=lambda: "x"))
    assert desk._status(case_type, working) == derive_status(
        FRAMEWORK, case_type, working.assessment()
    )
