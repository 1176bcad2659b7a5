"""Second inspectors, blind grading, agreement over the sample, reconciled grades in reports."""

from __future__ import annotations

import pytest

from auditor.inspection import Assessor, Inspection
from auditor.moderation import CONFLICT, MODERATION, Moderation, ModerationError, visible_entries
from auditor.reports import load_report_data
from tests.support.moderation import (
    GOOD,
    INADEQUATE,
    NA,
    RI,
    add_case,
    audit,
    grade_fully,
    snapshot,
)


@pytest.fixture
def drawn(insp: Inspection, desk: Moderation, ann: Assessor, lead: Assessor):
    """Three custody cases graded by Ann, all drawn (100%)."""
    cases = [add_case(insp, f"CUS-{k}") for k in range(3)]
    for case, grade in zip(cases, (GOOD, RI, INADEQUATE), strict=True):
        grade_fully(insp, case, ann, grade)
    desk.draw(lead, 100, 1)
    return cases


def test_assigning_a_second_inspector(
    insp: Inspection, desk: Moderation, drawn, ann: Assessor, ben: Assessor, lead: Assessor
) -> None:
    case = drawn[0]
    assert ann.id not in {a.id for a in desk.eligible_second(case.id)}
    desk.assign(lead, case.id, ben.id)
    (row,) = audit(insp, record_table="moderation_cases", field="second_assessor_id")
    assert (row["actor_id"], row["old_value"], row["new_value"]) == (lead.id, None, ben.id)
    assert desk.sample()[0].second_id == ben.id
    desk.assign(lead, case.id, ben.id)  # the same again writes nothing
    assert len(audit(insp, field="second_assessor_id")) == 1


@pytest.mark.parametrize(
    ("who", "message"),
    [("ann", "graded the case first"), ("ben_started", "has started the second grading")],
)
def test_refused_assignments_write_nothing(
    insp: Inspection,
    desk: Moderation,
    drawn,
    ann: Assessor,
    ben: Assessor,
    cat: Assessor,
    lead: Assessor,
    who: str,
    message: str,
) -> None:
    case = drawn[0]
    target = ann.id
    if who == "ben_started":
        desk.assign(lead, case.id, ben.id)
        insp.grading.set_grade(case.id, ben, "custody_healthcare", GOOD)
        target = cat.id
    before = snapshot(insp)
    with pytest.raises(ModerationError, match=message):
        desk.assign(lead, case.id, target)
    with pytest.raises(ModerationError, match="Only a supervisor"):
        desk.assign(ben, case.id, cat.id)
    assert snapshot(insp) == before


def test_assign_evenly_shares_the_sample_among_inspectors(
    desk: Moderation, drawn, ann: Assessor, ben: Assessor, cat: Assessor, lead: Assessor
) -> None:
    assert desk.assign_evenly(lead) == 3
    seconds = [c.second_id for c in desk.sample()]
    assert ann.id not in seconds  # Ann graded them all first
    assert sorted(seconds) == sorted([ben.id, cat.id, ben.id])  # fewest first, ties by name
    assert desk.progress() == (3, 3, 0)
    assert desk.assign_evenly(lead) == 0


def test_first_grades_are_hidden_from_the_second_inspector_until_finished(
    insp: Inspection, desk: Moderation, drawn, ann: Assessor, ben: Assessor, lead: Assessor
) -> None:
    case = drawn[2]
    desk.assign(lead, case.id, ben.id)
    assert desk.hidden_from(ben.id, case.id)
    assert not desk.hidden_from(ann.id, case.id)
    assert not desk.hidden_from(lead.id, case.id)
    assert not desk.hidden_from(ben.id, drawn[0].id)  # not assigned to Ben
    history = insp.log.history(case.id)
    seen, hidden = visible_entries(insp, ben.id, history)
    assert hidden > 0
    assert all(e.actor_id in (ben.id, None) or e.record_table == "cases" for e in seen)
    assert not any(e.record_table == "criterion_grades" for e in seen)
    # Ben's own work stays visible to him.
    insp.grading.set_grade(case.id, ben, "custody_healthcare", RI)
    seen, _ = visible_entries(insp, ben.id, insp.log.history(case.id))
    assert any(e.actor_id == ben.id and e.record_table == "criterion_grades" for e in seen)
    # Once Ben's grading is complete, nothing is hidden any more.
    grade_fully(insp, case, ben, RI)
    assert not desk.hidden_from(ben.id, case.id)
    assert visible_entries(insp, ben.id, insp.log.history(case.id))[1] == 0


def _second(insp, desk, lead, case, who, grade, overall=None, criteria=None) -> None:
    desk.assign(lead, case.id, who.id)
    grade_fully(insp, case, who, grade, overall, criteria)


def test_agreement_table_and_disagreements(
    insp: Inspection, desk: Moderation, drawn, ben: Assessor, lead: Assessor
) -> None:
    good, ri, inad = drawn
    # Overall: (G, G) agree, (R, I) disagree; Inadequate case not yet double graded.
    _second(insp, desk, lead, good, ben, GOOD)
    _second(insp, desk, lead, ri, ben, INADEQUATE)
    desk.assign(lead, inad.id, ben.id)
    insp.grading.set_grade(inad.id, ben, "custody_healthcare", GOOD)  # in progress: not a pair
    table = {row.key: row.agreement for row in desk.agreement_table()}
    overall = table["overall"]
    assert (overall.n, overall.agreed) == (2, 1)
    # Pairs (G,G), (R,I): rows G 1/2, R 1/2; cols G 1/2, I 1/2; p_o = 1/2, p_e = 1/4.
    # kappa = (1/2 - 1/4) / (3/4) = 1/3. Weighted: observed = (R,I) 1/2 * 1/2 = 1/4;
    # expected = (G,I) 1/4 * 1 + (R,G) 1/4 * 1/2 + (R,I) 1/4 * 1/2 = 1/2 → 1 - 1/2 = 1/2.
    assert overall.kappa == pytest.approx(1 / 3)
    assert overall.weighted_kappa == pytest.approx(1 / 2)
    # Every custody criterion was graded on both sides of both pairs.
    assert table["custody_healthcare"].n == 2
    assert table["voice_of_child"].n == 2  # applies to custody cases too
    assert table["rso_arms_review"].n == 0

    (only,) = desk.disagreements()
    assert (only.reference, only.kind, only.reconciled) == ("CUS-1", MODERATION, None)
    assert [g for _, g in only.grades] == [RI, INADEQUATE]
    assert only.criteria_differing == len(insp.framework.criteria_for("CUSTODY"))


def test_not_applicable_criteria_are_left_out_of_the_pairs(
    insp: Inspection, desk: Moderation, drawn, ben: Assessor, lead: Assessor
) -> None:
    _second(insp, desk, lead, drawn[0], ben, GOOD, criteria={"custody_transfer_after_charge": NA})
    table = {row.key: row.agreement for row in desk.agreement_table()}
    assert table["custody_transfer_after_charge"].n == 0
    assert table["custody_healthcare"].n == 1


def test_the_reconciled_grade_counts_in_the_reports(
    insp: Inspection, desk: Moderation, drawn, ann: Assessor, ben: Assessor, lead: Assessor
) -> None:
    ri = drawn[1]
    _second(insp, desk, lead, ri, ben, INADEQUATE)

    def reported() -> str | None:
        return next(c for c in load_report_data(insp).cases if c.id == ri.id).overall_grade

    assert reported() == RI  # the first grading counts, though Ben's is more recent
    before = snapshot(insp)
    with pytest.raises(ModerationError, match="Only a supervisor"):
        desk.reconcile(ann, ri.id, INADEQUATE, "Agreed at moderation.")
    with pytest.raises(ModerationError, match="note is required"):
        desk.reconcile(lead, ri.id, INADEQUATE, "  ")
    with pytest.raises(ModerationError, match="must be one of"):
        desk.reconcile(lead, ri.id, NA, "x")
    with pytest.raises(ModerationError, match="no disagreement"):
        desk.reconcile(lead, drawn[0].id, GOOD, "x")
    assert snapshot(insp) == before

    desk.reconcile(lead, ri.id, INADEQUATE, "Agreed at moderation: child left at risk.")
    assert reported() == INADEQUATE
    (d,) = desk.disagreements()
    assert d.reconciled is not None and d.reconciled.grade == INADEQUATE
    assert d.reconciled.by == "Lee Lead"
    rows = audit(insp, record_table="reconciliations")
    assert [(r["field"], r["old_value"], r["new_value"]) for r in rows] == [
        ("overall_grade", None, INADEQUATE),
        ("note", None, "Agreed at moderation: child left at risk."),
    ]
    desk.reconcile(lead, ri.id, RI, "Agreed at moderation: child left at risk.")
    assert reported() == RI
    assert audit(insp, record_table="reconciliations")[-1]["old_value"] == INADEQUATE


def test_a_merge_conflict_outside_the_sample_is_reconciled_in_the_same_list(
    insp: Inspection, desk: Moderation, ann: Assessor, ben: Assessor, lead: Assessor
) -> None:
    case = add_case(insp, "CUS-9")
    grade_fully(insp, case, ann, GOOD)
    grade_fully(insp, case, ben, RI)
    (conflict,) = desk.disagreements()
    assert (conflict.kind, conflict.reference) == (CONFLICT, "CUS-9")
    desk.reconcile(lead, case.id, GOOD, "Ben misread the custody record.")
    assert next(c for c in load_report_data(insp).cases if c.id == case.id).overall_grade == GOOD


def test_force_grades_and_their_comparison(
    insp: Inspection, desk: Moderation, drawn, ann: Assessor
) -> None:
    good, ri, inad = drawn
    extra = add_case(insp, "CUS-7")  # not graded by the inspectorate
    before = snapshot(insp)
    with pytest.raises(ModerationError, match="not a grade"):
        desk.set_force_grades(ann, {good.id: NA})
    assert snapshot(insp) == before
    changed = desk.set_force_grades(ann, {good.id: GOOD, ri.id: GOOD, inad.id: GOOD, extra.id: RI})
    assert changed == 4
    assert desk.set_force_grades(ann, {good.id: GOOD}) == 0
    comparison = desk.force_comparison()
    # Inspectorate G, R, I against force G, G, G: row = inspectorate, column = force.
    assert comparison.matrix == [[1, 0, 0], [1, 0, 0], [1, 0, 0]]
    assert (comparison.force_graded, comparison.not_graded) == (4, 1)
    # The force used one grade only: p_e = 1 * 1/3 = p_o = 1/3 → kappa 0.
    assert comparison.agreement.kappa == pytest.approx(0.0)
    rows = audit(insp, record_table="force_grades")
    assert len(rows) == 4 and all(r["actor_id"] == ann.id for r in rows)
