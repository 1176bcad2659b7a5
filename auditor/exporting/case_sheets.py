"""The Cases and Chronology sheets, in exactly the import layout (so they import back)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from auditor.case_rows import reference_order
from auditor.exporting.values import MINUTES, SECONDS, Styled
from auditor.exporting.workbook import write_table
from auditor.framework import Framework
from auditor.importing.layout import (
    ATTRIBUTE,
    CASE_COLUMNS,
    CHRONOLOGY_COLUMNS,
    GRADE,
    NOTE,
    PROMPTS,
    case_columns,
)
from auditor.records import AttributeValue, attributes_from_json
from auditor.timeliness import parse_when
from db import cases as case_records
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
    #: Case id -> its recorded attributes (cases with none are absent).
    attributes: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    #: Case id -> criterion id -> its sub-prompt ticks as stored ("yn-").
    prompts: dict[str, dict[str, str]] = field(default_factory=dict)

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
    attributes = {
        case_id: attributes_from_json(stored)
        for case_id, stored in case_records.recorded_attributes(db).items()
    }
    prompts: dict[str, dict[str, str]] = defaultdict(dict)
    for case_id, criterion_id, ticks in rows.criterion_prompts(db):
        prompts[case_id][criterion_id] = ticks
    return CaseRows(cases, grades, attributes, prompts)


def ticks_text(ticks: str, count: int) -> str | None:
    """Stored ticks ("yn", of ``count`` prompts) as the ticks column shows them ("y,n,-")."""
    padded = (ticks + "-" * count)[:count]
    return None if not ticks else ",".join(padded)


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
    keys = list(case_columns(framework))
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
        cells: dict[str, Any] = {
            "reference": name(reference),
            "case_type": framework.case_type_label(case_type),
            "borough": borough or None,
            "bcu": bcu or None,
            "team": team or None,
            "date_opened": _date(opened),
            "summary": (summary or None) if personal else None,
            "force_grade": framework.grade_label(force_grade) if force_grade else None,
            "assessor": assessor if personal else None,
            "overall": framework.grade_label(overall) if overall else None,
            "override_reason": (override or None) if personal else None,
            "referred": "Yes" if reason is not None else None,
            "referral_reason": framework.referral_reason_label(reason) if reason else None,
            "referral_note": (note or None) if personal else None,
        }
        for key, value in data.attributes.get(case_id, {}).items():
            cells[ATTRIBUTE + key] = value
        graded = data.grades.get(case_id, {})
        ticked = data.prompts.get(case_id, {})
        for criterion in framework.criteria:
            grade, criterion_note = graded.get(criterion.id, (None, ""))
            cells[GRADE + criterion.id] = framework.grade_label(grade) if grade else None
            cells[NOTE + criterion.id] = (criterion_note or None) if personal else None
            if criterion.prompts:
                ticks = ticked.get(criterion.id, "")
                cells[PROMPTS + criterion.id] = ticks_text(ticks, len(criterion.prompts))
        table.append([cells.get(key) for key in keys])
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
    columns = case_columns(framework)
    widths_of = [16, 28, 14, 14, 22, 12, 40, 14, 18, 20, 30, 10, 28, 40]
    fixed = dict(zip(CASE_COLUMNS, widths_of, strict=True))
    widths = [
        fixed.get(key, 30 if key.startswith(NOTE) else 16 if key.startswith(PROMPTS) else 14)
        for key in columns
    ]
    headings = list(columns.values())
    table = case_table(data, framework, name, personal=personal)
    until = columns["referral_note"]
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
