"""The Cases and Chronology sheets, in exactly the import layout (so they import back)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from auditor.case_list import reference_order
from auditor.exporting.workbook import Sheet
from auditor.framework import Framework
from auditor.importing.layout import CHRONOLOGY_COLUMNS, case_columns
from db import export as rows


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def case_headings(framework: Framework) -> list[str]:
    return list(case_columns(framework).values())


def _same(reference: str) -> str:
    return reference


def case_table(
    db: Any,
    framework: Framework,
    name: Callable[[str], str] = _same,
    *,
    personal: bool = True,
) -> tuple[list[str], list[list[Any]], list[tuple[str, str]]]:
    """(headings, one row per case in reference order, (case id, reference) in that order).

    ``name`` shows a reference (a keyed hash when redacting); without ``personal`` the names,
    summary and every free-text note are left out.
    """
    cases = rows.case_rows(db)
    cases = [cases[i] for i in reference_order([c[1] for c in cases])]
    grades: dict[str, dict[str, tuple[str | None, str]]] = defaultdict(dict)
    for case_id, criterion_id, grade, note in rows.criterion_grades(db):
        grades[case_id][criterion_id] = (grade, note)
    criteria = framework.criteria
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
    ) in cases:
        row: list[Any] = [
            name(reference),
            framework.case_type_label(case_type),
            borough or None,
            bcu or None,
            team or None,
            _date(opened),
            (summary or None) if personal else None,
            assessor if personal else None,
            framework.grade_label(overall) if overall else None,
            (override or None) if personal else None,
            "Yes" if reason is not None else None,
            framework.referral_reason_label(reason) if reason else None,
            (note or None) if personal else None,
        ]
        graded = grades.get(case_id, {})
        for criterion in criteria:
            grade, criterion_note = graded.get(criterion.id, (None, ""))
            row.append(framework.grade_label(grade) if grade else None)
            row.append((criterion_note or None) if personal else None)
        table.append(row)
    return case_headings(framework), table, [(c[0], c[1]) for c in cases]


def write_cases(
    book: Any,
    db: Any,
    framework: Framework,
    name: Callable[[str], str] = _same,
    *,
    personal: bool = True,
) -> list[tuple[str, str]]:
    """Write the Cases sheet; returns (case id, reference) in the order written."""
    headings, table, order = case_table(db, framework, name, personal=personal)
    widths = [16, 28, 14, 14, 22, 12, 40, 18, 20, 30, 10, 28, 40]
    widths += [14, 30] * len(framework.criteria)
    sheet = Sheet(book, "Cases", headings, widths)
    sheet.append_all(table)
    sheet.close()
    return order


def write_chronology(
    book: Any,
    db: Any,
    framework: Framework,
    order: list[tuple[str, str]],
    name: Callable[[str], str] = _same,
    *,
    personal: bool = True,
) -> None:
    """Write the Chronology sheet: cases in the Cases sheet's order, events in time order."""
    by_case: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for event in rows.chronology_rows(db):
        by_case[event[0]].append(event)
    sheet = Sheet(book, "Chronology", list(CHRONOLOGY_COLUMNS.values()), [16, 18, 30, 60])
    for case_id, reference in order:
        for _case, occurred_at, event_type, detail in by_case.get(case_id, ()):
            sheet.append(
                [
                    name(reference),
                    _when(occurred_at),
                    framework.event_label(event_type),
                    (detail or None) if personal else None,
                ]
            )
    sheet.close()
