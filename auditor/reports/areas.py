"""Table 5: the cases-assessed table for each area (the framework's two area columns, in
format 1 borough and BCU) and team.

Areas are listed in natural order of their names (as the case list sorts references), with
cases whose area is not recorded last, under ``NOT_RECORDED``. Each area's table counts its
own not-yet-graded cases beneath it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from auditor.case_rows import natural_key
from auditor.framework import Framework
from auditor.reports.data import ReportCase, ReportData
from auditor.reports.grades import CasesAssessedTable, cases_assessed, grade_rows

#: The area fields and their headings in the police wording (format 1's ``[words]``).
AREA_FIELDS = {"borough": "Borough", "bcu": "BCU", "team": "Team"}


def area_fields(framework: Framework) -> dict[str, str]:
    """The area fields a framework shows, with its words for them ("Region", "Office"); the
    second area is left out where the framework names none (``area_2 = ""``)."""
    words = framework.words
    named = {"borough": words.area_1, "bcu": words.area_2, "team": "Team"}
    return {field: label for field, label in named.items() if label}


NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class AreaTable:
    """The cases-assessed table of one area or team."""

    field: str
    area: str
    table: CasesAssessedTable

    @property
    def label(self) -> str:
        """The area's name, or 'Not recorded' for cases without one."""
        return self.area or NOT_RECORDED


def _field(name: str) -> str:
    if name not in AREA_FIELDS:
        raise ValueError(f"areas are one of {', '.join(AREA_FIELDS)}, not {name!r}")
    return name


def area_order(areas: set[str]) -> list[str]:
    """Area names in natural order, the empty name (not recorded) last."""
    return sorted(areas, key=lambda a: (a == "", natural_key(a)))


def area_tables(data: ReportData, field: str) -> tuple[AreaTable, ...]:
    """Table 1 (case type × grade) for every value of ``field`` ('borough', 'bcu', 'team')."""
    _field(field)
    groups: dict[str, list[ReportCase]] = defaultdict(list)
    for case in data.cases:
        groups[getattr(case, field)].append(case)
    return tuple(
        AreaTable(field, area, cases_assessed(ReportData(data.framework, tuple(groups[area]))))
        for area in area_order(set(groups))
    )


def grades_by_area(data: ReportData, field: str) -> CasesAssessedTable:
    """One table with a row per area (area × overall grade), to compare areas at a glance.

    ``not_yet_graded`` counts every ungraded case of the data.
    """
    _field(field)
    areas = area_order({getattr(c, field) for c in data.cases})
    keys = [(a, a or NOT_RECORDED) for a in areas]
    rows = grade_rows(data.framework.grades, data.cases, lambda c: getattr(c, field), keys)
    return CasesAssessedTable(data.framework.grades, rows, data.not_yet_graded)
