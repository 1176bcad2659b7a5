"""What a merge did: rows added, updated and unchanged per table, and the cases in conflict."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
#: How many conflicts and concurrent changes a summary lists by name.
SHOWN = 10
WHERE_LISTED = "Review → Moderation → Disagreements and conflicts"

#: Tables a merge brings in, in the order the summary lists them, with their words.
TABLE_WORDS = {
    "assessors": ("assessor", "assessors"),
    "cases": ("case", "cases"),
    "chronology": ("chronology event", "chronology events"),
    "documents": ("document", "documents"),
    "assessments": ("assessment", "assessments"),
    "criterion_grades": ("criterion grade", "criterion grades"),
    "referrals": ("referral", "referrals"),
    "reviews": ("review", "reviews"),
    "audit_log": ("audit entry", "audit entries"),
}


def _count(n: int, table: str) -> str:
    one, many = TABLE_WORDS[table]
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Conflict:
    """A case two or more assessors graded differently overall: for the lead to resolve."""

    case_id: str
    reference: str
    grades: tuple[tuple[str, str], ...]  # (assessor name, overall grade), by name

    def describe(self, labels: Mapping[str, str] | None = None) -> str:
        """ "REF: name Good, name Inadequate" (grade codes shown as ``labels`` name them)."""
        shown = labels or {}
        return f"{self.reference}: " + ", ".join(
            f"{name} {shown.get(grade, grade)}" for name, grade in self.grades
        )


class Described(Protocol):
    """Anything the summary lists in words (a concurrent change)."""

    def describe(self) -> str: ...


@dataclass
class Tally:
    """Counts of rows added, updated and unchanged, per table."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, outcome: str, table: str, n: int = 1) -> None:
        if n:
            self.counts[(outcome, table)] += n

    def get(self, outcome: str, table: str) -> int:
        return self.counts[(outcome, table)]

    def total(self, outcome: str) -> int:
        return sum(n for (o, _), n in self.counts.items() if o == outcome)

    @property
    def changed(self) -> bool:
        return bool(self.total(ADDED) or self.total(UPDATED))

    def line(self, outcome: str) -> str:
        parts = [_count(self.get(outcome, t), t) for t in TABLE_WORDS if self.get(outcome, t)]
        return f"{outcome}: {', '.join(parts) if parts else 'nothing'}"


@dataclass(frozen=True)
class MergeSummary:
    """One package merged into an inspection: what changed and what is now in conflict."""

    package: str
    package_sha256: str
    assessor: str
    tally: Tally
    conflicts: tuple[Conflict, ...]
    created: bool = False
    #: Changes not applied because they had not seen a decision here, in words.
    notes: tuple[str, ...] = ()
    #: Fields changed in two files unseen by each other, newly listed here for the lead.
    concurrent: tuple[Described, ...] = ()
    #: Grade code -> label, for the conflicts' words.
    grade_labels: Mapping[str, str] = field(default_factory=dict)

    def get(self, outcome: str, table: str) -> int:
        return self.tally.get(outcome, table)

    @property
    def changed(self) -> bool:
        return self.tally.changed

    def lines(self) -> list[str]:
        """The summary as lines of text (the command line prints them)."""
        lines = [self.tally.line(o) for o in (ADDED, UPDATED, UNCHANGED)]
        if self.conflicts:
            shown = "; ".join(c.describe(self.grade_labels) for c in self.conflicts[:SHOWN])
            more = len(self.conflicts) - SHOWN
            lines.append(f"in conflict: {len(self.conflicts)} case(s) for the lead to resolve")
            lines.append(f"  {shown}" + (f"; and {more} more" if more > 0 else ""))
        elif not self.notes and not self.concurrent:
            lines.append("in conflict: none")
        for note in self.notes:
            lines.append(f"kept a decision: {note}")
        if self.concurrent:
            lines.append(
                f"changed in two places at once: {len(self.concurrent)} field(s), each kept by "
                f"the merge rule and listed for the lead ({WHERE_LISTED})"
            )
            lines.extend(f"  {c.describe()}" for c in self.concurrent[:SHOWN])
            if len(self.concurrent) > SHOWN:
                lines.append(f"  and {len(self.concurrent) - SHOWN} more")
        return lines
