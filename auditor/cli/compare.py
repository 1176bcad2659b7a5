"""``case-auditor compare``: inspections side by side in a workbook (see auditor.cli.entry).

``compare --db NOW.caseaudit --with EARLIER.caseaudit [--with ...] OUT.xlsx`` writes the
Comparison, Criteria, Timeliness, Chart and About sheets (``auditor.analysis.compare``),
atomically, and logs the disclosure in each file compared before the workbook takes its name.
Every file is checked and opened before anything is written: a missing file, a file that is
not an inspection, a wrong passphrase or an OUT that is not .xlsx is one line on standard
error, exit 2, and nothing is written anywhere. ``--as KEYFILE`` signs the disclosures in
every signed file compared. pandas is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import getpass
from contextlib import ExitStack
from pathlib import Path

from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_as_option,
    add_command,
    given_path,
    given_text,
    writable_file,
)
from auditor.errors import Refused
from auditor.inspection import Inspection
from auditor.people import session
from db.errors import SQLITE_ERRORS, StorageError

COMMANDS: tuple[str, ...] = ("compare",)
NOT_WRITTEN = "comparing logs the disclosure in each file, so no workbook was written"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``compare`` to the ``case-auditor`` parser."""
    compare = add_command(
        commands,
        "compare",
        "compare inspections side by side in a workbook (case types, criteria, timeliness)",
        {
            EXIT_OK: "the workbook is written and logged as a disclosure in each file",
            EXIT_USAGE: "no workbook written (a missing file, not an inspection, a wrong "
            "passphrase, OUT not .xlsx): one line on standard error",
        },
    )
    compare.add_argument(
        "--db",
        type=given_path,
        required=True,
        metavar="NOW",
        help="the inspection now (its columns come first; changes are it minus the last)",
    )
    compare.add_argument(
        "--with",
        dest="earlier",
        type=given_path,
        action="append",
        required=True,
        metavar="EARLIER",
        help="an earlier inspection to compare with (repeat for more, latest first)",
    )
    compare.add_argument("out", type=given_path, metavar="OUT", help="the .xlsx workbook to write")
    compare.add_argument(
        "--redact",
        action="store_true",
        help="for sharing beyond the team: counts <5 hidden, as in the redacted export",
    )
    compare.add_argument(
        "--recipient",
        type=given_text,
        default="",
        metavar="NAME",
        help="who receives the workbook (recorded in each file's audit log)",
    )
    add_as_option(compare)


def run(args: argparse.Namespace) -> int:
    """Write the comparison; exit 0 naming it, or raise UsageError (nothing written)."""
    paths = [args.db, *args.earlier]
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the workbook's name must end in .xlsx")
    if not out.parent.is_dir():
        raise UsageError(f"{out}: the folder {out.parent} does not exist")
    seen: dict[Path, Path] = {}
    for path in paths:
        writable_file(path, NOT_WRITTEN)
        real = path.resolve()
        if real in seen:
            raise UsageError(f"{path}: is given twice (as {seen[real]}); compare different files")
        seen[real] = path
    key = session.key_for(args.db)  # --as: the same person signs in every file compared
    if key is not None:
        for path in args.earlier:
            session.sign_in_here(path, key)
    compare_files(paths, out, redact=args.redact, recipient=args.recipient)
    print(f"Wrote {out}: {len(paths)} inspections compared")
    return EXIT_OK


def compare_files(paths: list[Path], out: Path, *, redact: bool, recipient: str) -> None:
    """Open every file (all of them, before anything is written), then write the comparison."""
    from auditor.analysis import AnalysisError, export_comparison

    with ExitStack() as stack:
        opened = [stack.enter_context(_open(p)) for p in paths]
        try:
            export_comparison(
                opened,
                out,
                redact=redact,
                recipient=recipient,
                who=f" by {getpass.getuser()} from the command line",
            )
        except AnalysisError as exc:
            raise UsageError(str(exc)) from None


def _open(path: Path) -> Inspection:
    try:
        return Inspection.open(path)
    except Refused:
        raise
    except SQLITE_ERRORS as exc:  # not an inspection file at all
        raise StorageError(f"{path}: could not be read as an inspection file ({exc})") from None


__all__ = ["COMMANDS", "EXIT_USAGE", "add_parsers", "compare_files", "run"]
