"""The ``case-auditor`` command line: ``entry`` parses and dispatches, ``common`` holds the exit
codes and shared checks, one module per command group (``team``, ``encryption``)."""

from auditor.cli.entry import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
