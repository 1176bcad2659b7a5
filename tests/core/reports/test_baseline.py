"""Table 6: an earlier inspection's hand-entered figures beside the current ones."""

from __future__ import annotations

import json

import pytest

from auditor.framework import bundled_framework
from auditor.inspection import Assessor, Inspection
from auditor.reports import (
    BASELINES_SETTING,
    Baseline,
    BaselineError,
    baseline_from_dict,
    baseline_to_dict,
    baselines_from_json,
    baselines_to_json,
    build_report,
    load_report_data,
)
from auditor.settings import InspectionSettings
from tests.support.reports import GOOD, INADEQUATE, RI, add_cases, grade, refer

# The 2017 update, as issue 6 quotes it: 214 cases, 191 requiring improvement or inadequate.
UPDATE_2017 = Baseline(label="2017 update", year=2017, cases=214, below_best=191)


def test_comparison_with_the_2017_update(insp: Inspection, actor: Assessor) -> None:
    grades = [GOOD] * 2 + [RI] * 5 + [INADEQUATE] * 3
    cases = add_cases(insp, [{"case_type": "S47"} for _ in grades])
    for case, overall in zip(cases, grades, strict=True):
        grade(insp, actor, case, overall)
    refer(insp, actor, cases[-1])

    comparison = build_report(load_report_data(insp), baseline=UPDATE_2017).baseline
    assert comparison is not None
    labels = [r.label for r in comparison.rows]
    assert labels == [
        "Cases graded",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Requires improvement or Inadequate",
        "Referred back",
    ]
    cases_row = comparison.row("Cases graded")
    assert (cases_row.current, cases_row.baseline) == (10, 214)
    worse = comparison.row("Requires improvement or Inadequate")
    assert (worse.current, worse.baseline) == (8, 191)
    assert worse.current_share == pytest.approx(80)
    assert worse.baseline_share == pytest.approx(100 * 191 / 214)  # 89.3%
    assert worse.change_points == pytest.approx(80 - 100 * 191 / 214)
    good = comparison.row("Good")
    assert (good.current, good.baseline, good.baseline_share, good.change_points) == (
        2,
        None,
        None,
        None,
    )
    referred = comparison.row("Referred back")
    assert (referred.current, referred.current_share, referred.baseline) == (1, 10.0, None)


def test_grade_counts_give_the_worse_than_best_total() -> None:
    framework = bundled_framework()
    figure_1 = Baseline(
        "2018 review", 303, year=2018, grade_counts={GOOD: 93, RI: 127, INADEQUATE: 83}
    )
    assert figure_1.below_best_count(framework) == 210
    assert figure_1.count(RI) == 127
    assert figure_1.problems(framework) == []
    assert UPDATE_2017.below_best_count(framework) == 191
    partial = Baseline("partial", 100, grade_counts={RI: 10})
    assert partial.below_best_count(framework) is None


def test_problems_with_the_framework() -> None:
    framework = bundled_framework()
    wrong = Baseline("wrong", 50, grade_counts={GOOD: 10, RI: 10, INADEQUATE: 10}, below_best=5)
    assert wrong.problems(framework) == [
        "the grade counts do not add up to the 50 cases",
        "Requires improvement or Inadequate (5) disagrees with the grade counts",
    ]
    unknown = Baseline("unknown", 50, grade_counts={"outstanding": 5})
    assert unknown.problems(framework) == ["'outstanding' is not a grade of the framework"]


def test_round_trip_through_json() -> None:
    figures = Baseline(
        "2018 review", 303, year=2018, grade_counts={GOOD: 93, RI: 127}, referred_back=52
    )
    for baseline in (figures, UPDATE_2017):
        stored = json.dumps(baseline_to_dict(baseline))
        assert baseline_from_dict(json.loads(stored)) == baseline
    assert baseline_to_dict(UPDATE_2017) == {
        "label": "2017 update",
        "year": 2017,
        "cases": 214,
        "grades": {},
        "below_best": 191,
        "referred_back": None,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cases": 3}, "no 'label'"),
        ({"label": "x"}, "no 'cases'"),
        ({"label": " ", "cases": 3}, "needs a label"),
        ({"label": "x", "cases": -1}, "whole number of cases"),
        ({"label": "x", "cases": "214"}, "whole number of cases"),
        ({"label": "x", "cases": True}, "whole number of cases"),
        ({"label": "x", "cases": 10, "below_best": 11}, "more than the 10 cases"),
        ({"label": "x", "cases": 10, "grades": {GOOD: 6, RI: 6}}, "add up to more"),
        ({"label": "x", "cases": 10, "grades": [1, 2]}, "'grades' must map"),
        ({"label": "x", "cases": 10, "year": "2017"}, "year must be"),
        ({"label": "x", "cases": 10, "typo": 1}, "unknown baseline figure"),
        ([1, 2], "not list"),
    ],
)
def test_malformed_baselines_are_refused(data: object, message: str) -> None:
    with pytest.raises(BaselineError, match=message):
        baseline_from_dict(data)  # type: ignore[arg-type]


def test_baselines_kept_in_the_inspection_settings(insp: Inspection) -> None:
    """The suggested home: a JSON list in the file's settings table (audited writes)."""
    lead = insp.assessor("Invented Lead Inspector", "supervisor")
    settings = InspectionSettings(insp)
    earlier = [
        UPDATE_2017,
        Baseline("2016 inspection", 400, year=2016, below_best=300, referred_back=68),
    ]
    settings.set(lead, BASELINES_SETTING, baselines_to_json(earlier))
    assert baselines_from_json(settings.get(BASELINES_SETTING)) == earlier
    assert baselines_from_json(None) == []
    with pytest.raises(BaselineError, match="not readable"):
        baselines_from_json("{oops")
    with pytest.raises(BaselineError, match="must be a list"):
        baselines_from_json('{"label": "x"}')
