"""Grading writes: audit rows, refused edits writing nothing, and persistence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.errors import GradingError
from auditor.grading.rules import (
    AWAITING_REVIEW,
    IN_PROGRESS,
    NOT_STARTED,
)
from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from tests.support.grades import GOOD, INADEQUATE, NA, RI
from tests.support.grading import audit, counts


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
