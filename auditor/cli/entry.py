"""The ``case-auditor`` command line: open the window, write the demo, check a file.

The window itself lives in ``ui``; ``ui.shell.launcher`` passes a function that opens it, so this
module (and the whole core) never imports Qt. Exit codes, the same for every command:

- 0: done;
- 1: only ``check``, the file is damaged (or not an inspection file);
- 2: a usage error, a refusal or a failure to write: one line on standard error that says
  where and what (``import`` then lists the file's problems), and nothing written;
- 70: a fault in the program itself (a bug, not the input): one line naming the file its
  traceback was saved to (``auditor.cli.faults``);
- 141: standard output was closed before everything was printed (``check | head -1``): not
  reported, like any program SIGPIPE ends (the Python documentation's recipe: the rest of the
  output goes to the null device, so the flush at exit cannot fail again).

No path prints a traceback: SQLite's and the operating system's errors are named in words, and
anything else is logged as a fault.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from auditor.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_OK,
    EXIT_UNHEALTHY,
    EXIT_USAGE,
    OpenWindow,
    UsageError,
    add_window_db_option,
)
from auditor.cli.encryption import cli_source
from auditor.cli.faults import EXIT_FAULT, log_fault
from auditor.encryption import use_source
from auditor.errors import Refused
from db import lock
from db.errors import SQLITE_ERRORS

__all__ = ["EXIT_OK", "EXIT_UNHEALTHY", "EXIT_USAGE", "UsageError", "main", "window_request"]


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """Run the command line; returns the exit code."""
    previous = use_source(cli_source)  # the window installs its own
    waiting = lock.wait_seconds, lock.on_wait
    lock.wait_seconds = lock_wait_seconds()  # a second writer waits, says so, then refuses
    lock.on_wait = _say
    try:
        code = _run(argv, open_window)
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


def window_request(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """``argv`` parsed when it asks only for the window (nothing, or ``--db PATH``), else None.

    The window's start then builds no command's parser and loads no command's module; anything
    else (a command, ``--help``, a mistake) goes to the full parser, which says what is wrong
    exactly as it always has.
    """
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    add_window_db_option(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _run(argv: Sequence[str] | None, open_window: OpenWindow | None) -> int:
    args = None
    try:
        window = window_request(argv) if open_window is not None else None
        if window is not None:
            args = window
            return open_window(window.db)
        # Only now: every command's module (the window's start needs none of them).
        from auditor.cli import commands

        args = commands.build_parser().parse_args(argv)
        return commands.dispatch(args, open_window)
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
    except Exception as exc:  # the last resort: a fault, logged, never a traceback
        command = " ".join(["case-auditor", *(argv if argv is not None else sys.argv[1:])])
        _say(log_fault(exc, command))
        return EXIT_FAULT
    return EXIT_USAGE


def _say(message: str) -> None:
    print(f"case-auditor: {message}", file=sys.stderr)


def run() -> None:
    """Entry point without the window (``python -m auditor``)."""
    sys.exit(main())
