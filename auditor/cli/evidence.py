"""The ``search`` command: the inspection's documents matching a search (see auditor.cli.entry).

``case-auditor search --db PATH QUERY`` prints one line per matching document, best first:
``REFERENCE<TAB>DOCUMENT NAME<TAB>snippet``, the snippet on one line with the matched words as
the document writes them. Documents not yet in the index (a file from before it, a merge by an
older version) are indexed first. Nothing matching is exit 0 with nothing printed; a search
that cannot be run (an unbalanced quote, nothing to search for) is one line, exit 2, nothing
written. The search is logged in the file as a consultation, before anything is printed.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_as_option,
    add_command,
    add_db_option,
    writable_file,
)
from auditor.evidence.index import Hit
from auditor.evidence.query import fts_query
from auditor.inspection import Inspection

#: The subcommands this module adds and runs.
COMMANDS: tuple[str, ...] = ("search",)
NOT_SEARCHED = "a search is logged in the file, so nothing was searched"
#: Tabs, line breaks and other control characters: never inside one of a line's fields.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``case-auditor`` parser."""
    search = add_command(
        commands,
        "search",
        'list the documents matching a search (words, prefix*, "a phrase"), best first',
        {
            EXIT_OK: "searched: one line per matching document, REFERENCE<TAB>DOCUMENT "
            "NAME<TAB>snippet (nothing printed when none matches); logged as a consultation",
            EXIT_USAGE: "not searched (a search that cannot be run, such as an unbalanced "
            "quote; no such file, a read-only file, a missing passphrase): one line on "
            "standard error, nothing written",
        },
    )
    add_db_option(search, "inspection file to search")
    add_as_option(search)
    search.add_argument(
        "query",
        metavar="QUERY",
        help="what to find: every word must be in the document; neglect* for words starting "
        'so; "not seen" for words together (quote QUERY for the shell)',
    )


def run(args: argparse.Namespace) -> int:
    """Run one of ``COMMANDS``; returns the exit code (bad input raises UsageError)."""
    return search(args.db, args.query)


def search(path: Path, query: str) -> int:
    """Print the documents matching ``query``, best first; log the search."""
    fts_query(query)  # a search that cannot be run is refused before the file is opened
    writable_file(path, NOT_SEARCHED)
    with Inspection.open(path) as inspection:
        if inspection.signed and inspection.me is None:
            raise UsageError(
                f"{path}: this inspection is signed: a search is logged, by someone on its "
                "roster signed in with their key (--as KEYFILE); nothing searched"
            )
        missing = inspection.search.unindexed()
        if missing:
            print(
                f"case-auditor: indexing {missing:,} document(s) not yet searchable",
                file=sys.stderr,
            )
            inspection.search.index_missing()
        hits = inspection.search.documents(query, limit=None)
        inspection.search.log_search(
            inspection.me, query, len(hits), by=f"{getpass.getuser()} from the command line"
        )
    for hit in hits:
        print(line(hit))
    return EXIT_OK


def line(hit: Hit) -> str:
    """One hit as its line: reference, document name and snippet, tab-separated."""
    return "\t".join(
        _field(text) for text in (hit.reference, hit.title or hit.filename, hit.plain_snippet())
    )


def _field(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


__all__ = ["COMMANDS", "add_parsers", "line", "run", "search"]
