"""The import writes gradings in bulk, and leaves the same file as the grading desk would.

Each test imports the same workbooks twice from the same start, on the same fixed clock and
ids: once by the bulk path, once through the grading desk one edit at a time
(``tests/support/desk_import.py``), and compares every row of every table, audit log
included, in the order written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.audit.verify import verify_ledger
from auditor.framework import bundled_framework
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
from auditor.importing import gradings
from auditor.importing.gradings import _Desk
from auditor.importing.run import import_file
from auditor.importing.working import Working
from auditor.inspection import Inspection
from auditor.people import SUPERVISOR, session
from auditor.people.keys import new_key
from tests.support.desk_import import assert_same, import_both_ways, rows_of
from tests.support.importing import CASES, CASES_HEADINGS, write_workbook
from tests.support.signed import PASSPHRASE, key_passphrase

__all__ = ["key_passphrase"]  # the key passphrase in the environment, nobody signed in

FRAMEWORK = bundled_framework()
TYPES = {"IMP-001": "MISSING", "IMP-002": "S47", "IMP-003": "CUSTODY"}
LABELS = {t.code: t.label for t in FRAMEWORK.case_types}
REASON, OTHER_REASON = "child_at_risk", "procedures_not_followed"
ROBIN, SAM, SUE = "Robin Example", "Sam Other", "Sue Visor"


def criteria(reference: str) -> list[str]:
    return [c.id for c in FRAMEWORK.criteria_for(TYPES.get(reference, "S47"))]


def graded_sheet(path: Path, rows: list[dict[str, Any]]) -> Path:
    """A Cases sheet of ``rows``: each names its reference (and type, when not one of the
    sample's), and any of: assessor, criterion ids (grades), "<id> note", overall, override,
    referred, reason, referral_note."""
    headings = [*CASES_HEADINGS, "Assessor"]
    for criterion in FRAMEWORK.criteria:
        headings += [criterion.id, f"{criterion.id} note"]
    headings += ["Overall grade", "Override reason", "Referred back", "Referral reason"]
    headings += ["Referral note"]
    sample = {row[0]: row for row in CASES}
    table = [headings]
    for given_row in rows:
        reference = given_row["reference"]
        base = sample.get(reference) or [
            reference,
            given_row.get("type", "S47"),
            "",
            "",
            "",
            "",
            "Added by a graded file",
        ]
        values: dict[str, Any] = {
            "Assessor": given_row.get("assessor"),
            "Overall grade": given_row.get("overall"),
            "Override reason": given_row.get("override"),
            "Referred back": given_row.get("referred"),
            "Referral reason": given_row.get("reason"),
            "Referral note": given_row.get("referral_note"),
        }
        for key, value in given_row.items():
            if FRAMEWORK.criterion(key.removesuffix(" note")) is not None:
                values[key] = value
        table.append([*base, *(values.get(h) for h in headings[len(CASES_HEADINGS) :])])
    return write_workbook(path, {"Cases": table})


def statuses(outcome) -> dict[str, str]:
    """Case reference -> status of its assessments (one assessor's each) after an import."""
    references = {row[1]: row[2] for row in outcome.rows["cases"]}
    return {references[row[2]]: row[6] for row in outcome.rows["assessments"]}


def every(reference: str, grade: str = "Good", **more: Any) -> dict[str, Any]:
    """A row grading every criterion of the case ``grade``, with ``more``."""
    return {"reference": reference, **dict.fromkeys(criteria(reference), grade), **more}


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two gradings a chunk: the rows are written, and the next read, many times a file."""
    monkeypatch.setattr(gradings, "FLUSH_EVERY", 2)


@pytest.fixture
def start(tmp_path: Path, base_inspection: Path) -> Path:
    """The sample's three cases, with no grades."""
    path = tmp_path / "start.caseaudit"
    shutil.copyfile(base_inspection, path)
    return path


def by_desk(path: Path, work) -> None:
    """Change ``path`` through the desks (``work(inspection, people)``), as users would."""
    with Inspection.open(path) as inspection:
        people = {
            name: inspection.assessor(name, role)
            for name, role in ((ROBIN, "inspector"), (SAM, "inspector"), (SUE, SUPERVISOR))
        }
        work(inspection, people)


def case_id(inspection: Inspection, reference: str) -> str:
    found = inspection.case_by_reference(reference)
    assert found is not None
    return found.id


def grade_fully(inspection: Inspection, who, reference: str, grade: str = "good") -> str:
    cid = case_id(inspection, reference)
    for criterion in criteria(reference):
        inspection.grading.set_grade(cid, who, criterion, grade)
    inspection.grading.set_overall(cid, who, grade)
    return cid


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
