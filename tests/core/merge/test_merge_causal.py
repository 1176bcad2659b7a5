"""Merging by what each side had seen, not by laptop clocks: a supervisor's decision is never
reverted or deleted by a change that had not seen it, and a field a package did not change is
never touched, however far ahead the laptop's clock runs."""

from __future__ import annotations

from pathlib import Path

from auditor.inspection import Inspection
from auditor.merging.merge import merge_packages
from tests.support.grades import INADEQUATE
from tests.support.merge import REFERENCES, case_id, grade_case, package

REF = REFERENCES[0]


def _flag_and_confirm(laptop: Path, lead: Path, tmp_path: Path) -> None:
    """Ana flags a case on her laptop; the lead merges it and confirms the referral."""
    with Inspection.open(laptop) as insp:
        grade_case(insp, REF, insp.assessor("Ana Inspector", "inspector"), INADEQUATE, refer=True)
    merge_packages(lead, [package(laptop, tmp_path / "flag.pkg")])
    with Inspection.open(lead) as insp:
        item = next(i for i in insp.review.queue() if i.case.reference == REF)
        insp.review.confirm_referral(item.assessment.id, insp.assessor("Lee Lead", "supervisor"))


def _referral(path: Path) -> dict | None:
    with Inspection.open(path) as insp:
        ana = next(a for a in insp.assessors() if a.name == "Ana Inspector")
        assessment = insp.grading.assessment(case_id(insp, REF), ana.id)
        referral = assessment.referral if assessment else None
        return None if referral is None else {"state": referral.state, "note": referral.note}


def test_a_note_edited_offline_does_not_revert_a_confirmation(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    _flag_and_confirm(laptop_a, lead, tmp_path)
    with Inspection.open(laptop_a) as insp:  # still offline: it never saw the confirmation
        ana = insp.assessor("Ana Inspector", "inspector")
        reason = insp.framework.referral_reasons[0].code
        insp.grading.set_referral(case_id(insp, REF), ana, reason, "A note edited later")
    [summary] = merge_packages(lead, [package(laptop_a, tmp_path / "note.pkg")])
    after = _referral(lead)
    assert after is not None and after["state"] == "confirmed"
    assert after["note"] == "Invented: child left at risk"
    assert any(REF in n and "changed the referral note" in n for n in summary.notes)
    assert any(line.startswith("kept a decision: ") for line in summary.lines())
    with Inspection.open(lead) as insp:
        queue_refs = [i.case.reference for i in insp.review.queue()]
    assert REF not in queue_refs  # decided: not back in the queue either


def test_a_flag_withdrawn_offline_does_not_delete_a_confirmed_referral(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    _flag_and_confirm(laptop_a, lead, tmp_path)
    with Inspection.open(laptop_a) as insp:
        insp.grading.withdraw_referral(
            case_id(insp, REF), insp.assessor("Ana Inspector", "inspector")
        )
    [summary] = merge_packages(lead, [package(laptop_a, tmp_path / "withdrawn.pkg")])
    after = _referral(lead)
    assert after is not None and after["state"] == "confirmed"
    assert any("withdrew the flag" in n for n in summary.notes)


def test_a_clock_a_year_ahead_does_not_revert_a_field_its_package_did_not_change(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    ahead = iter(f"2027-06-01T00:00:{n:02d}.000Z" for n in range(60))
    with Inspection.open(laptop_a, clock=lambda: next(ahead)) as insp:  # a year ahead
        ana = insp.assessor("Ana Inspector", "inspector")
        insp.update_case(ana, case_id(insp, REF), {"borough": "Invented East"})
    with Inspection.open(lead) as insp:  # the lead corrects the summary, later in real time
        insp.update_case(
            insp.assessor("Lee Lead", "supervisor"), case_id(insp, REF), {"summary": "Corrected"}
        )
    merge_packages(lead, [package(laptop_a, tmp_path / "ahead.pkg")])
    with Inspection.open(lead) as insp:
        case = insp.case(case_id(insp, REF))
    assert case.summary == "Corrected"  # the package never changed it
    assert case.borough == "Invented East"  # what the package did change arrives
