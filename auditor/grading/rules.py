"""Grading rules: the suggested overall grade and a case's status, from its grades."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor.framework import Framework, Words

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
RETURNED = "returned"
COMPLETE = "complete"
AWAITING_REVIEW = "awaiting_review"
NOT_REFERRED = "not_referred"
REFERRAL_CONFIRMED = "referral_confirmed"
REFERRAL_SENT = "referral_sent"
FORCE_RESPONDED = "force_responded"
REFERRAL_CLOSED = "referral_closed"
#: Every status, in the order of a case's lifecycle (the case list sorts by this order).
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    RETURNED: "Returned",
    COMPLETE: "Complete",
    AWAITING_REVIEW: "Awaiting review",
    NOT_REFERRED: "Not referred",
    REFERRAL_CONFIRMED: "Referral confirmed",
    REFERRAL_SENT: "Sent to force",
    FORCE_RESPONDED: "Force responded",
    REFERRAL_CLOSED: "Referral closed",
}
#: Statuses of a case whose grading is done (nothing waits for its inspector).
DONE_STATUSES = (
    COMPLETE,
    AWAITING_REVIEW,
    NOT_REFERRED,
    REFERRAL_CONFIRMED,
    REFERRAL_SENT,
    FORCE_RESPONDED,
    REFERRAL_CLOSED,
)

# States of a referral back to the force, in lifecycle order.
FLAGGED = "flagged"
CONFIRMED = "confirmed"
NOT_REFERRED_STATE = "not_referred"
SENT = "sent"
RESPONDED = "responded"
CLOSED = "closed"
REFERRAL_STATE_LABELS = {
    FLAGGED: "Flagged",
    CONFIRMED: "Confirmed",
    SENT: "Sent to force",
    RESPONDED: "Force responded",
    CLOSED: "Closed",
    NOT_REFERRED_STATE: "Not referred",
}
_STATUS_OF_REFERRAL = {
    FLAGGED: AWAITING_REVIEW,
    CONFIRMED: REFERRAL_CONFIRMED,
    SENT: REFERRAL_SENT,
    RESPONDED: FORCE_RESPONDED,
    CLOSED: REFERRAL_CLOSED,
    NOT_REFERRED_STATE: NOT_REFERRED,
}

# Kinds and decisions of a supervisor's review.
REFERRAL_REVIEW = "referral"
QA_REVIEW = "qa"
DECISION_CONFIRM = "confirmed"
DECISION_NOT_REFER = "not_referred"
DECISION_RETURN = "returned"
DECISION_AGREE = "agree"
DECISION_DISAGREE = "disagree"
#: A review that takes back the decision before it (by the supervisor who made it).
DECISION_UNDONE = "undone"
#: Decisions that send a case back to its inspector with a question to answer.
QUESTION_DECISIONS = (DECISION_RETURN, DECISION_DISAGREE)
DECISION_LABELS = {
    DECISION_CONFIRM: "Referral confirmed",
    DECISION_NOT_REFER: "Not referred",
    DECISION_RETURN: "Returned with a question",
    DECISION_AGREE: "Agrees with the overall grade",
    DECISION_DISAGREE: "Disagrees with the overall grade",
    DECISION_UNDONE: "Decision undone",
}


ARTICLES = ("the ", "a ", "an ")


def body_noun(words: Words) -> str:
    """The inspected body without its article, as written: "force", "probation region"."""
    text = words.inspected_body.strip()
    for article in ARTICLES:
        if text.casefold().startswith(article):
            return text[len(article) :]
    return text


def body_heading(words: Words) -> str:
    """The inspected body as a heading's first word: "Force", "Probation region"."""
    noun = body_noun(words)
    return noun[:1].upper() + noun[1:]


def status_labels(words: Words) -> dict[str, str]:
    """``STATUS_LABELS`` naming the inspected body in the framework's words ("Sent to
    service", "Service responded"); the same as ``STATUS_LABELS`` in the police wording."""
    return {**STATUS_LABELS, **_body_labels(words, REFERRAL_SENT, FORCE_RESPONDED)}


def referral_state_labels(words: Words) -> dict[str, str]:
    """``REFERRAL_STATE_LABELS`` naming the inspected body in the framework's words."""
    return {**REFERRAL_STATE_LABELS, **_body_labels(words, SENT, RESPONDED)}


def _body_labels(words: Words, sent: str, responded: str) -> dict[str, str]:
    return {sent: f"Sent to {body_noun(words)}", responded: f"{body_heading(words)} responded"}


def is_done(status: str) -> bool:
    """Whether a case with this status needs nothing more from its inspector."""
    return status in DONE_STATUSES


@dataclass(frozen=True)
class CriterionGrade:
    """An inspector's grade of one criterion, with the evidence note."""

    criterion_id: str
    grade: str | None
    note: str = ""


@dataclass(frozen=True)
class Referral:
    """A case flagged for referral back to the force, and how far it has gone."""

    id: str
    reason: str
    note: str
    state: str
    flagged_at: str
    flagged_by: str = ""
    sent_at: str | None = None
    force_reference: str = ""
    response_at: str | None = None
    response_action: str = ""
    closed_at: str | None = None


@dataclass(frozen=True)
class Review:
    """A supervisor's decision on an assessment, with the inspector's answer to a question."""

    id: str
    assessment_id: str
    reviewer_id: str
    kind: str
    decision: str
    note: str
    created_at: str
    overall_grade: str | None = None
    answer: str = ""
    answered_by: str | None = None
    answered_at: str | None = None

    @property
    def is_question(self) -> bool:
        """A return or a disagreement: the inspector is asked to answer and resubmit."""
        return self.decision in QUESTION_DECISIONS

    @property
    def is_open(self) -> bool:
        """A question still waiting for the inspector's answer."""
        return self.is_question and self.answered_at is None


@dataclass(frozen=True)
class Assessment:
    """One assessor's grading of one case."""

    id: str
    case_id: str
    assessor_id: str
    overall_grade: str | None
    override_reason: str
    status: str
    updated_at: str
    grades: dict[str, CriterionGrade] = field(default_factory=dict)
    referral: Referral | None = None
    reviews: tuple[Review, ...] = ()

    @property
    def open_question(self) -> Review | None:
        """The supervisor's question waiting for this assessment's inspector, if any."""
        return next((r for r in reversed(self.reviews) if r.is_open), None)

    def grade_of(self, criterion_id: str) -> str | None:
        found = self.grades.get(criterion_id)
        return found.grade if found else None

    def note_of(self, criterion_id: str) -> str:
        found = self.grades.get(criterion_id)
        return found.note if found else ""


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


def completion_problems(
    framework: Framework,
    case_type: str,
    assessment: Assessment | None,
    attributes: Mapping[str, Any] | None = None,
) -> list[str]:
    """What still stands between this assessment and 'complete', in words for the inspector
    (``attributes``: the case's, choosing the criteria that apply by ``applies_when``)."""
    problems = []
    applying = framework.criteria_for(case_type, attributes)
    for criterion in applying:
        if assessment is None or assessment.grade_of(criterion.id) is None:
            problems.append(f"{criterion.title}: not graded")
    if assessment is None or assessment.overall_grade is None:
        problems.append("Overall grade: not recorded")
    else:
        suggested = suggest_for_case(
            framework,
            case_type,
            {c.id: assessment.grade_of(c.id) for c in applying},
            attributes,
        )
        if (
            suggested is not None
            and assessment.overall_grade != suggested
            and not assessment.override_reason.strip()
        ):
            problems.append(
                "Overall grade: differs from the suggested "
                f"{framework.grade_label(suggested)}; say why"
            )
    if assessment is not None and assessment.referral is not None:
        if not assessment.referral.reason:
            problems.append("Referral back: choose a reason")
        if not assessment.referral.note.strip():
            problems.append("Referral back: write a note")
    return problems


def derive_status(
    framework: Framework,
    case_type: str,
    assessment: Assessment | None,
    attributes: Mapping[str, Any] | None = None,
) -> str:
    """A case's place in its lifecycle, from its grades, referral and reviews.

    not started -> in progress -> complete, or awaiting review when flagged -> not referred,
    or referral confirmed -> sent to force -> force responded -> referral closed. A question
    from a supervisor (a return, or a disagreement in quality assurance) makes it "returned"
    until its inspector answers.
    """
    if assessment is None:
        return NOT_STARTED
    anything = (
        assessment.overall_grade is not None
        or assessment.referral is not None
        or any(g.grade is not None or g.note for g in assessment.grades.values())
    )
    if not anything:
        return NOT_STARTED
    if assessment.open_question is not None:
        return RETURNED
    if completion_problems(framework, case_type, assessment, attributes):
        return IN_PROGRESS
    if assessment.referral is None:
        return COMPLETE
    return _STATUS_OF_REFERRAL.get(assessment.referral.state, AWAITING_REVIEW)
