"""Every moderation write path writes audit rows for exactly what it changed.

As in tests/core/review/test_review_write_paths.py: each public method of ``Moderation`` is marked
``@writes`` or ``@reads``; every ``@writes`` method needs a scenario here, which runs against a
real file watched by temporary triggers; each change they record must have its audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from auditor.audit.markers import unmarked_methods, write_methods
from auditor.audit.rebuild import audit_discrepancies
from auditor.inspection import Assessor, Inspection
from auditor.moderation import Moderation
from db import concurrent as pair_rows
from tests.support.moderation import GOOD, RI, add_case, grade_fully

WATCHED: dict[str, tuple[str, tuple[str, ...]]] = {
    "moderation_cases": ("id", ("reason", "second_assessor_id")),
    "reconciliations": ("id", ("overall_grade", "note")),
    "force_grades": ("case_id", ("grade",)),
}


@dataclass
class World:
    """A file with two inspectors, a lead and a graded case."""

    insp: Inspection
    ann: Assessor
    ben: Assessor
    lead: Assessor

    @property
    def desk(self) -> Moderation:
        return self.insp.moderation

    def drawn(self) -> str:
        case = add_case(self.insp, "CUS-1")
        grade_fully(self.insp, case, self.ann, GOOD)
        self.desk.draw(self.lead, 100, 1)
        return case.id


Thunk = Callable[[], object]
SCENARIOS: dict[str, Callable[[World], Thunk]] = {}


def scenario(name: str) -> Callable[[Callable[[World], Thunk]], Callable[[World], Thunk]]:
    def register(make: Callable[[World], Thunk]) -> Callable[[World], Thunk]:
        SCENARIOS[name] = make
        return make

    return register


@scenario("draw")
def _(w: World) -> Thunk:
    grade_fully(w.insp, add_case(w.insp, "CUS-1"), w.ann, GOOD)
    return lambda: w.desk.draw(w.lead, 100, 7)


@scenario("assign")
def _(w: World) -> Thunk:
    case_id = w.drawn()
    return lambda: w.desk.assign(w.lead, case_id, w.ben.id)


@scenario("assign_evenly")
def _(w: World) -> Thunk:
    w.drawn()
    return lambda: w.desk.assign_evenly(w.lead)


@scenario("reconcile")
def _(w: World) -> Thunk:
    case_id = w.drawn()
    w.desk.assign(w.lead, case_id, w.ben.id)
    grade_fully(w.insp, w.insp.case(case_id), w.ben, RI)
    return lambda: w.desk.reconcile(w.lead, case_id, RI, "Agreed at moderation.")


@scenario("set_force_grades")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    return lambda: w.desk.set_force_grades(w.ann, {case.id: GOOD})


@scenario("resolve_concurrent")
def _(w: World) -> Thunk:
    """Two changes of one summary, listed as concurrent (as a merge lists them)."""
    case = add_case(w.insp, "CUS-1")
    w.insp.update_case(w.ann, case.id, {"summary": "Ann's wording"})
    w.insp.update_case(w.ben, case.id, {"summary": "Ben's wording"})
    first, second = [
        r["id"] for r in w.insp.db.query("SELECT id FROM audit_log WHERE field = 'summary'")
    ]
    with w.insp.db.atomic():
        pair_rows.insert_pairs(w.insp.db, [(first, second)])
    [change] = w.desk.concurrent_changes()
    return lambda: w.desk.resolve_concurrent(w.lead, change, "Ben's wording is right")


#: Write paths that change the ledger alone (a resolution is an audit row about a pair).
LEDGER_ONLY = {"resolve_concurrent": "concurrent_changes"}


def test_every_public_method_says_whether_it_writes() -> None:
    assert unmarked_methods(Moderation) == []


def test_every_write_path_has_a_scenario() -> None:
    assert sorted(SCENARIOS) == write_methods(Moderation)


def _watch(insp: Inspection) -> None:
    db = insp.db
    db.execute("CREATE TEMP TABLE changes (tbl TEXT, rid TEXT, what TEXT)")
    for table, (key, fields) in WATCHED.items():
        for event, row, what in (("INSERT", "NEW", "+"), ("DELETE", "OLD", "-")):
            db.execute(
                f"CREATE TEMP TRIGGER watch_{table}_{event} AFTER {event} ON main.[{table}] "
                f"BEGIN INSERT INTO changes VALUES ('{table}', {row}.[{key}], '{what}'); END"
            )
        for field in fields:
            db.execute(
                f"CREATE TEMP TRIGGER watch_{table}_{field} AFTER UPDATE OF [{field}] "
                f"ON main.[{table}] WHEN OLD.[{field}] IS NOT NEW.[{field}] "
                f"BEGIN INSERT INTO changes VALUES ('{table}', NEW.[{key}], '{field}'); END"
            )


@pytest.mark.parametrize("method", write_methods(Moderation))
def test_each_write_path_logs_what_it_changes(
    insp: Inspection, ann: Assessor, ben: Assessor, lead: Assessor, method: str
) -> None:
    if method not in SCENARIOS:
        pytest.fail(f"Moderation.{method} writes but has no scenario asserting its audit rows")
    write = SCENARIOS[method](World(insp, ann, ben, lead))
    _watch(insp)
    last = insp.db.execute("SELECT coalesce(max(rowid), 0) FROM audit_log").fetchone()[0]
    write()
    new_rows = list(insp.db.query("SELECT * FROM audit_log WHERE rowid > ? ORDER BY rowid", [last]))
    changes = insp.db.execute("SELECT DISTINCT tbl, rid, what FROM changes").fetchall()
    assert new_rows, f"{method} wrote no audit row"
    if method in LEDGER_ONLY:
        assert not changes and {r["record_table"] for r in new_rows} == {LEDGER_ONLY[method]}
        return
    assert changes, f"{method} changed nothing the watch saw"
    assert None not in {r["actor_id"] for r in new_rows}
    logged = {(r["record_table"], r["record_id"]) for r in new_rows}
    fields = {(r["record_table"], r["record_id"], r["field"]) for r in new_rows}
    for table, record_id, what in changes:
        assert (table, record_id) in logged, f"{method} changed {table} {record_id} unlogged"
        if what not in "+-":
            assert (table, record_id, what) in fields, f"{method}: {table}.{what} unlogged"
    assert audit_discrepancies(insp) == []
