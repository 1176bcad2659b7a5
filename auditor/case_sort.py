"""How the case list sorts: each column's sort key, for one row and, built in one pass, for
every row (ranked as numbers, so a sort of 100,000 cases compares integers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor.case_rows import (
    COL_ALLOCATED,
    COL_AREA,
    COL_FLAG,
    COL_GRADE,
    COL_GRADED_BY,
    COL_REFERENCE,
    COL_STATUS,
    COL_TEAM,
    COL_TYPE,
    R_ALLOCATED_TO,
    R_BCU,
    R_BOROUGH,
    R_CASE_REF_STATE,
    R_CASE_STATUS,
    R_GRADE,
    R_GRADED_BY,
    R_REF,
    R_REF_STATE,
    R_REPORTED_BY,
    R_REPORTED_GRADE,
    R_STATUS,
    R_TEAM,
    R_TYPE,
    case_grade,
    case_referral,
    case_status,
    natural_key,
)
from auditor.framework import Framework
from auditor.grading.rules import REFERRAL_STATE_LABELS, STATUS_LABELS

STATUS_ORDER = {code: rank for rank, code in enumerate(STATUS_LABELS)}
REFERRAL_ORDER = {code: rank for rank, code in enumerate(REFERRAL_STATE_LABELS)}
#: The row field a column ranked among its values sorts by.
KEY_FIELD = {
    COL_TYPE: R_TYPE,
    COL_TEAM: R_TEAM,
    COL_ALLOCATED: R_ALLOCATED_TO,
    COL_GRADED_BY: R_GRADED_BY,
}


def sort_value(row: tuple, column: int) -> Any:
    """What a column ranked among its values (names, teams, area) sorts a row by."""
    if column == COL_AREA:
        return row[R_BOROUGH], row[R_BCU]
    return row[KEY_FIELD[column]]


def key_column(framework: Framework, column: int, rows: list[tuple]) -> list[Any]:
    """The sort keys of ``rows``, in one comprehension (a call per row would be several
    times slower at 100,000 cases)."""
    if column == COL_STATUS:
        ranks, last = STATUS_ORDER, len(STATUS_ORDER)
        return [ranks.get(r[R_CASE_STATUS] or r[R_STATUS] or "not_started", last) for r in rows]
    if column == COL_GRADE:
        grades = {g.code: g.rank for g in framework.grades}
        last = len(grades)
        return [
            grades.get(r[R_REPORTED_GRADE] if r[R_REPORTED_BY] else r[R_GRADE], last) for r in rows
        ]
    if column == COL_FLAG:
        ranks, last = REFERRAL_ORDER, len(REFERRAL_ORDER)
        return [
            ranks.get(r[R_CASE_REF_STATE] if r[R_REPORTED_BY] else r[R_REF_STATE], last)
            for r in rows
        ]
    value_key = value_keys(framework).get(column)
    if value_key is None:
        return list(map(sort_key(framework, column), rows))
    if column == COL_AREA:  # ranked by borough, then BCU, without a pair per row
        pairs = {(r[R_BOROUGH], r[R_BCU]) for r in rows}
        rank = {key: n for n, key in enumerate(sorted({value_key(p) for p in pairs}))}
        by_bcu: dict[Any, dict[Any, int]] = {}
        for borough, bcu in pairs:
            by_bcu.setdefault(borough, {})[bcu] = rank[value_key((borough, bcu))]
        return [by_bcu[r[R_BOROUGH]][r[R_BCU]] for r in rows]
    field = KEY_FIELD[column]
    values = [r[field] for r in rows]
    # Few distinct values (names, teams, types): each folded once, ranked as a number.
    keyed = {value: value_key(value) for value in set(values)}
    rank = {key: n for n, key in enumerate(sorted(set(keyed.values())))}
    ranks = {value: rank[key] for value, key in keyed.items()}
    return [ranks[value] for value in values]


def value_keys(framework: Framework) -> dict[int, Callable[[Any], Any]]:
    """Sort keys of a column's value (rather than of a row), as ``sort_key`` orders."""
    labels = {t.code: t.label.casefold() for t in framework.case_types}
    return {
        COL_TYPE: lambda v: labels.get(v, v),
        COL_AREA: lambda v: ((v[0] or "").casefold(), (v[1] or "").casefold()),
        COL_TEAM: lambda v: (v or "").casefold(),
        COL_ALLOCATED: lambda v: (v or "\uffff").casefold(),
        COL_GRADED_BY: lambda v: (v or "\uffff").casefold(),
    }


def sort_key(framework: Framework, column: int) -> Callable[[tuple], Any]:
    """A row's sort key for ``column`` (one call per row: the key of one row, or a column
    whose values are not ranked)."""
    fw = framework
    type_labels = {t.code: t.label.casefold() for t in fw.case_types}
    grade_rank = {g.code: g.rank for g in fw.grades}
    keys: dict[int, Callable[[tuple], Any]] = {
        COL_REFERENCE: lambda r: natural_key(r[R_REF]),
        COL_TYPE: lambda r: type_labels.get(r[R_TYPE], r[R_TYPE]),
        COL_AREA: lambda r: ((r[R_BOROUGH] or "").casefold(), (r[R_BCU] or "").casefold()),
        COL_TEAM: lambda r: (r[R_TEAM] or "").casefold(),
        COL_STATUS: lambda r: STATUS_ORDER.get(case_status(r), len(STATUS_ORDER)),
        # Ungraded cases sort after every grade.
        COL_GRADE: lambda r: grade_rank.get(case_grade(r), len(grade_rank)),
        COL_FLAG: lambda r: REFERRAL_ORDER.get(case_referral(r), len(REFERRAL_ORDER)),
        COL_ALLOCATED: lambda r: (r[R_ALLOCATED_TO] or "\uffff").casefold(),
        COL_GRADED_BY: lambda r: (r[R_GRADED_BY] or "\uffff").casefold(),
    }
    return keys[column]
