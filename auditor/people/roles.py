"""People's roles in an inspection: the one home of the words "inspector" and "supervisor"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.errors import ReviewError

if TYPE_CHECKING:
    from auditor.records import Assessor

INSPECTOR = "inspector"
SUPERVISOR = "supervisor"
ROLES = (INSPECTOR, SUPERVISOR)
ROLE_LABELS = {INSPECTOR: "Inspector", SUPERVISOR: "Supervisor"}


def is_supervisor(person: Assessor | None) -> bool:
    """Whether ``person`` holds the supervisor's role (a lead inspector)."""
    return person is not None and person.role == SUPERVISOR


def require_supervisor(actor: Assessor, action: str) -> None:
    """Refuse ``action`` (e.g. "confirm a referral") to anyone but a supervisor."""
    if not is_supervisor(actor):
        article = "an" if actor.role[:1] in "aeiou" else "a"
        raise ReviewError(
            f"Only a supervisor can {action}; {actor.name} is {article} {actor.role}."
        )
