"""Every write path that changes graded data writes audit rows for exactly what it changed.

The write paths are found by introspection: each public method of the classes below is marked
``@writes`` or ``@reads`` (``auditor.audit.log``). An unmarked method fails, and a method marked
``@writes`` without a scenario here fails, so a new write path cannot go unchecked. Each
scenario runs against a real file with temporary triggers recording every insert, delete and
change of a graded column; each recorded change must have its audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from auditor.allocation.desk import Allocations
from auditor.audit.log import AuditLog
from auditor.audit.markers import unmarked_methods, write_methods
from auditor.audit.rebuild import REBUILT_FIELDS, audit_discrepancies
from auditor.evidence.citations import Citations
from auditor.grading.desk import Grading
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import Referrals
from auditor.settings import InspectionSettings
from tests.support.review import GOOD, INADEQUATE, REASON, add_case, flagged_case, grade_fully

CLASSES: dict[str, type] = {
    "Grading": Grading,
    "ReviewDesk": ReviewDesk,
    "Referrals": Referrals,
    "AuditLog": AuditLog,
    "InspectionSettings": InspectionSettings,
    "Allocations": Allocations,
    "Citations": Citations,
}
WATCHED: dict[str, tuple[str, tuple[str, ...]]] = {
    table: ("id", tuple(fields)) for table, fields in REBUILT_FIELDS.items()
}
WATCHED["settings"] = ("key", ("value",))
WATCHED["allocations"] = ("case_id", ("assessor_id",))
WATCHED["citations"] = ("id", ("removed",))
WATCHED["inspection"] = ("id", ("name",))


@dataclass
class World:
    """A file with people and cases at each stage a write path may need."""

    insp: Inspection
    ann: Assessor
    sue: Assessor

    @property
    def grading(self) -> Grading:
        return self.insp.grading

    @property
    def desk(self) -> ReviewDesk:
        return self.insp.review

    @property
    def referrals(self) -> Referrals:
        return self.insp.referrals

    def confirmed(self) -> Any:
        a = flagged_case(self.insp, "CUS-9", self.ann)
        return self.desk.confirm_referral(a.id, self.sue)


Thunk = Callable[[], object]
SCENARIOS: dict[str, Callable[[World], Thunk]] = {}


def scenario(name: str) -> Callable[[Callable[[World], Thunk]], Callable[[World], Thunk]]:
    def register(make: Callable[[World], Thunk]) -> Callable[[World], Thunk]:
        SCENARIOS[name] = make
        return make

    return register


@scenario("Grading.set_grade")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    return lambda: w.grading.set_grade(case.id, w.ann, "voice_of_child", INADEQUATE)


@scenario("Grading.set_note")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    w.grading.set_grade(case.id, w.ann, "voice_of_child", INADEQUATE)
    return lambda: w.grading.set_note(case.id, w.ann, "voice_of_child", "Not seen alone.")


@scenario("Grading.started")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    return lambda: w.grading.started(case.id, w.ann)


def _document(w: World, reference: str = "CUS-1") -> tuple[str, str]:
    case = add_case(w.insp, reference)
    doc = w.insp.add_document(w.ann, case.id, "visit.txt", b"Child seen alone at home.")
    return case.id, doc.id


@scenario("Citations.cite")
def _(w: World) -> Thunk:
    case_id, doc_id = _document(w)
    return lambda: w.insp.citations.cite(
        w.ann, case_id, "voice_of_child", doc_id, quote="Child seen alone", start=0
    )


@scenario("Citations.remove")
def _(w: World) -> Thunk:
    case_id, doc_id = _document(w)
    cited = w.insp.citations.cite(w.ann, case_id, "voice_of_child", doc_id, quote="Child")
    return lambda: w.insp.citations.remove(w.ann, cited.id)


@scenario("Citations.restore")
def _(w: World) -> Thunk:
    case_id, doc_id = _document(w)
    cited = w.insp.citations.cite(w.ann, case_id, "voice_of_child", doc_id, quote="Child")
    w.insp.citations.remove(w.ann, cited.id)
    return lambda: w.insp.citations.restore(w.ann, cited.id)


@scenario("Grading.set_overall")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    for criterion in w.insp.framework.criteria_for("CUSTODY"):
        w.grading.set_grade(case.id, w.ann, criterion.id, GOOD)
    return lambda: w.grading.set_overall(case.id, w.ann, INADEQUATE, "Invented override.")


@scenario("Grading.set_referral")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    grade_fully(w.insp, case, w.ann)
    return lambda: w.grading.set_referral(case.id, w.ann, REASON, "Invented note.")


@scenario("Grading.withdraw_referral")
def _(w: World) -> Thunk:
    a = flagged_case(w.insp, "CUS-1", w.ann)
    return lambda: w.grading.withdraw_referral(a.case_id, w.ann)


@scenario("ReviewDesk.confirm_referral")
def _(w: World) -> Thunk:
    a = flagged_case(w.insp, "CUS-1", w.ann)
    return lambda: w.desk.confirm_referral(a.id, w.sue, "Agreed.")


@scenario("ReviewDesk.do_not_refer")
def _(w: World) -> Thunk:
    a = flagged_case(w.insp, "CUS-1", w.ann)
    return lambda: w.desk.do_not_refer(a.id, w.sue, "Invented: risk managed.")


@scenario("ReviewDesk.return_to_inspector")
def _(w: World) -> Thunk:
    a = flagged_case(w.insp, "CUS-1", w.ann)
    return lambda: w.desk.return_to_inspector(a.id, w.sue, "Invented question?")


@scenario("ReviewDesk.answer")
def _(w: World) -> Thunk:
    a = flagged_case(w.insp, "CUS-1", w.ann)
    w.desk.return_to_inspector(a.id, w.sue, "Invented question?")
    return lambda: w.desk.answer(a.id, w.ann, "Invented answer.")


@scenario("ReviewDesk.undo_decision")
def _(w: World) -> Thunk:
    a = flagged_case(w.insp, "CUS-1", w.ann)
    w.desk.return_to_inspector(a.id, w.sue, "Invented question?")
    return lambda: w.desk.undo_decision(a.id, w.sue)


@scenario("ReviewDesk.quality_assure")
def _(w: World) -> Thunk:
    a = grade_fully(w.insp, add_case(w.insp, "CUS-1"), w.ann)
    return lambda: w.desk.quality_assure(a.id, w.sue, False, "Invented disagreement.")


@scenario("Referrals.mark_sent")
def _(w: World) -> Thunk:
    a = w.confirmed()
    return lambda: w.referrals.mark_sent(a.referral.id, w.sue, "2018-03-02", "MPS/1")


@scenario("Referrals.record_response")
def _(w: World) -> Thunk:
    a = w.confirmed()
    w.referrals.mark_sent(a.referral.id, w.sue, "2018-03-02", "MPS/1")
    return lambda: w.referrals.record_response(a.referral.id, w.sue, "2018-03-09", "Invented.")


@scenario("Referrals.close")
def _(w: World) -> Thunk:
    a = w.confirmed()
    w.referrals.mark_sent(a.referral.id, w.sue, "2018-03-02", "MPS/1")
    w.referrals.record_response(a.referral.id, w.sue, "2018-03-09", "Invented.")
    return lambda: w.referrals.close(a.referral.id, w.sue, "2018-03-10")


@scenario("AuditLog.record_disclosure")
def _(w: World) -> Thunk:
    return lambda: w.insp.log.record_disclosure(w.sue, "Workbook", "Invented recipient")


@scenario("AuditLog.record_combination")
def _(w: World) -> Thunk:
    return lambda: w.insp.log.record_combination(w.sue, "cd" * 32, "Ben Inspector")


@scenario("InspectionSettings.set")
def _(w: World) -> Thunk:
    return lambda: InspectionSettings(w.insp).set(w.sue, "report.baseline", "17%")


@scenario("InspectionSettings.set_referral_response_days")
def _(w: World) -> Thunk:
    return lambda: InspectionSettings(w.insp).set_referral_response_days(w.sue, 14)


@scenario("InspectionSettings.rename")
def _(w: World) -> Thunk:
    return lambda: InspectionSettings(w.insp).rename(w.sue, "Northmere 2018 (renamed)")


@scenario("Allocations.allocate")
def _(w: World) -> Thunk:
    cases = [add_case(w.insp, f"CUS-{n}").id for n in range(3)]
    return lambda: Allocations(w.insp).allocate(w.sue, cases, w.ann.id)


@scenario("Allocations.balance")
def _(w: World) -> Thunk:
    [add_case(w.insp, f"CUS-{n}") for n in range(3)]
    return lambda: Allocations(w.insp).balance(w.sue, [w.ann.id, w.sue.id])


@scenario("Allocations.clear")
def _(w: World) -> Thunk:
    cases = [add_case(w.insp, f"CUS-{n}").id for n in range(3)]
    Allocations(w.insp).allocate(w.sue, cases, w.ann.id)
    return lambda: Allocations(w.insp).clear(w.sue, cases)


@scenario("Allocations.take_over")
def _(w: World) -> Thunk:
    case = add_case(w.insp, "CUS-1")
    grade_fully(w.insp, case, w.sue)
    return lambda: Allocations(w.insp).take_over(w.ann, case.id)


def discovered_write_paths() -> list[str]:
    return [f"{name}.{method}" for name, cls in CLASSES.items() for method in write_methods(cls)]


@pytest.mark.parametrize("name", list(CLASSES))
def test_every_public_method_says_whether_it_writes(name: str) -> None:
    assert unmarked_methods(CLASSES[name]) == [], (
        f"mark each public method of {name} @writes (and add a scenario here) or @reads"
    )


def test_every_write_path_has_a_scenario() -> None:
    missing = sorted(set(discovered_write_paths()) - set(SCENARIOS))
    assert missing == [], f"write paths without an audit scenario: {missing}"
    assert sorted(SCENARIOS) == sorted(discovered_write_paths())


def _watch(insp: Inspection) -> None:
    """Temporary triggers recording (table, key, what) for every change of graded data."""
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


@pytest.mark.parametrize("path", discovered_write_paths())
def test_each_write_path_logs_what_it_changes(
    insp: Inspection, inspector: Assessor, supervisor: Assessor, path: str
) -> None:
    if path not in SCENARIOS:
        pytest.fail(f"{path} writes but has no scenario asserting its audit rows")
    world = World(insp, inspector, supervisor)
    write = SCENARIOS[path](world)
    _watch(insp)
    last = insp.db.execute("SELECT coalesce(max(rowid), 0) FROM audit_log").fetchone()[0]
    write()
    new_rows = list(insp.db.query("SELECT * FROM audit_log WHERE rowid > ? ORDER BY rowid", [last]))
    changes = insp.db.execute("SELECT DISTINCT tbl, rid, what FROM changes").fetchall()

    assert new_rows, f"{path} wrote no audit row"
    actors = {r["actor_id"] for r in new_rows}
    assert actors <= {inspector.id, supervisor.id} and None not in actors
    logged = {(r["record_table"], r["record_id"]) for r in new_rows}
    logged_fields = {
        (r["record_table"], r["record_id"], r["field"].rsplit(".", 1)[-1]) for r in new_rows
    }
    for table, record_id, what in changes:
        assert (table, record_id) in logged, f"{path} changed {table} {record_id} unlogged"
        if what not in "+-":
            assert (table, record_id, what) in logged_fields, (
                f"{path} changed {table}.{what} of {record_id} without an audit row"
            )
    if path.startswith(
        (
            "Grading.",
            "ReviewDesk.",
            "Referrals.",
            "InspectionSettings.",
            "Allocations.",
            "Citations.",
        )
    ):
        assert changes, f"{path} changed nothing the watch saw"
    else:
        assert {r["kind"] for r in new_rows} <= {"disclosure", "combination"}
    assert audit_discrepancies(insp) == []
