"""The ``import`` and ``export`` commands: their options, and a workbook or CSV read in or the
inspection's workbook written out (see auditor.cli.entry)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.cli import encryption as encryption_cli
from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    FRAMEWORK_HELP,
    UsageError,
    add_as_option,
    add_command,
    add_db_option,
    chosen_framework,
    given_name,
    given_path,
    given_text,
    new_or_writable_file,
    writable_file,
)
from auditor.encryption import encrypting_new_files
from auditor.framework import Framework
from auditor.importing.limits import DOCUMENT_FLAG, FILE_FLAG, MB, ROWS_FLAG, Limits
from auditor.importing.problems import ImportFailed, ImportRefused, Problems
from auditor.inspection import Inspection

if TYPE_CHECKING:
    from auditor.exporting.export import ExportOptions

COMMANDS = ("import", "export")
NOT_EXPORTED = "exporting logs the disclosure in the file, so no workbook was written"
NOT_IMPORTED = "nothing imported"
ONE_LINE = "one line on standard error"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``import`` then ``export`` to the command line."""
    _add_import(commands)
    _add_export(commands)


def run(args: argparse.Namespace) -> int:
    """Run ``import`` or ``export``."""
    if args.command == "import":
        try:
            limits = Limits.given(args.max_file_mb, args.max_document_mb, args.max_rows)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        return cmd_import(
            args.db,
            args.file,
            args.documents,
            args.assessor,
            args.encrypt,
            limits,
            args.name,
            args.framework,
        )
    from auditor.exporting.export import ExportOptions

    options = ExportOptions(redact=args.redact, for_force=args.for_force, recipient=args.recipient)
    return cmd_export(args.db, args.out, options)


def _add_import(commands: argparse._SubParsersAction) -> None:
    imp = add_command(
        commands,
        "import",
        "import cases, gradings and chronology from a workbook or CSV (all or nothing)",
        {
            EXIT_OK: "imported (what changed is printed)",
            EXIT_USAGE: "nothing imported: a summary line on standard error, then every "
            "problem by sheet, row and column (or one line for a usage error or a file that "
            "cannot be written)",
        },
    )
    add_db_option(imp, "inspection file (created if it does not exist)")
    imp.add_argument(
        "file",
        type=given_path,
        metavar="FILE",
        help="the .xlsx or .ods workbook or .csv file to import (a regular file, not a link)",
    )
    imp.add_argument(
        "--documents",
        type=given_path,
        metavar="DIR",
        help="folder holding one folder of documents per case reference",
    )
    imp.add_argument(
        "--name",
        type=given_name,
        default=None,
        metavar="NAME",
        help="the new inspection's name, when PATH is created (default: FILE's name, no suffix)",
    )
    imp.add_argument(
        "--framework",
        type=given_path,
        metavar="TOML",
        help=f"{FRAMEWORK_HELP}, for a new PATH (default: child-protection); refused for an "
        "existing PATH that uses another",
    )
    imp.add_argument(
        "--assessor",
        type=given_name,
        default=None,
        metavar="NAME",
        help="who imports (and whose grades rows without an Assessor are); default: your login",
    )
    default = Limits()
    imp.add_argument(
        FILE_FLAG,
        dest="max_file_mb",
        type=_positive(float),
        metavar="MB",
        help=f"refuse a FILE above MB megabytes, before reading it "
        f"(default {default.file_bytes // MB})",
    )
    imp.add_argument(
        DOCUMENT_FLAG,
        dest="max_document_mb",
        type=_positive(float),
        metavar="MB",
        help=f"refuse a document above MB megabytes, before reading it "
        f"(default {default.document_bytes // MB})",
    )
    imp.add_argument(
        ROWS_FLAG,
        dest="max_rows",
        type=_positive(int),
        metavar="N",
        help=f"refuse a sheet of more than N data rows (default {default.rows:,})",
    )
    encryption_cli.add_encrypt_option(imp)
    add_as_option(imp)


def _positive(kind: type) -> Callable[[str], float | int]:
    """An option's value of ``kind`` above 0 (argparse then says which option was wrong)."""

    wanted = "a number above 0" if kind is float else "a whole number above 0"

    def parse(text: str) -> float | int:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not value > 0:
            raise argparse.ArgumentTypeError(f"{text!r} is not {wanted}")
        return value

    return parse


def _add_export(commands: argparse._SubParsersAction) -> None:
    exp = add_command(
        commands,
        "export",
        "write the inspection's Excel workbook (tables, cases, chronology)",
        {
            EXIT_OK: "the workbook is written and logged as a disclosure",
            EXIT_USAGE: "no workbook written (a usage error, a read-only inspection, a full "
            f"disk): {ONE_LINE}",
        },
    )
    add_db_option(exp, "inspection file to export")
    add_as_option(exp)
    exp.add_argument(
        "out",
        type=given_path,
        metavar="OUT",
        help="the .xlsx workbook to write (replaced when complete)",
    )
    exp.add_argument(
        "--recipient",
        type=given_text,
        default="",
        metavar="NAME",
        help="who receives the workbook (recorded in the audit log)",
    )
    kind = exp.add_mutually_exclusive_group()
    kind.add_argument(
        "--redact",
        action="store_true",
        help="for sharing beyond the team: no names or notes, hashed references, counts <5 hidden",
    )
    kind.add_argument(
        "--for-body",
        "--for-force",
        dest="for_force",
        action="store_true",
        help="the inspected body's workbook (the force's, the service's: the framework names "
        "it): the tables and only the cases referred back (--for-force is the same)",
    )


def cmd_export(path: Path, out: Path, options: ExportOptions) -> int:
    """Write the workbook; exit 0 naming it, or 2 with one line (nothing written)."""
    from auditor.exporting.export import ExportError, export_workbook

    writable_file(path, NOT_EXPORTED)
    try:
        with Inspection.open(path) as inspection:
            export_workbook(inspection, out, options)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    print(f"Wrote {out}")
    return EXIT_OK


def cmd_import(
    path: Path,
    source: Path,
    documents: Path | None,
    assessor: str | None,
    encrypt: bool = False,
    limits: Limits | None = None,
    inspection_name: str | None = None,
    framework_path: Path | None = None,
) -> int:
    """Import a file; exit 0 with what changed, or 2 listing every problem (nothing written)."""
    from auditor.importing.run import import_file

    framework = _framework(framework_path)
    if not os.path.lexists(source):  # a link is there, and is refused by name when read
        raise UsageError(f"{source}: no such file")
    new_or_writable_file(path, NOT_IMPORTED)
    inspection_name = _new_name(path, inspection_name)
    passphrase = encryption_cli.new_file_passphrase(path, encrypt)
    name = assessor or getpass.getuser() or "Unnamed inspector"
    try:
        with encrypting_new_files(passphrase):
            report = import_file(
                path,
                source,
                name,
                documents,
                limits=limits or Limits(),
                name=inspection_name,
                framework=framework,
            )
    except ImportFailed as exc:
        raise UsageError(str(exc)) from None
    except ImportRefused as refused:
        for line in refusal_lines(source, refused.problems):
            print(line, file=sys.stderr)
        return EXIT_USAGE
    print(f"Imported {source} into {path}:")
    for line in report.lines():
        print(f"  {line}")
    return EXIT_OK


def _framework(path: Path | None) -> Framework | None:
    """``--framework``: the file read strictly (a bad one refused in one line), or None."""
    if path is None:
        return None
    return chosen_framework(path)


def _new_name(path: Path, name: str | None) -> str | None:
    """``--name``: the new inspection's name, spaces tidied; refused for an existing PATH."""
    if name is None:
        return None
    if path.exists():
        raise UsageError(f"{path}: already exists; --name names a new inspection file only")
    tidy = " ".join(name.split())
    if not tidy:
        raise UsageError("--name: the inspection's name is empty")
    return tidy


def refusal_lines(source: Path, problems: Problems) -> list[str]:
    """One summary line, then the problems indented; a single problem is one line."""
    lines = problems.lines()
    if len(problems) == 1:
        only = problems.items[0]
        named = str(only) if only.where == str(source) else f"{source}: {only}"
        return [f"case-auditor: Nothing imported: {named}"]
    return [
        f"case-auditor: Nothing imported: {source} has {len(problems)} problem(s), by sheet, "
        "row and column:",
        *(f"  {line}" for line in lines),
    ]
