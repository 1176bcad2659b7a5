"""The state of one package's merge: id maps, versions of records, and the rule for changes.

Which side of a changed record wins
    Every change to graded data and case details is one audit row naming the record (and the
    field), and a file holds every row it has seen: what an author had seen is which rows
    their file held. A record's (or field's) *version* in a file is the last row about it
    written in that file, in the file's own order, never by its time stamp. A package's
    change is applied when it is new here and the package had seen this file's version; it
    is ignored when this file had seen it; when each side has changes the other had not seen
    it is a conflict, won by the side whose unseen changes include the later one (time, then
    id), so every order of merging gives the same file (see resources/guide/packages.md).
    When the log says nothing of a record, its date column (``ROW_DATES``) stands in; equal
    versions with different values are settled by comparing the values. ``updated_at`` is
    the later of the two sides and ``created_at`` / ``started_at`` the earlier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.merging.outcome import Tally
from db import merge as merge_rows
from db.database import Database

if TYPE_CHECKING:
    from auditor.inspection import Inspection


@dataclass
class Side:
    """One file in a merge (the package or the target), with its records' versions."""

    db: Database
    versions: dict[tuple[str, ...], tuple[int, str]]
    dates: dict[str, dict[str, str]]
    aliases: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: Every audit row this file holds: what its author had seen of each change.
    ids: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, db: Database) -> Side:
        dates = {t: merge_rows.row_dates(db, t) for t in merge_rows.ROW_DATES}
        aliases: dict[tuple[str, str], list[str]] = {}
        for table, source_id, record_id in merge_rows.merged_ids(db):
            aliases.setdefault((table, record_id), []).append(source_id)
        return cls(db, merge_rows.record_versions(db), dates, aliases, merge_rows.audit_ids(db))

    def version(self, table: str, record_id: str, name: str | None = None) -> str:
        """The last audit row (``at|id``) written in this file about the record (or one
        field of it).

        Rows about ids merged into this record count as its own. A field the log never
        changed is older than any change (``""``); a record the log never mentions is dated
        by its date column (``date|``).
        """
        ids = [record_id, *self.aliases.get((table, record_id), ())]
        keys = [(table, i) if name is None else (table, i, name) for i in ids]
        logged = [self.versions[k] for k in keys if k in self.versions]
        if logged:
            return max(logged)[1]  # the last written here
        if name is not None:  # a field never changed here is older than any change to it
            return "" if self.logged(table, record_id) else self.version(table, record_id)
        return f"{self.dates[table].get(record_id, '')}|"

    def unseen_latest(self, table: str, record_id: str, name: str | None, other: Side) -> str:
        """The latest by time (``at|id``) of this file's changes of the record (or field) that
        ``other`` has not seen ("" if none)."""
        ids = [record_id, *self.aliases.get((table, record_id), ())]
        versions = merge_rows.field_versions(self.db, table, ids, name)
        return max((v for v in versions if row_id(v) not in other.ids), default="")

    def logged(self, table: str, record_id: str) -> bool:
        ids = [record_id, *self.aliases.get((table, record_id), ())]
        return any((table, i) in self.versions for i in ids)


@dataclass
class MergeContext:
    """Both sides of a merge and what has been matched so far; counts what it changes."""

    inspection: Inspection
    package: Side
    target: Side
    tally: Tally = field(default_factory=Tally)
    cases: dict[str, str] = field(default_factory=dict)  # package case id -> target case id
    assessors: dict[str, str] = field(default_factory=dict)
    assessments: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)  # package id -> id here
    aliases: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: (table, record id, field) changed on both sides with neither having seen the other's.
    concurrent: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: What the lead should read, in words (a decision kept over a change that had not seen it).
    notes: list[str] = field(default_factory=list)

    @property
    def db(self) -> Database:
        return self.inspection.db

    def seen(self, table: str, package_id: str, target_id: str, name: str | None = None) -> str:
        """How the package's change of a record (or field) stands to this file's, by causality:
        "nothing new" (the package's latest change is here already), "ahead" (the package had
        seen this file's latest change: it follows it), "concurrent" (neither had seen the
        other's), or "unlogged" (neither side's log mentions it)."""
        theirs = row_id(self.package.version(table, package_id, name))
        ours = row_id(self.target.version(table, target_id, name))
        if not theirs:
            return "unlogged" if not ours else "nothing new"
        if theirs in self.target.ids:
            return "nothing new"
        if not ours or ours in self.package.ids:
            return "ahead"
        return "concurrent"

    def package_wins(
        self,
        table: str,
        package_row: dict[str, Any],
        target_row: dict[str, Any],
        fields: Sequence[str],
        name: str | None = None,
    ) -> bool:
        """Whether the package's value of a record (or of field ``name``) is to be kept.

        By causality, not laptop clocks: a change the package had not made since it last saw
        this file is never applied; a change made after seeing this file's latest is. Two
        changes neither had seen are a conflict (listed by ``auditor.merging.concurrent``),
        decided by a fixed rule (the later change by its time and id), so every order of
        merging gives the same file.
        """
        standing = self.seen(table, package_row["id"], target_row["id"], name)
        if standing == "nothing new":
            return False
        if standing == "ahead":
            return True
        if standing == "concurrent":  # the latest of the changes each side had not seen
            theirs = self.package.unseen_latest(table, package_row["id"], name, self.target)
            ours = self.target.unseen_latest(table, target_row["id"], name, self.package)
        else:
            theirs = self.package.version(table, package_row["id"], name)
            ours = self.target.version(table, target_row["id"], name)
        if theirs != ours:
            return theirs > ours
        return _comparable(package_row, fields) > _comparable(target_row, fields)

    def reconcile(
        self,
        table: str,
        package_row: dict[str, Any],
        target_row: dict[str, Any],
        fields: Sequence[str],
        *,
        latest: Sequence[str] = (),
        earliest: Sequence[str] = (),
        by_field: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, Any]:
        """Target values to change: ``fields`` from the winner, ``latest`` max, ``earliest`` min.

        With ``by_field`` ({audited field: fields that go with it}), each audited field is
        won separately, by the side that changed that field last; ``fields`` as a whole.
        ``package_row`` holds target ids already (its foreign keys are mapped).
        """
        values: dict[str, Any] = {}
        if self.package_wins(table, package_row, target_row, fields):
            values.update({f: package_row[f] for f in fields})
        for name, group in (by_field or {}).items():
            names = (name, *group)
            if self.package_wins(table, package_row, target_row, names, name):
                values.update({f: package_row[f] for f in names})
        for name in latest:
            values[name] = max(package_row[name] or "", target_row[name] or "") or None
        for name in earliest:
            values[name] = _earliest(package_row[name], target_row[name])
        return {k: v for k, v in values.items() if target_row[k] != v}

    def alias(self, table: str, package_id: str, target_id: str, how: str) -> None:
        """Remember that the package's record ``package_id`` is ``target_id`` here."""
        if package_id != target_id:
            self.aliases.append((table, package_id, target_id, how))


def row_id(version: str) -> str:
    """The audit row id of a version ``"<at>|<id>"`` ("" for a record dated by a column)."""
    return version.partition("|")[2]


def _comparable(row: dict[str, Any], fields: Sequence[str]) -> tuple[tuple[bool, str], ...]:
    return tuple((row[f] is not None, "" if row[f] is None else str(row[f])) for f in fields)


def _earliest(a: str | None, b: str | None) -> str | None:
    present = [v for v in (a, b) if v]
    return min(present) if present else (a if a is not None else b)
