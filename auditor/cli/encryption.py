"""Passphrases on the command line, and ``encrypt`` / ``change-passphrase`` (see auditor.cli.entry).

A passphrase is never an argument (it would show in the shell's history and in ``ps``): it
comes from ``CASE_AUDITOR_PASSPHRASE``, else is asked for with ``getpass`` when standard input
is a terminal. A new passphrase (``--encrypt``, ``encrypt``) is asked twice;
``change-passphrase`` reads the new one from ``CASE_AUDITOR_NEW_PASSPHRASE`` or asks.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_command,
    add_db_option,
    writable_file,
)
from auditor.encryption import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    change_passphrase,
    encrypt_file,
    is_encrypted_file,
    new_passphrase_problem,
)
from auditor.inspection import Inspection
from db.errors import PassphraseRequired, WrongPassphrase

#: The subcommands this module adds and runs.
COMMANDS: tuple[str, ...] = ("encrypt", "change-passphrase")
NOTHING_CHANGED = "nothing was changed"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``case-auditor`` parser."""
    encrypt = add_command(
        commands,
        "encrypt",
        f"encrypt an inspection file in place (passphrase from {PASSPHRASE_ENV} or asked)",
        {
            EXIT_OK: "the file is encrypted",
            EXIT_USAGE: "not encrypted (already encrypted, no passphrase, a usage error): "
            "one line on standard error, the file unchanged",
        },
    )
    add_db_option(encrypt, "the plain inspection file to encrypt")
    change = add_command(
        commands,
        "change-passphrase",
        f"change an encrypted file's passphrase (new one from {NEW_PASSPHRASE_ENV} or asked)",
        {
            EXIT_OK: "the passphrase is changed",
            EXIT_USAGE: "not changed (not encrypted, a wrong passphrase, a usage error): one "
            "line on standard error, the file unchanged",
        },
    )
    add_db_option(change, "the encrypted inspection file")


def add_encrypt_option(parser: argparse.ArgumentParser) -> None:
    """``--encrypt``: the new file ``--db PATH`` is encrypted (passphrase from the variable
    or asked)."""
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help=f"encrypt PATH when it is created (passphrase from {PASSPHRASE_ENV} or asked)",
    )


def new_file_passphrase(path: Path, encrypt: bool) -> str | None:
    """The passphrase for a new file ``path`` when ``--encrypt`` was given (else None)."""
    if not encrypt:
        return None
    if path.exists():
        raise UsageError(
            f"{path}: already exists; --encrypt is for a new file "
            "(case-auditor encrypt --db PATH encrypts an existing one)"
        )
    try:
        return new_passphrase(path)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cli_source(path: Path, attempt: int, problem: str) -> str | None:
    """The command line's passphrase for ``path``: the environment variable, else asked."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        if attempt > 1:
            raise WrongPassphrase(
                f"{path}: the passphrase in {PASSPHRASE_ENV} does not open this file "
                "(or it is not an inspection file); nothing was changed"
            )
        return given
    if not _interactive():
        raise PassphraseRequired(
            f"{path}: is encrypted; set {PASSPHRASE_ENV} or run in a terminal to be asked"
        )
    if problem:
        print(f"case-auditor: {problem}", file=sys.stderr)
    answer = getpass.getpass(f"Passphrase for {path}: ")
    return answer or None


def new_passphrase(path: Path, variable: str = PASSPHRASE_ENV) -> str:
    """A new passphrase for ``path``: from ``variable``, else asked twice. Raises ValueError
    with one line when there is none, the two differ, or it is too short."""
    given = os.environ.get(variable)
    if given is None:
        if not _interactive():
            raise ValueError(f"{path}: set {variable} or run in a terminal to choose a passphrase")
        given = getpass.getpass(f"New passphrase for {path}: ")
        if getpass.getpass("The same passphrase again: ") != given:
            raise ValueError(f"{path}: the two passphrases differ; nothing was changed")
    problem = new_passphrase_problem(given)
    if problem:
        raise ValueError(f"{path}: {problem}; nothing was changed")
    return given


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # a closed stdin
        return False


def run(args: argparse.Namespace) -> int:
    """Run one of ``COMMANDS``; returns the exit code (bad input raises UsageError)."""
    path = writable_file(args.db, NOTHING_CHANGED)
    try:
        if args.command == "encrypt":
            return _encrypt(path)
        return _change(path)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _encrypt(path: Path) -> int:
    if is_encrypted_file(path):
        raise UsageError(f"{path}: is already encrypted (change-passphrase changes its key)")
    encrypt_file(path, new_passphrase(path))
    print(f"Encrypted {path}.")
    print(
        "Copies made before now (backups, packages, exported workbooks) are not encrypted: "
        "delete those you no longer need."
    )
    return EXIT_OK


def _change(path: Path) -> int:
    if not is_encrypted_file(path):
        raise UsageError(f"{path}: is not encrypted (case-auditor encrypt encrypts it)")
    with Inspection.open(path) as inspection:
        change_passphrase(inspection, None, new_passphrase(path, NEW_PASSPHRASE_ENV))
    print(f"Changed the passphrase of {path}.")
    return EXIT_OK
