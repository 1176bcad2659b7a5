"""The referral-back lifecycle after review: sent to the force, its response, closed; overdue.

    flagged -> confirmed -> sent (date, force's reference) -> responded (date, action) -> closed
    flagged -> not referred

A supervisor decides flagged referrals (``auditor.review.desk``); the later steps are recorded here,
also by a supervisor. Every step is one transaction with its audit rows and the case's new
status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from auditor.audit.markers import reads, writes
from auditor.errors import ReviewError
from auditor.grading.desk import refresh_status
from auditor.grading.rules import (
    CLOSED,
    CONFIRMED,
    FLAGGED,
    NOT_REFERRED_STATE,
    REFERRAL_STATE_LABELS,
    RESPONDED,
    SENT,
    Assessment,
    Referral,
)
from auditor.moderation.blind import blind_cases
from auditor.people import require_supervisor
from auditor.settings import InspectionSettings
from auditor.timestamps import day_of
from db import grading as grading_rows
from db import review as review_rows

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection

#: The states a referral may move to from each state.
NEXT_STATES: dict[str, tuple[str, ...]] = {
    FLAGGED: (CONFIRMED, NOT_REFERRED_STATE),
    CONFIRMED: (SENT,),
    SENT: (RESPONDED,),
    RESPONDED: (CLOSED,),
    CLOSED: (),
    NOT_REFERRED_STATE: (),
}
STATES = tuple(REFERRAL_STATE_LABELS)

#: States in which the referral has been confirmed by a supervisor.
CONFIRMED_STATES = (CONFIRMED, SENT, RESPONDED, CLOSED)


def state_label(state: str) -> str:
    return REFERRAL_STATE_LABELS.get(state, state)


def check_transition(reference: str, old: str, new: str) -> None:
    """Refuse a move of a referral's state that its lifecycle does not allow."""
    if new in NEXT_STATES.get(old, ()):
        return
    allowed = NEXT_STATES.get(old, ())
    if not allowed:
        raise ReviewError(
            f"The referral of {reference} is {state_label(old).lower()}; it cannot be "
            f"{state_label(new).lower()} now (nothing follows {state_label(old).lower()})."
        )
    raise ReviewError(
        f"The referral of {reference} is {state_label(old).lower()}; it cannot be "
        f"{state_label(new).lower()} yet (next: {' or '.join(state_label(s) for s in allowed)})."
    )


def as_day(value: date | str, what: str) -> date:
    """A day from a ``date`` or "YYYY-MM-DD" (or an ISO timestamp), else a ReviewError."""
    try:
        return day_of(value if isinstance(value, date) else str(value))
    except ValueError:
        raise ReviewError(f"{what}: {value!r} is not a date (write it as YYYY-MM-DD)") from None


def move_referral(
    inspection: Inspection,
    actor: Assessor,
    referral: dict[str, Any],
    new_state: str,
    values: dict[str, Any] | None = None,
    *,
    detail: str = "",
    check: bool = True,
) -> Assessment:
    """Move a referral row to ``new_state`` (and set ``values``), audited field by field.

    Call inside the step's transaction; checks the transition (unless ``check`` is False: an
    undone decision), not who may make it.
    """
    case_id = _case_id(inspection, referral)
    reference = inspection.case(case_id).reference
    if check:
        check_transition(reference, referral["state"], new_state)
    changes = {"state": new_state, **(values or {})}
    grading_rows.update_referral(inspection.db, referral["id"], changes)
    inspection.audit_many(
        [
            inspection.audit_row(
                actor,
                "alteration",
                case_id,
                "referrals",
                referral["id"],
                field,
                old=referral[field],
                new=new,
                detail=detail,
            )
            for field, new in changes.items()
            if referral[field] != new
        ]
    )
    return refresh_status(inspection, referral["assessment_id"], actor)


def _case_id(inspection: Inspection, referral: dict[str, Any]) -> str:
    row = grading_rows.assessment_by_id(inspection.db, referral["assessment_id"])
    if row is None:
        raise ReviewError(f"the referral {referral['id']} belongs to no assessment")
    return str(row["case_id"])


@dataclass(frozen=True)
class ReferralRow:
    """One line of the Referrals view: a referral, its case, its state and its age."""

    referral_id: str
    assessment_id: str
    case_id: str
    reference: str
    case_type: str
    inspector_id: str
    inspector_name: str
    reason: str
    note: str
    state: str
    status: str
    flagged_at: str
    sent_at: str | None
    force_reference: str
    response_at: str | None
    response_action: str
    closed_at: str | None
    age_days: int
    overdue: bool
    days_overdue: int
    inspector_role: str = ""
    #: Who confirmed the referral and when (blank until a supervisor confirms it).
    confirmed_by: str = ""
    confirmed_at: str | None = None

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def age_since(self) -> str:
        """What the age counts from: "sent" once sent to the force, else "flagged"."""
        return "sent" if self.sent_at else "flagged"


class Referrals:
    """The referrals of one inspection after review: listing, overdue responses, later steps."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db
        self.settings = InspectionSettings(inspection)

    # --- reading -----------------------------------------------------------------------------

    @reads
    def referral(self, referral_id: str) -> Referral:
        row = review_rows.get_referral(self.db, referral_id)
        if row is None:
            raise ReviewError(f"no referral with id {referral_id}")
        return Referral(**{k: row[k] for k in Referral.__dataclass_fields__})

    @reads
    def listing(
        self,
        today: date | str,
        *,
        state: str | None = None,
        overdue: bool | None = None,
        case_type: str | None = None,
        viewer_id: str | None = None,
    ) -> list[ReferralRow]:
        """Every referral, oldest flag first, with its age on ``today``.

        Filters: one ``state`` (see ``STATES``), only overdue (True) or only not overdue
        (False), one ``case_type``. A response is overdue when the referral was sent more
        than ``InspectionSettings.referral_response_days()`` days before ``today`` and the
        force's response is not recorded. With ``viewer_id``, another inspector's referral
        of a case that viewer is second-grading blind (moderation) is left out.
        """
        day = as_day(today, "today")
        limit = self.settings.referral_response_days()
        hidden = blind_cases(self.inspection, viewer_id)
        found = []
        for row in review_rows.referral_rows(self.db, state=state, case_type=case_type):
            item = _row(row, day, limit)
            if item.case_id in hidden and item.inspector_id != viewer_id:
                continue
            if overdue is None or item.overdue == overdue:
                found.append(item)
        return found

    @reads
    def overdue(self, today: date | str) -> list[ReferralRow]:
        """Referrals sent to the force whose response is overdue on ``today``."""
        return self.listing(today, overdue=True)

    # --- the steps after confirmation ---------------------------------------------------------

    @property
    def _body(self) -> str:
        """The inspected body in the framework's words ("the force", "the service")."""
        return self.inspection.framework.words.inspected_body

    def _step(self, referral_id: str, actor: Assessor, action: str) -> dict[str, Any]:
        require_supervisor(actor, action)
        row = review_rows.get_referral(self.db, referral_id)
        if row is None:
            raise ReviewError(f"no referral with id {referral_id}")
        return row

    @writes
    def mark_sent(
        self, referral_id: str, actor: Assessor, sent_on: date | str, force_reference: str
    ) -> Assessment:
        """Record that a confirmed referral was sent to the force, on which day, its reference."""
        day = as_day(sent_on, "Date sent")
        force_reference = " ".join(force_reference.split())
        if not force_reference:
            raise ReviewError(f"Write {self._body}'s reference for the referral.")
        with self.db.atomic():
            row = self._step(referral_id, actor, f"record a referral as sent to {self._body}")
            _not_before(day, row["flagged_at"], "Date sent", "the case was flagged")
            return move_referral(
                self.inspection,
                actor,
                row,
                SENT,
                {"sent_at": day.isoformat(), "force_reference": force_reference},
            )

    @writes
    def record_response(
        self, referral_id: str, actor: Assessor, responded_on: date | str, action_taken: str
    ) -> Assessment:
        """Record the force's response to a referral sent to it: the day and the action taken."""
        day = as_day(responded_on, "Date of the response")
        action_taken = action_taken.strip()
        if not action_taken:
            raise ReviewError(f"Write what action {self._body} took.")
        with self.db.atomic():
            row = self._step(referral_id, actor, f"record {self._body}'s response")
            if row["sent_at"]:
                _not_before(day, row["sent_at"], "Date of the response", "it was sent")
            return move_referral(
                self.inspection,
                actor,
                row,
                RESPONDED,
                {"response_at": day.isoformat(), "response_action": action_taken},
            )

    @writes
    def close(
        self, referral_id: str, actor: Assessor, closed_on: date | str | None = None
    ) -> Assessment:
        """Close a referral once the force's response is recorded (on ``closed_on``, or today)."""
        day = as_day(closed_on or self.inspection.clock(), "Date closed")
        with self.db.atomic():
            row = self._step(referral_id, actor, "close a referral")
            if row["response_at"]:
                _not_before(day, row["response_at"], "Date closed", f"{self._body} responded")
            return move_referral(
                self.inspection, actor, row, CLOSED, {"closed_at": day.isoformat()}
            )


def _not_before(day: date, earlier: str, what: str, since: str) -> None:
    first = as_day(earlier, what)
    if day < first:
        raise ReviewError(f"{what} {day.isoformat()} is before {since} ({first.isoformat()}).")


def _row(row: dict[str, Any], today: date, limit: int) -> ReferralRow:
    sent = as_day(row["sent_at"], "sent") if row["sent_at"] else None
    start = sent or as_day(row["flagged_at"], "flagged")
    age = (today - start).days
    late = row["state"] == SENT and not row["response_at"] and sent is not None and age > limit
    return ReferralRow(
        referral_id=row["id"],
        assessment_id=row["assessment_id"],
        case_id=row["case_id"],
        reference=row["reference"],
        case_type=row["case_type"],
        inspector_id=row["assessor_id"],
        inspector_name=row["assessor_name"],
        inspector_role=row.get("assessor_role") or "",
        reason=row["reason"],
        note=row["note"],
        state=row["state"],
        status=row["assessment_status"],
        flagged_at=row["flagged_at"],
        sent_at=row["sent_at"],
        force_reference=row["force_reference"],
        response_at=row["response_at"],
        response_action=row["response_action"],
        closed_at=row["closed_at"],
        age_days=age,
        overdue=late,
        days_overdue=age - limit if late else 0,
        **_confirmation(row),
    )


def _confirmation(row: dict[str, Any]) -> dict[str, Any]:
    """Who confirmed the referral, with their role, and when; blank while not confirmed."""
    if row["state"] not in CONFIRMED_STATES or not row.get("confirmed_by_name"):
        return {}
    role = row.get("confirmed_by_role") or ""
    name = f"{row['confirmed_by_name']} ({role})" if role else row["confirmed_by_name"]
    return {"confirmed_by": name, "confirmed_at": row["confirmed_at"]}
