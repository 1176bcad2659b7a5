"""The ``case-auditor`` command line: open the window, write the demo, check a file.

The window itself lives in ``ui``; ``ui.launcher`` passes a function that opens it, so this
module (and the whole core) never imports Qt. Usage errors exit 2 with one line; a damaged
file makes ``check`` exit 1; no path prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from auditor import encryption_cli, team_cli
from auditor.framework import FrameworkError

if TYPE_CHECKING:
    from auditor.exporting.export import ExportOptions
from auditor.inspection import InspectionError
from db.errors import PassphraseRequired, StorageError, WrongPassphrase

EXIT_OK = 0
EXIT_UNHEALTHY = 1
EXIT_USAGE = 2

OpenWindow = Callable[[Path | None], int]


class UsageError(Exception):
    """A command line that cannot be carried out."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="case-auditor",
        description="Case File Auditor: grade child-protection case files for an inspection.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="inspection file to open in the window (default: the last one used, or the demo)",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    demo = commands.add_parser("demo", help="write the fictional demo inspection to a new file")
    demo.add_argument("--db", type=Path, required=True, help="new inspection file to write")
    check = commands.add_parser(
        "check", help="check an inspection file's integrity, schema version and counts"
    )
    check.add_argument("--db", type=Path, required=True, help="inspection file to check")
    imp = commands.add_parser(
        "import",
        help="import cases, gradings and chronology from a workbook or CSV (all or nothing)",
    )
    imp.add_argument(
        "--db", type=Path, required=True, help="inspection file (created if it does not exist)"
    )
    imp.add_argument("file", type=Path, help="the .xlsx workbook or .csv file to import")
    imp.add_argument(
        "--documents", type=Path, help="folder holding one folder of documents per case reference"
    )
    imp.add_argument(
        "--assessor",
        default=None,
        help="who imports (and whose grades rows without an Assessor are); default: your login",
    )
    add_encrypt_option(imp)
    exp = commands.add_parser(
        "export", help="write the inspection's Excel workbook (tables, cases, chronology)"
    )
    exp.add_argument("--db", type=Path, required=True, help="inspection file to export")
    exp.add_argument("out", type=Path, help="the .xlsx workbook to write (replaced when complete)")
    exp.add_argument(
        "--recipient", default="", help="who receives the workbook (recorded in the audit log)"
    )
    team_cli.add_parsers(commands)
    encryption_cli.add_parsers(commands)
    kind = exp.add_mutually_exclusive_group()
    kind.add_argument(
        "--redact",
        action="store_true",
        help="for sharing beyond the team: no names or notes, hashed references, counts <5 hidden",
    )
    kind.add_argument(
        "--for-force",
        action="store_true",
        help="the force's workbook: the tables and only the cases referred back",
    )
    return parser


def add_encrypt_option(parser: argparse.ArgumentParser) -> None:
    """``--encrypt``: the new file PATH is encrypted (passphrase from the variable or asked)."""
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt PATH when it is created (passphrase from CASE_AUDITOR_PASSPHRASE or asked)",
    )


def new_file_passphrase(path: Path, encrypt: bool) -> str | None:
    """The passphrase for a new file PATH when ``--encrypt`` was given (else None)."""
    if not encrypt:
        return None
    if path.exists():
        raise UsageError(
            f"{path}: already exists; --encrypt is for a new file "
            "(case-auditor encrypt --db PATH encrypts an existing one)"
        )
    try:
        return encryption_cli.new_passphrase(path)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_export(path: Path, out: Path, options: ExportOptions) -> int:
    """Write the workbook; exit 0 naming it, or 2 with one line (nothing written)."""
    from auditor.exporting.export import ExportError, export_workbook
    from auditor.inspection import Inspection

    if not path.exists():
        raise UsageError(f"{path}: no such inspection file")
    try:
        with Inspection.open(path) as inspection:
            export_workbook(inspection, out, options)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    print(f"Wrote {out}")
    return EXIT_OK


def cmd_demo(path: Path) -> int:
    from auditor.demo import write_demo

    if path.exists():
        raise UsageError(f"{path}: already exists; the demo is written to a new file only")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    with write_demo(path) as inspection:
        counts = inspection.counts()
        graded = inspection.grading.progress()[1]
    print(
        f"Wrote the demo inspection to {path}: {counts['cases']} cases, "
        f"{counts['documents']} documents, {counts['chronology']} chronology events, "
        f"{graded} graded."
    )
    return EXIT_OK


def cmd_check(path: Path) -> int:
    """Integrity check, schema version and counts; exit 0 only when the file is healthy."""
    from db.connection import integrity_check, open_database, read_version
    from db.meta import table_counts
    from db.schema import SCHEMA_VERSION

    if not path.exists():
        raise UsageError(f"{path}: no such inspection file")
    try:
        db = open_database(path, migrate=False, quick_check=False)  # the full check follows
    except (PassphraseRequired, WrongPassphrase):
        raise  # not damage: a usage error (exit 2)
    except StorageError as exc:
        print(f"UNHEALTHY: {exc}")
        return EXIT_UNHEALTHY
    try:
        problems = integrity_check(db)
        _, version = read_version(db)
        counts = table_counts(db) if problems == ["ok"] else {}
    except Exception as exc:  # SQLite reports damage as a DatabaseError of many kinds
        print(f"UNHEALTHY: {path}: the file is damaged ({exc})")
        return EXIT_UNHEALTHY
    finally:
        db.close()
    if problems != ["ok"]:
        print(f"UNHEALTHY: {path}: integrity check found {len(problems)} problem(s):")
        for line in problems[:20]:
            print(f"  {line}")
        return EXIT_UNHEALTHY
    note = "" if version == SCHEMA_VERSION else f" (upgraded to {SCHEMA_VERSION} when opened)"
    print(f"OK: {path}")
    print(f"Integrity check: ok\nSchema version: {version}{note}")
    for table, count in counts.items():
        print(f"{table.replace('_', ' ').capitalize()}: {count}")
    return EXIT_OK


def cmd_import(
    path: Path,
    source: Path,
    documents: Path | None,
    assessor: str | None,
    encrypt: bool = False,
) -> int:
    """Import a file; exit 0 with what changed, or 2 listing every problem (nothing written)."""
    import getpass

    from auditor.encryption import encrypting_new_files
    from auditor.importing.problems import ImportRefused
    from auditor.importing.run import import_file

    if not source.exists():
        raise UsageError(f"{source}: no such file")
    if not path.exists() and not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    passphrase = new_file_passphrase(path, encrypt)
    name = assessor or getpass.getuser() or "Unnamed inspector"
    try:
        with encrypting_new_files(passphrase):
            report = import_file(path, source, name, documents)
    except ImportRefused as refused:
        print(
            f"Nothing imported: {source} has {len(refused.problems)} problem(s):", file=sys.stderr
        )
        for line in refused.problems.lines():
            print(f"  {line}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Imported {source} into {path}:")
    for line in report.lines():
        print(f"  {line}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """Run the command line; returns the exit code."""
    from auditor.encryption import use_source

    parser = build_parser()
    previous = use_source(encryption_cli.cli_source)  # the window installs its own
    try:
        return _run(parser, argv, open_window)
    finally:
        use_source(previous)


def _run(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    open_window: OpenWindow | None,
) -> int:
    try:
        args = parser.parse_args(argv)
        if args.command == "demo":
            return cmd_demo(args.db)
        if args.command == "check":
            return cmd_check(args.db)
        if args.command == "import":
            return cmd_import(args.db, args.file, args.documents, args.assessor, args.encrypt)
        if args.command in team_cli.COMMANDS:
            return team_cli.run(args)
        if args.command in encryption_cli.COMMANDS:
            return encryption_cli.run(args)
        if args.command == "export":
            from auditor.exporting.export import ExportOptions

            options = ExportOptions(
                redact=args.redact, for_force=args.for_force, recipient=args.recipient
            )
            return cmd_export(args.db, args.out, options)
        if open_window is None:
            raise UsageError("the window is not available here; give a command (see --help)")
        return open_window(args.db)
    except UsageError as exc:
        print(f"case-auditor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InspectionError, FrameworkError, StorageError) as exc:
        print(f"case-auditor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"case-auditor: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


def run() -> None:
    """Entry point without the window (``python -m auditor``)."""
    sys.exit(main())
