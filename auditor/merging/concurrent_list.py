"""Concurrent changes as the lead reads them: which case and field, who set what and when,
what the file holds now, and whether the lead has resolved the pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.audit.words import field_words, value_words
from auditor.framework import Framework
from auditor.merging.concurrent import IDENTITY, Places, place_of
from auditor.timestamps import shown_minute
from db import allocations as allocation_rows
from db import cases as case_rows
from db import concurrent as pair_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection


@dataclass(frozen=True)
class Change:
    """One change in a concurrent pair: who set the field to what, and when."""

    audit_id: str
    name: str
    role: str
    at: str
    value: str  # in words

    @property
    def who(self) -> str:
        """The person with their role ("Ana Inspector (inspector)")."""
        if self.name and self.role:
            return f"{self.name} ({self.role})"
        return self.name or "someone not named"


@dataclass(frozen=True)
class ConcurrentChange:
    """One field changed in two or more files, none having seen the others' changes."""

    key: str  # the field's place, as text (stable: the view keeps its selection by it)
    case_id: str | None
    reference: str
    what: str  # the field, in words ("Sam Shared's grade for Voice of the child")
    changes: tuple[Change, ...]  # every change in a listed pair, in time order
    pairs: tuple[tuple[str, str], ...]
    now: str  # the value the file holds, in words
    resolved_by: str = ""
    resolved_at: str = ""
    resolution: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.resolved_at)

    def describe(self) -> str:
        shown = [f"{c.value} by {c.who} ({shown_minute(c.at)})" for c in self.changes[:SHOWN]]
        more = len(self.changes) - SHOWN
        listing = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]
        if more > 0:
            listing += f" (and {more} more)"
        return (
            f"{self.reference or 'the inspection'}: {self.what} set to {listing}, none having "
            f"seen the other; kept {self.now}"
        )


#: Tables whose fields belong to one person's grading ("Sam Shared's grade for ...").
OWNED_TABLES = ("assessments", "criterion_grades", "referrals")
#: Changes of one field a description names (the rest are counted).
SHOWN = 4


def concurrent_changes(
    inspection: Inspection,
    *,
    unresolved_only: bool = False,
    pairs: set[tuple[str, str]] | None = None,
) -> list[ConcurrentChange]:
    """Every field with listed pairs (only those among ``pairs``, if given), in words, by
    case reference. A field is resolved when the lead has resolved each of its pairs."""
    if pairs is not None and not pairs:
        return []
    db = inspection.db
    places = Places.read(db)
    case_aliases = places.aliases.get("cases", {})
    grouped: dict[tuple, list[dict[str, Any]]] = {}
    for row in pair_rows.listed(db):
        if pairs is not None and (row["first_id"], row["second_id"]) not in pairs:
            continue
        place = place_of(_side(row, "a"), places, IDENTITY) or place_of(
            _side(row, "b"), places, IDENTITY
        )
        grouped.setdefault(place or ("", row["first_id"], row["a_field"]), []).append(row)
    found = []
    for place, rows in grouped.items():
        resolved = all(r["resolved_at"] for r in rows)
        if unresolved_only and resolved:
            continue
        first = rows[0]
        case_id = case_aliases.get(first["b_case"] or "", first["b_case"])
        words = _Words(inspection, place if place[0] else None)
        changes: dict[str, Change] = {}
        for r in rows:
            for side, audit_id in (("a", r["first_id"]), ("b", r["second_id"])):
                value = words.value(r[f"{side}_field"], r[f"{side}_new"])
                changes[audit_id] = Change(
                    audit_id,
                    r[f"{side}_name"] or "",
                    r[f"{side}_role"] or "",
                    r[f"{side}_at"],
                    value,
                )
        last = max(rows, key=lambda r: r["resolved_at"] or "")
        found.append(
            ConcurrentChange(
                key="|".join(str(p) for p in place),
                case_id=case_id,
                reference=_reference(inspection, case_id) or first["reference"],
                what=words.field(first["a_field"]),
                changes=tuple(sorted(changes.values(), key=lambda c: (c.at, c.audit_id))),
                pairs=tuple((r["first_id"], r["second_id"]) for r in rows),
                now=words.now(first["a_field"]),
                resolved_by=(last["resolved_by"] or "") if resolved else "",
                resolved_at=(last["resolved_at"] or "") if resolved else "",
                resolution=(last["resolution"] or "") if resolved else "",
            )
        )
    found.sort(key=lambda c: (c.reference, c.what, c.changes[-1].at))
    return found


def _side(row: dict[str, Any], side: str) -> dict[str, Any]:
    return {
        "record_table": row[f"{side}_table"],
        "record_id": row[f"{side}_record"],
        "field": row[f"{side}_field"],
        "case_id": row[f"{side}_case"],
        "actor_id": row[f"{side}_actor"],
    }


def _reference(inspection: Inspection, case_id: str | None) -> str:
    row = case_rows.get_case(inspection.db, case_id) if case_id else None
    return str(row["reference"]) if row else ""


class _Words:
    """Fields and values of one place in words, with the framework's labels."""

    def __init__(self, inspection: Inspection, place: tuple | None) -> None:
        self.framework: Framework = inspection.framework
        self.inspection = inspection
        self.place = place

    def _owner(self) -> str:
        if self.place is None or self.place[0] not in OWNED_TABLES:
            return ""
        name = pair_rows.assessor_of_assessment(self.inspection.db, self.place[1])
        return f"{name}'s " if name else ""

    def _allocation(self) -> bool:
        return self.place is not None and self.place[0] == allocation_rows.TABLE

    def _person(self, assessor_id: str | None) -> str:
        names = {p.id: p.name for p in self.inspection.assessors()}
        return names.get(assessor_id, "someone not on the roster") if assessor_id else "nobody"

    def field(self, name: str) -> str:
        if self._allocation():
            return "allocation"
        table = self.place[0] if self.place else ""
        words = field_words(self.framework, table, name)
        return self._owner() + words if table in OWNED_TABLES else words

    def value(self, name: str, value: str | None) -> str:
        if self._allocation():
            return self._person(value)
        return value_words(self.framework, self.place[0] if self.place else "", name, value)

    def now(self, name: str) -> str:
        if self.place is None:
            return "(not found)"
        if self._allocation():
            held = allocation_rows.allocations_of(self.inspection.db, [self.place[1]])
            return self._person(held.get(self.place[1]))
        found, value = pair_rows.value_at(self.inspection.db, *self.place)
        if not found:
            return "nothing (the record is gone)"
        return self.value(name, value)
