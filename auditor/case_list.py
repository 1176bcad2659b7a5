"""The case list as plain Python: rows, filters and sort order, fast at 100,000 cases."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from auditor.framework import Framework
from auditor.grading.rules import (
    DONE_STATUSES,
    NOT_REFERRED_STATE,
    REFERRAL_STATE_LABELS,
    STATUS_LABELS,
)

# Positions in the rows from Inspection.case_list() (see db.cases.case_list_rows).
(
    R_ID,
    R_REF,
    R_TYPE,
    R_BOROUGH,
    R_BCU,
    R_TEAM,
    R_OPENED,
    R_SUMMARY,
    R_STATUS,
    R_GRADE,
    R_REF_STATE,
    # The shared picture, the same whoever reads the list:
    R_ALLOCATED_ID,  # the assessor the case is allocated to (None: not allocated)
    R_ALLOCATED_TO,  # their name
    R_GRADED_BY,  # names of everyone with a grading, ", "-joined (None: nobody)
    R_GRADER_IDS,  # their ids, ","-joined
    R_REPORTED_BY,  # whose grading counts (the reported one once graded)
    R_REPORTED_GRADE,  # the reported overall grade (the lead's agreed grade when recorded)
    R_CASE_STATUS,  # the status of the grading that counts
    R_CASE_REF_STATE,  # its referral's state
    R_AWAITING,  # flagged referrals awaiting a decision, "<assessor>:<flagged by>", ","-joined
) = range(20)

# The columns shown, in order: what grading needs first, so it shows in a narrow pane. The
# status, grade and referral are the case's (of the grading that counts), the same for everyone.
(
    COL_REFERENCE,
    COL_STATUS,
    COL_GRADE,
    COL_FLAG,
    COL_ALLOCATED,
    COL_GRADED_BY,
    COL_TYPE,
    COL_AREA,
    COL_TEAM,
) = range(9)
HEADERS = (
    "Reference",
    "Status",
    "Overall grade",
    "Referral",
    "Allocated to",
    "Graded by",
    "Case type",
    "Borough / BCU",
    "Team",
)


def case_status(row: tuple) -> str:
    """The case's status for everyone: its counting grading's, else the reader's own."""
    return str(row[R_CASE_STATUS] or row[R_STATUS] or "not_started")


def case_grade(row: tuple) -> str | None:
    """The case's reported overall grade (the reader's own while nobody's counts)."""
    return row[R_REPORTED_GRADE] if row[R_REPORTED_BY] else row[R_GRADE]


def case_referral(row: tuple) -> str | None:
    """The state of the case's referral back (the counting grading's)."""
    return row[R_CASE_REF_STATE] if row[R_REPORTED_BY] else row[R_REF_STATE]


_STATUS_ORDER = {code: rank for rank, code in enumerate(STATUS_LABELS)}
_REFERRAL_ORDER = {code: rank for rank, code in enumerate(REFERRAL_STATE_LABELS)}
_DIGITS = re.compile(r"(\d+)")


def column_texts(framework: Framework) -> dict[int, list[str]]:
    """Every text the columns with a fixed vocabulary can show (to size them to fit)."""
    return {
        COL_STATUS: list(STATUS_LABELS.values()),
        COL_GRADE: [g.label for g in framework.grades],
        COL_FLAG: list(REFERRAL_STATE_LABELS.values()),
        COL_TYPE: [t.label for t in framework.case_types],
    }


def _search_text(row: tuple) -> str:
    return f"{row[R_REF]}\n{row[R_SUMMARY] or ''}"


def natural_key(text: str) -> tuple:
    """Sort 'NM-18-2' before 'NM-18-10'."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in _DIGITS.split(text))


_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_SEPARATOR = "\x1f"  # the unit separator


def _same_shape(folded: list[str]) -> bool:
    """Whether every text has its ASCII digits in the same places (and the same length).

    Done on the texts' joined bytes, one C call each step: ten times quicker than a set of
    translated strings at 100,000 references.
    """
    if len(folded) < 2:
        return True
    shapes = _SEPARATOR.join(folded).encode("utf-8", "surrogatepass").translate(_ZERO_DIGITS)
    first = folded[0].encode("utf-8", "surrogatepass").translate(_ZERO_DIGITS)
    return shapes == _SEPARATOR.encode().join([first] * len(folded))


def reference_order(references: list[str]) -> list[int]:
    """Positions of ``references`` in natural order (case-insensitive, numbers by value).

    When every reference has the same shape (digits in the same places, as in "NM-18-0001"),
    plain text order is already natural, and far quicker at 100,000 cases.
    """
    return _natural_order(references, [r.casefold() for r in references])


def _natural_order(references: list[str], folded: list[str]) -> list[int]:
    if _same_shape(folded):
        return sorted(range(len(folded)), key=folded.__getitem__)
    keys = [natural_key(r) for r in references]
    return sorted(range(len(keys)), key=keys.__getitem__)


@dataclass(frozen=True)
class CaseFilter:
    """What the case list shows: every field left empty shows everything."""

    case_type: str | None = None
    status: str | None = None
    grade: str | None = None
    flagged_only: bool = False
    text: str = ""
    #: "My cases": allocated to this assessor, or graded by them when nobody is allocated.
    mine: str | None = None
    #: "Awaiting my review": flagged cases awaiting a decision this supervisor may make.
    review_by: str | None = None

    def __post_init__(self) -> None:
        # Search is case-insensitive and ignores surrounding spaces.
        object.__setattr__(self, "text", self.text.strip().casefold())

    def accepts(self, row: tuple, haystack: str) -> bool:
        needle = self.text
        return (
            (not self.case_type or row[R_TYPE] == self.case_type)
            and (not self.status or case_status(row) == self.status)
            and (not self.grade or case_grade(row) == self.grade)
            and (not self.flagged_only or case_referral(row) not in (None, NOT_REFERRED_STATE))
            and (not needle or needle in haystack)
            and (self.mine is None or is_mine(row, self.mine))
            and (self.review_by is None or awaits_review_by(row, self.review_by))
        )


def is_mine(row: tuple, assessor_id: str) -> bool:
    """Whether a case is one of ``assessor_id``'s: allocated to them, or, when nobody is
    allocated, graded by them."""
    allocated = row[R_ALLOCATED_ID]
    if allocated is not None:
        return bool(allocated == assessor_id)
    return assessor_id in (row[R_GRADER_IDS] or "").split(",")


def may_grade(row: tuple, assessor_id: str) -> bool:
    """Whether ``assessor_id`` grades this case: allocated to them, or allocated to nobody and
    graded by nobody else (anything else is someone else's, shown read only)."""
    allocated = row[R_ALLOCATED_ID]
    if allocated is not None:
        return bool(allocated == assessor_id)
    graders = set(filter(None, (row[R_GRADER_IDS] or "").split(",")))
    return graders <= {assessor_id}


def awaits_review_by(row: tuple, supervisor_id: str) -> bool:
    """Whether a case has a flagged referral awaiting a decision that ``supervisor_id`` may
    make: one they neither graded nor flagged (as ``auditor.review.calls`` counts them).
    Whether they are a supervisor at all is the caller's to know."""
    pairs = row[R_AWAITING]
    if not pairs:
        return False
    return any(supervisor_id not in pair.split(":") for pair in pairs.split(","))


@dataclass(frozen=True)
class Progress:
    """The status line's counts: cases graded, of them the person's own, and flagged."""

    cases: int
    graded: int
    mine: int
    mine_graded: int
    flagged: int

    def words(self) -> str:
        """ "41 of 303 graded (12 of 50 of mine), 7 flagged" (no "of mine" when none is)."""
        mine = f" ({self.mine_graded} of {self.mine} of mine)" if self.mine else ""
        return f"{self.graded} of {self.cases} graded{mine}, {self.flagged} flagged"


def team_progress(rows: Iterable[tuple], assessor_id: str | None) -> Progress:
    """Progress of the whole team from case-list rows: a case is graded when the grading
    that counts is done (``DONE_STATUSES``), flagged when it has a referral not decided
    against ("not referred"); "mine" as the "My cases" filter sees it."""
    cases = graded = mine = mine_graded = flagged = 0
    done = set(DONE_STATUSES)
    for row in rows:
        cases += 1
        is_done = row[R_CASE_STATUS] in done
        graded += is_done
        state = row[R_CASE_REF_STATE]
        flagged += state is not None and state != NOT_REFERRED_STATE
        if assessor_id is not None and is_mine(row, assessor_id):
            mine += 1
            mine_graded += is_done
    return Progress(cases, graded, mine, mine_graded, flagged)


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
        self._by_reference = _natural_order(references, self._folded_references)
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
