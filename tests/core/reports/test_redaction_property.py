"""Property: after suppression no hidden count can be recovered within its row or column."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.framework import bundled_framework
from auditor.reports import CasesAssessedTable, GradeRow, redact_cases_assessed

GRADES = bundled_framework().grades
# Small counts are common in real tables of nine case types, so draw many of them.
counts = st.one_of(st.integers(0, 6), st.integers(0, 60))
grids = st.lists(st.tuples(counts, counts, counts), min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(grids)
def test_suppression_properties(rows: list[tuple[int, int, int]]) -> None:
    table = CasesAssessedTable(
        GRADES, tuple(GradeRow(f"T{n}", f"Type {n}", r) for n, r in enumerate(rows))
    )
    full = [(*r.counts, r.total) for r in (*table.rows, table.total_row)]
    shown = redact_cases_assessed(table).counts
    for original, cells in zip(full, shown, strict=True):
        for n, cell in zip(original, cells, strict=True):
            if 0 < n < 5:
                assert cell == "<5"
            elif n == 0:
                assert cell == 0  # zeros are never hidden
            else:
                assert cell in (n, "[c]")
    for line in (*shown, *zip(*shown, strict=True)):
        assert sum(isinstance(c, str) for c in line) != 1
