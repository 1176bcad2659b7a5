"""Drawing the moderation sample: flagged cases, stratified share, reproducible from a seed."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from auditor.inspection import Assessor, Inspection
from auditor.moderation import Candidate, Moderation, ModerationError, SampleError, draw
from tests.support.moderation import INADEQUATE, add_case, flag, grade_fully, snapshot


def candidates(n_per: int, types: tuple[str, ...], people: tuple[str, ...]) -> list[Candidate]:
    found = []
    for t in types:
        for p in people:
            for k in range(n_per):
                ref = f"{t}-{p}-{k:03d}"
                found.append(Candidate(ref, ref, t, p, False))
    return found


def test_every_flagged_case_is_drawn_even_at_zero_percent() -> None:
    cases = candidates(5, ("S47",), ("ann",))
    cases[2] = Candidate("F", "F", "S47", "ann", True)
    picks = draw(cases, 0, 7)
    assert [(p.case_id, p.reason) for p in picks] == [("F", "referral")]


def test_the_share_is_taken_from_each_stratum() -> None:
    # 2 case types x 2 inspectors x 10 cases; 30% of 40 = 12, 3 from each stratum of 10.
    picks = draw(candidates(10, ("S47", "MISSING"), ("ann", "ben")), 30, 1)
    assert len(picks) == 12
    per_stratum = Counter(p.case_id.rsplit("-", 1)[0] for p in picks)
    assert per_stratum == {
        "S47-ann": 3,
        "S47-ben": 3,
        "MISSING-ann": 3,
        "MISSING-ben": 3,
    }
    assert {p.reason for p in picks} == {"stratified"}


def test_left_over_cases_go_to_the_largest_fractions() -> None:
    # Strata of 5 and 3 at 25%: quotas 1.25 and 0.75; total round(8 * 0.25) = 2.
    # Floors 1 and 0; the one left over goes to the larger fraction (0.75): 1 and 1.
    cases = [Candidate(f"A{k}", f"A{k}", "S47", "ann", False) for k in range(5)]
    cases += [Candidate(f"B{k}", f"B{k}", "S46", "ann", False) for k in range(3)]
    picks = draw(cases, 25, 3)
    assert Counter(p.case_id[0] for p in picks) == {"A": 1, "B": 1}


def test_same_seed_same_sample_whatever_the_order() -> None:
    cases = candidates(7, ("S47", "RSO", "CSE"), ("ann", "ben", "cat"))
    first = draw(cases, 20, 2018)
    shuffled = list(cases)
    random.Random(5).shuffle(shuffled)
    assert draw(shuffled, 20, 2018) == first
    others = [draw(cases, 20, seed) for seed in range(1, 6)]
    assert any(o != first for o in others)


@pytest.mark.parametrize(
    ("percent", "seed"),
    [(-1, 1), (101, 1), (float("nan"), 1), (10, -1), (10, 1.5), (10, 2**63), ("10", 1)],
)
def test_bad_percentages_and_seeds_are_refused(percent, seed) -> None:
    with pytest.raises(SampleError):
        draw([], percent, seed)


def test_the_lead_draws_flagged_and_stratified_cases_into_the_file(
    insp: Inspection, desk: Moderation, ann: Assessor, ben: Assessor, lead: Assessor
) -> None:
    for k in range(10):
        case = add_case(insp, f"NM-18-{k:02d}", "S47" if k % 2 else "MISSING")
        grade_fully(insp, case, ann if k < 6 else ben)
    flagged = add_case(insp, "NM-18-99", "CUSTODY")
    grade_fully(insp, flagged, ann, INADEQUATE)
    flag(insp, flagged, ann)
    add_case(insp, "NM-18-50")  # not graded: never drawn

    result = desk.draw(lead, 50, 42)
    assert (result.referral, result.stratified, result.already) == (1, 5, 0)
    sample = desk.sample()
    assert len(sample) == 6
    (referral,) = [c for c in sample if c.reason == "referral"]
    assert referral.reference == "NM-18-99"
    assert {c.first_id for c in sample if c.reference != "NM-18-99"} <= {ann.id, ben.id}
    assert all(c.percent == 50 and c.seed == 42 for c in sample)
    rows = insp.db.query(
        "SELECT * FROM audit_log WHERE record_table = 'moderation_cases' ORDER BY rowid"
    )
    assert [(r["actor_id"], r["field"], r["new_value"]) for r in rows] == [
        (lead.id, "reason", c.reason) for c in sorted(sample, key=lambda c: c.reference)
    ]
    # The same draw again adds nothing; a preview names the same cases.
    assert desk.draw(lead, 50, 42).added == 0
    assert sorted(p.case_id for p in desk.preview(50, 42)) == sorted(c.case_id for c in sample)


def test_an_inspector_cannot_draw_and_bad_input_writes_nothing(
    insp: Inspection, desk: Moderation, ann: Assessor, lead: Assessor
) -> None:
    grade_fully(insp, add_case(insp, "NM-18-01"), ann)
    before = snapshot(insp)
    with pytest.raises(ModerationError, match="Only a supervisor"):
        desk.draw(ann, 50, 1)
    with pytest.raises(ModerationError, match="percentage"):
        desk.draw(lead, 150, 1)
    assert snapshot(insp) == before
