"""Table 3: per criterion, how the graded cases it applies to were graded.

A criterion counts the graded cases (see ``auditor.reports.data``) of the case types it applies
to. *Applicable* cases are those whose reported assessment gives the criterion a grade of the
scale; Not applicable and not graded are counted apart. The share that stands out is the
share of applicable cases graded worse than the scale's best grade (in the bundled framework:
Requires improvement or Inadequate), derived from the framework's ranks, never from codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.framework import Framework, Grade
from auditor.reports.data import ReportData
from auditor.reports.stats import share


def below_best_label(framework: Framework) -> str:
    """'Requires improvement or Inadequate': the labels of every grade but the best."""
    return " or ".join(g.label for g in framework.grades[1:])


@dataclass(frozen=True)
class CriterionRow:
    """One criterion: applicable cases per grade (scale order), Not applicable and not graded."""

    criterion_id: str
    title: str
    counts: tuple[int, ...]
    not_applicable: int = 0
    not_graded: int = 0

    @property
    def applicable(self) -> int:
        """Graded cases giving this criterion a grade of the scale (not Not applicable)."""
        return sum(self.counts)

    @property
    def below_best(self) -> int:
        """Applicable cases graded worse than the best grade."""
        return sum(self.counts[1:])

    @property
    def below_best_share(self) -> float | None:
        """``below_best`` as a percentage of ``applicable`` (None when none applies)."""
        return share(self.below_best, self.applicable)

    def percentages(self) -> tuple[float | None, ...]:
        """Each grade's count as a percentage of the applicable cases."""
        return tuple(share(n, self.applicable) for n in self.counts)


@dataclass(frozen=True)
class CriteriaTable:
    """Table 3: a row per criterion of the framework, in framework order."""

    grades: tuple[Grade, ...]
    rows: tuple[CriterionRow, ...]
    below_best_label: str = ""

    def row(self, criterion_id: str) -> CriterionRow:
        found = next((r for r in self.rows if r.criterion_id == criterion_id), None)
        if found is None:
            raise KeyError(criterion_id)
        return found

    def percentages(self) -> tuple[float | None, ...]:
        """The below-best share of every row."""
        return tuple(r.below_best_share for r in self.rows)

    def weakest(self) -> tuple[CriterionRow, ...]:
        """Rows with applicable cases, highest below-best share first (then framework order)."""
        order = {r.criterion_id: i for i, r in enumerate(self.rows)}
        rated = [r for r in self.rows if r.applicable]
        return tuple(
            sorted(rated, key=lambda r: (-(r.below_best_share or 0.0), order[r.criterion_id]))
        )


def criteria(data: ReportData) -> CriteriaTable:
    """Table 3 for the data's graded cases."""
    framework = data.framework
    column = {g.code: i for i, g in enumerate(framework.grades)}
    na_code = framework.not_applicable.code
    counts = {c.id: [0] * len(framework.grades) for c in framework.criteria}
    not_applicable = dict.fromkeys(counts, 0)
    not_graded = dict.fromkeys(counts, 0)
    applying: dict[str, list[str]] = {}
    for case in data.cases:
        if not case.graded:
            continue
        ids = applying.get(case.case_type)
        if ids is None:
            ids = applying[case.case_type] = [c.id for c in framework.criteria_for(case.case_type)]
        for criterion_id in ids:
            grade = case.criterion_grades.get(criterion_id)
            if grade is None:
                not_graded[criterion_id] += 1
            elif grade == na_code:
                not_applicable[criterion_id] += 1
            elif grade in column:
                counts[criterion_id][column[grade]] += 1
    rows = tuple(
        CriterionRow(c.id, c.title, tuple(counts[c.id]), not_applicable[c.id], not_graded[c.id])
        for c in framework.criteria
    )
    return CriteriaTable(framework.grades, rows, below_best_label(framework))
