"""The case list before its rows are read: every case's key in reference order up front, and
the rows shown read a page at a time (so a list of 100,000 cases opens as quickly as one of
1,000; ``auditor.case_list.CaseList`` holds one until every row has arrived)."""

from __future__ import annotations

from collections.abc import Callable

from auditor.case_rows import R_ID, naturally_ordered

#: Rows read at a time: a few screens of the list.
PAGE_ROWS = 200
#: Pages read one by one before the list reads every row at once instead (a walk through the
#: whole list, the list of ids for an allocation).
MAX_PAGES = 16


class CasePages:
    """Cases by position in reference order, their rows read a page at a time and kept."""

    def __init__(
        self,
        references: tuple[list[int], list[str]],
        fetch: Callable[[list[int]], list[tuple]],
        key_of: Callable[[str], int | None],
    ) -> None:
        """``references``: every case's key and reference (two lists in the same order);
        ``fetch``: the rows of some keys, each ending with its key; ``key_of``: a case id's
        key."""
        keys, texts = references
        self.keys = naturally_ordered(keys, texts)
        self.fetch, self.key_of = fetch, key_of
        self.rows: dict[int, tuple] = {}  # position -> row
        self.pages_read = 0

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def exhausted(self) -> bool:
        """Whether so many pages were read that reading every row is now the quicker way."""
        return self.pages_read >= MAX_PAGES

    def row_at(self, position: int) -> tuple | None:
        """The row at ``position``, reading its page when first needed (None: not found, or
        too many pages read: the caller reads every row)."""
        row = self.rows.get(position)
        if row is not None or self.exhausted:
            return row
        start = position - position % PAGE_ROWS
        keys = self.keys[start : start + PAGE_ROWS]
        self.pages_read += 1
        by_key = {found[-1]: found[:-1] for found in self.fetch(keys)}
        for offset, key in enumerate(keys):
            if key in by_key:
                self.rows[start + offset] = by_key[key]
        return self.rows.get(position)

    def position_of(self, case_id: str) -> int | None:
        """The position of a case (None: unknown)."""
        for position, row in self.rows.items():
            if row[R_ID] == case_id:
                return position
        key = self.key_of(case_id)
        try:  # a search in C: quicker than a dictionary of every key for a lookup or two
            return None if key is None else self.keys.index(key)
        except ValueError:
            return None

    def replace(self, row: tuple) -> int | None:
        """Keep an edited row if its page was read; returns its position if so."""
        for position, kept in self.rows.items():
            if kept[R_ID] == row[R_ID]:
                self.rows[position] = row
                return position
        return None
