"""The case list as plain Python: the rows, the visible ones after filter and sort, and what
each cell shows, fast at 100,000 cases (the rows' layout is in ``auditor.case_rows``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
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
    R_GRADED_BY,
    R_ID,
    R_REF,
    R_REF_STATE,
    R_STATUS,
    R_SUMMARY,
    R_TEAM,
    R_TYPE,
    CaseFilter,
    case_grade,
    case_referral,
    case_status,
    natural_key,
    natural_order,
)
from auditor.framework import Framework
from auditor.grading.rules import REFERRAL_STATE_LABELS, STATUS_LABELS

_STATUS_ORDER = {code: rank for rank, code in enumerate(STATUS_LABELS)}
_REFERRAL_ORDER = {code: rank for rank, code in enumerate(REFERRAL_STATE_LABELS)}


def _search_text(row: tuple) -> str:
    return f"{row[R_REF]}\n{row[R_SUMMARY] or ''}"


class CaseList:
    """All case rows, and the visible ones in display order after filter and sort.

    An edited row stays where it is until the filter or sort next changes, so a case
    being graded never jumps away from under the inspector.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.rows: list[tuple] = []
        self.visible: list[int] = []  # indices into rows, in display order
        self.filter = CaseFilter()
        self.sort_column = COL_REFERENCE
        self.descending = False
        self._order: list[int] = []
        self._by_reference: list[int] = []
        self._folded_references: list[str] = []
        # Built when first needed (a search, a lookup), so loading 100,000 rows stays quick.
        self._haystacks: list[str] | None = None
        self._index: dict[str, int] | None = None
        self._display: dict[int, int] | None = None
        self._statuses: Counter[str] | None = None
        self._flagged = 0

    # --- loading and edits ---------------------------------------------------------------------

    def load(self, rows: list[tuple]) -> None:
        self.rows = list(rows)
        self._index = self._haystacks = self._statuses = None
        references = [row[R_REF] for row in self.rows]
        self._folded_references = [r.casefold() for r in references]
        # Secondary order is always the reference, so equal keys keep a natural order.
        self._by_reference = natural_order(references, self._folded_references)
        self._sort()

    @property
    def _index_of(self) -> dict[str, int]:
        """Case id -> index into rows."""
        if self._index is None:
            self._index = dict(
                zip([row[R_ID] for row in self.rows], range(len(self.rows)), strict=True)
            )
        return self._index

    @property
    def _haystack(self) -> list[str]:
        """What a search looks in, per row: reference and summary, casefolded."""
        if self._haystacks is None:
            self._haystacks = [
                f"{reference}\n{(row[R_SUMMARY] or '').casefold()}"
                for reference, row in zip(self._folded_references, self.rows, strict=True)
            ]
        return self._haystacks

    @property
    def _display_of(self) -> dict[int, int]:
        """Index into rows -> display position, for the rows shown."""
        if self._display is None:
            self._display = dict(zip(self.visible, range(len(self.visible)), strict=True))
        return self._display

    def update(self, row: tuple) -> int | None:
        """Replace one case's row; returns its display position, if shown."""
        index = self._index_of.get(row[R_ID])
        if index is None:
            return None
        if self._statuses is not None:
            self._count(self.rows[index], -1)
            self._count(row, 1)
        self.rows[index] = row
        if self._haystacks is not None:
            self._haystacks[index] = _search_text(row).casefold()
        return self._display_of.get(index)

    def progress(self, done: Collection[str]) -> tuple[int, int, int]:
        """(cases, cases whose status is in ``done``, cases with a referral), from the rows.

        The same counts as ``Grading.progress`` for the assessor the rows were read for, kept
        up to date by ``update``: no query over every case after each edit.
        """
        if self._statuses is None:
            self._statuses = Counter(row[R_STATUS] for row in self.rows)
            self._flagged = sum(1 for row in self.rows if row[R_REF_STATE] is not None)
        graded = sum(count for status, count in self._statuses.items() if status in done)
        return len(self.rows), graded, self._flagged

    def _count(self, row: tuple, sign: int) -> None:
        assert self._statuses is not None
        self._statuses[row[R_STATUS]] += sign
        self._flagged += sign * (row[R_REF_STATE] is not None)

    # --- filter and sort -------------------------------------------------------------------------

    def set_filter(self, case_filter: CaseFilter) -> None:
        self.filter = case_filter
        self._apply_filter()

    def set_sort(self, column: int, descending: bool = False) -> None:
        self.sort_column, self.descending = column, descending
        self._sort()

    def _sort(self) -> None:
        key = self.sort_key(self.sort_column)
        rows, by_reference = self.rows, self._by_reference
        if self.sort_column == COL_REFERENCE:
            self._order = by_reference[::-1] if self.descending else by_reference
        else:
            self._order = sorted(by_reference, key=lambda i: key(rows[i]), reverse=self.descending)
        self._apply_filter()

    def _apply_filter(self) -> None:
        f, rows = self.filter, self.rows
        if f == CaseFilter():
            self.visible = list(self._order)
        else:
            hay = self._haystack if f.text else [""] * len(rows)
            self.visible = [i for i in self._order if f.accepts(rows[i], hay[i])]
        self._display = None

    def sort_key(self, column: int) -> Callable[[tuple], Any]:
        fw = self.framework
        type_labels = {t.code: t.label.casefold() for t in fw.case_types}
        grade_rank = {g.code: g.rank for g in fw.grades}
        keys: dict[int, Callable[[tuple], Any]] = {
            COL_REFERENCE: lambda r: natural_key(r[R_REF]),
            COL_TYPE: lambda r: type_labels.get(r[R_TYPE], r[R_TYPE]),
            COL_AREA: lambda r: ((r[R_BOROUGH] or "").casefold(), (r[R_BCU] or "").casefold()),
            COL_TEAM: lambda r: (r[R_TEAM] or "").casefold(),
            COL_STATUS: lambda r: _STATUS_ORDER.get(case_status(r), len(_STATUS_ORDER)),
            # Ungraded cases sort after every grade.
            COL_GRADE: lambda r: grade_rank.get(case_grade(r), len(grade_rank)),
            COL_FLAG: lambda r: _REFERRAL_ORDER.get(case_referral(r), len(_REFERRAL_ORDER)),
            COL_ALLOCATED: lambda r: (r[R_ALLOCATED_TO] or "\uffff").casefold(),
            COL_GRADED_BY: lambda r: (r[R_GRADED_BY] or "\uffff").casefold(),
        }
        return keys[column]

    # --- lookups ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.visible)

    def row_at(self, position: int) -> tuple:
        """The row shown at a display position."""
        return self.rows[self.visible[position]]

    def position_of(self, case_id: str) -> int | None:
        """The display position of a case, or None when it is filtered out or unknown."""
        index = self._index_of.get(case_id)
        return None if index is None else self._display_of.get(index)

    def next_position(self, start: int, wanted: Callable[[tuple], bool]) -> int | None:
        """The first display position after ``start`` whose row is wanted."""
        for position in range(start + 1, len(self.visible)):
            if wanted(self.rows[self.visible[position]]):
                return position
        return None

    def display(self, row: tuple, column: int) -> str:
        """The text shown in a cell."""
        fw = self.framework
        if column == COL_REFERENCE:
            return row[R_REF]
        if column == COL_TYPE:
            return fw.case_type_label(row[R_TYPE])
        if column == COL_AREA:
            return " / ".join(p for p in (row[R_BOROUGH], row[R_BCU]) if p)
        if column == COL_TEAM:
            return row[R_TEAM] or ""
        if column == COL_STATUS:
            status = case_status(row)
            return STATUS_LABELS.get(status, status)
        if column == COL_GRADE:
            return fw.grade_label(case_grade(row))
        if column == COL_FLAG:
            state = case_referral(row)
            return REFERRAL_STATE_LABELS.get(state, state) if state else ""
        if column == COL_ALLOCATED:
            return row[R_ALLOCATED_TO] or ""
        if column == COL_GRADED_BY:
            return row[R_GRADED_BY] or ""
        return ""
