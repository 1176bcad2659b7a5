"""Suggested grades: the rating a framework's rule draws from criterion answers (worst, median,
or the share of yes answers banded), per domain, and for a whole case.

Pure functions of a framework and answers, as ``derive_status`` is. A criterion's answer is a
code of ``framework.answers`` (the grades in format 1; e.g. Yes / No with ``[[answers]]``); a
suggested rating is a code of ``framework.grades``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from auditor.framework import Framework


def _answer_rank_as_rating(framework: Framework, rank: int) -> int:
    """An answer's place on its scale as the same place on the rating scale (first to first,
    last to last); the identity where criteria are graded on the ratings (format 1)."""
    answers, ratings = len(framework.answers), len(framework.grades)
    if answers == ratings or answers < 2:
        return min(rank, ratings - 1)
    return round(rank * (ratings - 1) / (answers - 1))


def _pick(rule: str, ranks: list[int]) -> int:
    """The worst rank, or the median one (the upper of the two middle ranks when even)."""
    ranks = sorted(ranks)
    return ranks[-1] if rule == "worst" else ranks[len(ranks) // 2]


def yes_share(framework: Framework, answers: Iterable[str | None]) -> float | None:
    """The percentage of answered, not Not applicable criteria whose answer counts as yes
    (``[grading.share] answers``); None when none is answered or the framework has no rule."""
    rule = framework.share
    if rule is None:
        return None
    scale = {g.code for g in framework.answers}
    answered = [code for code in answers if code in scale]
    if not answered:
        return None
    return 100 * sum(code in rule.answers for code in answered) / len(answered)


def rate(framework: Framework, rule: str, answers: Iterable[str | None]) -> str | None:
    """The rating (a code of ``framework.grades``) one suggestion rule draws from criterion
    answers; None when none is answered (Not applicable and blank answers do not count).

    - ``worst`` / ``median``: the worst (or median) answer by its rank; with an answer scale
      of its own (Yes / No) an answer's place on it is the same place on the rating scale
      (the first answer the best rating, the last the worst).
    - ``share``: the percentage of answers counted as yes, banded by ``[grading.share]``
      (the first band reached, highest first): exactly 80% is "at least 80".
    """
    if rule == "share":
        percent = yes_share(framework, answers)
        if percent is None or framework.share is None:
            return None
        return framework.share.grade_for(percent)
    ranks = [g.rank for code in answers if (g := framework.answer(code)) in framework.answers]
    if not ranks:
        return None
    return framework.grades[_answer_rank_as_rating(framework, _pick(rule, ranks))].code


def suggest_overall(framework: Framework, grades: list[str | None]) -> str | None:
    """The overall grade the framework's rule suggests from a list of criterion grades (None if
    none): the rule over the criteria directly. A framework rating its domains first
    (``overall_from = "domains"``) needs to know whose grade is whose: use
    :func:`suggest_for_case`."""
    return rate(framework, framework.overall_suggestion, grades)


def domain_ratings(
    framework: Framework,
    case_type: str,
    attributes: Mapping[str, Any] | None,
    grades: Mapping[str, str | None],
) -> dict[str, str | None]:
    """Each domain's rating for a case (domain id -> rating code, None where none of its
    applicable criteria is answered), by the domain's own rule, in framework order.

    ``grades`` maps criterion ids to answer codes; criteria that do not apply to the case (its
    type and ``attributes``) are left out. Empty when the framework has no domains."""
    return {
        domain.id: rate(
            framework,
            domain.suggestion,
            [grades.get(c.id) for c in framework.criteria_in(domain.id, case_type, attributes)],
        )
        for domain in framework.domains
    }


def suggest_for_case(
    framework: Framework,
    case_type: str,
    grades: Mapping[str, str | None],
    attributes: Mapping[str, Any] | None = None,
) -> str | None:
    """The overall grade suggested for a case from its criteria's answers (criterion id ->
    code): the overall rule over the applicable criteria, or, with ``overall_from =
    "domains"``, worst or median over the domains' ratings (domains with no rating left out)."""
    if framework.overall_from == "domains":
        rated = domain_ratings(framework, case_type, attributes, grades).values()
        ranks = [g.rank for code in rated if (g := framework.grade(code)) in framework.grades]
        if not ranks:
            return None
        return framework.grades[_pick(framework.overall_suggestion, ranks)].code
    applying = framework.criteria_for(case_type, attributes)
    return rate(framework, framework.overall_suggestion, [grades.get(c.id) for c in applying])
