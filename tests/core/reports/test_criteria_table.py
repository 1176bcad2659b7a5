"""Table 3: per criterion, applicable cases and the share worse than Good."""

from __future__ import annotations

import pytest

from auditor.inspection import Assessor, Inspection
from auditor.reports import build_report, load_report_data
from tests.support.reports import GOOD, INADEQUATE, NA, RI, add_cases, grade


def test_criteria_counts_by_hand(insp: Inspection, actor: Assessor, second: Assessor) -> None:
    da, s47, custody, missing, plain, pending = add_cases(
        insp,
        [
            {"case_type": t}
            for t in ("DA_REFERRAL", "S47", "CUSTODY", "MISSING", "DA_REFERRAL", "CUSTODY")
        ],
    )
    set_grade = insp.grading.set_grade
    set_grade(da.id, actor, "voice_of_child", GOOD)
    set_grade(da.id, actor, "supervision", RI)
    set_grade(s47.id, actor, "voice_of_child", RI)
    set_grade(s47.id, actor, "supervision", INADEQUATE)
    set_grade(custody.id, actor, "voice_of_child", INADEQUATE)
    set_grade(custody.id, actor, "custody_appropriate_adult", INADEQUATE)
    set_grade(missing.id, actor, "voice_of_child", NA)
    set_grade(pending.id, actor, "voice_of_child", GOOD)  # never graded overall: left out
    set_grade(pending.id, actor, "custody_appropriate_adult", GOOD)
    for case in (da, s47, custody, missing, plain):
        grade(insp, actor, case, RI)
    # A later assessment by someone else, without an overall grade, changes nothing.
    set_grade(da.id, second, "voice_of_child", INADEQUATE)

    table = build_report(load_report_data(insp)).criteria
    assert [r.criterion_id for r in table.rows] == [c.id for c in insp.framework.criteria]
    assert table.below_best_label == "Requires improvement or Inadequate"

    voice = table.row("voice_of_child")
    # Graded cases: da Good, s47 RI, custody Inadequate, missing N/A, plain not graded.
    assert voice.counts == (1, 1, 1)
    assert (voice.applicable, voice.not_applicable, voice.not_graded) == (3, 1, 1)
    assert voice.below_best == 2
    assert voice.below_best_share == pytest.approx(200 / 3)
    assert voice.percentages() == pytest.approx((100 / 3,) * 3)

    supervision = table.row("supervision")
    assert supervision.counts == (0, 1, 1)
    assert supervision.below_best_share == pytest.approx(100)
    assert supervision.not_graded == 3  # custody, missing and plain have none

    adult = table.row("custody_appropriate_adult")
    assert (adult.counts, adult.not_graded) == ((0, 0, 1), 0)  # the only graded custody case

    trigger = table.row("missing_trigger_plan")
    assert (trigger.applicable, trigger.not_graded, trigger.below_best_share) == (0, 1, None)

    weakest = [r.criterion_id for r in table.weakest()]
    assert weakest == ["supervision", "custody_appropriate_adult", "voice_of_child"]
