"""The columns the analysis tables share: framework labels as ordered categoricals, and the
stored times as real datetimes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from auditor.framework import Framework
from auditor.timeliness import parse_when


def type_labels(framework: Framework) -> list[str]:
    """The case types' labels in framework order."""
    return [t.label for t in framework.case_types]


def grade_labels(framework: Framework, *, not_applicable: bool = False) -> list[str]:
    """The scale's labels best first (then Not applicable, when asked)."""
    labels = [g.label for g in framework.grades]
    return [*labels, framework.not_applicable.label] if not_applicable else labels


def ordered(values: Iterable[object], order: Sequence[str]) -> pd.Categorical:
    """An ordered categorical of ``order`` plus any value not in it (after, as found)."""
    values = list(values)
    extra = [v for v in dict.fromkeys(values) if v is not None and v not in order]
    categories = [*order, *(str(v) for v in extra)]
    return pd.Categorical(values, categories=categories, ordered=True)


def grade_label(framework: Framework, code: str | None) -> str | None:
    return None if code is None else framework.grade_label(code)


def utc_times(values: Iterable[str | None]) -> pd.Series:
    """The workstation's own timestamps ('…T09:00:01.000Z') as UTC datetimes (NaT if absent)."""
    return pd.Series(pd.to_datetime(list(values), utc=True, format="ISO8601", errors="coerce"))


def local_times(values: Iterable[str | None]) -> pd.Series:
    """Chronology times and dates as written (naive; an offset dropped, as the report does)."""

    def one(text: str | None) -> object:
        try:
            return parse_when(text) if text else None
        except (TypeError, ValueError):
            return None

    return pd.Series(pd.to_datetime([one(t) for t in values], errors="coerce"))


def text(values: Iterable[str | None]) -> pd.Series:
    """A column of text (missing values NaN), of the text dtype even when empty."""
    return pd.Series(list(values), dtype="str")


def table(found: Sequence[tuple], columns: Sequence[str]) -> pd.DataFrame:
    """Rows from ``db.analysis`` as a frame whose ``case_id`` is text even with no row."""
    frame = pd.DataFrame(list(found), columns=list(columns))
    frame["case_id"] = frame["case_id"].astype("str")
    return frame
