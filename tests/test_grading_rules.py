"""Grading rules and grading writes, through a real inspection file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.assessing import GradingError
from auditor.framework import Framework, bundled_framework
from auditor.grading import (
    AWAITING_REVIEW,
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    completion_problems,
    derive_status,
    suggest_overall,
)
from auditor.inspection import Assessor, Case, Inspection

# The criteria of a custody case, read off the bundled framework by hand.
CUSTODY_CRITERIA = [
    "voice_of_child",
    "supervision",
    "merlin_timeliness",
    "csc_referral",
    "risk_to_other_children",
    "custody_appropriate_adult",
    "custody_reviews_and_certificate",
    "custody_healthcare",
    "custody_transfer_after_charge",
]
GOOD, RI, INADEQUATE, NA = "good", "requires_improvement", "inadequate", "not_applicable"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "x.caseaudit"


@pytest.fixture
def insp(path: Path) -> Iterator[Inspection]:
    inspection = Inspection.create(path, name="Grading rules test inspection")
    yield inspection
    inspection.close()


@pytest.fixture
def actor(insp: Inspection) -> Assessor:
    return insp.assessor("Test Inspector", "inspector")


@pytest.fixture
def case(insp: Inspection, actor: Assessor) -> Case:
    return insp.add_case(
        actor,
        reference="CUS-0001",
        case_type="CUSTODY",
        borough="Invented borough",
        summary="Invented: 15-year-old detained overnight.",
    )


def audit(insp: Inspection, **where: Any) -> list[dict[str, Any]]:
    """Audit rows matching column = value, in order of writing."""
    clause = " AND ".join(f"[{k}] IS ?" for k in where) or "1"
    return list(
        insp.db.query(
            f"SELECT * FROM audit_log WHERE {clause} ORDER BY rowid", list(where.values())
        )
    )


def counts(insp: Inspection) -> tuple[int, ...]:
    tables = ("audit_log", "assessments", "criterion_grades", "referrals")
    return tuple(insp.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def grade_all(insp: Inspection, case: Case, actor: Assessor, grades: dict[str, str]) -> None:
    for criterion_id in CUSTODY_CRITERIA:
        insp.grading.set_grade(case.id, actor, criterion_id, grades.get(criterion_id, GOOD))


# --- the suggestion rule -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def framework() -> Framework:
    return bundled_framework()


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([GOOD, GOOD, GOOD], GOOD),
        ([GOOD, RI, GOOD], RI),
        ([GOOD, RI, INADEQUATE, GOOD], INADEQUATE),
        ([GOOD, NA, NA], GOOD),  # Not applicable does not count against the case
        ([RI, NA, None], RI),  # nor does an ungraded criterion
        ([NA, NA], None),  # nothing to suggest from
        ([], None),
    ],
)
def test_worst_rule_ignores_not_applicable(
    framework: Framework, grades: list[str | None], expected: str | None
) -> None:
    assert framework.overall_suggestion == "worst"
    assert suggest_overall(framework, grades) == expected


def test_the_custody_case_has_the_expected_criteria(insp: Inspection) -> None:
    assert [c.id for c in insp.framework.criteria_for("CUSTODY")] == CUSTODY_CRITERIA


# --- status --------------------------------------------------------------------------------------


def test_status_not_started_then_in_progress_then_complete(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    assert insp.grading.assessment(case.id, actor.id) is None
    assert derive_status(insp.framework, "CUSTODY", None) == NOT_STARTED
    assert insp.case_list(actor.id)[0][8] == NOT_STARTED

    first = insp.grading.set_grade(case.id, actor, "voice_of_child", GOOD)
    assert first.status == IN_PROGRESS

    # Every criterion but the last: still in progress, and the problem says which one.
    for criterion_id in CUSTODY_CRITERIA[1:-1]:
        latest = insp.grading.set_grade(case.id, actor, criterion_id, GOOD)
        assert latest.status == IN_PROGRESS
    problems = completion_problems(insp.framework, "CUSTODY", latest)
    assert "Transfer to local authority accommodation: not graded" in problems
    assert "Overall grade: not recorded" in problems

    latest = insp.grading.set_grade(case.id, actor, "custody_transfer_after_charge", NA)
    assert latest.status == IN_PROGRESS  # no overall grade yet
    assert completion_problems(insp.framework, "CUSTODY", latest) == ["Overall grade: not recorded"]

    done = insp.grading.set_overall(case.id, actor, GOOD)
    assert done.status == COMPLETE
    assert done.overall_grade == GOOD
    assert completion_problems(insp.framework, "CUSTODY", done) == []
    row = insp.db.execute("SELECT status, completed_at FROM assessments").fetchone()
    assert row[0] == COMPLETE
    assert row[1]
    assert insp.case_list(actor.id)[0][8] == COMPLETE
    assert insp.grading.progress(actor.id) == (1, 1, 0)


def test_an_evidence_note_alone_starts_the_case(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    started = insp.grading.set_note(case.id, actor, "supervision", "No supervisor review.")
    assert started.status == IN_PROGRESS
    assert started.note_of("supervision") == "No supervisor review."
    assert started.grade_of("supervision") is None


def test_clearing_a_grade_reopens_a_complete_case(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {})
    assert insp.grading.set_overall(case.id, actor, GOOD).status == COMPLETE
    reopened = insp.grading.set_grade(case.id, actor, "custody_healthcare", None)
    assert reopened.status == IN_PROGRESS
    assert reopened.grade_of("custody_healthcare") is None


def test_overall_differing_from_suggestion_needs_a_reason(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {"custody_appropriate_adult": INADEQUATE, "supervision": RI})
    # Suggested: inadequate (the worst). The inspector records requires improvement.
    assessment = insp.grading.set_overall(case.id, actor, RI)
    assert assessment.status == IN_PROGRESS
    assert any(
        "differs from the suggested Inadequate" in p
        for p in completion_problems(insp.framework, "CUSTODY", assessment)
    )
    # A blank reason is no reason.
    assert insp.grading.set_overall(case.id, actor, RI, "   ").status == IN_PROGRESS

    reason = "Appropriate adult late by minutes only; otherwise sound practice."
    assessment = insp.grading.set_overall(case.id, actor, RI, reason)
    assert assessment.status == COMPLETE
    assert assessment.override_reason == reason


def test_overall_equal_to_the_suggestion_needs_no_reason(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {"custody_appropriate_adult": INADEQUATE})
    assert insp.grading.set_overall(case.id, actor, INADEQUATE).status == COMPLETE


def test_referral_needs_a_note_and_awaits_review(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {"custody_transfer_after_charge": INADEQUATE})
    assert insp.grading.set_overall(case.id, actor, INADEQUATE).status == COMPLETE

    flagged = insp.grading.set_referral(case.id, actor, "child_at_risk", "")
    assert flagged.status == IN_PROGRESS
    assert "Referral back: write a note" in completion_problems(insp.framework, "CUSTODY", flagged)

    note = "Held 30 hours after charge with no escalation to the local authority."
    flagged = insp.grading.set_referral(case.id, actor, "child_at_risk", note)
    assert flagged.status == AWAITING_REVIEW
    assert flagged.referral is not None
    assert flagged.referral.reason == "child_at_risk"
    assert flagged.referral.note == note
    assert flagged.referral.state == "flagged"
    assert insp.case_list(actor.id)[0][8] == AWAITING_REVIEW
    assert insp.case_list(actor.id)[0][10] == "flagged"
    assert insp.grading.progress(actor.id) == (1, 1, 1)

    withdrawn = insp.grading.withdraw_referral(case.id, actor)
    assert withdrawn is not None
    assert withdrawn.referral is None
    assert withdrawn.status == COMPLETE
    assert insp.db.execute("SELECT count(*) FROM referrals").fetchone()[0] == 0


def test_referral_without_a_reason_is_not_complete(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    grade_all(insp, case, actor, {})
    insp.grading.set_overall(case.id, actor, GOOD)
    flagged = insp.grading.set_referral(case.id, actor, "", "Something is wrong here.")
    assert flagged.status == IN_PROGRESS
    assert "Referral back: choose a reason" in completion_problems(
        insp.framework, "CUSTODY", flagged
    )


# --- the audit log -------------------------------------------------------------------------------


def test_each_edit_writes_an_audit_row(insp: Inspection, actor: Assessor, case: Case) -> None:
    insp.grading.set_grade(case.id, actor, "voice_of_child", GOOD)
    insp.grading.set_grade(case.id, actor, "voice_of_child", INADEQUATE)
    rows = audit(insp, field="voice_of_child.grade")
    assert [(r["old_value"], r["new_value"]) for r in rows] == [(None, GOOD), (GOOD, INADEQUATE)]
    for r in rows:
        assert r["actor_id"] == actor.id
        assert r["case_id"] == case.id
        assert r["record_table"] == "criterion_grades"

    insp.grading.set_note(case.id, actor, "voice_of_child", "Child not spoken to alone.")
    insp.grading.set_note(case.id, actor, "voice_of_child", "Child not seen at all.")
    notes = audit(insp, field="voice_of_child.note")
    assert [(r["old_value"], r["new_value"]) for r in notes] == [
        ("", "Child not spoken to alone."),
        ("Child not spoken to alone.", "Child not seen at all."),
    ]

    (status,) = audit(insp, field="status")
    assert (status["old_value"], status["new_value"]) == (NOT_STARTED, IN_PROGRESS)
    assert status["actor_id"] == actor.id

    insp.grading.set_overall(case.id, actor, RI, "Invented reason for the override.")
    (overall,) = audit(insp, field="overall_grade")
    assert (overall["old_value"], overall["new_value"], overall["actor_id"]) == (
        None,
        RI,
        actor.id,
    )
    (reason,) = audit(insp, field="override_reason")
    assert (reason["old_value"], reason["new_value"]) == ("", "Invented reason for the override.")

    insp.grading.set_referral(case.id, actor, "procedures_not_followed", "Invented note.")
    flag = audit(insp, record_table="referrals", field="flag")
    assert [(r["old_value"], r["new_value"]) for r in flag] == [(None, "flagged")]
    assert [r["new_value"] for r in audit(insp, record_table="referrals", field="reason")] == [
        "procedures_not_followed"
    ]
    insp.grading.set_referral(case.id, actor, "child_at_risk", "Invented note.")
    reasons = audit(insp, record_table="referrals", field="reason")
    assert (reasons[-1]["old_value"], reasons[-1]["new_value"]) == (
        "procedures_not_followed",
        "child_at_risk",
    )
    insp.grading.withdraw_referral(case.id, actor)
    flag = audit(insp, record_table="referrals", field="flag")
    assert (flag[-1]["old_value"], flag[-1]["new_value"]) == ("flagged", None)
    assert all(r["actor_id"] == actor.id for r in audit(insp, case_id=case.id))


def test_an_edit_that_changes_nothing_writes_nothing(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    insp.grading.set_grade(case.id, actor, "supervision", RI)
    insp.grading.set_overall(case.id, actor, RI)
    before = counts(insp)
    insp.grading.set_grade(case.id, actor, "supervision", RI)
    insp.grading.set_overall(case.id, actor, RI)
    assert counts(insp) == before


def test_each_assessor_grades_separately(insp: Inspection, actor: Assessor, case: Case) -> None:
    other = insp.assessor("Second Test Inspector", "inspector")
    insp.grading.set_grade(case.id, actor, "supervision", GOOD)
    insp.grading.set_grade(case.id, other, "supervision", INADEQUATE)
    mine = insp.grading.assessment(case.id, actor.id)
    theirs = insp.grading.assessment(case.id, other.id)
    assert mine is not None and theirs is not None
    assert mine.grade_of("supervision") == GOOD
    assert theirs.grade_of("supervision") == INADEQUATE
    (row,) = audit(insp, field="supervision.grade", actor_id=other.id)
    assert (row["old_value"], row["new_value"]) == (None, INADEQUATE)


# --- refused edits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda g, c, a: g.set_grade(c, a, "voice_of_child", "excellent"), id="grade"),
        pytest.param(lambda g, c, a: g.set_grade(c, a, "voice_of_child", "Good"), id="label"),
        pytest.param(lambda g, c, a: g.set_grade(c, a, "no_such_criterion", "good"), id="crit"),
        pytest.param(lambda g, c, a: g.set_note(c, a, "no_such_criterion", "x"), id="note"),
        pytest.param(lambda g, c, a: g.set_overall(c, a, "not_applicable"), id="overall_na"),
        pytest.param(lambda g, c, a: g.set_overall(c, a, "outstanding"), id="overall"),
        pytest.param(lambda g, c, a: g.set_referral(c, a, "bad_reason", "x"), id="reason"),
        # A criterion of another case type does not apply to a custody case.
        pytest.param(lambda g, c, a: g.set_grade(c, a, "rso_arms_review", "good"), id="rso"),
        pytest.param(lambda g, c, a: g.set_note(c, a, "investigation", "x"), id="investigation"),
    ],
)
def test_refused_edits_write_nothing(
    insp: Inspection, actor: Assessor, case: Case, edit: Any
) -> None:
    before = counts(insp)
    with pytest.raises(GradingError):
        edit(insp.grading, case.id, actor)
    assert counts(insp) == before

    # Also once the case has been started.
    insp.grading.set_grade(case.id, actor, "voice_of_child", GOOD)
    before = counts(insp)
    with pytest.raises(GradingError):
        edit(insp.grading, case.id, actor)
    assert counts(insp) == before
    assessment = insp.grading.assessment(case.id, actor.id)
    assert assessment is not None
    assert assessment.grade_of("voice_of_child") == GOOD
    assert assessment.overall_grade is None
    assert assessment.referral is None


def test_grading_error_names_the_allowed_grades(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    with pytest.raises(GradingError, match="not_applicable"):
        insp.grading.set_grade(case.id, actor, "voice_of_child", "excellent")
    with pytest.raises(GradingError, match="no_such_criterion"):
        insp.grading.set_grade(case.id, actor, "no_such_criterion", GOOD)


def test_the_audit_log_cannot_be_rewritten(insp: Inspection, actor: Assessor, case: Case) -> None:
    insp.grading.set_grade(case.id, actor, "voice_of_child", GOOD)
    with pytest.raises(Exception, match="append-only"):
        insp.db.execute("UPDATE audit_log SET new_value = 'inadequate'")
    with pytest.raises(Exception, match="append-only"):
        insp.db.execute("DELETE FROM audit_log")


# --- persistence ---------------------------------------------------------------------------------


def test_grades_and_notes_survive_reopening(path: Path) -> None:
    grades = {
        "voice_of_child": GOOD,
        "supervision": RI,
        "merlin_timeliness": INADEQUATE,
        "csc_referral": GOOD,
        "risk_to_other_children": NA,
        "custody_appropriate_adult": INADEQUATE,
        "custody_reviews_and_certificate": RI,
        "custody_healthcare": GOOD,
        "custody_transfer_after_charge": NA,
    }
    notes = {
        cid: f"Invented evidence note for {cid}: 'quoted' – with an en dash." for cid in grades
    }
    with Inspection.create(path, name="Persistence test") as insp:
        actor = insp.assessor("Test Inspector", "inspector")
        case = insp.add_case(actor, reference="CUS-0042", case_type="CUSTODY")
        for cid, grade in grades.items():
            insp.grading.set_grade(case.id, actor, cid, grade)
            insp.grading.set_note(case.id, actor, cid, notes[cid])
        insp.grading.set_overall(case.id, actor, INADEQUATE)
        insp.grading.set_referral(case.id, actor, "child_at_risk", "Invented referral note.")
        actor_id, case_id = actor.id, case.id
        written = len(audit(insp))

    with Inspection.open(path) as again:
        assert again.name == "Persistence test"
        found = again.grading.assessment(case_id, actor_id)
        assert found is not None
        assert {cid: found.grade_of(cid) for cid in grades} == grades
        assert {cid: found.note_of(cid) for cid in grades} == notes
        assert found.overall_grade == INADEQUATE
        assert found.status == AWAITING_REVIEW
        assert found.referral is not None
        assert found.referral.note == "Invented referral note."
        assert len(audit(again)) == written
        assert again.case_by_reference("CUS-0042") is not None
        assert [a.name for a in again.assessors()] == ["Test Inspector"]
