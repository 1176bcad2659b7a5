"""A case's grading as the reviewer reads it: grades with notes, referral, earlier questions."""

from __future__ import annotations

from html import escape

from auditor.evidence.citations import Citation
from auditor.framework import Framework
from auditor.grading.rules import DECISION_LABELS, Assessment, Review
from auditor.records import Case
from ui.common.widgets import when
from ui.review.evidence import citations_html


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def grades_html(
    framework: Framework,
    case: Case,
    assessment: Assessment,
    citations: dict[str, list[Citation]] | None = None,
) -> str:
    """The overall grade, then every criterion's grade, evidence note and cited passages
    (``citations`` by criterion id, as links: ``ui.review.evidence``)."""
    cited = citations or {}
    parts = [f"<p><b>Overall grade:</b> {escape(framework.grade_label(assessment.overall_grade))}"]
    if assessment.override_reason:
        parts.append(
            f"<br><b>Why it differs from the suggestion:</b> {_text(assessment.override_reason)}"
        )
    parts.append("</p><table cellpadding=3 cellspacing=0 width='100%'>")
    for criterion in framework.criteria_for(case.case_type, case.attributes):
        grade = framework.grade_label(assessment.grade_of(criterion.id)) or "Not graded"
        note = assessment.note_of(criterion.id)
        parts.append(
            f"<tr><td valign=top width='45%'>{escape(criterion.title)}</td>"
            f"<td valign=top><b>{escape(grade)}</b>"
            + (f"<br><i>{_text(note)}</i>" if note else "")
            + citations_html(cited.get(criterion.id, []))
            + "</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def reviews_html(reviews: tuple[Review, ...] | list[Review], names: dict[str, str]) -> str:
    """Earlier decisions, questions and answers on the grading, oldest first."""
    if not reviews:
        return "<p><i>No earlier reviews or questions.</i></p>"
    items = []
    for review in reviews:
        who = escape(names.get(review.reviewer_id, "a supervisor"))
        line = (
            f"<li><b>{escape(DECISION_LABELS.get(review.decision, review.decision))}</b> "
            f"by {who}, {when(review.created_at)}"
        )
        if review.note:
            label = "Question" if review.is_question else "Note"
            line += f"<br>{label}: {_text(review.note)}"
        if review.is_question:
            if review.answered_at:
                answerer = escape(names.get(review.answered_by or "", "the inspector"))
                line += (
                    f"<br>Answer from {answerer}, {when(review.answered_at)}: "
                    f"{_text(review.answer)}"
                )
            else:
                line += "<br><i>Waiting for the inspector's answer.</i>"
        items.append(line + "</li>")
    return "<ul>" + "".join(items) + "</ul>"


def case_heading(framework: Framework, case: Case, inspector: str) -> str:
    return (
        f"<h3>{escape(case.reference)} · {escape(framework.case_type_label(case.case_type))}</h3>"
        f"<p>Graded by <b>{escape(inspector)}</b>"
        + (f"<br>{_text(case.summary)}" if case.summary else "")
        + "</p>"
    )


def referral_html(framework: Framework, reason: str, note: str, flagged_at: str) -> str:
    label = framework.referral_reason_label(reason) if reason else "No reason chosen"
    return (
        f"<p><b>Referral back:</b> {escape(label)} (flagged {when(flagged_at)})"
        + (f"<br><b>Note:</b> {_text(note)}" if note else "")
        + "</p>"
    )
