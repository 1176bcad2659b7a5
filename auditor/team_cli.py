"""Command-line commands for team inspections: ``package`` and ``merge`` (see auditor.cli)."""

from __future__ import annotations

import argparse

#: The subcommands this module adds and runs.
COMMANDS: tuple[str, ...] = ()


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``case-auditor`` parser."""


def run(args: argparse.Namespace) -> int:
    """Run one of ``COMMANDS``; returns the exit code (raise cli.UsageError for bad input)."""
    raise NotImplementedError(args.command)
