"""The audit log as the Log and History views read it; disclosures and combinations; rebuilding.

Every change to graded data is written to the log in the transaction of the change (see
``auditor.assessing``, ``auditor.review``, ``auditor.referrals``). The log also serves the
logging duty of the Data Protection Act 2018, section 62: *consultation* (a case file opened,
``Inspection.record_consultation``), *disclosure* (an export written) and *combination* (a
merge) are recorded here too.

Methods that change the file are marked ``@writes`` and the others ``@reads``; a test walks
every public method of the classes that touch graded data and refuses one that is neither,
so a new write path cannot slip in without its audit assertion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from db import audit as audit_rows
from db import review as review_rows

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

F = TypeVar("F", bound=Callable[..., Any])
_MARK = "__audit_writes__"


def writes(method: F) -> F:
    """Mark a public method that changes the inspection file (it must write audit rows)."""
    setattr(method, _MARK, True)
    return method


def reads(method: F) -> F:
    """Mark a public method that only reads."""
    setattr(method, _MARK, False)
    return method


def public_methods(cls: type) -> dict[str, Callable[..., Any]]:
    """Public callables defined on ``cls`` (and its bases, not ``object``), by name."""
    found: dict[str, Callable[..., Any]] = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, value in vars(klass).items():
            if not name.startswith("_") and callable(value):
                found[name] = value
    return found


def write_methods(cls: type) -> list[str]:
    """Names of ``cls``'s public methods marked ``@writes``."""
    return sorted(n for n, m in public_methods(cls).items() if getattr(m, _MARK, None) is True)


def unmarked_methods(cls: type) -> list[str]:
    """Names of ``cls``'s public methods marked neither ``@writes`` nor ``@reads``."""
    return sorted(n for n, m in public_methods(cls).items() if not hasattr(m, _MARK))


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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AuditEntry:
        return cls(
            id=row["id"],
            at=row["at"],
            actor_id=row["actor_id"],
            actor_name=row.get("actor_name") or "",
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

    def describe(self) -> str:
        """The entry in one line of words, for a History or Log row."""
        who = self.actor_name or "the workstation"
        if self.kind != ALTERATION:
            text = f"{who}: {KIND_LABELS.get(self.kind, self.kind).lower()}"
            return f"{text} ({self.detail})" if self.detail else text
        what = f"{self.record_table}.{self.field}" if self.field else self.record_table
        change = f"{_shown(self.old_value)} → {_shown(self.new_value)}"
        text = f"{who} changed {what}: {change}"
        return f"{text} ({self.detail})" if self.detail else text


def _shown(value: str | None) -> str:
    if value is None:
        return "(none)"
    return f"“{value}”" if value else "(empty)"


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


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
        rows = review_rows.audit_entries(
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
REBUILT_FIELDS: dict[str, dict[str, str | None]] = {
    "assessments": {"overall_grade": None, "override_reason": "", "status": "not_started"},
    "criterion_grades": {"grade": None, "note": ""},
    "referrals": {
        "reason": "",
        "note": "",
        "state": "flagged",
        "sent_at": None,
        "force_reference": "",
        "response_at": None,
        "response_action": "",
        "closed_at": None,
    },
    "reviews": {"decision": None, "note": "", "overall_grade": None, "answer": ""},
}
Values = dict[tuple[str, str], dict[str, str | None]]


def rebuild_from_log(rows: Iterable[dict[str, Any]]) -> Values:
    """Current values of graded data, replayed from audit rows alone (in order of writing).

    Returns (table, record id) -> field -> value (text, as the log stores it). A referral's
    ``flag`` row creates it ("flagged") or removes it (None: withdrawn); every other record
    starts from ``REBUILT_FIELDS``' defaults when first mentioned.
    """
    values: Values = {}
    for row in rows:
        table = row["record_table"]
        defaults = REBUILT_FIELDS.get(table)
        if defaults is None:
            continue
        key = (table, row["record_id"])
        field = row["field"].rsplit(".", 1)[-1]  # criterion grades: "<criterion>.grade"
        if table == "referrals" and field == "flag":
            if row["new_value"] is None:
                values.pop(key, None)
            else:
                values[key] = dict(defaults)
            continue
        record = values.setdefault(key, dict(defaults))
        if field in defaults:
            record[field] = row["new_value"]
    return values


def values_in_tables(inspection: Inspection) -> Values:
    """The same values as ``rebuild_from_log`` returns, read from the tables themselves."""
    values: Values = {}
    for table, defaults in REBUILT_FIELDS.items():
        columns = ", ".join(f"[{c}]" for c in defaults)
        for row in inspection.db.query(f"SELECT id, {columns} FROM [{table}]"):
            values[(table, row["id"])] = {
                c: None if row[c] is None else str(row[c]) for c in defaults
            }
    return values


def audit_discrepancies(inspection: Inspection) -> list[str]:
    """Where the tables differ from what the audit log says (empty when they agree)."""
    logged = rebuild_from_log(
        review_rows.audit_rows_for_tables(inspection.db, tuple(REBUILT_FIELDS))
    )
    stored = values_in_tables(inspection)
    problems = []
    for key in sorted(set(logged) | set(stored)):
        table, record_id = key
        if key not in logged:
            problems.append(f"{table} {record_id}: in the table but never logged")
        elif key not in stored:
            problems.append(f"{table} {record_id}: logged but not in the table")
        else:
            for field, value in stored[key].items():
                if logged[key][field] != value:
                    problems.append(
                        f"{table} {record_id}.{field}: table {value!r}, log {logged[key][field]!r}"
                    )
    return problems


def all_entries(inspection: Inspection) -> list[dict[str, Any]]:
    """Every audit row as stored, in order (for the export's Audit trail sheet)."""
    return audit_rows.all_rows(inspection.db)
