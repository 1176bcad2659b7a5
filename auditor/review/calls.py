"""What calls the person at the keys: questions waiting for their answer, cases waiting for
their review, and referral responses overdue from the force (counts, and their words)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from auditor.grading.rules import AWAITING_REVIEW, FLAGGED, QUESTION_DECISIONS
from auditor.people import is_supervisor
from db import review as review_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.records import Assessor

#: Each queue: its id, the words for one and for many, and the key that opens it.
QUEUES = (
    ("questions", "question for you", "questions for you", "F4"),
    ("review", "awaiting your review", "awaiting your review", "F5"),
    ("overdue", "referral response overdue", "referral responses overdue", "F6"),
)


@dataclass(frozen=True)
class Calls:
    """How many items wait in each queue for one person."""

    questions: int = 0
    review: int = 0
    overdue: int = 0

    def count(self, queue: str) -> int:
        return int(getattr(self, queue))

    def words(self, queue: str) -> str:
        """One queue in words ("2 questions for you (F4)"); blank when nothing waits."""
        for key, one, many, keys in QUEUES:
            if key == queue:
                count = self.count(queue)
                return f"{count} {one if count == 1 else many} ({keys})" if count else ""
        raise KeyError(queue)

    def lines(self) -> list[str]:
        """Every queue with something waiting, in words."""
        return [self.words(key) for key, *_ in QUEUES if self.count(key)]


def calls_for(inspection: Inspection, user: Assessor, today: date) -> Calls:
    """What waits for ``user`` on ``today``: their open questions; for a supervisor, flagged
    cases they may decide (not ones they graded or flagged) and overdue force responses."""
    db = inspection.db
    questions = len(review_rows.open_questions(db, QUESTION_DECISIONS, user.id))
    if not is_supervisor(user):
        return Calls(questions=questions)
    waiting = [
        row
        for row in review_rows.review_queue(db, FLAGGED, AWAITING_REVIEW)
        if user.id not in (row["assessor_id"], row["flagged_by"])
    ]
    overdue = len(inspection.referrals.overdue(today))
    return Calls(questions=questions, review=len(waiting), overdue=overdue)
