"""Every command of ``case-auditor``: its parser and what runs each command.

Loaded by ``auditor.cli.entry`` only when the command line names a command or asks for help:
opening the window needs none of these modules (merging, importing, comparing: about 30 ms
of the window's start, benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse

from auditor.cli import allocation as allocation_cli
from auditor.cli import compare as compare_cli
from auditor.cli import encryption as encryption_cli
from auditor.cli import evidence as evidence_cli
from auditor.cli import framework as framework_cli
from auditor.cli import people as people_cli
from auditor.cli import team as team_cli
from auditor.cli import transfer as transfer_cli
from auditor.cli.common import (
    EXIT_OK,
    EXIT_UNHEALTHY,
    EXIT_USAGE,
    Commands,
    OpenWindow,
    Parser,
    UsageError,
    add_command,
    add_db_option,
    add_window_db_option,
)
from auditor.cli.files import DEMOS, cmd_check, cmd_demo
from auditor.cli.transfer import ONE_LINE

__all__ = ["build_parser", "dispatch"]

#: The command groups, one module each (its ``add_parsers``, ``COMMANDS`` and ``run``), in the
#: order ``--help`` lists them.
GROUPS = (
    transfer_cli,
    team_cli,
    allocation_cli,
    encryption_cli,
    people_cli,
    evidence_cli,
    compare_cli,
    framework_cli,
)


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser, and the window's ``--db``."""
    parser = Parser(
        prog="case-auditor",
        description="Case File Auditor: grade an inspection's case files against its framework "
        "(criteria, grades, case types, timeliness: see 'case-auditor framework list').",
        epilog="exit codes: 0 done; 1 (check only) the file is damaged; 2 a usage error or "
        "nothing written (one line on standard error); 141 standard output closed early",
    )
    add_window_db_option(parser)
    commands = parser.add_subparsers(
        dest="command", parser_class=Parser, metavar="COMMAND", action=Commands
    )
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
    for group in GROUPS:
        group.add_parsers(commands)
    return parser


def dispatch(args: argparse.Namespace, open_window: OpenWindow | None) -> int:
    """Run the command ``args`` name; with none, open the window (if there is one here)."""
    people_cli.sign_in_for(args)  # --as KEYFILE: who writes, for this command's file
    if args.command == "demo":
        return cmd_demo(args.db, args.signed, args.framework)
    if args.command == "check":
        return cmd_check(args.db)
    for group in GROUPS:
        if args.command in group.COMMANDS:
            return group.run(args)
    if open_window is None:
        raise UsageError("the window is not available here; give a command (see --help)")
    return open_window(args.db)
