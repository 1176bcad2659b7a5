"""Inspections side by side: the Comparison table (case types), criteria and timeliness.

The Comparison table has a row per case type, matched across inspections by the type's label
(the report's labels, so inspections with different frameworks line up where their types do),
in the first inspection's framework order, then any type only a later one has; ``Total`` last.
Per inspection, in the order given: graded cases, the share graded Good, Requires improvement
and Inadequate (the first framework's grade labels, matched by label), and the share referred
back; then the change in the worst grade's share and in the referred-back share, in
percentage points, the first inspection minus the last. A type an inspection's framework lacks
has empty cells there. Cases without a graded assessment are left out, as in table 1.

Shares are 0 to 100 (``auditor.reports.stats.share``); None is an empty cell; with
``redact`` a count or share may be '<5' or '[c]' (the redacted export's rules), and a change
built on a hidden share is '[c]'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from auditor.analysis.frames import InspectionFrames
from auditor.analysis.tables import cases_assessed, criteria, referrals, timeliness
from auditor.framework import Framework
from auditor.reports.criteria import CriteriaTable
from auditor.reports.grades import TOTAL_LABEL, CasesAssessedTable, ReferralsTable
from auditor.reports.redaction import (
    WITHHELD,
    redact_cases_assessed,
    redact_criteria,
    redact_referrals,
    redact_timeliness,
)
from auditor.reports.timeliness import TimelinessTable

Cell = Any  # int, float (a share 0-100, hours or points), str ('<5', '[c]') or None (empty)

#: What each column holds, for the workbook's number formats.
LABEL, COUNT, SHARE, HOURS, POINTS = "label", "count", "share", "hours", "points"


@dataclass(frozen=True)
class Side:
    """One inspection's tables 1 to 4, under the name its columns carry."""

    name: str
    framework: Framework
    assessed: CasesAssessedTable
    referrals: ReferralsTable
    criteria: CriteriaTable
    timeliness: TimelinessTable


def side_of(frames: InspectionFrames, name: str | None = None) -> Side:
    """The tables of one inspection of ``frames`` (its only one unless ``name`` is given)."""
    one = frames.only(name) if name is not None else frames
    return Side(
        one.names[0],
        one.framework,
        cases_assessed(one),
        referrals(one),
        criteria(one),
        timeliness(one),
    )


@dataclass(frozen=True)
class Table:
    """A side-by-side table: headings, what each column holds, and rows of cells."""

    headings: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Comparison:
    """The comparison's three tables, for the inspections in order."""

    names: tuple[str, ...]
    redacted: bool
    by_type: Table
    criteria: Table
    timeliness: Table

    def share_column(self, name: str, grade_label: str) -> int:
        """The index of ``<name>: <grade> %`` in ``by_type`` (for the chart)."""
        return self.by_type.headings.index(f"{name}: {grade_label} %")

    @property
    def type_rows(self) -> int:
        """The number of case-type rows (the Total row follows them)."""
        return len(self.by_type.rows) - 1


def _union(labels_of: Sequence[Sequence[str]]) -> list[str]:
    order: list[str] = []
    for labels in labels_of:
        order.extend(label for label in labels if label not in order)
    return order


def _change(first: Cell, last: Cell) -> Cell:
    if isinstance(first, str) or isinstance(last, str):
        return WITHHELD
    if first is None or last is None:
        return None
    return first - last


def compare(sides: Sequence[Side], *, redact: bool = False) -> Comparison:
    """The comparison of ``sides`` (the first is the inspection now, the last the earliest)."""
    if len(sides) < 2:
        raise ValueError("a comparison needs at least two inspections")
    return Comparison(
        tuple(s.name for s in sides),
        redact,
        _by_type(sides, redact),
        _criteria(sides, redact),
        _timeliness(sides, redact),
    )


def _by_type(sides: Sequence[Side], redact: bool) -> Table:
    grades = [g.label for g in sides[0].framework.grades]
    worst = grades[-1]
    cells_of = [_type_cells(s, grades, redact) for s in sides]
    labels = _union([[r.label for r in s.assessed.rows] for s in sides])
    headings = ["Case type"]
    kinds = [LABEL]
    for side in sides:
        headings += [f"{side.name}: cases", *(f"{side.name}: {g} %" for g in grades)]
        headings.append(f"{side.name}: Referred back %")
        kinds += [COUNT, *(SHARE for _ in grades), SHARE]
    headings += [f"Change in {worst} (points)", "Change in referred back (points)"]
    kinds += [POINTS, POINTS]
    empty = (None,) * (len(grades) + 2)
    rows = []
    for label in [*labels, TOTAL_LABEL]:
        row: list[Cell] = [label]
        for cells in cells_of:
            row.extend(cells.get(label, empty))
        first, last = cells_of[0].get(label, empty), cells_of[-1].get(label, empty)
        row.append(_change(first[len(grades)], last[len(grades)]))
        row.append(_change(first[-1], last[-1]))
        rows.append(tuple(row))
    return Table(tuple(headings), tuple(kinds), tuple(rows))


def _type_cells(side: Side, grades: list[str], redact: bool) -> dict[str, tuple[Cell, ...]]:
    """label -> (cases, share per grade of ``grades``, referred-back share) for one side."""
    own = [g.label for g in side.framework.grades]
    column = [own.index(g) if g in own else None for g in grades]
    shown = (*side.assessed.rows, side.assessed.total_row)
    referred_rows = (*side.referrals.rows, side.referrals.total_row)
    if redact:
        r1 = redact_cases_assessed(side.assessed)
        r2 = redact_referrals(side.referrals)
        totals = [counts[-1] for counts in r1.counts]
        shares = [list(p) for p in r1.percentages]
        referred = {label: row[2] for label, row in zip(r2.labels, r2.rows, strict=True)}
    else:
        totals = [r.total for r in shown]
        shares = [list(r.percentages()) for r in shown]
        referred = {r.label: r.percentage for r in referred_rows}
    out = {}
    for row, total, share in zip(shown, totals, shares, strict=True):
        picked = [None if j is None else share[j] for j in column]
        out[row.label] = (total, *picked, referred.get(row.label))
    return out


def _criteria(sides: Sequence[Side], redact: bool) -> Table:
    titles = _union([[r.title for r in s.criteria.rows] for s in sides])
    headings, kinds = ["Criterion"], [LABEL]
    cells_of = []
    for side in sides:
        worse = side.criteria.below_best_label
        headings += [f"{side.name}: applicable cases", f"{side.name}: {worse} %"]
        kinds += [COUNT, SHARE]
        if redact:
            cells = {
                c.title: (c.applicable, c.below_best_share) for c in redact_criteria(side.criteria)
            }
        else:
            cells = {r.title: (r.applicable, r.below_best_share) for r in side.criteria.rows}
        cells_of.append(cells)
    headings.append(f"Change in {sides[0].criteria.below_best_label} (points)")
    kinds.append(POINTS)
    rows = []
    for title in titles:
        row: list[Cell] = [title]
        for cells in cells_of:
            row.extend(cells.get(title, (None, None)))
        first, last = cells_of[0].get(title, (None, None)), cells_of[-1].get(title, (None, None))
        row.append(_change(first[1], last[1]))
        rows.append(tuple(row))
    return Table(tuple(headings), tuple(kinds), tuple(rows))


def _timeliness(sides: Sequence[Side], redact: bool) -> Table:
    labels = _union([[r.label for r in s.timeliness.rows] for s in sides])
    headings, kinds = ["Measure"], [LABEL]
    cells_of = []
    for side in sides:
        headings += [
            f"{side.name}: cases measured",
            f"{side.name}: median hours",
            f"{side.name}: within target %",
        ]
        kinds += [COUNT, HOURS, SHARE]
        if redact:
            cells = {
                m.label: (m.measured, m.median_hours, m.within_share)
                for m in redact_timeliness(side.timeliness)
            }
        else:
            cells = {
                r.label: (r.measured, r.median_hours, r.within_share) for r in side.timeliness.rows
            }
        cells_of.append(cells)
    headings.append("Change in within target (points)")
    kinds.append(POINTS)
    empty = (None, None, None)
    rows = []
    for label in labels:
        row: list[Cell] = [label]
        for cells in cells_of:
            row.extend(cells.get(label, empty))
        row.append(_change(cells_of[0].get(label, empty)[2], cells_of[-1].get(label, empty)[2]))
        rows.append(tuple(row))
    return Table(tuple(headings), tuple(kinds), tuple(rows))
