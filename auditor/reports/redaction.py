"""Small-number suppression for tables published beyond the inspection team.

Rules (``threshold`` 5 unless told otherwise):

- A count from 1 to 4 is shown as ``"<5"`` (primary suppression). A count of 0 stays 0: that
  no case of a kind had some grade identifies nobody, and the review itself publishes a 0
  (custody, Good). Counts of 5 or more are shown as they are.
- Secondary suppression: where counts add up to a total that is shown (the rows and columns of
  the cases-assessed table, the columns of the referrals table), a suppressed count could be
  recovered by subtraction. So whenever a row or column, total included, has exactly one
  hidden cell, its smallest other non-zero count is hidden too, shown as ``"[c]"`` (the
  Government Statistical Service mark for a figure withheld to protect another); when no
  other non-zero count is left, the total is hidden instead. This repeats until no line has a
  single hidden cell. It stops subtraction within any one row or column; it is a heuristic,
  not a proof against solving several lines together.
- A percentage is withheld (``"[c]"``) when its count or the total it divides by is hidden.
- Timeliness: the median and 90th percentile of fewer than ``threshold`` measured delays are
  withheld, since they would show individual cases' delays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.reports.criteria import CriteriaTable, CriterionRow
from auditor.reports.grades import CasesAssessedTable, ReferralsTable
from auditor.reports.timeliness import TimelinessTable

THRESHOLD = 5
WITHHELD = "[c]"

Cell = int | str
ShareCell = float | str | None
Coord = tuple[int, int]
Line = tuple[tuple[Coord, ...], Coord]


def suppressed_mark(threshold: int = THRESHOLD) -> str:
    """How a count below the threshold is shown: '<5'."""
    return f"<{threshold}"


def suppress_count(count: int, threshold: int = THRESHOLD) -> Cell:
    """0 stays 0; 1 to threshold-1 become '<5'; larger counts are kept."""
    return suppressed_mark(threshold) if 0 < count < threshold else count


def is_hidden(cell: Cell | ShareCell) -> bool:
    """True for a suppressed or withheld cell."""
    return isinstance(cell, str)


@dataclass(frozen=True)
class RedactedGrid:
    """Display cells of a grid of counts after primary and secondary suppression."""

    cells: tuple[tuple[Cell, ...], ...]

    def hidden(self, row: int, column: int) -> bool:
        return is_hidden(self.cells[row][column])


def redact_grid(
    grid: Sequence[Sequence[int]], lines: Sequence[Line], threshold: int = THRESHOLD
) -> RedactedGrid:
    """Suppress counts below the threshold, then protect them within each additive line.

    ``lines`` lists the (parts, total) coordinates of every set of cells that add up to a
    shown total.
    """
    primary = {(i, j) for i, row in enumerate(grid) for j, n in enumerate(row) if 0 < n < threshold}
    secondary: set[Coord] = set()
    member: dict[Coord, list[int]] = {}
    for index, (parts, total) in enumerate(lines):
        for coord in (*parts, total):
            member.setdefault(coord, []).append(index)

    def lone(index: int, hidden: set[Coord]) -> bool:
        parts, total = lines[index]
        return sum(1 for c in (*parts, total) if c in hidden) == 1

    changed = True
    while changed:
        changed = False
        for index, (parts, total) in enumerate(lines):
            hidden = primary | secondary
            if not lone(index, hidden):
                continue
            open_parts = [c for c in parts if c not in hidden and grid[c[0]][c[1]] > 0]
            if open_parts:
                # Prefer a cell that also protects a crossing line with one hidden cell (so the
                # hidden cells form rectangles), then the smallest count.
                secondary.add(
                    min(
                        open_parts,
                        key=lambda c: (
                            -sum(lone(k, hidden) for k in member[c] if k != index),
                            grid[c[0]][c[1]],
                        ),
                    )
                )
            elif total not in hidden:
                secondary.add(total)
            else:
                continue
            changed = True
    mark = suppressed_mark(threshold)
    return RedactedGrid(
        tuple(
            tuple(
                mark if (i, j) in primary else WITHHELD if (i, j) in secondary else n
                for j, n in enumerate(row)
            )
            for i, row in enumerate(grid)
        )
    )


def margin_lines(rows: int, columns: int, *, row_totals: bool, column_totals: bool) -> list[Line]:
    """Lines of a grid whose last column holds row totals and/or last row column totals."""
    body_rows = rows - 1 if column_totals else rows
    body_columns = columns - 1 if row_totals else columns
    lines: list[Line] = []
    if row_totals:
        for i in range(rows):
            lines.append((tuple((i, j) for j in range(body_columns)), (i, columns - 1)))
    if column_totals:
        for j in range(columns):
            lines.append((tuple((i, j) for i in range(body_rows)), (rows - 1, j)))
    return lines


def _share(count: Cell, whole: Cell, value: float | None) -> ShareCell:
    return WITHHELD if is_hidden(count) or is_hidden(whole) else value


# --- the published tables --------------------------------------------------------------------


@dataclass(frozen=True)
class RedactedCasesAssessed:
    """Table 1 for publication: each row's counts per grade then its total, Total row last."""

    labels: tuple[str, ...]
    counts: tuple[tuple[Cell, ...], ...]
    percentages: tuple[tuple[ShareCell, ...], ...]
    not_yet_graded: Cell


def redact_cases_assessed(
    table: CasesAssessedTable, threshold: int = THRESHOLD
) -> RedactedCasesAssessed:
    """Table 1 (or an area's) with small counts suppressed and their percentages withheld."""
    shown = (*table.rows, table.total_row)
    grid = [[*r.counts, r.total] for r in shown]
    lines = margin_lines(len(grid), len(table.grades) + 1, row_totals=True, column_totals=True)
    cells = redact_grid(grid, lines, threshold).cells
    shares = tuple(
        tuple(_share(row[j], row[-1], p) for j, p in enumerate(r.percentages()))
        for row, r in zip(cells, shown, strict=True)
    )
    return RedactedCasesAssessed(
        tuple(r.label for r in shown),
        cells,
        shares,
        suppress_count(table.not_yet_graded, threshold),
    )


@dataclass(frozen=True)
class RedactedReferrals:
    """Table 2 for publication: (cases graded, referred back, percentage) per row, Total last."""

    labels: tuple[str, ...]
    rows: tuple[tuple[Cell, Cell, ShareCell], ...]


def redact_referrals(table: ReferralsTable, threshold: int = THRESHOLD) -> RedactedReferrals:
    """Table 2 with small counts suppressed; each column is protected against its total.

    The number of graded cases not referred back is implied, not shown, and not suppressed.
    """
    shown = (*table.rows, table.total_row)
    grid = [[r.graded, r.referred] for r in shown]
    lines = margin_lines(len(grid), 2, row_totals=False, column_totals=True)
    cells = redact_grid(grid, lines, threshold).cells
    rows = tuple(
        (graded, referred, _share(referred, graded, r.percentage))
        for (graded, referred), r in zip(cells, shown, strict=True)
    )
    return RedactedReferrals(tuple(r.label for r in shown), rows)


@dataclass(frozen=True)
class RedactedCriterion:
    """One criterion for publication: applicable cases, worse than best, and the share."""

    title: str
    applicable: Cell
    below_best: Cell
    below_best_share: ShareCell
    #: Each answer's count, in scale order (``redact_answers``; empty from ``redact_criteria``).
    counts: tuple[Cell, ...] = ()


def redact_answers(row: CriterionRow, threshold: int = THRESHOLD) -> RedactedCriterion:
    """One criterion (or domain) row with every answer's count shown: the counts, the
    below-best count and the applicable cases suppressed together, since the answers add up
    to both (the worse answers to the below-best count, all of them to the applicable)."""
    n = len(row.counts)
    grid = [[*row.counts, row.below_best, row.applicable]]
    below, applicable = (0, n), (0, n + 1)
    lines: list[Line] = [
        (tuple((0, j) for j in range(n)), applicable),
        (tuple((0, j) for j in range(1, n)), below),
        (((0, 0), below), applicable),
    ]
    cells = redact_grid(grid, lines, threshold).cells[0]
    share = _share(cells[n], cells[n + 1], row.below_best_share)
    return RedactedCriterion(row.title, cells[n + 1], cells[n], share, tuple(cells[:n]))


def redact_criteria(
    table: CriteriaTable, threshold: int = THRESHOLD
) -> tuple[RedactedCriterion, ...]:
    """Table 3 with small counts suppressed (the best grade's count, implied, protected too)."""
    out = []
    for r in table.rows:
        best = r.counts[0] if r.counts else 0
        grid = [[best, r.below_best, r.applicable]]
        lines = margin_lines(1, 3, row_totals=True, column_totals=False)
        _, below, applicable = redact_grid(grid, lines, threshold).cells[0]
        share = _share(below, applicable, r.below_best_share)
        out.append(RedactedCriterion(r.title, applicable, below, share))
    return tuple(out)


@dataclass(frozen=True)
class RedactedMeasure:
    """One timeliness measure for publication, with the columns of table 4."""

    label: str
    measured: Cell
    median_hours: ShareCell
    p90_hours: ShareCell
    within: Cell
    within_share: ShareCell
    missing: Cell
    #: The target in the framework's unit, and the statistics in that unit.
    target_text: str = ""
    unit: str = "hours"
    median_delay: ShareCell = None
    p90_delay: ShareCell = None


def redact_timeliness(
    table: TimelinessTable, threshold: int = THRESHOLD
) -> tuple[RedactedMeasure, ...]:
    """Table 4 with small counts suppressed and statistics of few delays withheld."""
    out = []
    for r in table.rows:
        grid = [[r.within, r.late, r.measured]]
        lines = margin_lines(1, 3, row_totals=True, column_totals=False)
        within, _, measured = redact_grid(grid, lines, threshold).cells[0]
        few = 0 < r.measured < threshold
        out.append(
            RedactedMeasure(
                label=r.label,
                measured=measured,
                median_hours=WITHHELD if few else r.median_hours,
                p90_hours=WITHHELD if few else r.p90_hours,
                within=within,
                within_share=_share(within, measured, r.within_share),
                missing=suppress_count(r.missing, threshold),
                target_text=r.target_text,
                unit=r.unit,
                median_delay=WITHHELD if few else r.median_delay,
                p90_delay=WITHHELD if few else r.p90_delay,
            )
        )
    return tuple(out)
