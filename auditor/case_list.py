"""The case list as plain Python: the rows, the visible ones after filter and sort, and what
each cell shows, fast at 100,000 cases (the rows' layout is in ``auditor.case_rows``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from typing import Any

from auditor import case_sort
from auditor.case_pages import CasePages
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
    HEADERS,
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
    awaits_review_by,
    case_grade,
    case_referral,
    case_status,
    is_mine,
    natural_order,
)
from auditor.framework import Framework
from auditor.grading.rules import NOT_REFERRED_STATE, REFERRAL_STATE_LABELS, STATUS_LABELS

_NOT_FLAGGED = (None, NOT_REFERRED_STATE)


def longest(texts: list[str], count: int = 20) -> list[str]:
    """Up to ``count`` of the longest texts (by characters, and those within two of it, as
    wide letters may make a shorter one wider on screen): what a column is sized to."""
    if not texts:
        return []
    cut = max(map(len, texts)) - 2
    return [text for text in texts if len(text) >= cut][:count]


class CaseList:
    """All case rows, and the visible ones in display order after filter and sort.

    An edited row stays where it is until the filter or sort next changes, so a case
    being graded never jumps away from under the inspector.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.rows: list[tuple] = []
        self.visible: list[int] = []  # indices into rows, in display order
        #: The longest references of the rows (``longest``), to size their column to.
        self.longest_references: list[str] = []
        self.filter = CaseFilter()
        self.sort_column = COL_REFERENCE
        self.descending = False
        self._order: list[int] = []
        self._by_reference: list[int] = []
        self._folded_references: list[str] = []
        # Built when first needed (a search, a lookup), so loading 100,000 rows stays quick.
        self._haystacks: list[str] | None = None
        self._index: dict[str, int] | None = None
        self._statuses: Counter[str] | None = None
        self._flagged = 0
        # Per row (by index into rows), built on the first filter or sort that needs them.
        self._sort_keys: dict[int, list[Any]] = {}
        self._fields: dict[Callable[[tuple], Any], list[Any]] = {}
        self._masks: dict[tuple[str, str], list[bool]] = {}
        self._everyone: set[tuple[str, str]] = set()  # masks every row passes
        # Until every row arrives: the cases by key, their rows read a page at a time.
        self.pages: CasePages | None = None
        self._read_all: Callable[[], list[tuple]] | None = None

    # --- loading and edits ---------------------------------------------------------------------

    def page(self, pages: CasePages, read_all: Callable[[], list[tuple]]) -> None:
        """List ``pages``' cases, their rows read as they are shown, until ``load`` gives
        every row; a filter, a sort or a walk through the list before then reads every row
        at once with ``read_all``."""
        if self.filter != CaseFilter() or (self.sort_column, self.descending) != (
            COL_REFERENCE,
            False,
        ):
            self.load(read_all())
            return
        self.load([])
        self.pages, self._read_all = pages, read_all

    def _read_every_row(self) -> None:
        """Leave the paged list for every row (read now, rather than when they arrive)."""
        if self._read_all is not None:
            self.load(self._read_all())

    def load(self, rows: list[tuple]) -> None:
        self.pages = self._read_all = None
        self.rows = list(rows)
        self._index = self._haystacks = self._statuses = None
        self._sort_keys, self._fields, self._masks, self._everyone = {}, {}, {}, set()
        references = [row[R_REF] for row in self.rows]
        self.longest_references = longest(references)
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
    def _summaries(self) -> list[str]:
        """What a search looks in besides the reference, per row: the summary, casefolded."""
        if self._haystacks is None:
            self._haystacks = [(row[R_SUMMARY] or "").casefold() for row in self.rows]
        return self._haystacks

    def preparations(self) -> list[Callable[[], object]]:
        """Small steps that build what the first search, lookup and sort by each column need,
        for the window to run one at a time while idle (so the first keystroke or click on a
        header costs what the next ones do)."""
        if self.pages is not None:
            return []
        rows = self.rows
        steps: list[Callable[[], object]] = [lambda: self._summaries, lambda: self._index_of]
        for column in range(len(HEADERS)):
            if column != COL_REFERENCE:
                steps.append(lambda c=column: self.rows is rows and self._keys(c))
        return steps

    def _display_position(self, index: int) -> int | None:
        """The display position of the row at ``index`` into rows (None: not shown).

        A search of the visible list in C (about a millisecond at 100,000 rows) rather than
        a dictionary rebuilt after every filter and sort.
        """
        try:
            return self.visible.index(index)
        except ValueError:
            return None

    def update(self, row: tuple) -> int | None:
        """Replace one case's row; returns its display position, if shown."""
        if self.pages is not None:
            return self.pages.replace(row)
        index = self._index_of.get(row[R_ID])
        if index is None:
            return None
        if self._statuses is not None:
            self._count(self.rows[index], -1)
            self._count(row, 1)
        old, self.rows[index] = self.rows[index], row
        self._folded_references[index] = row[R_REF].casefold()
        if self._haystacks is not None:
            self._haystacks[index] = (row[R_SUMMARY] or "").casefold()
        for column in list(self._sort_keys):
            if column in (COL_STATUS, COL_GRADE, COL_FLAG):  # ranks of a fixed order
                self._sort_keys[column][index] = case_sort.key_column(
                    self.framework, column, [row]
                )[0]
            elif case_sort.sort_value(old, column) != case_sort.sort_value(row, column):
                del self._sort_keys[column]  # ranked among the values: built again if sorted
        for value, values in self._fields.items():
            values[index] = value(row)
        for (kind, person), mask in self._masks.items():
            mask[index] = (is_mine if kind == "mine" else awaits_review_by)(row, person)
        self._everyone = {key for key in self._everyone if self._masks[key][index]}
        return self._display_position(index)

    def progress(self, done: Collection[str]) -> tuple[int, int, int]:
        """(cases, cases whose status is in ``done``, cases with a referral), from the rows.

        The same counts as ``Grading.progress`` for the assessor the rows were read for, kept
        up to date by ``update``: no query over every case after each edit.
        """
        self._read_every_row()
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
        changed, self.filter = case_filter != self.filter, case_filter
        if self.pages is not None:
            if changed:
                self._read_every_row()  # filtered as it loads
            return
        self._apply_filter()

    def set_sort(self, column: int, descending: bool = False) -> None:
        changed = (column, descending) != (self.sort_column, self.descending)
        self.sort_column, self.descending = column, descending
        if self.pages is not None:
            if changed:
                self._read_every_row()  # sorted as it loads
            return
        self._sort()

    def _sort(self) -> None:
        by_reference = self._by_reference
        if self.sort_column == COL_REFERENCE:
            self._order = by_reference[::-1] if self.descending else by_reference
        else:
            keys = self._keys(self.sort_column)
            self._order = sorted(by_reference, key=keys.__getitem__, reverse=self.descending)
        self._apply_filter()

    def _keys(self, column: int) -> list[Any]:
        """Each row's sort key for ``column`` (by index into rows), built once per load."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = case_sort.key_column(self.framework, column, self.rows)
        return keys

    def _apply_filter(self) -> None:
        f, rows = self.filter, self.rows
        visible = self._order
        if f == CaseFilter():
            self.visible = list(visible)
            return
        if f.case_type:
            wanted = f.case_type
            visible = [i for i in visible if rows[i][R_TYPE] == wanted]
        if f.status:
            ranks = self._keys(COL_STATUS)
            rank = case_sort.STATUS_ORDER.get(f.status)
            if rank is None:  # not a status of the lifecycle: compare the text
                visible = [i for i in visible if case_status(rows[i]) == f.status]
            else:
                visible = [i for i in visible if ranks[i] == rank]
        if f.grade:
            grades, wanted = self._field(case_grade), f.grade
            visible = [i for i in visible if grades[i] == wanted]
        if f.flagged_only:
            states = self._field(case_referral)
            visible = [i for i in visible if states[i] not in _NOT_FLAGGED]
        if f.text:
            refs, sums, needle = self._folded_references, self._summaries, f.text
            visible = [i for i in visible if needle in refs[i] or needle in sums[i]]
        if f.mine is not None:
            mine = self._mask("mine", f.mine, is_mine)
            if ("mine", f.mine) not in self._everyone:  # else every case is theirs
                visible = [i for i in visible if mine[i]]
        if f.review_by is not None:
            waiting = self._mask("review", f.review_by, awaits_review_by)
            visible = [i for i in visible if waiting[i]]
        if type(f).accepts is not CaseFilter.accepts:  # a narrower filter (documents)
            refs, sums = self._folded_references, self._summaries
            visible = [i for i in visible if f.accepts(rows[i], f"{refs[i]}\n{sums[i]}")]
        self.visible = visible

    def _field(self, value: Callable[[tuple], Any]) -> list[Any]:
        """``value`` of every row (by index into rows), kept up to date by ``update``."""
        column = self._fields.get(value)
        if column is None:
            column = self._fields[value] = list(map(value, self.rows))
        return column

    def _mask(self, kind: str, person: str, test: Callable[[tuple, str], bool]) -> list[bool]:
        """Whether each row passes a per-person test ("My cases"), kept while filters change."""
        mask = self._masks.get((kind, person))
        if mask is None:
            mask = self._masks[(kind, person)] = [test(row, person) for row in self.rows]
            if all(mask):
                self._everyone.add((kind, person))
        return mask

    def sort_key(self, column: int) -> Callable[[tuple], Any]:
        """A row's sort key for ``column`` (``auditor.case_sort``)."""
        return case_sort.sort_key(self.framework, column)

    # --- lookups ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.visible) if self.pages is None else len(self.pages)

    def row_at(self, position: int) -> tuple:
        """The row shown at a display position."""
        if self.pages is not None:
            row = self.pages.row_at(position)
            if row is not None:
                return row
            self._read_every_row()  # many pages read, or a case gone: every row now
        return self.rows[self.visible[position]]

    def position_of(self, case_id: str) -> int | None:
        """The display position of a case, or None when it is filtered out or unknown."""
        if self.pages is not None:
            return self.pages.position_of(case_id)
        index = self._index_of.get(case_id)
        return None if index is None else self._display_position(index)

    def next_position(self, start: int, wanted: Callable[[tuple], bool]) -> int | None:
        """The first display position after ``start`` whose row is wanted."""
        self._read_every_row()
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
