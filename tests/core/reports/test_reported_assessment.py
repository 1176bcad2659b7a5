"""Which assessment a case's figures come from when several assessors graded it."""

from __future__ import annotations

import random
from pathlib import Path

from auditor.inspection import Assessor, Inspection
from auditor.reports import load_report_data
from tests.support.reports import (
    GOOD,
    INADEQUATE,
    RI,
    SCALE,
    add_cases,
    grade,
    new_inspection,
    refer,
)


def reported(insp: Inspection) -> dict[str, tuple[str | None, bool]]:
    """Reference -> (overall grade, referred back) as the report counts them."""
    return {c.reference: (c.overall_grade, c.referred) for c in load_report_data(insp).cases}


def test_the_latest_graded_assessment_counts(
    insp: Inspection, actor: Assessor, second: Assessor
) -> None:
    (case,) = add_cases(insp, [{"case_type": "S47"}])
    grade(insp, actor, case, GOOD)
    assert reported(insp) == {"R-0001": (GOOD, False)}
    grade(insp, second, case, INADEQUATE)
    assert reported(insp) == {"R-0001": (INADEQUATE, False)}
    grade(insp, actor, case, RI)  # the first assessor revises: now the latest
    assert reported(insp) == {"R-0001": (RI, False)}


def test_an_assessment_without_overall_grade_never_counts(
    insp: Inspection, actor: Assessor, second: Assessor
) -> None:
    (case,) = add_cases(insp, [{"case_type": "S47"}])
    grade(insp, actor, case, GOOD)
    insp.grading.set_grade(case.id, actor, "voice_of_child", GOOD)
    # The second assessor's later work has no overall grade: the first still counts,
    # with its own criterion grades and no referral.
    insp.grading.set_grade(case.id, second, "voice_of_child", INADEQUATE)
    refer(insp, second, case)
    (only,) = load_report_data(insp).cases
    assert (only.overall_grade, only.referred) == (GOOD, False)
    assert dict(only.criterion_grades) == {"voice_of_child": GOOD}


def test_the_referral_flag_comes_from_the_reported_assessment(
    insp: Inspection, actor: Assessor, second: Assessor
) -> None:
    (case,) = add_cases(insp, [{"case_type": "CUSTODY"}])
    grade(insp, actor, case, INADEQUATE)
    refer(insp, actor, case)
    assert reported(insp) == {"R-0001": (INADEQUATE, True)}
    grade(insp, second, case, RI)
    assert reported(insp) == {"R-0001": (RI, False)}


def test_clearing_the_only_overall_grade_makes_the_case_ungraded(
    insp: Inspection, actor: Assessor
) -> None:
    (case,) = add_cases(insp, [{"case_type": "MISSING"}])
    grade(insp, actor, case, GOOD)
    refer(insp, actor, case)
    grade(insp, actor, case, None)
    data = load_report_data(insp)
    assert reported(insp) == {"R-0001": (None, False)}
    assert data.not_yet_graded == 1
    assert data.graded == ()


def test_random_edits_by_three_assessors(tmp_path: Path) -> None:
    """A model of the rule, kept by the test, agrees after random edits."""
    rng = random.Random(11)
    insp = new_inspection(tmp_path / "edits.caseaudit")
    try:
        people = [insp.assessor(f"Invented Inspector {n}", "inspector") for n in range(3)]
        cases = add_cases(insp, [{"case_type": "DA_REFERRAL"} for _ in range(40)])
        # (case, assessor) -> [overall grade, flagged, time of the last change]
        model: dict[tuple[str, str], list] = {}
        for tick in range(1, 201):
            case, person = rng.choice(cases), rng.choice(people)
            state = model.setdefault((case.id, person.id), [None, False, 0])
            if rng.random() < 0.8:
                new = rng.choice((*SCALE, None))
                if new != state[0] or state[2] == 0:
                    state[2] = tick  # a write that changes nothing does not touch the assessment
                state[0] = new
                grade(insp, person, case, new)
            else:
                state[1], state[2] = True, tick
                refer(insp, person, case)
        expected = {}
        for case in cases:
            graded = [s for (c, _), s in model.items() if c == case.id and s[0] is not None]
            latest = max(graded, key=lambda s: s[2], default=None)
            expected[case.reference] = (None, False) if latest is None else (latest[0], latest[1])
        assert reported(insp) == expected
    finally:
        insp.close()


def test_a_supervisor_decision_sets_whether_the_case_is_referred(
    insp: Inspection, actor: Assessor
) -> None:
    desk = insp.review
    lead = insp.assessor("Invented Lead Inspector", "supervisor")
    kept, dropped = add_cases(insp, [{"case_type": "S47"}, {"case_type": "S46"}])
    for case in (kept, dropped):  # graded completely, so a supervisor may decide the flag
        for criterion in insp.framework.criteria_for(case.case_type):
            insp.grading.set_grade(case.id, actor, criterion.id, INADEQUATE)
        grade(insp, actor, case, INADEQUATE)
        refer(insp, actor, case)
    assert reported(insp) == {"R-0001": (INADEQUATE, True), "R-0002": (INADEQUATE, True)}
    assessment_of = {c.id: insp.grading.assessments(c.id)[0].id for c in (kept, dropped)}
    desk.confirm_referral(assessment_of[kept.id], lead)
    desk.do_not_refer(assessment_of[dropped.id], lead, "Invented: the risk was managed.")
    assert reported(insp) == {"R-0001": (INADEQUATE, True), "R-0002": (INADEQUATE, False)}
    assert load_report_data(insp).cases[1].referral_state == "not_referred"
