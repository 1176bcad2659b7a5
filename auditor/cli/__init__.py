"""The ``case-auditor`` command line: ``entry`` runs it (and opens the window), ``commands``
parses and dispatches every command, ``common`` holds the exit codes and shared checks, one
module per command group (``team``, ``encryption``)."""

from auditor.cli.entry import main, run

__all__ = ["main", "run"]
