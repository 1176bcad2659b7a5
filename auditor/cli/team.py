"""Command-line commands for team inspections: ``package`` and ``merge`` (see auditor.cli.entry).

``case-auditor package --db PATH OUT`` writes this laptop's audit package;
``case-auditor merge --db PATH PACKAGE...`` merges packages into an inspection (created when
PATH does not exist). Both exit 0 saying what they did, or 2 with one line (nothing written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_as_option,
    add_command,
    add_db_option,
    existing_file,
    given_name,
    given_path,
    given_text,
    new_or_writable_file,
    writable_file,
)
from auditor.cli.encryption import add_encrypt_option, new_file_passphrase
from auditor.encryption import encrypting_new_files
from auditor.inspection import Inspection
from auditor.merging.manifest import PackageError
from auditor.merging.merge import merge_packages
from auditor.merging.package import file_sha256, write_package
from auditor.text_rules import shown
from db.errors import SQLITE_ERRORS

#: The subcommands this module adds and runs.
COMMANDS: tuple[str, ...] = ("package", "merge")
NOT_PACKAGED = "packaging logs the disclosure in the file, so no package was written"
NOT_MERGED = "nothing merged"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``case-auditor`` parser."""
    package = add_command(
        commands,
        "package",
        "write this laptop's audit package (cases, gradings, notes, referrals, audit log)",
        {
            EXIT_OK: "the package is written and logged as a disclosure",
            EXIT_USAGE: "no package written (a usage error, a read-only inspection, a full "
            "disk): one line on standard error",
        },
    )
    add_db_option(package, "inspection file to package")
    add_as_option(package)
    package.add_argument(
        "out",
        type=given_path,
        metavar="OUT",
        help="the package file to write (replaced when complete)",
    )
    package.add_argument(
        "--assessor",
        type=given_name,
        default=None,
        metavar="NAME",
        help="whose work it is (default: everyone who graded in it)",
    )
    package.add_argument(
        "--recipient",
        type=given_text,
        default="",
        metavar="NAME",
        help="who receives the package (recorded in the audit log)",
    )
    merge = add_command(
        commands,
        "merge",
        "merge laptops' audit packages into an inspection (created if missing)",
        {
            EXIT_OK: "every package is merged (what changed and any conflicts are listed)",
            EXIT_USAGE: "a package refused (damaged, another framework) or a usage error: one "
            "line on standard error, nothing merged",
        },
    )
    add_db_option(merge, "inspection file (created if it does not exist)")
    merge.add_argument(
        "packages", type=given_path, nargs="+", metavar="PACKAGE", help="packages to merge"
    )
    merge.add_argument(
        "--assessor",
        type=given_name,
        default=None,
        metavar="NAME",
        help="who merges (recorded in the audit log; default unnamed)",
    )
    add_encrypt_option(merge)
    add_as_option(merge)


def run(args: argparse.Namespace) -> int:
    """Run one of ``COMMANDS``; returns the exit code (bad input raises UsageError)."""
    try:
        if args.command == "package":
            return _package(args.db, args.out, args.assessor, args.recipient)
        return _merge(args.db, args.packages, args.assessor, args.encrypt)
    except PackageError as exc:
        raise UsageError(str(exc)) from None


def _package(path: Path, out: Path, assessor: str | None, recipient: str) -> int:
    writable_file(path, NOT_PACKAGED)
    try:
        with Inspection.open(path) as inspection:
            name = " ".join((assessor or "").split())
            actor = next((p for p in inspection.assessors() if p.name == name), None)
            manifest = write_package(
                inspection, out, assessor=assessor, actor=actor, recipient=recipient
            )
    except SQLITE_ERRORS as exc:  # sqlite3's or sqlcipher3's: one line, never a traceback
        raise UsageError(
            f"{path}: SQLite failed unexpectedly ({exc}); no package written"
        ) from None
    counts = manifest.counts
    print(
        f"Wrote {out}: {counts.get('cases', 0)} cases, {counts.get('assessments', 0)} "
        f"assessments, {counts.get('audit_log', 0)} audit entries, "
        f"graded by {shown(manifest.assessor)}"
    )
    print(f"SHA-256 of the package: {file_sha256(out)}")
    return EXIT_OK


def _merge(path: Path, packages: list[Path], assessor: str | None, encrypt: bool) -> int:
    new_or_writable_file(path, NOT_MERGED)
    for package in packages:
        existing_file(package, "package")
    try:
        with encrypting_new_files(new_file_passphrase(path, encrypt)):
            summaries = merge_packages(path, packages, actor_name=assessor)
    except SQLITE_ERRORS as exc:
        raise UsageError(f"{path}: the merge failed ({exc})") from None
    for summary in summaries:
        made = " (a new inspection)" if summary.created else ""
        who = shown(summary.assessor)  # a package's own words: never control codes on a screen
        print(f"Merged {summary.package} into {path}{made}, graded by {who}:")
        for line in summary.lines():
            print(f"  {shown(line)}")
    return EXIT_OK
