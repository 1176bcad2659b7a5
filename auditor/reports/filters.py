"""Which cases a report covers: case types, the two areas (borough and BCU in format 1), team
and date opened."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from auditor.timestamps import day_of

if TYPE_CHECKING:
    from auditor.reports.data import ReportCase


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return day_of(value)


def opened_on(text: str | None) -> date | None:
    """The date a case was opened, from its stored text (None when absent or unreadable)."""
    if not text:
        return None
    try:
        return day_of(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class ReportFilter:
    """The cases a report covers; an empty field (or None) restricts nothing.

    Each set field keeps cases whose value is one of those given (exact match; "" matches
    cases where the value is not recorded). The date bounds are inclusive; once either is set,
    a case with no (or an unreadable) date opened is left out.
    """

    case_types: frozenset[str] = frozenset()
    boroughs: frozenset[str] = frozenset()
    bcus: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    opened_from: date | None = None
    opened_to: date | None = None

    def __post_init__(self) -> None:
        # Accept any iterable of text and ISO dates, so callers may pass lists and strings.
        for name in ("case_types", "boroughs", "bcus", "teams"):
            value: Iterable[str] = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, frozenset(value))
        object.__setattr__(self, "opened_from", _as_date(self.opened_from))
        object.__setattr__(self, "opened_to", _as_date(self.opened_to))

    @property
    def is_empty(self) -> bool:
        """True when the filter keeps every case."""
        return self == ReportFilter()

    def accepts(self, case: ReportCase) -> bool:
        if self.case_types and case.case_type not in self.case_types:
            return False
        if self.boroughs and case.borough not in self.boroughs:
            return False
        if self.bcus and case.bcu not in self.bcus:
            return False
        if self.teams and case.team not in self.teams:
            return False
        if self.opened_from is None and self.opened_to is None:
            return True
        opened = case.opened
        if opened is None:
            return False
        if self.opened_from is not None and opened < self.opened_from:
            return False
        return self.opened_to is None or opened <= self.opened_to
