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


def listed(values: Iterable[object]) -> list:
    """The values as a list (a Series's without iterating it element by element)."""
    return values.tolist() if isinstance(values, pd.Series) else list(values)


def ordered(values: Iterable[object], order: Sequence[str]) -> pd.Categorical:
    """An ordered categorical of ``order`` plus any value not in it (after, as found)."""
    values = listed(values)
    known = set(order)
    extra = [v for v in dict.fromkeys(values) if isinstance(v, str) and v not in known]
    return pd.Categorical(values, categories=[*order, *extra], ordered=True)


def labelled(codes: Iterable[object], labels: dict[str, str]) -> list[str | None]:
    """Each code's label (a code with none stays itself; a missing code is None)."""
    return [labels.get(c, c) if isinstance(c, str) else None for c in listed(codes)]


def grades_of(framework: Framework, codes: Iterable[object]) -> list[str | None]:
    """The grades' labels (Not applicable included) of codes (None where not graded)."""
    names = {g.code: g.label for g in (*framework.grades, framework.not_applicable)}
    return labelled(codes, names)


def utc_times(values: Iterable[str | None]) -> pd.Series:
    """The workstation's own timestamps ('…T09:00:01.000Z') as UTC datetimes (NaT if absent)."""
    return pd.Series(pd.to_datetime(list(values), utc=True, format="ISO8601", errors="coerce"))


def local_times(values: Iterable[str | None]) -> pd.Series:
    """Chronology times and dates as written (naive; an offset dropped, as the report does).

    Parsed at once; only a column mixing offsets is parsed value by value (``parse_when``)."""
    texts = listed(values)
    try:
        parsed = pd.Series(pd.to_datetime(texts, format="ISO8601", errors="coerce"))
    except (TypeError, ValueError):  # offsets of several kinds: each as written
        parsed = pd.Series(pd.to_datetime([_when(t) for t in texts], errors="coerce"))
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # the wall time as written, its offset dropped
    return parsed.astype("datetime64[us]")


def _when(text: object) -> object:
    try:
        return parse_when(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


def text(values: Iterable[str | None]) -> pd.Series:
    """A column of text (missing values NaN), of the text dtype even when empty."""
    return pd.Series(list(values), dtype="str")


def table(found: Sequence[tuple], columns: Sequence[str]) -> pd.DataFrame:
    """Rows from ``db.analysis`` as a frame whose ``case_id`` is text even with no row."""
    frame = pd.DataFrame(list(found), columns=list(columns))
    frame["case_id"] = frame["case_id"].astype("str")
    return frame
