"""Cases assessed (Figure 1) and referrals back: counts of graded cases per case type.

Columns follow the framework's grade scale in rank order (best first; Not applicable is never
an overall grade). Rows follow the framework's case types in framework order with the
framework's labels, every type shown even when it has no case; a case type the framework does
not know (impossible through the workstation's own writes) gets a row of its own after them,
labelled with its code. Cases not yet graded are left out and counted beneath.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from auditor.framework import Framework, Grade
from auditor.reports.data import ReportCase, ReportData
from auditor.reports.stats import share

TOTAL_LABEL = "Total"


@dataclass(frozen=True)
class GradeRow:
    """One row of a cases-assessed table: graded cases per grade, in scale order.

    ``key`` is the case type code (or area name, "" when not recorded); None on the Total row.
    """

    key: str | None
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def percentages(self) -> tuple[float | None, ...]:
        """Each count as a percentage of the row's total (None when the row is empty)."""
        return tuple(share(n, self.total) for n in self.counts)


@dataclass(frozen=True)
class CasesAssessedTable:
    """Graded cases by row (case type, or area) and overall grade, with totals."""

    grades: tuple[Grade, ...]
    rows: tuple[GradeRow, ...]
    not_yet_graded: int = 0

    @property
    def column_totals(self) -> tuple[int, ...]:
        totals = [0] * len(self.grades)
        for row in self.rows:
            for index, count in enumerate(row.counts):
                totals[index] += count
        return tuple(totals)

    @property
    def total_row(self) -> GradeRow:
        return GradeRow(None, TOTAL_LABEL, self.column_totals)

    @property
    def grand_total(self) -> int:
        """Graded cases in the table (not counting those not yet graded)."""
        return sum(self.column_totals)

    def row(self, key: str) -> GradeRow:
        found = next((r for r in self.rows if r.key == key), None)
        if found is None:
            raise KeyError(key)
        return found

    def count(self, key: str, grade_code: str) -> int:
        """Cases of row ``key`` graded ``grade_code``."""
        return self.row(key).counts[self._column(grade_code)]

    def column_total(self, grade_code: str) -> int:
        return self.column_totals[self._column(grade_code)]

    def percentages(self) -> tuple[tuple[float | None, ...], ...]:
        """Row percentages for every row, then for the total row (as Figure 1's 31/42/27)."""
        return tuple(r.percentages() for r in (*self.rows, self.total_row))

    def _column(self, grade_code: str) -> int:
        for index, grade in enumerate(self.grades):
            if grade.code == grade_code:
                return index
        raise KeyError(grade_code)


def grade_rows(
    grades: tuple[Grade, ...],
    cases: Iterable[ReportCase],
    key: Callable[[ReportCase], str],
    keys: Iterable[tuple[str, str]],
) -> tuple[GradeRow, ...]:
    """A row per (key, label) of ``keys`` in that order, then one per other key found."""
    column = {g.code: i for i, g in enumerate(grades)}
    counts: dict[str, list[int]] = {k: [0] * len(grades) for k, _ in keys}
    labels = dict(keys)
    for case in cases:
        index = column.get(case.overall_grade or "")
        if index is None:
            continue
        row_key = key(case)
        if row_key not in counts:
            counts[row_key] = [0] * len(grades)
            labels[row_key] = row_key
        counts[row_key][index] += 1
    return tuple(GradeRow(k, labels[k], tuple(v)) for k, v in counts.items())


def case_type_keys(framework: Framework) -> list[tuple[str, str]]:
    """(code, label) of every case type, in framework order."""
    return [(t.code, t.label) for t in framework.case_types]


def cases_assessed(data: ReportData) -> CasesAssessedTable:
    """Table 1 (Figure 1): case type × overall grade for the data's cases."""
    framework = data.framework
    rows = grade_rows(
        framework.grades, data.cases, lambda c: c.case_type, case_type_keys(framework)
    )
    return CasesAssessedTable(framework.grades, rows, data.not_yet_graded)


# --- referrals back --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralRow:
    """Graded cases of one case type and how many were referred back (key None: Total)."""

    key: str | None
    label: str
    graded: int
    referred: int

    @property
    def percentage(self) -> float | None:
        """Referred back as a percentage of graded (None when none was graded)."""
        return share(self.referred, self.graded)


@dataclass(frozen=True)
class ReferralsTable:
    """Table 2: referrals back per case type, with a total row."""

    rows: tuple[ReferralRow, ...]
    not_yet_graded: int = 0

    @property
    def total_row(self) -> ReferralRow:
        return ReferralRow(
            None,
            TOTAL_LABEL,
            sum(r.graded for r in self.rows),
            sum(r.referred for r in self.rows),
        )

    def row(self, key: str) -> ReferralRow:
        found = next((r for r in self.rows if r.key == key), None)
        if found is None:
            raise KeyError(key)
        return found

    def percentages(self) -> tuple[float | None, ...]:
        """The referred-back percentage of every row, then of the total row."""
        return tuple(r.percentage for r in (*self.rows, self.total_row))


def referrals(data: ReportData) -> ReferralsTable:
    """Table 2: per case type, cases graded and referred back (reported assessments)."""
    tallies: dict[str, list[int]] = {k: [0, 0] for k, _ in case_type_keys(data.framework)}
    labels = dict(case_type_keys(data.framework))
    for case in data.cases:
        if not case.graded:
            continue
        if case.case_type not in tallies:
            tallies[case.case_type] = [0, 0]
            labels[case.case_type] = case.case_type
        tallies[case.case_type][0] += 1
        tallies[case.case_type][1] += case.referred
    rows = tuple(ReferralRow(k, labels[k], g, r) for k, (g, r) in tallies.items())
    return ReferralsTable(rows, data.not_yet_graded)
