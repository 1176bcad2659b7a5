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
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from auditor.cli import allocation as allocation_cli
from auditor.cli import compare as compare_cli
from auditor.cli import encryption as encryption_cli
from auditor.cli import evidence as evidence_cli
from auditor.cli import framework as framework_cli
from auditor.cli import people as people_cli
from auditor.cli import team as team_cli
from auditor.cli import transfer as transfer_cli
from auditor.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_OK,
    EXIT_UNHEALTHY,
    EXIT_USAGE,
    Parser,
    UsageError,
    add_command,
    add_db_option,
)
from auditor.cli.files import DEMOS, cmd_check, cmd_demo
from auditor.cli.transfer import ONE_LINE
from auditor.encryption import use_source
from auditor.errors import Refused
from db import lock
from db.errors import (
    SQLITE_ERRORS,
)

__all__ = ["EXIT_OK", "EXIT_UNHEALTHY", "EXIT_USAGE", "UsageError", "build_parser", "main"]

OpenWindow = Callable[[Path | None], int]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="case-auditor",
        description="Case File Auditor: grade an inspection's case files against its framework "
        "(criteria, grades, case types, timeliness: see 'case-auditor framework list').",
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
    demo.add_argument(
        "--framework",
        choices=DEMOS,
        default=DEMOS[0],
        help="whose demo: the 2018 child-protection framework's (the default) or HM "
        "Inspectorate of Probation's",
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
    transfer_cli.add_parsers(commands)
    team_cli.add_parsers(commands)
    allocation_cli.add_parsers(commands)
    encryption_cli.add_parsers(commands)
    people_cli.add_parsers(commands)
    evidence_cli.add_parsers(commands)
    compare_cli.add_parsers(commands)
    framework_cli.add_parsers(commands)
    return parser


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
        return cmd_demo(args.db, args.signed, args.framework)
    if args.command == "check":
        return cmd_check(args.db)
    if args.command in transfer_cli.COMMANDS:
        return transfer_cli.run(args)
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
    if args.command in framework_cli.COMMANDS:
        return framework_cli.run(args)
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
