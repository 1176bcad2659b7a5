"""The import's gradings through the grading desk, one edit at a time (the path the bulk import
replaced, kept as the reference it is compared with), and importing one file both ways on
fixed clocks and ids to compare the resulting files row for row, ledger included."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.errors import GradingError
from auditor.grading.desk import REFERRAL_FIELD
from auditor.importing import writing
from auditor.importing.layout import CASES
from auditor.importing.problems import ImportRefused, Problems, cell
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from auditor.people import session
from auditor.people.keys import PersonalKey
from tests.support.clock import Clock

GRADINGS_PER_REPORT = 200


def desk_gradings(inspection, plan, by_reference, people, user, report) -> int:
    """``write_plan``'s gradings step as it was before the bulk path: each row through the
    grading desk (``set_grade``, ``set_note``, ``set_overall``, ``set_referral``).

    One change from then, so that the two paths can be compared on a ticking clock: the clock
    is held still while a row is applied (read once per row, as the bulk path reads it).
    """
    report("Importing gradings", len(plan.gradings))
    refused = Problems()
    changed_cases = 0
    for done, grading in enumerate(plan.gradings, start=1):
        if done % GRADINGS_PER_REPORT == 0:
            report("Importing gradings", done)
        assessor = people.named(grading.assessor) if grading.assessor else user
        case_id = by_reference[grading.reference.casefold()].id
        now, ticking = inspection.clock(), inspection.clock
        inspection.clock = lambda now=now: now
        try:
            changed = _apply_grading(inspection, case_id, assessor, grading)
        except GradingError as exc:
            column = "Referred back" if exc.where.field == REFERRAL_FIELD else "Assessor"
            refused.add(
                cell(CASES, grading.row, column),
                f"{grading.reference} graded by {assessor.name}: {exc}",
            )
            continue
        finally:
            inspection.clock = ticking
        changed_cases += changed
    if refused:
        raise ImportRefused(refused)
    return changed_cases


def _apply_grading(inspection: Inspection, case_id: str, assessor, grading) -> bool:
    """Set what the row grades (blank cells change nothing); True when anything changed."""
    g = inspection.grading
    before = g.assessment(case_id, assessor.id)
    for criterion_id, code in grading.grades.items():
        g.set_grade(case_id, assessor, criterion_id, code)
    for criterion_id, note in grading.notes.items():
        g.set_note(case_id, assessor, criterion_id, note)
    if grading.overall:
        g.set_overall(case_id, assessor, grading.overall, grading.override_reason or None)
    if grading.referral:
        g.set_referral(case_id, assessor, *grading.referral)
    after = g.assessment(case_id, assessor.id)
    return before is None or (after is not None and after.updated_at != before.updated_at)


class Ids:
    """Ids drawn one after another ("id-000001"…), from where the last file left off."""

    def __init__(self, start: int = 0) -> None:
        self.counter = itertools.count(start + 1)

    def __call__(self) -> str:
        return f"id-{next(self.counter):06d}"


@contextmanager
def fixed_time_and_ids(clock: Callable[[], str], new_id: Callable[[], str]) -> Iterator[None]:
    """Every inspection opened or made inside reads ``clock`` and draws ``new_id``."""
    with pytest.MonkeyPatch.context() as patch:
        real_open, real_create = Inspection.open.__func__, Inspection.create.__func__

        def opened(cls, *args: Any, **kwargs: Any) -> Inspection:
            return real_open(cls, *args, **{"clock": clock, "new_id": new_id, **kwargs})

        def created(cls, *args: Any, **kwargs: Any) -> Inspection:
            return real_create(cls, *args, **{"clock": clock, "new_id": new_id, **kwargs})

        patch.setattr(Inspection, "open", classmethod(opened))
        patch.setattr(Inspection, "create", classmethod(created))
        yield


@dataclass
class Outcome:
    """One import: its report's lines or the problems that refused it, and the file's rows."""

    said: list[str]
    rows: dict[str, list[tuple]]


def rows_of(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table in the order written (rowid), with its rowid; sqlite-utils'
    record of migrations keeps only their names (it stamps them with its own clock)."""
    if not db.exists():
        return {}
    with sqlite3.connect(db) as conn:
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='table' ORDER BY name"
        ).fetchall()
        found = {}
        for table, sql in tables:
            if table == "_sqlite_migrations":
                found[table] = conn.execute(f"SELECT name FROM [{table}] ORDER BY 1").fetchall()
            elif "WITHOUT ROWID" in (sql or "").upper():  # the FTS5 index's own tables
                found[table] = conn.execute(f"SELECT * FROM [{table}] ORDER BY 1").fetchall()
            else:
                found[table] = conn.execute(
                    f"SELECT rowid, * FROM [{table}] ORDER BY rowid"
                ).fetchall()
    conn.close()
    return found


def import_one_way(
    db: Path,
    source: Path,
    user: str,
    *,
    desk: bool,
    clock: Callable[[], str],
    ids: Callable[[], str],
    key: PersonalKey | None = None,
) -> Outcome:
    """Import ``source`` into ``db`` by the bulk path or (``desk``) through the grading desk."""
    with pytest.MonkeyPatch.context() as patch, fixed_time_and_ids(clock, ids):
        if desk:
            patch.setattr(writing, "write_gradings", desk_gradings)
        if key is not None:
            session.sign_in_here(db, key)
        try:
            said = import_file(db, source, user).lines()
        except ImportRefused as exc:
            said = ["refused", *exc.problems.lines()]
        finally:
            session.forget(db)
    return Outcome(said, rows_of(db))


def import_both_ways(
    folder: Path,
    start: Path | None,
    sources: list[Path],
    user: str = "Robin Example",
    *,
    key: PersonalKey | None = None,
) -> tuple[list[Outcome], list[Outcome]]:
    """Import ``sources`` one after another onto a copy of ``start`` (None: a new file), once
    by the bulk path and once through the desk, each on its own clock and ids from the same
    beginning; (bulk outcomes, desk outcomes)."""
    results: dict[bool, list[Outcome]] = {}
    for desk in (False, True):
        db = folder / f"{'desk' if desk else 'bulk'}.caseaudit"
        if start is not None:
            shutil.copyfile(start, db)
        clock, ids = Clock(), Ids()
        results[desk] = [
            import_one_way(db, source, user, desk=desk, clock=clock, ids=ids, key=key)
            for source in sources
        ]
    return results[False], results[True]


def assert_same(bulk: list[Outcome], desk: list[Outcome]) -> None:
    """The two paths said the same and left the same rows in every table, after each file."""
    for number, (b, d) in enumerate(zip(bulk, desk, strict=True), start=1):
        assert b.said == d.said, f"import {number}"
        assert b.rows.keys() == d.rows.keys(), f"import {number}"
        for table in d.rows:
            assert b.rows[table] == d.rows[table], f"import {number}: table {table}"
