"""What a merge did: rows added, updated and unchanged per table, and the cases in conflict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"

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

    def describe(self) -> str:
        return f"{self.reference}: " + ", ".join(f"{name} {grade}" for name, grade in self.grades)


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

    def get(self, outcome: str, table: str) -> int:
        return self.tally.get(outcome, table)

    @property
    def changed(self) -> bool:
        return self.tally.changed

    def lines(self) -> list[str]:
        """The summary as lines of text (the command line prints them)."""
        lines = [self.tally.line(o) for o in (ADDED, UPDATED, UNCHANGED)]
        if self.conflicts:
            shown = "; ".join(c.describe() for c in self.conflicts[:10])
            more = f"; and {len(self.conflicts) - 10} more" if len(self.conflicts) > 10 else ""
            lines.append(f"in conflict: {len(self.conflicts)} case(s) for the lead to resolve")
            lines.append(f"  {shown}{more}")
        elif not self.notes:
            lines.append("in conflict: none")
        for note in self.notes:
            lines.append(f"kept a decision: {note}")
        return lines
