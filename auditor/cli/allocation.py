"""The ``allocate`` command: the lead gives cases to inspectors (see auditor.cli.entry).

``case-auditor allocate --db PATH --case REF [--case REF ...] --to NAME --as KEYFILE``
allocates cases to one person; ``--balance --to NAME --to NAME`` spreads every case (or those
named, or those of ``--case-type CODE``) evenly by case type; ``--clear`` removes the
allocation of the cases named. Exit 0 saying what changed, or 2 with one line and nothing
written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor.allocation.desk import AllocationResult, Allocations
from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_as_option,
    add_command,
    add_db_option,
    given_name,
    person_named,
    supervisor_acting,
    writable_file,
)
from auditor.inspection import Inspection
from auditor.records import Assessor
from db.errors import SQLITE_ERRORS

#: The subcommands this module adds and runs.
COMMANDS: tuple[str, ...] = ("allocate",)
NOT_ALLOCATED = "nothing allocated"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommand to the ``case-auditor`` parser."""
    allocate = add_command(
        commands,
        "allocate",
        "allocate cases to inspectors (by reference, or balanced by case type), or clear",
        {
            EXIT_OK: "allocated (what changed is listed)",
            EXIT_USAGE: "an unknown case or person, not a supervisor, or a usage error: one "
            "line on standard error, nothing written",
        },
    )
    add_db_option(allocate, "inspection file")
    allocate.add_argument(
        "--case",
        dest="cases",
        action="append",
        default=[],
        metavar="REF",
        help="a case's reference (repeat for more)",
    )
    allocate.add_argument(
        "--to",
        dest="people",
        action="append",
        default=[],
        metavar="NAME",
        help="who is given the cases (repeat with --balance)",
    )
    allocate.add_argument(
        "--balance",
        action="store_true",
        help="spread the cases (every case unless --case or --case-type) evenly by case type "
        "over the people named; cases already allocated keep their inspector",
    )
    allocate.add_argument(
        "--case-type", default=None, metavar="CODE", help="with --balance: only this case type"
    )
    allocate.add_argument(
        "--reallocate",
        action="store_true",
        help="with --balance: allocate again cases that are allocated already",
    )
    allocate.add_argument(
        "--clear", action="store_true", help="clear the allocation of the cases named"
    )
    allocate.add_argument(
        "--by",
        type=given_name,
        default=None,
        metavar="NAME",
        help="in an unsigned inspection: the supervisor who allocates (signed: --as KEYFILE)",
    )
    add_as_option(allocate)


def run(args: argparse.Namespace) -> int:
    """Run ``allocate``; returns the exit code (bad input raises a Refused)."""
    _check_combination(args)
    path: Path = args.db
    writable_file(path, NOT_ALLOCATED)
    try:
        with Inspection.open(path) as inspection:
            result = _allocate(inspection, args)
    except SQLITE_ERRORS as exc:  # sqlite3's or sqlcipher3's: one line, never a traceback
        raise UsageError(f"{path}: SQLite failed unexpectedly ({exc}); {NOT_ALLOCATED}") from None
    print(f"{path}: {result.words()}")
    for change in result.changes:
        before = result.names.get(change.old or "", "nobody") if change.old else "nobody"
        after = result.names.get(change.new or "", "nobody") if change.new else "nobody"
        print(f"  {change.reference}: {before} -> {after}")
    return EXIT_OK


def _check_combination(args: argparse.Namespace) -> None:
    if args.clear and (args.balance or args.people):
        raise UsageError("--clear takes --case REF only (no --to, no --balance)")
    if args.clear and not args.cases:
        raise UsageError("--clear needs the cases to clear: --case REF")
    if args.clear:
        return
    if not args.people:
        raise UsageError("say who is given the cases: --to NAME")
    if not args.balance:
        if not args.cases:
            raise UsageError("name the cases (--case REF), or spread them with --balance")
        if len(args.people) > 1:
            raise UsageError("--to more than one person needs --balance")
        if args.case_type or args.reallocate:
            raise UsageError("--case-type and --reallocate go with --balance")


def _allocate(inspection: Inspection, args: argparse.Namespace) -> AllocationResult:
    actor = _actor(inspection, args.by)
    desk = Allocations(inspection)
    case_ids = desk.case_ids([" ".join(r.split()) for r in args.cases]) if args.cases else None
    if args.clear:
        return desk.clear(actor, case_ids or [])
    people = [_person(inspection, name).id for name in args.people]
    if args.balance:
        return desk.balance(
            actor,
            people,
            case_ids=case_ids,
            case_type=args.case_type,
            reallocate=args.reallocate,
        )
    return desk.allocate(actor, case_ids or [], people[0])


def _actor(inspection: Inspection, by: str | None) -> Assessor:
    """Who allocates: in a signed inspection whoever is signed in; else the supervisor ``by``."""
    return supervisor_acting(
        inspection, by, does="allocates", task="allocates cases", refused=NOT_ALLOCATED
    )


def _person(inspection: Inspection, name: str) -> Assessor:
    return person_named(inspection, name, NOT_ALLOCATED)
