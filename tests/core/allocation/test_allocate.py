"""The lead allocates cases by hand, by selection and balanced by case type; each change is
one ledger row, written with it in one transaction."""

from __future__ import annotations

from collections import Counter

import pytest

from auditor.allocation.desk import AllocationError, Allocations
from auditor.audit.rebuild import audit_discrepancies
from auditor.errors import Refused
from auditor.inspection import Assessor, Inspection
from tests.support.review import add_case, audit, snapshot


def allocation_rows(insp: Inspection) -> list[dict]:
    return audit(insp, record_table="allocations")


def test_allocating_one_case_writes_the_table_and_one_ledger_row(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    result = desk.allocate(lead, [case.id], sam.id)

    assert desk.allocations() == {case.id: sam.id}
    assert desk.allocated_to(case.id) == sam
    [row] = allocation_rows(insp)
    assert (row["record_id"], row["case_id"], row["field"]) == (case.id, case.id, "assessor_id")
    assert (row["old_value"], row["new_value"], row["actor_id"]) == (None, sam.id, lead.id)
    assert row["detail"] == "allocated to Sam Shared"
    assert result.words() == "allocated 1 case(s): 1 to Sam Shared"
    assert audit_discrepancies(insp) == []


def test_reallocating_and_clearing_say_who_it_was(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    desk.allocate(lead, [case.id], sam.id)
    desk.allocate(lead, [case.id], ann.id)
    desk.allocate(lead, [case.id], ann.id)  # already so: nothing written
    result = desk.clear(lead, [case.id])

    details = [(r["old_value"], r["new_value"], r["detail"]) for r in allocation_rows(insp)]
    assert details == [
        (None, sam.id, "allocated to Sam Shared"),
        (sam.id, ann.id, "reallocated to Ann Inspector (was Sam Shared)"),
        (ann.id, None, "allocation cleared (was Ann Inspector)"),
    ]
    assert desk.allocations() == {}
    assert result.words() == "cleared the allocation of 1 case(s)"
    assert audit_discrepancies(insp) == []


def test_only_a_supervisor_allocates_and_a_refusal_writes_nothing(
    insp: Inspection, desk: Allocations, sam: Assessor, ann: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    before = snapshot(insp)
    with pytest.raises(Refused, match="Only a supervisor can allocate cases; Sam Shared is an"):
        desk.allocate(sam, [case.id], ann.id)
    assert snapshot(insp) == before
    assert desk.allocations() == {}


def test_an_unknown_case_or_person_refuses_the_whole_selection(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor
) -> None:
    case = add_case(insp, "CUS-1")
    before = snapshot(insp)
    with pytest.raises(AllocationError, match="no case with id nope"):
        desk.allocate(lead, [case.id, "nope"], sam.id)
    with pytest.raises(AllocationError, match="nobody with id ghost"):
        desk.allocate(lead, [case.id], "ghost")
    with pytest.raises(AllocationError, match="no case with reference 'CUS-404'"):
        desk.case_ids(["CUS-1", "CUS-404"])
    assert snapshot(insp) == before


def test_balance_spreads_each_case_type_evenly_and_keeps_existing_allocations(
    insp: Inspection,
    desk: Allocations,
    lead: Assessor,
    sam: Assessor,
    ann: Assessor,
    ben: Assessor,
) -> None:
    types = ["CUSTODY"] * 7 + ["S47"] * 5 + ["MISSING"] * 2
    cases = [add_case(insp, f"C-{n:02d}", t) for n, t in enumerate(types)]
    kept = cases[0]  # a custody case already Ben's
    desk.allocate(lead, [kept.id], ben.id)
    team = [sam.id, ann.id, ben.id]

    desk.balance(lead, team)

    held = desk.allocations()
    assert held[kept.id] == ben.id
    assert set(held) == {c.id for c in cases}
    for case_type, count in Counter(types).items():
        share = Counter(held[c.id] for c in cases if c.case_type == case_type)
        assert set(share) <= set(team)
        # as even as can be: no one has more than one case of a type more than another
        assert max(share[p] for p in team) - min(share[p] for p in team) <= 1, case_type
        assert sum(share.values()) == count
    # one ledger row per case newly allocated (the kept one was allocated once, before)
    assert len(allocation_rows(insp)) == len(cases)
    assert audit_discrepancies(insp) == []


def test_balance_is_deterministic_and_reallocates_only_when_asked(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    cases = [add_case(insp, f"S-{n}", "S47") for n in range(4)]
    desk.allocate(lead, [c.id for c in cases], sam.id)
    again = desk.balance(lead, [sam.id, ann.id])
    assert again.changes == () and again.unchanged == 4

    desk.balance(lead, [sam.id, ann.id], reallocate=True)
    first = desk.allocations()
    assert Counter(first.values()) == {sam.id: 2, ann.id: 2}
    desk.balance(lead, [sam.id, ann.id], reallocate=True)
    assert desk.allocations() == first  # the same plan again: nothing moved


def test_balance_of_one_case_type_leaves_the_others(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    custody = [add_case(insp, f"C-{n}", "CUSTODY") for n in range(3)]
    s47 = add_case(insp, "S-1", "S47")
    desk.balance(lead, [sam.id, ann.id], case_type="CUSTODY")
    assert set(desk.allocations()) == {c.id for c in custody}
    assert s47.id not in desk.allocations()
    with pytest.raises(AllocationError, match="'NOPE' is not a case type here"):
        desk.balance(lead, [sam.id], case_type="NOPE")


def test_ten_thousand_cases_are_allocated_set_based_in_one_transaction(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    insp.add_cases(None, [{"reference": f"B-{n:05d}", "case_type": "S47"} for n in range(10_000)])
    statements: list[str] = []
    insp.db.conn.set_trace_callback(statements.append)
    try:
        desk.balance(lead, [sam.id, ann.id])
    finally:
        insp.db.conn.set_trace_callback(None)

    assert Counter(desk.allocations().values()) == {sam.id: 5000, ann.id: 5000}
    assert len(allocation_rows(insp)) == 10_000
    # one transaction holds every row and every ledger row (a loop of edits would commit each)
    assert [s for s in statements if s.strip().upper().startswith(("BEGIN", "COMMIT"))] == [
        "BEGIN IMMEDIATE",  # every write transaction takes the write lock first
        "COMMIT",
    ]


def test_check_finds_an_allocation_changed_outside_the_workstation(
    insp: Inspection, desk: Allocations, lead: Assessor, sam: Assessor, ann: Assessor
) -> None:
    first, second = add_case(insp, "CUS-1"), add_case(insp, "CUS-2")
    desk.allocate(lead, [first.id], sam.id)
    insp.db.execute("UPDATE allocations SET assessor_id = ? WHERE case_id = ?", [ann.id, first.id])
    insp.db.execute(
        "INSERT INTO allocations VALUES (?, ?, ?, ?)", [second.id, ann.id, lead.id, "2018-03-01"]
    )
    problems = audit_discrepancies(insp)
    assert f"allocations {first.id}.assessor_id: table {ann.id!r}, log {sam.id!r}" in problems
    assert f"allocations {second.id}: in the table but never logged" in problems
