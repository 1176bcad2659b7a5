"""Whose grading a person sees on a case, and whether it is theirs to change (pure reading).

A person grades a case allocated to them, or one nobody holds that nobody else has graded; a
second grader of a moderation sample grades blind. Any other case shows the grading that
counts, read only: it changes only by moderation's second grading or an explicit, audited
take-over (``Allocations.take_over``) - never by a silent second grading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.grading.rules import AWAITING_REVIEW, FLAGGED, NOT_STARTED, Assessment
from auditor.moderation.blind import hidden_from
from db import allocations as allocation_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.records import Assessor


@dataclass(frozen=True)
class Whose:
    """The grading shown on a case, and why it is not the reader's to change ('' if it is)."""

    assessment: Assessment | None
    held_by: str  # why it is read only, in words ("Graded by Sam Shared (inspector)")
    #: Why it cannot be taken over now ('' when it can: as ``Allocations.take_over`` refuses).
    not_takeable: str = ""

    @property
    def editable(self) -> bool:
        return not self.held_by


def _named(person: Assessor) -> str:
    return f"{person.name} ({person.role})"


def whose_grading(inspection: Inspection, user: Assessor, case_id: str) -> Whose:
    """What ``user`` sees of ``case_id``'s grading, and whether they may change it."""
    every = inspection.grading.assessments(case_id)  # read once: every step shows a case
    mine = next((a for a in every if a.assessor_id == user.id), None)
    if hidden_from(inspection, user.id, case_id):  # a blind second grading: their own
        return Whose(mine, "")
    holder = inspection.allocations.allocated_to(case_id)
    others = [a for a in every if a.assessor_id != user.id and a.status != NOT_STARTED]
    if (holder is None or holder.id == user.id) and not others:
        return Whose(mine, "")  # the reader's own to grade: nobody else's is in the way
    blocked = _not_takeable(every)
    if holder is not None and holder.id != user.id:
        theirs = next((a for a in others if a.assessor_id == holder.id), None)
        shown = theirs or _counting(others) or mine
        return Whose(shown, f"Allocated to {_named(holder)}", blocked)
    if (mine is None or mine.status == NOT_STARTED) and others:
        people = {p.id: p for p in inspection.assessors()}
        counts = allocation_rows.shown_assessment_id(inspection.db, case_id)  # as the list
        shown = next((a for a in others if a.id == counts), None) or _counting(others)
        who = people.get(shown.assessor_id) if shown else None
        graded = f"Graded by {_named(who)}" if who else "Graded by someone else"
        if holder is not None:  # allocated to the reader after someone else graded it
            graded = f"Allocated to you, but already {graded[0].lower()}{graded[1:]}"
        return Whose(shown, graded, blocked)
    return Whose(mine, "")


def _not_takeable(assessments: list[Assessment]) -> str:
    """Why a case cannot be taken over now (a decided referral, a review awaited), or ''."""
    for assessment in assessments:
        referral = assessment.referral
        if referral is not None and referral.state != FLAGGED:
            return "its referral has been decided, so it cannot be taken over"
        if assessment.status == AWAITING_REVIEW:
            return "it is awaiting a supervisor's review, so it cannot be taken over now"
    return ""


def _counting(assessments: list[Assessment]) -> Assessment | None:
    """Among others' gradings where none counts yet: the latest updated with an overall
    grade, else the latest updated."""
    graded = [a for a in assessments if a.overall_grade is not None]
    pool = graded or assessments
    return max(pool, key=lambda a: a.updated_at, default=None)
