"""The ledger in plain words: History and Audit log rows name the criterion, the grade and the
referral reason with the framework's labels, and every name carries its role."""

from __future__ import annotations

from auditor.audit.words import entry_sentence
from auditor.inspection import Assessor, Inspection
from tests.support.review import add_case


def sentences(insp: Inspection, case_id: str) -> list[str]:
    return [entry_sentence(insp.framework, e) for e in insp.log.history(case_id)]


def test_grades_and_referrals_read_in_the_frameworks_words(
    insp: Inspection, inspector: Assessor
) -> None:
    case = add_case(insp, "CUS-WORDS-1")
    framework = insp.framework
    criterion = framework.criteria_for(case.case_type)[0]
    good, inadequate = framework.grades[0], framework.grades[-1]
    reason = framework.referral_reasons[0]
    grading = insp.grading
    grading.set_grade(case.id, inspector, criterion.id, good.code)
    grading.set_grade(case.id, inspector, criterion.id, inadequate.code)
    grading.set_note(case.id, inspector, criterion.id, "Child not seen alone on 3 visits")
    grading.set_referral(case.id, inspector, reason.code, "Seen with the parent only")
    said = sentences(insp, case.id)
    who = "Ann Inspector (inspector)"
    assert f"{who} started grading the case" in said
    assert f"{who} set {criterion.title}: {good.label}" in said
    assert f"{who} set {criterion.title}: {inadequate.label} (was {good.label})" in said
    assert (
        f"{who} wrote the evidence note on {criterion.title}: “Child not seen alone on 3 visits”"
        in said
    )
    assert f"{who} flagged for referral back: {reason.label}" in said
    assert f"{who} ticked Refer back to the force" in said
    assert f"{who} moved the grading to In progress (was Not started)" in said
    # No database word is left in any sentence.
    for sentence in said:
        for raw in ("criterion_grades", "assessments.", "referrals.", criterion.id, "_"):
            assert raw not in sentence, sentence


def test_a_cleared_grade_and_a_withdrawn_referral(insp: Inspection, inspector: Assessor) -> None:
    case = add_case(insp, "CUS-WORDS-2")
    framework = insp.framework
    criterion = framework.criteria_for(case.case_type)[0]
    grade = framework.grades[1]
    insp.grading.set_grade(case.id, inspector, criterion.id, grade.code)
    insp.grading.set_grade(case.id, inspector, criterion.id, None)
    insp.grading.set_referral(case.id, inspector, framework.referral_reasons[0].code, "x")
    insp.grading.withdraw_referral(case.id, inspector)
    said = sentences(insp, case.id)
    assert (
        f"Ann Inspector (inspector) cleared the grade for {criterion.title} (was {grade.label})"
        in said
    )
    assert "Ann Inspector (inspector) withdrew the referral back" in said
