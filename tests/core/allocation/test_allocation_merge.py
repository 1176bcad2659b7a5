"""Allocations travel in packages and merge like the other ledger-backed tables: a later
allocation replaces an earlier one, two made unseen by each other are listed as concurrent
changes, merging again changes nothing, and ``check`` finds the tables and the ledger agree;
in a signed inspection only a supervisor's rows allocate a case to someone else."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.allocation.desk import Allocations
from auditor.audit.verify import verify_ledger
from auditor.inspection import Inspection
from auditor.merging.concurrent_list import concurrent_changes
from auditor.merging.merge import merge_packages
from auditor.people.keys import read_key
from tests.support.importing import snapshot
from tests.support.merge import REFERENCES, canonical, case_id, copy_of, make_base, package
from tests.support.signed import PASSPHRASE, key_passphrase, ok, run, team  # noqa: F401

FIRST = REFERENCES[0]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight custody cases, Lee Lead and Sam Shared (tests.support.merge), written once."""
    return make_base(tmp_path_factory.mktemp("allocation-merge") / "base.caseaudit")


@pytest.fixture
def lead_copy(base: Path, tmp_path: Path) -> Path:
    return copy_of(base, tmp_path / "lead.caseaudit")


@pytest.fixture
def laptop_a(base: Path, tmp_path: Path) -> Path:
    return copy_of(base, tmp_path / "laptop-a.caseaudit")


@pytest.fixture
def laptop_b(base: Path, tmp_path: Path) -> Path:
    return copy_of(base, tmp_path / "laptop-b.caseaudit")


def allocate(path: Path, reference: str, to: str) -> None:
    """The lead, on the file at ``path``, allocates a case to ``to`` ("Sam Shared" or himself)."""
    with Inspection.open(path) as insp:
        lee = insp.assessor("Lee Lead", "supervisor")
        person = next(p for p in insp.assessors() if p.name == to)
        Allocations(insp).allocate(lee, [case_id(insp, reference)], person.id)


def held(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(
            conn.execute(
                "SELECT c.reference, p.name FROM allocations a JOIN cases c ON c.id = a.case_id "
                "JOIN assessors p ON p.id = a.assessor_id"
            ).fetchall()
        )


def pairs(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM concurrent_changes").fetchone()[0]


def checked(path: Path) -> None:
    with Inspection.open(path) as insp:
        report = verify_ledger(insp)
    assert report.ok, report.problems


def test_a_later_allocation_replaces_an_earlier_one(
    lead_copy: Path, laptop_a: Path, tmp_path: Path
) -> None:
    lead = lead_copy
    allocate(lead, FIRST, "Sam Shared")
    merge_packages(laptop_a, [package(lead, tmp_path / "1.pkg")])
    assert held(laptop_a) == {FIRST: "Sam Shared"}
    allocate(laptop_a, FIRST, "Lee Lead")  # after seeing the first: it follows it
    out = package(laptop_a, tmp_path / "2.pkg")
    merge_packages(lead, [out])
    assert held(lead) == {FIRST: "Lee Lead"}
    assert pairs(lead) == 0
    before = snapshot(lead)
    merge_packages(lead, [out])
    assert snapshot(lead) == before  # merging again changes nothing
    checked(lead)
    # and an older package merged after a newer change never brings the old value back
    merge_packages(lead, [tmp_path / "1.pkg"])
    assert held(lead) == {FIRST: "Lee Lead"}
    checked(lead)


def test_two_allocations_unseen_by_each_other_are_listed_and_settled_alike(
    base: Path, laptop_a: Path, laptop_b: Path, tmp_path: Path
) -> None:
    allocate(laptop_a, FIRST, "Sam Shared")
    allocate(laptop_b, FIRST, "Lee Lead")
    packages = [package(laptop_a, tmp_path / "a.pkg"), package(laptop_b, tmp_path / "b.pkg")]
    one, other = tmp_path / "one.caseaudit", tmp_path / "other.caseaudit"
    merge_packages(copy_of(base, one), packages)
    merge_packages(copy_of(base, other), packages[::-1])

    assert canonical(one) == canonical(other)
    assert held(one) == held(other)
    assert held(one)[FIRST] in ("Sam Shared", "Lee Lead")
    assert pairs(one) == pairs(other) == 1
    with Inspection.open(one) as insp:
        [change] = concurrent_changes(insp)
    assert change.reference == FIRST
    assert change.what == "allocation"
    assert sorted(c.value for c in change.changes) == ["Lee Lead", "Sam Shared"]
    assert change.now == held(one)[FIRST]
    before = snapshot(one)
    merge_packages(one, packages)
    assert snapshot(one) == before
    checked(one)
    checked(other)


def _allocation_ids(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT id FROM audit_log WHERE record_table = 'allocations' "
                "AND kind = 'alteration' ORDER BY rowid"
            )
        ]


def _listed(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT first_id, second_id FROM concurrent_changes").fetchall())


def test_a_change_made_after_receiving_the_other_side_s_older_one_is_still_concurrent(
    laptop_a: Path, laptop_b: Path, tmp_path: Path
) -> None:
    """A's log ends on B's first allocation (received), but A's own earlier one is unseen by
    B: B's second allocation, made later without seeing A's, is concurrent with A's."""
    allocate(laptop_a, FIRST, "Sam Shared")
    [a1] = _allocation_ids(laptop_a)
    allocate(laptop_b, FIRST, "Lee Lead")
    [b1] = _allocation_ids(laptop_b)
    merge_packages(laptop_a, [package(laptop_b, tmp_path / "b1.pkg")])
    with Inspection.open(laptop_b) as insp:
        lee = insp.assessor("Lee Lead", "supervisor")
        Allocations(insp).clear(lee, [case_id(insp, FIRST)])
    b2 = _allocation_ids(laptop_b)[-1]
    merge_packages(laptop_a, [package(laptop_b, tmp_path / "b2.pkg")])
    assert _listed(laptop_a) == {tuple(sorted((a1, b1))), tuple(sorted((a1, b2)))}
    checked(laptop_a)


def test_a_clear_travels_too(lead_copy: Path, laptop_a: Path, tmp_path: Path) -> None:
    lead = lead_copy
    allocate(lead, FIRST, "Sam Shared")
    merge_packages(laptop_a, [package(lead, tmp_path / "1.pkg")])
    with Inspection.open(laptop_a) as insp:
        lee = insp.assessor("Lee Lead", "supervisor")
        Allocations(insp).clear(lee, [case_id(insp, FIRST)])
    merge_packages(lead, [package(laptop_a, tmp_path / "2.pkg")])
    assert held(lead) == {}
    checked(lead)


def _as(path: Path, key: Path) -> Inspection:
    return Inspection.open(path, key=read_key(key, PASSPHRASE))


def test_signed_a_supervisors_allocation_and_an_inspectors_take_over_travel(
    tmp_path: Path, capsys
) -> None:
    files = team(capsys, tmp_path)
    lead_file, laptop = files["lead"], files["laptop"]
    ok(
        capsys,
        "allocate",
        "--db",
        lead_file,
        "--case",
        "IMP-001",
        "--to",
        "Lee Lead",
        "--as",
        files["lee"],
    )
    ok(capsys, "package", "--db", lead_file, tmp_path / "lead2.cafpkg", "--as", files["lee"])
    ok(capsys, "merge", "--db", laptop, tmp_path / "lead2.cafpkg", "--as", files["ann"])
    assert held(laptop) == {"IMP-001": "Lee Lead"}
    with _as(laptop, files["ann"]) as insp:
        me = insp.me
        assert me is not None
        Allocations(insp).take_over(me, case_id(insp, "IMP-001"))
    ok(capsys, "package", "--db", laptop, tmp_path / "ann.cafpkg", "--as", files["ann"])
    ok(capsys, "merge", "--db", lead_file, tmp_path / "ann.cafpkg", "--as", files["lee"])
    assert held(lead_file) == {"IMP-001": "Ann Inspector"}
    ok(capsys, "check", "--db", lead_file)


def test_signed_an_inspectors_allocation_to_someone_else_is_refused(tmp_path: Path, capsys) -> None:
    files = team(capsys, tmp_path)
    lead_file, laptop = files["lead"], files["laptop"]
    with _as(laptop, files["ann"]) as insp:
        lee = next(p for p in insp.assessors() if p.name == "Lee Lead")
        # a workstation altered to skip the desk's check: Ann's own signed row gives Lee a case
        Allocations(insp)._apply(insp.me, {case_id(insp, "IMP-002"): lee.id})  # type: ignore[arg-type]
    ok(capsys, "package", "--db", laptop, tmp_path / "ann.cafpkg", "--as", files["ann"])
    before = snapshot(lead_file)
    code, _out, err = run(
        capsys, "merge", "--db", lead_file, tmp_path / "ann.cafpkg", "--as", files["lee"]
    )
    assert code == 2
    assert "Ann Inspector is inspector on this roster and cannot allocate a case to someone" in err
    assert snapshot(lead_file) == before
