"""The ``case-auditor`` console command: the core's command line, plus the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from auditor import cli


def open_window(path: Path | None) -> int:
    """Open the workstation window (Qt is imported only now, not for other commands)."""
    from ui.shell.app import run_window

    return run_window(path)


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(cli.main(argv, open_window=open_window))
