"""The audit log as the Log and History views read it: its kinds, entries and filters.

Every change to graded data is written to the log in the transaction of the change (see
``auditor.audit.trail``). The log also serves the logging duty of the Data Protection Act 2018,
section 62: *consultation* (a case file opened), *disclosure* (an export written) and
*combination* (a merge) are recorded here too. ``auditor.audit.markers`` marks the methods
that write; ``auditor.audit.rebuild`` replays the log to check the tables against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from auditor.audit.markers import reads, writes
from auditor.timestamps import day_of
from db import audit as audit_rows

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection

ALTERATION = "alteration"
CONSULTATION = "consultation"
DISCLOSURE = "disclosure"
COMBINATION = "combination"
KIND_LABELS = {
    ALTERATION: "Alteration",
    CONSULTATION: "Consultation",
    DISCLOSURE: "Disclosure",
    COMBINATION: "Combination",
}
KINDS = tuple(KIND_LABELS)
NOT_STATED = "not stated"


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log, with the user's name and the case reference."""

    id: str
    at: str
    actor_id: str | None
    actor_name: str
    kind: str
    case_id: str | None
    reference: str
    record_table: str
    record_id: str
    field: str
    old_value: str | None
    new_value: str | None
    detail: str
    actor_role: str = ""

    @property
    def who(self) -> str:
        """The person with their role ("Ann Inspector (inspector)"), or the workstation."""
        if not self.actor_name:
            return "the workstation"
        return f"{self.actor_name} ({self.actor_role})" if self.actor_role else self.actor_name

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AuditEntry:
        return cls(
            id=row["id"],
            at=row["at"],
            actor_id=row["actor_id"],
            actor_name=row.get("actor_name") or "",
            actor_role=row.get("actor_role") or "",
            kind=row["kind"],
            case_id=row["case_id"],
            reference=row.get("reference") or "",
            record_table=row["record_table"],
            record_id=row["record_id"],
            field=row["field"],
            old_value=row["old_value"],
            new_value=row["new_value"],
            detail=row["detail"],
        )


def _day(value: date | str) -> date:
    return day_of(value)


class AuditLog:
    """Reads the audit log for the Log and History views; records disclosures and merges."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db

    @reads
    def entries(
        self,
        *,
        user_id: str | None = None,
        case_id: str | None = None,
        kind: str | Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """The log for the Log view, oldest first, filtered by every argument given.

        ``since`` and ``until`` are days (a ``date`` or "YYYY-MM-DD"), both included, in UTC
        as the log records time. ``kind`` is one kind or several (see ``KINDS``).
        """
        kinds = (kind,) if isinstance(kind, str) else (tuple(kind) if kind else None)
        rows = audit_rows.audit_entries(
            self.db,
            actor_id=user_id,
            case_id=case_id,
            kinds=kinds,
            since=None if since is None else _day(since).isoformat(),
            before=None if until is None else (_day(until) + timedelta(days=1)).isoformat(),
            limit=limit,
        )
        return [AuditEntry.from_row(r) for r in rows]

    @reads
    def history(self, case_id: str) -> list[AuditEntry]:
        """Everything recorded about one case, in the order it happened (the History view)."""
        return self.entries(case_id=case_id)

    @writes
    def record_disclosure(
        self,
        actor: Assessor | None,
        what: str,
        recipient: str | None = None,
        *,
        case_id: str | None = None,
    ) -> None:
        """Log that data left the workstation: ``what`` was written (an export, a package).

        ``recipient`` is whom the user named; blank or None is logged as "not stated".
        """
        recipient = " ".join((recipient or "").split()) or NOT_STATED
        with self.db.atomic():
            self.inspection.audit(
                actor,
                DISCLOSURE,
                case_id=case_id,
                field="recipient",
                new=recipient,
                detail=what,
            )

    @writes
    def record_combination(
        self,
        actor: Assessor | None,
        source_file_sha256: str,
        source_assessor: str,
        *,
        detail: str = "",
    ) -> None:
        """Log that another file was merged into this one (its SHA-256 and its assessor)."""
        with self.db.atomic():
            self.inspection.audit(
                actor,
                COMBINATION,
                field="source_file_sha256",
                old=source_assessor,
                new=source_file_sha256,
                detail=detail or f"merged a file graded by {source_assessor}",
            )


# --- rebuilding current values from the log alone ---------------------------------------------

#: The graded data the log can rebuild: table -> field -> value before any audited change.


def all_entries(inspection: Inspection) -> list[dict[str, Any]]:
    """Every audit row as stored, in order (for the export's Audit trail sheet)."""
    return audit_rows.all_rows(inspection.db)
