"""Command-line commands for team inspections: ``package`` and ``merge`` (see auditor.cli).

``case-auditor package --db PATH OUT`` writes this laptop's audit package;
``case-auditor merge --db PATH PACKAGE...`` merges packages into an inspection (created when
PATH does not exist). Both exit 0 saying what they did, or 2 with one line (nothing written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from db.errors import SQLITE_ERRORS

#: The subcommands this module adds and runs.
COMMANDS: tuple[str, ...] = ("package", "merge")

EXIT_OK = 0


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``case-auditor`` parser."""
    package = commands.add_parser(
        "package",
        help="write this laptop's audit package (cases, gradings, notes, referrals, audit log)",
    )
    package.add_argument("--db", type=Path, required=True, help="inspection file to package")
    package.add_argument(
        "out", type=Path, help="the package file to write (replaced when complete)"
    )
    package.add_argument(
        "--assessor", default=None, help="whose work it is (default: everyone who graded in it)"
    )
    package.add_argument(
        "--recipient", default="", help="who receives the package (recorded in the audit log)"
    )
    merge = commands.add_parser(
        "merge", help="merge laptops' audit packages into an inspection (created if missing)"
    )
    merge.add_argument(
        "--db", type=Path, required=True, help="inspection file (created if it does not exist)"
    )
    merge.add_argument(
        "packages", type=Path, nargs="+", metavar="PACKAGE", help="packages to merge"
    )
    merge.add_argument(
        "--assessor", default=None, help="who merges (recorded in the audit log; default unnamed)"
    )
    from auditor.cli import add_encrypt_option

    add_encrypt_option(merge)


def run(args: argparse.Namespace) -> int:
    """Run one of ``COMMANDS``; returns the exit code (bad input raises cli.UsageError)."""
    from auditor.cli import UsageError
    from auditor.merging import PackageError

    try:
        if args.command == "package":
            return _package(args.db, args.out, args.assessor, args.recipient)
        return _merge(args.db, args.packages, args.assessor, args.encrypt)
    except PackageError as exc:
        raise UsageError(str(exc)) from None
    except SQLITE_ERRORS as exc:  # sqlite3's or sqlcipher3's: one line, never a traceback
        raise UsageError(f"{args.db}: the merge failed ({exc})") from None


def _package(path: Path, out: Path, assessor: str | None, recipient: str) -> int:
    from auditor.cli import UsageError
    from auditor.inspection import Inspection
    from auditor.merging import write_package
    from auditor.merging.package import file_sha256

    if not path.exists():
        raise UsageError(f"{path}: no such inspection file")
    with Inspection.open(path) as inspection:
        name = " ".join((assessor or "").split())
        actor = next((p for p in inspection.assessors() if p.name == name), None)
        manifest = write_package(
            inspection, out, assessor=assessor, actor=actor, recipient=recipient
        )
    counts = manifest.counts
    print(
        f"Wrote {out}: {counts.get('cases', 0)} cases, {counts.get('assessments', 0)} "
        f"assessments, {counts.get('audit_log', 0)} audit entries, graded by {manifest.assessor}"
    )
    print(f"SHA-256 of the package: {file_sha256(out)}")
    return EXIT_OK


def _merge(path: Path, packages: list[Path], assessor: str | None, encrypt: bool) -> int:
    from auditor.cli import UsageError, new_file_passphrase
    from auditor.encryption import encrypting_new_files
    from auditor.merging import merge_packages

    for package in packages:
        if not package.is_file():
            raise UsageError(f"{package}: no such package")
    with encrypting_new_files(new_file_passphrase(path, encrypt)):
        summaries = merge_packages(path, packages, actor_name=assessor)
    for summary in summaries:
        made = " (a new inspection)" if summary.created else ""
        print(f"Merged {summary.package} into {path}{made}, graded by {summary.assessor}:")
        for line in summary.lines():
            print(f"  {line}")
    return EXIT_OK
