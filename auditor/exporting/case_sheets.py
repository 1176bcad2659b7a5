"""The Cases and Chronology sheets, in exactly the import layout (so they import back)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from auditor.case_rows import reference_order
from auditor.exporting.values import MINUTES, SECONDS, Styled
from auditor.exporting.workbook import write_table
from auditor.framework import Framework
from auditor.importing.layout import CASE_COLUMNS, CHRONOLOGY_COLUMNS, case_columns
from auditor.timeliness import parse_when
from db import export as rows


def _date(text: str | None) -> date | str | None:
    """A stored day as a date; a value that is not one is written as it is stored."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return str(text)


def _when(text: str) -> Styled | str:
    """A chronology date-time as a date-time cell showing its seconds when it has them; a
    value that is not one is written as it is stored (an export never fails on it)."""
    try:
        moment: datetime = parse_when(text)
    except (TypeError, ValueError):
        return str(text)
    return Styled(moment, SECONDS if moment.second else MINUTES)


Grades = dict[str, dict[str, tuple[str | None, str]]]  # case id -> criterion -> (grade, note)


@dataclass(frozen=True)
class CaseRows:
    """The cases in reference order with their exported gradings, read once per export."""

    cases: list[tuple]  # db.export.case_rows, in reference order
    grades: Grades

    @property
    def order(self) -> list[tuple[str, str]]:
        """(case id, reference) of every case, in the order the sheets list them."""
        return [(c[0], c[1]) for c in self.cases]


def read_case_rows(db: Any) -> CaseRows:
    cases = rows.case_rows(db)
    cases = [cases[i] for i in reference_order([c[1] for c in cases])]
    grades: Grades = defaultdict(dict)
    for case_id, criterion_id, grade, note in rows.criterion_grades(db):
        grades[case_id][criterion_id] = (grade, note)
    return CaseRows(cases, grades)


def _same(reference: str) -> str:
    return reference


def case_table(
    data: CaseRows,
    framework: Framework,
    name: Callable[[str], str] = _same,
    *,
    personal: bool = True,
) -> list[list[Any]]:
    """One Cases row per case, in the import layout's column order.

    ``name`` shows a reference (a keyed hash when redacting); without ``personal`` the names,
    summary and every free-text note are left out.
    """
    table = []
    for (
        case_id,
        reference,
        case_type,
        borough,
        bcu,
        team,
        opened,
        summary,
        assessor,
        overall,
        override,
        reason,
        note,
        force_grade,
    ) in data.cases:
        row: list[Any] = [
            name(reference),
            framework.case_type_label(case_type),
            borough or None,
            bcu or None,
            team or None,
            _date(opened),
            (summary or None) if personal else None,
            framework.grade_label(force_grade) if force_grade else None,
            assessor if personal else None,
            framework.grade_label(overall) if overall else None,
            (override or None) if personal else None,
            "Yes" if reason is not None else None,
            framework.referral_reason_label(reason) if reason else None,
            (note or None) if personal else None,
        ]
        graded = data.grades.get(case_id, {})
        for criterion in framework.criteria:
            grade, criterion_note = graded.get(criterion.id, (None, ""))
            row.append(framework.grade_label(grade) if grade else None)
            row.append((criterion_note or None) if personal else None)
        table.append(row)
    return table


def write_cases(
    book: Any,
    data: CaseRows,
    framework: Framework,
    name: Callable[[str], str] = _same,
    *,
    personal: bool = True,
) -> None:
    """Write the Cases sheet; it prints its case columns (to the referral note), as a pair of
    columns per criterion grade would make a page too wide to read: Criteria prints those."""
    widths = [16, 28, 14, 14, 22, 12, 40, 14, 18, 20, 30, 10, 28, 40]
    widths += [14, 30] * len(framework.criteria)
    headings = list(case_columns(framework).values())
    table = case_table(data, framework, name, personal=personal)
    until = CASE_COLUMNS["referral_note"]
    write_table(book, "Cases", headings, widths, table, print_until=until, align_rows=False)


def write_chronology(
    book: Any,
    db: Any,
    framework: Framework,
    data: CaseRows,
    name: Callable[[str], str] = _same,
    *,
    personal: bool = True,
) -> None:
    """Write the Chronology sheet: cases in the Cases sheet's order, events in time order."""
    by_case: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for event in rows.chronology_rows(db):
        by_case[event[0]].append(event)
    table = [
        [
            name(reference),
            _when(occurred_at),
            framework.event_label(event_type),
            (detail or None) if personal else None,
        ]
        for case_id, reference in data.order
        for _case, occurred_at, event_type, detail in by_case.get(case_id, ())
    ]
    write_table(book, "Chronology", list(CHRONOLOGY_COLUMNS.values()), [16, 18, 30, 60], table)
