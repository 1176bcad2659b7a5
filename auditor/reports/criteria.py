"""Table 3: per criterion, how the graded cases it applies to were graded.

A criterion counts the graded cases (see ``auditor.reports.data``) it applies to (their case
type, and their attributes where it applies by one). Its columns are the criteria's answer
scale (``framework.answers``: the grades in format 1, e.g. Yes / No where the framework gives
``[[answers]]``). *Applicable* cases are those whose reported assessment gives the criterion an
answer of the scale; Not applicable and not graded are counted apart. The share that stands
out is the share of applicable cases answered worse than the scale's best answer (in the
bundled framework: Requires improvement or Inadequate; on a Yes/No scale: No), derived from
the scale's ranks, never from codes.

Where the framework groups criteria in domains, each domain has a row too (``domains``): the
answers its criteria were given, summed over its criteria (a case counts once per criterion).
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.framework import Framework, Grade
from auditor.reports.data import ReportData
from auditor.reports.stats import share


def below_best_label(framework: Framework) -> str:
    """'Requires improvement or Inadequate': the labels of every rating but the best."""
    return " or ".join(g.label for g in framework.grades[1:])


def below_best_answer_label(framework: Framework) -> str:
    """The labels of every criterion answer but the best ('No' on a Yes/No scale)."""
    return " or ".join(g.label for g in framework.answers[1:])


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
class DomainRow(CriterionRow):
    """One domain: its criteria's answers summed (``criterion_id`` is the domain's id)."""

    criterion_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriteriaTable:
    """Table 3: a row per criterion of the framework, in framework order (``grades`` is the
    criteria's answer scale), and a row per domain where the framework has domains."""

    grades: tuple[Grade, ...]
    rows: tuple[CriterionRow, ...]
    below_best_label: str = ""
    domains: tuple[DomainRow, ...] = ()

    def domain(self, domain_id: str) -> DomainRow:
        found = next((d for d in self.domains if d.criterion_id == domain_id), None)
        if found is None:
            raise KeyError(domain_id)
        return found

    def in_domain(self, domain_id: str) -> tuple[CriterionRow, ...]:
        """The rows of the domain's criteria, in framework order."""
        ids = set(self.domain(domain_id).criterion_ids)
        return tuple(r for r in self.rows if r.criterion_id in ids)

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
    scale = framework.answers
    column = {g.code: i for i, g in enumerate(scale)}
    na_code = framework.not_applicable.code
    counts = {c.id: [0] * len(scale) for c in framework.criteria}
    not_applicable = dict.fromkeys(counts, 0)
    not_graded = dict.fromkeys(counts, 0)
    applying: dict[str, list[str]] = {}
    conditional = any(c.conditions for c in framework.criteria)
    for case in data.cases:
        if not case.graded:
            continue
        if conditional:
            ids = [c.id for c in framework.criteria_for(case.case_type, case.attributes)]
        else:
            ids = applying.get(case.case_type)
            if ids is None:
                ids = applying[case.case_type] = [
                    c.id for c in framework.criteria_for(case.case_type)
                ]
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
    return CriteriaTable(scale, rows, below_best_answer_label(framework), _domains(framework, rows))


def _domains(framework: Framework, rows: tuple[CriterionRow, ...]) -> tuple[DomainRow, ...]:
    by_id = {r.criterion_id: r for r in rows}
    out = []
    for domain in framework.domains:
        mine = [by_id[c.id] for c in framework.criteria if c.domain == domain.id]
        out.append(
            DomainRow(
                domain.id,
                domain.title,
                tuple(sum(r.counts[i] for r in mine) for i in range(len(framework.answers))),
                sum(r.not_applicable for r in mine),
                sum(r.not_graded for r in mine),
                tuple(r.criterion_id for r in mine),
            )
        )
    return tuple(out)
