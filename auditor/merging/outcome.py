"""What a merge did: rows added, updated and unchanged per table, and the cases in conflict."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.merging.concurrent_list import ConcurrentChange

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
#: How many conflicts and concurrent changes a summary lists by name.
SHOWN = 10
WHERE_LISTED = "Review → Moderation → Changed in two places"

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
    "citations": ("citation", "citations"),
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

    def describe(self, label: Callable[[str], str] = str) -> str:
        """The case and each assessor's grade ("REF: name Good, name Inadequate"), each
        grade code shown by ``label``."""
        return f"{self.reference}: " + ", ".join(
            f"{name} {label(grade)}" for name, grade in self.grades
        )


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
    concurrent: tuple[ConcurrentChange, ...] = ()
    #: A grade code's label (the framework's), for the conflicts' words.
    grade_label: Callable[[str], str] = str

    def get(self, outcome: str, table: str) -> int:
        return self.tally.get(outcome, table)

    @property
    def changed(self) -> bool:
        return self.tally.changed

    def lines(self) -> list[str]:
        """The summary as lines of text (the command line prints them)."""
        lines = [self.tally.line(o) for o in (ADDED, UPDATED, UNCHANGED)]
        if self.conflicts:
            shown = "; ".join(c.describe(self.grade_label) for c in self.conflicts[:SHOWN])
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
