"""The ``case-auditor`` command line: open the window, write the demo, check a file.

The window itself lives in ``ui``; ``ui.shell.launcher`` passes a function that opens it, so this
module (and the whole core) never imports Qt. Exit codes, the same for every command:

- 0: done;
- 1: only ``check``, the file is damaged (or not an inspection file);
- 2: a usage error, a refusal or a failure to write: one line on standard error that says
  where and what (``import`` then lists the file's problems), and nothing written;
- 141: standard output was closed before everything was printed (``check | head -1``): not
  reported, like any program SIGPIPE ends (the Python documentation's recipe: the rest of the
  output goes to the null device, so the flush at exit cannot fail again).

No path prints a traceback: SQLite's and the operating system's errors are named in words.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.cli import allocation as allocation_cli
from auditor.cli import compare as compare_cli
from auditor.cli import encryption as encryption_cli
from auditor.cli import evidence as evidence_cli
from auditor.cli import people as people_cli
from auditor.cli import team as team_cli
from auditor.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_OK,
    EXIT_UNHEALTHY,
    EXIT_USAGE,
    Parser,
    UsageError,
    add_as_option,
    add_command,
    add_db_option,
    new_or_writable_file,
    writable_file,
)
from auditor.cli.files import cmd_check, cmd_demo
from auditor.encryption import encrypting_new_files, use_source
from auditor.errors import Refused
from auditor.importing.limits import DOCUMENT_FLAG, FILE_FLAG, MB, ROWS_FLAG, Limits
from auditor.importing.problems import ImportFailed, ImportRefused, Problems
from auditor.inspection import Inspection
from db import lock
from db.errors import (
    SQLITE_ERRORS,
)

if TYPE_CHECKING:
    from auditor.exporting.export import ExportOptions

__all__ = ["EXIT_OK", "EXIT_UNHEALTHY", "EXIT_USAGE", "UsageError", "build_parser", "main"]

OpenWindow = Callable[[Path | None], int]
NOT_EXPORTED = "exporting logs the disclosure in the file, so no workbook was written"
NOT_IMPORTED = "nothing imported"
ONE_LINE = "one line on standard error"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="case-auditor",
        description="Case File Auditor: grade child-protection case files for an inspection.",
        epilog="exit codes: 0 done; 1 (check only) the file is damaged; 2 a usage error or "
        "nothing written (one line on standard error); 141 standard output closed early",
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="inspection file to open in the window (default: the last one used, or the demo)",
    )
    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    demo = add_command(
        commands,
        "demo",
        "write the fictional demo inspection to a new file",
        {
            EXIT_OK: "the demo is written",
            EXIT_USAGE: "not written (PATH exists, its folder is missing or read-only, a full "
            f"disk): {ONE_LINE}",
        },
    )
    add_db_option(demo, "new inspection file to write")
    demo.add_argument(
        "--signed",
        action="store_true",
        help="signed, with fictional people's keys (resources/demo/keys; see the user guide)",
    )
    check = add_command(
        commands,
        "check",
        "check an inspection file's integrity, schema version and counts",
        {
            EXIT_OK: "the file is healthy (its counts are printed)",
            EXIT_UNHEALTHY: "the file is damaged, or not an inspection file (what SQLite "
            "found is printed)",
            EXIT_USAGE: "not checked (no such file, a folder, a missing or wrong passphrase, "
            f"a newer version's file): {ONE_LINE}",
        },
    )
    add_db_option(check, "inspection file to check")
    _add_import(commands)
    _add_export(commands)
    team_cli.add_parsers(commands)
    allocation_cli.add_parsers(commands)
    encryption_cli.add_parsers(commands)
    people_cli.add_parsers(commands)
    evidence_cli.add_parsers(commands)
    compare_cli.add_parsers(commands)
    return parser


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
        type=Path,
        metavar="FILE",
        help="the .xlsx or .ods workbook or .csv file to import (a regular file, not a link)",
    )
    imp.add_argument(
        "--documents",
        type=Path,
        metavar="DIR",
        help="folder holding one folder of documents per case reference",
    )
    imp.add_argument(
        "--name",
        default=None,
        metavar="NAME",
        help="the new inspection's name, when PATH is created (default: FILE's name, no suffix)",
    )
    imp.add_argument(
        "--assessor",
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
        "out", type=Path, metavar="OUT", help="the .xlsx workbook to write (replaced when complete)"
    )
    exp.add_argument(
        "--recipient",
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
        "--for-force",
        action="store_true",
        help="the force's workbook: the tables and only the cases referred back",
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
) -> int:
    """Import a file; exit 0 with what changed, or 2 listing every problem (nothing written)."""
    from auditor.importing.run import import_file

    if not os.path.lexists(source):  # a link is there, and is refused by name when read
        raise UsageError(f"{source}: no such file")
    new_or_writable_file(path, NOT_IMPORTED)
    inspection_name = _new_name(path, inspection_name)
    passphrase = encryption_cli.new_file_passphrase(path, encrypt)
    name = assessor or getpass.getuser() or "Unnamed inspector"
    try:
        with encrypting_new_files(passphrase):
            report = import_file(
                path, source, name, documents, limits=limits or Limits(), name=inspection_name
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


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    previous = use_source(encryption_cli.cli_source)  # the window installs its own
    waiting = lock.wait_seconds, lock.on_wait
    lock.wait_seconds = lock_wait_seconds()  # a second writer waits, says so, then refuses
    lock.on_wait = _say
    try:
        code = _run(parser, argv, open_window)
        sys.stdout.flush()  # here, so that a closed pipe is seen now, not at exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    finally:
        use_source(previous)
        lock.wait_seconds, lock.on_wait = waiting


#: Seconds a command waits for a file another writer holds (``CASE_AUDITOR_LOCK_WAIT``).
LOCK_WAIT_SECONDS = 15.0


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("CASE_AUDITOR_LOCK_WAIT", LOCK_WAIT_SECONDS)))
    except ValueError:
        return LOCK_WAIT_SECONDS


def _reader_gone() -> int:
    """Standard output's reader has gone (``| head``): the rest goes to the null device."""
    stream = sys.stdout
    if stream is not None:
        # not a real file (a test's capture): nothing will be flushed to it at exit
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
    return EXIT_BROKEN_PIPE


def _dispatch(args: argparse.Namespace, open_window: OpenWindow | None) -> int:
    people_cli.sign_in_for(args)  # --as KEYFILE: who writes, for this command's file
    if args.command == "demo":
        return cmd_demo(args.db, args.signed)
    if args.command == "check":
        return cmd_check(args.db)
    if args.command == "import":
        try:
            limits = Limits.given(args.max_file_mb, args.max_document_mb, args.max_rows)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        return cmd_import(
            args.db, args.file, args.documents, args.assessor, args.encrypt, limits, args.name
        )
    if args.command in people_cli.COMMANDS:
        return people_cli.run(args)
    if args.command in team_cli.COMMANDS:
        return team_cli.run(args)
    if args.command in allocation_cli.COMMANDS:
        return allocation_cli.run(args)
    if args.command in encryption_cli.COMMANDS:
        return encryption_cli.run(args)
    if args.command in compare_cli.COMMANDS:
        return compare_cli.run(args)
    if args.command in evidence_cli.COMMANDS:
        return evidence_cli.run(args)
    if args.command == "export":
        from auditor.exporting.export import ExportOptions

        options = ExportOptions(
            redact=args.redact, for_force=args.for_force, recipient=args.recipient
        )
        return cmd_export(args.db, args.out, options)
    if open_window is None:
        raise UsageError("the window is not available here; give a command (see --help)")
    return open_window(args.db)


def _run(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    open_window: OpenWindow | None,
) -> int:
    args = None
    try:
        args = parser.parse_args(argv)
        return _dispatch(args, open_window)
    except Refused as exc:  # every refusal a user should read (bad input, a rule, the file)
        _say(str(exc))
    except BrokenPipeError:
        raise  # standard output's reader has gone: main ends quietly
    except OSError as exc:
        where = exc.filename or getattr(args, "db", None) or "case-auditor"
        _say(f"{where}: {exc.strerror or exc}")
    except SQLITE_ERRORS as exc:  # none is expected here: named as such, never a traceback
        where = getattr(args, "db", None) or "case-auditor"
        _say(f"{where}: SQLite failed unexpectedly ({type(exc).__name__}: {exc})")
    return EXIT_USAGE


def _say(message: str) -> None:
    print(f"case-auditor: {message}", file=sys.stderr)


def run() -> None:
    """Entry point without the window (``python -m auditor``)."""
    sys.exit(main())
