"""Two laptops grade an inspection; their packages merged give the inspection of one file."""

from __future__ import annotations

from pathlib import Path

from auditor.inspection import Inspection
from auditor.merging.conflicts import find_conflicts
from auditor.merging.merge import merge_packages
from auditor.merging.outcome import ADDED, UNCHANGED, UPDATED
from auditor.merging.package import write_package
from auditor.reports import build_report, load_report_data
from tests.support.grades import CUSTODY_CRITERIA, GOOD, INADEQUATE, RI
from tests.support.importing import snapshot
from tests.support.merge import REFERENCES, canonical, case_id, copy_of, grade_case, package

GRADES = (GOOD, RI, INADEQUATE, GOOD, INADEQUATE, RI, GOOD, GOOD)


def _grade_half(path: Path, name: str, indexes: range) -> None:
    with Inspection.open(path) as insp:
        actor = insp.assessor(name, "inspector")
        for i in indexes:
            grade_case(insp, REFERENCES[i], actor, GRADES[i], refer=GRADES[i] == INADEQUATE)


def _report(path: Path):
    with Inspection.open(path) as insp:
        return build_report(load_report_data(insp))


def test_disjoint_halves_merged_report_as_one_file(
    laptop_a: Path, laptop_b: Path, lead: Path, merge_base: Path, tmp_path: Path
) -> None:
    _grade_half(laptop_a, "Ana Inspector", range(0, 4))
    _grade_half(laptop_b, "Ben Inspector", range(4, 8))
    one = copy_of(merge_base, tmp_path / "one.caseaudit")
    _grade_half(one, "Ana Inspector", range(0, 4))
    _grade_half(one, "Ben Inspector", range(4, 8))
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")

    summaries = merge_packages(lead, [a, b])

    assert [s.get(ADDED, "assessments") for s in summaries] == [4, 4]
    assert all(not s.conflicts for s in summaries)
    merged, single = _report(lead), _report(one)
    assert merged.cases_assessed == single.cases_assessed
    assert merged.referrals == single.referrals
    assert merged.criteria == single.criteria
    assert merged.timeliness == single.timeliness
    assert merged == single
    assert sum(merged.cases_assessed.column_totals) == 8
    assert merged.cases_assessed.not_yet_graded == 0


def test_merging_twice_changes_nothing(laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path):
    _grade_half(laptop_a, "Ana Inspector", range(0, 4))
    _grade_half(laptop_b, "Ben Inspector", range(4, 8))
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")
    merge_packages(lead, [a, b])
    before = snapshot(lead)

    again = merge_packages(lead, [b, a])

    assert snapshot(lead) == before
    for summary in again:
        assert not summary.changed
        assert summary.get(UNCHANGED, "assessments") == 4
        assert summary.lines()[:2] == ["added: nothing", "updated: nothing"]


def test_a_newer_package_brings_only_what_changed(laptop_a: Path, lead: Path, tmp_path: Path):
    _grade_half(laptop_a, "Ana Inspector", range(0, 2))
    merge_packages(lead, [package(laptop_a, tmp_path / "a1.pkg")])
    with Inspection.open(laptop_a) as insp:
        ana = insp.assessor("Ana Inspector", "inspector")
        insp.grading.set_note(case_id(insp, REFERENCES[0]), ana, "supervision", "Invented: later")

    (summary,) = merge_packages(lead, [package(laptop_a, tmp_path / "a2.pkg")])

    assert summary.get(UPDATED, "criterion_grades") == 1
    assert summary.get(ADDED, "criterion_grades") == 0
    assert summary.get(UNCHANGED, "criterion_grades") == 2 * len(CUSTODY_CRITERIA) - 1
    assert summary.get(ADDED, "audit_log") >= 1
    with Inspection.open(lead) as insp:
        ana = insp.assessor("Ana Inspector", "inspector")
        grades = insp.grading.assessment(case_id(insp, REFERENCES[0]), ana.id)
        assert grades is not None
        assert grades.grades["supervision"].note == "Invented: later"


def test_same_case_graded_on_both_laptops_is_a_conflict(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:
    _grade_half(laptop_a, "Ana Inspector", range(0, 1))  # CUS-0001 good
    with Inspection.open(laptop_b) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ben Inspector", "inspector"), INADEQUATE)
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")

    summaries = merge_packages(lead, [a, b])

    assert not summaries[0].conflicts
    (conflict,) = summaries[1].conflicts
    assert conflict.reference == REFERENCES[0]
    assert conflict.grades == (("Ana Inspector", GOOD), ("Ben Inspector", INADEQUATE))
    assert "in conflict: 1 case(s) for the lead to resolve" in summaries[1].lines()
    with Inspection.open(lead) as insp:
        assert find_conflicts(insp) == list(summaries[1].conflicts)
        grades = {a.overall_grade for a in insp.grading.assessments(conflict.case_id)}
        assert grades == {GOOD, INADEQUATE}


def test_a_then_b_equals_b_then_a(laptop_a: Path, laptop_b: Path, tmp_path: Path) -> None:
    _grade_half(laptop_a, "Ana Inspector", range(0, 5))
    _grade_half(laptop_b, "Ben Inspector", range(3, 8))
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")
    ab, ba = tmp_path / "ab.caseaudit", tmp_path / "ba.caseaudit"

    merge_packages(ab, [a, b])
    merge_packages(ba, [b, a])

    assert canonical(ab) == canonical(ba)
    assert snapshot(ab) != snapshot(ba)  # only the combination entries differ


def test_merge_records_a_combination_and_keeps_the_log(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    _grade_half(laptop_a, "Ana Inspector", range(0, 1))
    a = package(laptop_a, tmp_path / "a.pkg")
    (summary,) = merge_packages(lead, [a], actor_name="Lee Lead")
    with Inspection.open(lead) as insp, Inspection.open(laptop_a) as laptop:
        combos = list(insp.db.query("SELECT * FROM audit_log WHERE kind = 'combination'"))
        assert [(c["new_value"], c["old_value"]) for c in combos] == [
            (summary.package_sha256, "Ana Inspector")
        ]
        assert combos[0]["actor_id"] == insp.assessor("Lee Lead", "supervisor").id
        theirs = {r["id"]: r for r in laptop.db.query("SELECT * FROM audit_log")}
        ours = {r["id"]: r for r in insp.db.query("SELECT * FROM audit_log")}
        packaged = {k: v for k, v in theirs.items() if v["kind"] != "disclosure"}
        assert all(ours[k] == v for k, v in packaged.items())  # merged, not rewritten


def test_withdrawn_referral_is_withdrawn_in_either_order(
    laptop_a: Path, laptop_b: Path, tmp_path: Path
) -> None:
    with Inspection.open(laptop_a) as insp:
        sam = insp.assessor("Sam Shared", "inspector")
        grade_case(insp, REFERENCES[0], sam, INADEQUATE, refer=True)
    mid = package(laptop_a, tmp_path / "mid.pkg")
    with Inspection.open(laptop_a) as insp:
        sam = insp.assessor("Sam Shared", "inspector")
        insp.grading.withdraw_referral(case_id(insp, REFERENCES[0]), sam)
    late = package(laptop_a, tmp_path / "late.pkg")
    one, two = tmp_path / "one.caseaudit", tmp_path / "two.caseaudit"

    merge_packages(one, [mid, late])
    merge_packages(two, [late, mid])

    assert canonical(one) == canonical(two)
    assert canonical(one)["referrals"] == []


def test_a_conflict_the_lead_resolved_is_not_listed_again(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:

    _grade_half(laptop_a, "Ana Inspector", range(0, 1))  # CUS-0001 good
    with Inspection.open(laptop_b) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ben Inspector", "inspector"), INADEQUATE)
    a, b = package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")
    merge_packages(lead, [a, b])
    with Inspection.open(lead) as insp:
        (conflict,) = find_conflicts(insp)
        insp.moderation.reconcile(
            insp.assessor("Lee Lead", "supervisor"), conflict.case_id, INADEQUATE, "Agreed."
        )
    # Ben changes a note on his laptop; his newer package brings it, the case stays resolved.
    with Inspection.open(laptop_b) as insp:
        ben = insp.assessor("Ben Inspector", "inspector")
        insp.grading.set_note(
            case_id(insp, REFERENCES[0]), ben, CUSTODY_CRITERIA[1], "Invented later note"
        )
    (summary,) = merge_packages(lead, [package(laptop_b, tmp_path / "b2.pkg")])
    assert summary.changed
    assert summary.conflicts == ()
    assert "in conflict: none" in summary.lines()
    with Inspection.open(lead) as insp:  # both grades are still kept, and still listed whole
        assert [c.reference for c in find_conflicts(insp)] == [REFERENCES[0]]
        assert find_conflicts(insp, unresolved_only=True) == []
    # Ben then changes his overall grade: the agreed grade no longer settles the case.
    with Inspection.open(laptop_b) as insp:
        ben = insp.assessor("Ben Inspector", "inspector")
        insp.grading.set_overall(case_id(insp, REFERENCES[0]), ben, RI, "Invented: on reflection")
    (summary,) = merge_packages(lead, [package(laptop_b, tmp_path / "b3.pkg")])
    assert [c.reference for c in summary.conflicts] == [REFERENCES[0]]


def test_a_moderation_case_graded_twice_is_not_a_conflict(
    laptop_a: Path, laptop_b: Path, lead: Path, tmp_path: Path
) -> None:

    _grade_half(laptop_a, "Ana Inspector", range(0, 1))  # CUS-0001 good
    merge_packages(lead, [package(laptop_a, tmp_path / "a.pkg")])
    with Inspection.open(lead) as insp:  # the lead draws every graded case into the sample
        insp.moderation.draw(insp.assessor("Lee Lead", "supervisor"), 100, seed=7)
    with Inspection.open(laptop_b) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ben Inspector", "inspector"), INADEQUATE)

    (summary,) = merge_packages(lead, [package(laptop_b, tmp_path / "b.pkg")])

    assert summary.changed
    assert summary.conflicts == ()
    with Inspection.open(lead) as insp:
        assert find_conflicts(insp) == []
        grades = {a.overall_grade for a in insp.grading.assessments(case_id(insp, REFERENCES[0]))}
        assert grades == {GOOD, INADEQUATE}  # both kept: the pair moderation compares


def test_a_package_without_assessments_names_whoever_wrote_it(
    laptop_a: Path, tmp_path: Path
) -> None:
    with Inspection.open(laptop_a) as insp:
        ana = insp.assessor("Ana Inspector", "inspector")
        insp.update_case(ana, insp.case_by_reference(REFERENCES[0]).id, {"summary": "Edited"})
        manifest = write_package(insp, tmp_path / "a.pkg", actor=ana, recipient="Lee Lead")
        unnamed = write_package(insp, tmp_path / "b.pkg")
    assert manifest.assessor == "Ana Inspector"
    assert unnamed.assessor == "not stated"
