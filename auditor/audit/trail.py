"""Writing the audit log: the rows each change appends in its own transaction, and consultations.

Mixed into ``Inspection``, which provides ``db``, ``clock``, ``new_id`` and ``read_only``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor.audit.ledger import Signer, seal
from auditor.errors import Refused
from auditor.records import Assessor
from db import audit as audit_rows
from db.database import Database


class NotSignedIn(Refused):
    """A change to a signed inspection by nobody signed in with a key from its roster."""


class AuditTrail:
    """Appends audit-log rows for an inspection's changes (call inside the change's transaction).

    In a signed inspection every row is sealed by the person signed in (``signer``): their
    id, their key's fingerprint, the hash of their previous row, and their signature.
    """

    db: Database
    clock: Callable[[], str]
    new_id: Callable[[], str]
    read_only: bool
    signer: Signer | None
    path: object

    @property
    def signed(self) -> bool:  # provided by Inspection
        raise NotImplementedError

    @property
    def inspection_id(self) -> str:  # provided by Inspection
        raise NotImplementedError

    def sealed(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` signed by the person signed in; unchanged in an unsigned inspection."""
        if self.signer is not None:
            previous = audit_rows.last_hash_of(self.db, self.signer.person_id)
            return seal(rows, self.signer, previous, self.inspection_id)
        if self.signed:
            raise NotSignedIn(
                f"{self.path}: this inspection is signed: changes are made by someone on its "
                "roster, signed in with their key (--as KEYFILE)"
            )
        return rows

    def audit(
        self,
        actor: Assessor | None,
        kind: str,
        *,
        case_id: str | None = None,
        table: str = "",
        record_id: str = "",
        field: str = "",
        old: object = None,
        new: object = None,
        detail: str = "",
    ) -> None:
        """Append an audit row; call inside the transaction of the change it records."""
        row = self.audit_row(
            actor, kind, case_id, table, record_id, field, old=old, new=new, detail=detail
        )
        audit_rows.append(self.db, self.sealed([row])[0])

    def audit_row(
        self,
        actor: Assessor | None,
        kind: str,
        case_id: str | None,
        table: str,
        record_id: str,
        field: str,
        *,
        old: object = None,
        new: object = None,
        detail: str = "",
        at: str | None = None,
    ) -> dict[str, Any]:
        """An audit row to append (with others) via ``audit_many``; ``at`` its time when not
        read now (an import gives the rows of one of its file's rows the same time)."""
        return {
            "id": self.new_id(),
            "at": self.clock() if at is None else at,
            "actor_id": actor.id if actor else None,
            "kind": kind,
            "case_id": case_id,
            "record_table": table,
            "record_id": record_id,
            "field": field,
            "old_value": None if old is None else str(old),
            "new_value": None if new is None else str(new),
            "detail": detail,
        }

    def audit_many(self, rows: list[dict[str, Any]]) -> None:
        """Append audit rows made by ``audit_row``; call inside the change's transaction."""
        audit_rows.append_all(self.db, self.sealed(rows))

    def audit_for_case(self, case_id: str) -> list[dict[str, Any]]:
        return audit_rows.for_case(self.db, case_id)

    def record_consultation(self, actor: Assessor, case_id: str) -> None:
        """Log that a user opened a case file (DPA 2018 s62 'consultation')."""
        self.record_consultations(actor, [(case_id, self.clock())])

    def record_consultations(self, actor: Assessor, openings: list[tuple[str, str]]) -> None:
        """Log several openings, (case id, when opened), in one transaction (the window
        collects them while the user steps through cases, so stepping never waits on disk).

        A read-only view cannot write to the file, so its openings are not logged (see
        docs/encryption.md, "Read-only viewing")."""
        if self.read_only:
            return
        rows = []
        for case_id, at in openings:
            row = self.audit_row(
                actor, "consultation", case_id, "", "", "", detail="case file opened"
            )
            row["at"] = at
            rows.append(row)
        with self.db.atomic():
            self.audit_many(rows)
