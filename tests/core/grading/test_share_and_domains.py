"""Suggestion rules of framework format 2: the share of yes answers banded (at the band edges),
rules per domain, domains feeding the overall suggestion, applicability by a case attribute,
and the grading desk keeping answers and ratings apart."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.errors import GradingError
from auditor.framework import Framework
from auditor.grading.rules import (
    COMPLETE,
    IN_PROGRESS,
    Assessment,
    CriterionGrade,
    completion_problems,
    derive_status,
)
from auditor.grading.suggestion import (
    domain_ratings,
    rate,
    suggest_for_case,
    suggest_overall,
    yes_share,
)
from auditor.importing.working import FrameworkView
from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from tests.support.yes_no_framework import yes_no_framework

BANDS = [(80, "outstanding"), (65, "good"), (50, "requires_improvement"), (0, "inadequate")]


def banded(yes: int, answered: int) -> str:
    """The band the test's own arithmetic reaches (exact integers: 100*yes >= at_least*n)."""
    return next(code for at_least, code in BANDS if 100 * yes >= at_least * answered)


@pytest.fixture(scope="module")
def fw() -> Framework:
    return yes_no_framework()


@pytest.mark.parametrize(
    ("yes", "no", "expected"),
    [
        (8000, 2000, "outstanding"),  # exactly 80%
        (7999, 2001, "good"),  # 79.99%
        (4, 1, "outstanding"),  # 80% of five
        (13, 7, "good"),  # exactly 65%
        (6499, 3501, "requires_improvement"),  # 64.99%
        (1, 1, "requires_improvement"),  # exactly 50%
        (4999, 5001, "inadequate"),  # 49.99%
        (0, 3, "inadequate"),  # 0%: the last band starts at 0
        (3, 0, "outstanding"),  # 100%
    ],
)
def test_share_bands_at_their_edges(fw: Framework, yes: int, no: int, expected: str) -> None:
    answers = ["yes"] * yes + ["no"] * no
    assert banded(yes, yes + no) == expected  # the test's own table agrees with the case
    assert rate(fw, "share", answers) == expected
    assert suggest_overall(fw, answers) == expected  # the framework's overall rule is share


def test_share_leaves_out_not_applicable_and_blank_answers(fw: Framework) -> None:
    # 4 yes of 5 answered: 80%, whatever the N/A and ungraded criteria around them.
    answers = ["yes", "yes", "not_applicable", None, "yes", "no", "yes", "not_applicable"]
    assert yes_share(fw, answers) == pytest.approx(80.0)
    assert rate(fw, "share", answers) == "outstanding"
    assert rate(fw, "share", ["not_applicable", None]) is None  # nothing answered: no rating
    assert suggest_overall(fw, []) is None


def test_worst_and_median_map_yes_no_onto_the_rating_scale(fw: Framework) -> None:
    # Yes is the first answer (the best rating), No the last (the worst).
    assert rate(fw, "worst", ["yes", "yes", "no"]) == "inadequate"
    assert rate(fw, "worst", ["yes", "not_applicable"]) == "outstanding"
    assert rate(fw, "median", ["yes", "yes", "no"]) == "outstanding"
    assert rate(fw, "median", ["yes", "no", "no"]) == "inadequate"
    # A rating is never an answer: "good" given as a criterion answer counts for nothing.
    assert rate(fw, "worst", ["good"]) is None


def answers_of_case() -> dict[str, str | None]:
    # Assessment: a1-a4 answered 3 yes of 4 (a5 applies only to short ADULT orders);
    # Planning: p1 yes, p2 no.
    return {"a1": "yes", "a2": "yes", "a3": "yes", "a4": "no", "p1": "yes", "p2": "no"}


def test_each_domain_is_rated_by_its_own_rule(fw: Framework) -> None:
    ratings = domain_ratings(fw, "YOUTH", None, answers_of_case())
    assert list(ratings) == ["assessment", "planning"]  # framework order
    assert ratings["assessment"] == banded(3, 4)  # share: 75% -> good
    assert ratings["assessment"] == "good"
    assert ratings["planning"] == "inadequate"  # worst of yes, no: No, the worst rating
    # A domain none of whose criteria is answered has no rating.
    assert domain_ratings(fw, "YOUTH", None, {"a1": "yes"})["planning"] is None


def test_overall_share_counts_every_applicable_criterion(fw: Framework) -> None:
    # 4 yes of 6 answered criteria: 66.7% -> good (criteria, not domains, feed it).
    assert suggest_for_case(fw, "YOUTH", answers_of_case()) == banded(4, 6) == "good"


def test_overall_from_domains_takes_worst_or_median_of_the_domain_ratings() -> None:
    worst = yes_no_framework(overall_from="domains", overall_suggestion="worst")
    median = yes_no_framework(overall_from="domains", overall_suggestion="median")
    grades = answers_of_case()  # assessment good, planning inadequate
    assert suggest_for_case(worst, "YOUTH", grades) == "inadequate"
    assert suggest_for_case(median, "YOUTH", grades) == "inadequate"  # upper of the middle two
    grades = {**grades, "p2": "yes"}  # planning: outstanding now
    assert suggest_for_case(worst, "YOUTH", grades) == "good"
    assert suggest_for_case(median, "YOUTH", grades) == "good"
    # Only the planning domain answered: the overall is its rating alone.
    assert suggest_for_case(worst, "YOUTH", {"p1": "yes", "p2": "yes"}) == "outstanding"
    assert suggest_for_case(worst, "YOUTH", {}) is None


def test_a_criterion_applies_by_the_case_attribute(fw: Framework) -> None:
    grades = {**answers_of_case(), "a5": "no"}
    # weeks <= 8: a5 applies (ADULT): assessment 3 yes of 5 -> 60%; overall 4 of 7 -> 57%.
    short = {"weeks": 8}
    assert domain_ratings(fw, "ADULT", short, grades)["assessment"] == banded(3, 5)
    assert suggest_for_case(fw, "ADULT", grades, short) == banded(4, 7) == "requires_improvement"
    # weeks 9, or not recorded: a5 does not apply, its answer is left out.
    for attributes in ({"weeks": 9}, {}, None):
        assert suggest_for_case(fw, "ADULT", grades, attributes) == banded(4, 6)
    # Not for YOUTH cases, whatever the weeks.
    assert suggest_for_case(fw, "YOUTH", grades, short) == banded(4, 6)


def test_completion_asks_for_an_applicable_criterion_by_attribute(fw: Framework) -> None:
    grades = answers_of_case()
    assessment = Assessment(
        id="a",
        case_id="c",
        assessor_id="i",
        overall_grade="good",
        override_reason="",
        status="",
        updated_at="",
        grades={k: CriterionGrade(k, v) for k, v in grades.items()},
    )
    assert derive_status(fw, "ADULT", assessment, {"weeks": 20}) == COMPLETE
    assert derive_status(fw, "ADULT", assessment, {"weeks": 4}) == IN_PROGRESS
    assert "A5 Short order reviewed: not answered" in completion_problems(
        fw, "ADULT", assessment, {"weeks": 4}
    )


# --- through the grading desk, in a real inspection file ------------------------------------


@pytest.fixture
def insp(tmp_path: Path) -> Iterator[Inspection]:
    inspection = Inspection.create(
        tmp_path / "yes-no.caseaudit", name="Yes/No test", framework=yes_no_framework()
    )
    yield inspection
    inspection.close()


@pytest.fixture
def actor(insp: Inspection) -> Assessor:
    return insp.assessor("Invented Inspector", "inspector")


@pytest.fixture
def case(insp: Inspection, actor: Assessor) -> Case:
    return insp.add_case(actor, reference="YN-0001", case_type="YOUTH", summary="Invented.")


def test_the_desk_takes_answers_for_criteria_and_ratings_overall(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    desk = insp.grading
    refused = re.escape("not an answer here (one of: yes, no, not_applicable)")
    with pytest.raises(GradingError, match=refused):
        desk.set_grade(case.id, actor, "a1", "good")  # a rating is not an answer
    with pytest.raises(GradingError, match="one of: outstanding, good"):
        desk.set_overall(case.id, actor, "yes")  # an answer is not a rating
    with pytest.raises(GradingError):
        desk.set_overall(case.id, actor, "not_applicable")
    for criterion_id, code in answers_of_case().items():
        desk.set_grade(case.id, actor, criterion_id, code)
    assessment = desk.set_overall(case.id, actor, "good")  # the suggestion: 4 of 6 yes
    assert assessment.status == COMPLETE
    assessment = desk.set_overall(case.id, actor, "outstanding")  # differs: needs a reason
    assert assessment.status == IN_PROGRESS
    problems = completion_problems(insp.framework, "YOUTH", assessment)
    assert problems == ["Overall grade: differs from the suggested Good; say why"]
    assert desk.set_overall(case.id, actor, "outstanding", "Invented reason").status == COMPLETE


def test_the_desk_reads_the_case_attributes(insp: Inspection, actor: Assessor) -> None:
    short = insp.add_case(
        actor, reference="YN-0002", case_type="ADULT", summary="Invented.", attributes={"weeks": 6}
    )
    long = insp.add_case(
        actor, reference="YN-0003", case_type="ADULT", summary="Invented.", attributes={"weeks": 30}
    )
    desk = insp.grading
    for case in (short, long):
        for criterion_id, code in answers_of_case().items():
            desk.set_grade(case.id, actor, criterion_id, code)
        desk.set_overall(case.id, actor, "good")
    assert desk.assessment(long.id, actor.id).status == COMPLETE
    assert desk.assessment(short.id, actor.id).status == IN_PROGRESS  # a5 applies, not graded
    with pytest.raises(GradingError, match="applies when Weeks supervised <= 8"):
        desk.set_grade(long.id, actor, "a5", "yes")
    assessment = desk.set_grade(short.id, actor, "a5", "yes")  # 5 of 7 yes: 71% -> good
    assert banded(5, 7) == "good"
    assert assessment.status == COMPLETE


# --- the bulk import's view of the framework gives the desk's status ------------------------


@pytest.mark.parametrize(
    ("overall_from", "rule"), [("criteria", "share"), ("domains", "worst"), ("domains", "median")]
)
def test_the_bulk_import_view_derives_the_desk_s_status(overall_from: str, rule: str) -> None:
    framework = yes_no_framework(overall_from=overall_from, overall_suggestion=rule)
    view = FrameworkView(framework)
    chooser = random.Random(23)
    codes = [None, "yes", "no", "not_applicable"]
    ratings = [None, *(g.code for g in framework.grades)]
    seen = set()
    for n in range(400):
        case_type = chooser.choice(["ADULT", "YOUTH"])
        attributes = chooser.choice([None, {}, {"weeks": 4}, {"weeks": 12}])
        grades = {
            c.id: CriterionGrade(c.id, chooser.choice(codes))
            for c in framework.criteria
            if chooser.random() < 0.9
        }
        assessment = Assessment(
            id=str(n),
            case_id="c",
            assessor_id="i",
            overall_grade=chooser.choice(ratings),
            override_reason=chooser.choice(["", "Invented reason"]),
            status="",
            updated_at="",
            grades=grades,
        )
        desk = derive_status(framework, case_type, assessment, attributes)
        assert derive_status(view, case_type, assessment, attributes) == desk  # type: ignore[arg-type]
        seen.add(desk)
    assert {COMPLETE, IN_PROGRESS} <= seen  # both outcomes were compared
