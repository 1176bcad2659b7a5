"""Random cell values never give a traceback or a partial write."""

from __future__ import annotations

import contextlib
import io
import shutil
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from auditor import cli
from tests.support.importing import CASES_HEADINGS, CHRONOLOGY_HEADINGS, snapshot, write_workbook

cell_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), max_size=20
)  # what a workbook can hold
cell = st.one_of(
    st.none(),
    cell_text,
    st.sampled_from(["S47", "Children missing", "2018-02-30", "Yes", "Good", "=SUM(A1:A2)"]),
    st.integers(-(10**6), 10**7),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
)
# Mostly plausible references and types, so that many random files import and some are refused.
reference = st.one_of(st.sampled_from(["IMP-001", "R-1", "R-2", "r-2"]), cell)
case_type = st.one_of(st.sampled_from(["S47", "children missing", "CUSTODY"]), cell)
case_rows = st.lists(st.tuples(reference, case_type, *[cell] * 5).map(list), min_size=1, max_size=6)
event_rows = st.lists(
    st.tuples(reference, cell, st.one_of(st.just("found"), cell), cell).map(list), max_size=6
)


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue() + err.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=case_rows, events=event_rows)
def test_random_cells_are_imported_or_refused_whole(
    tmp_path_factory, base_inspection: Path, cases, events
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    db = folder / "inspection.caseaudit"
    shutil.copyfile(base_inspection, db)
    before = snapshot(db)
    source = write_workbook(
        folder / "random.xlsx",
        {"Cases": [CASES_HEADINGS, *cases], "Chronology": [CHRONOLOGY_HEADINGS, *events]},
    )
    code, output = run("import", "--db", str(db), str(source), "--assessor", "Prop Tester")
    assert code in (0, 2), output
    assert "Traceback" not in output
    if code == 2:
        assert snapshot(db) == before
        assert "Nothing imported" in output
    fresh = folder / "fresh.caseaudit"
    code, output = run("import", "--db", str(fresh), str(source), "--assessor", "Prop Tester")
    assert code in (0, 2), output
    assert fresh.exists() == (code == 0)
    event("imported" if code == 0 else "refused")
