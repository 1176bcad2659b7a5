"""Changes of one field made in two places, neither having seen the other, are listed for the
lead in words, whatever order the packages are merged in; the lead resolves them."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.inspection import Inspection
from auditor.merging.merge import merge_packages
from auditor.moderation import ModerationError
from tests.support.grades import GOOD, INADEQUATE
from tests.support.merge import REFERENCES, case_id, copy_of, grade_case, package

REF = REFERENCES[1]


def _set_summary(path: Path, who: str, text: str) -> None:
    with Inspection.open(path) as insp:
        actor = insp.assessor(who, "inspector")
        insp.update_case(actor, case_id(insp, REF), {"summary": text})


def _listed(path: Path) -> list:
    with Inspection.open(path) as insp:
        return insp.moderation.concurrent_changes()


def test_two_summaries_written_apart_are_listed_with_both_values(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:
    _set_summary(laptop_a, "Ana Inspector", "Ana's account of the case")
    _set_summary(laptop_b, "Ben Inspector", "Ben's account of the case")
    first, second = merge_packages(
        lead, [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    )
    assert not first.concurrent  # nothing else had changed it yet
    [line] = [x for x in second.lines() if x.startswith("  ") and "case summary" in x]
    assert REF in line and "“Ana's account of the case”" in line
    assert "“Ben's account of the case”" in line and "Ana Inspector" in line
    [change] = _listed(lead)
    assert change.reference == REF and change.what == "case summary"
    values = {c.value for c in change.changes}
    assert values == {"“Ana's account of the case”", "“Ben's account of the case”"}
    with Inspection.open(lead) as insp:
        kept = insp.case(case_id(insp, REF)).summary
    assert change.now == f"“{kept}”"


def test_three_laptops_list_every_pair_in_any_order(merge_base: Path, tmp_path: Path) -> None:
    laptops = [copy_of(merge_base, tmp_path / f"{n}.caseaudit") for n in "abc"]
    for path, who in zip(laptops, ("Ana Inspector", "Ben Inspector", "Cy Inspector"), strict=True):
        _set_summary(path, who, f"{who}'s summary")
    packages = [package(p, tmp_path / f"{p.stem}.pkg") for p in laptops]
    found = []
    for order in ((0, 1, 2), (2, 0, 1), (1, 2, 0)):
        target = copy_of(merge_base, tmp_path / f"lead-{''.join(map(str, order))}.caseaudit")
        merge_packages(target, [packages[i] for i in order])
        [change] = _listed(target)
        found.append((change.pairs, {c.value for c in change.changes}, change.now))
    assert len(found[0][0]) == 3  # a-b, a-c, b-c
    assert found[0] == found[1] == found[2]


def test_a_change_made_after_seeing_the_other_is_not_listed(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    _set_summary(laptop_a, "Ana Inspector", "Ana's account")
    merge_packages(lead, [package(laptop_a, tmp_path / "a.pkg")])
    laptop_b = tmp_path / "b.caseaudit"
    merge_packages(laptop_b, [package(lead, tmp_path / "lead.pkg")])  # Ben starts from it
    _set_summary(laptop_b, "Ben Inspector", "Ben corrects Ana's account")
    [summary] = merge_packages(lead, [package(laptop_b, tmp_path / "b.pkg")])
    assert not summary.concurrent and _listed(lead) == []
    with Inspection.open(lead) as insp:
        assert insp.case(case_id(insp, REF)).summary == "Ben corrects Ana's account"


def test_the_same_value_set_in_two_places_is_not_a_conflict(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:
    _set_summary(laptop_a, "Ana Inspector", "The agreed wording")
    _set_summary(laptop_b, "Ben Inspector", "The agreed wording")
    merge_packages(
        lead, [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    )
    assert _listed(lead) == []


def test_a_grade_changed_on_two_laptops_names_the_criterion_and_grade_labels(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:
    for path, grade in ((laptop_a, GOOD), (laptop_b, INADEQUATE)):
        with Inspection.open(path) as insp:
            grade_case(insp, REFERENCES[0], insp.assessor("Sam Shared", "inspector"), grade)
    merge_packages(
        lead, [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    )
    with Inspection.open(lead) as insp:
        labels = {g.code: g.label for g in insp.framework.grades}
        changes = insp.moderation.concurrent_changes()
    overall = next(c for c in changes if c.what == "Sam Shared's overall grade")
    assert {c.value for c in overall.changes} == {labels[GOOD], labels[INADEQUATE]}
    assert any(c.what == "Sam Shared's grade for Voice of the child" for c in changes)
    assert all("status" not in c.what for c in changes)  # worked out from the grades


def test_the_lead_resolves_a_concurrent_change_and_it_travels(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:
    _set_summary(laptop_a, "Ana Inspector", "Ana's account")
    _set_summary(laptop_b, "Ben Inspector", "Ben's account")
    merge_packages(
        lead, [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    )
    with Inspection.open(lead) as insp:
        [change] = insp.moderation.concurrent_changes()
        ana = insp.assessor("Ana Inspector", "inspector")
        with pytest.raises(ModerationError):
            insp.moderation.resolve_concurrent(ana, change, "I prefer mine")
        with pytest.raises(ModerationError):
            insp.moderation.resolve_concurrent(insp.assessor("Lee Lead", "supervisor"), change, " ")
        insp.moderation.resolve_concurrent(
            insp.assessor("Lee Lead", "supervisor"), change, "Checked against the file"
        )
        assert insp.moderation.concurrent_changes(unresolved_only=True) == []
        [done] = insp.moderation.concurrent_changes()
    assert done.resolved and done.resolved_by == "Lee Lead"
    assert done.resolution == "Checked against the file"
    # a laptop taking the lead's package sees the pair, resolved
    merge_packages(laptop_a, [package(lead, tmp_path / "lead.pkg")])
    [there] = _listed(laptop_a)
    assert there.resolved and there.pairs == done.pairs


def test_a_merge_conflict_names_grades_by_their_labels(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:
    with Inspection.open(laptop_a) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ana Inspector", "inspector"), GOOD)
    with Inspection.open(laptop_b) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ben Inspector", "inspector"), INADEQUATE)
        labels = {g.code: g.label for g in insp.framework.grades}
    _first, second = merge_packages(
        lead, [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    )
    listed = second.lines()[
        second.lines().index("in conflict: 1 case(s) for the lead to resolve") + 1
    ]
    assert f"Ana Inspector {labels[GOOD]}" in listed
    assert f"Ben Inspector {labels[INADEQUATE]}" in listed
    assert f" {GOOD}," not in listed and not listed.endswith(f" {INADEQUATE}")
