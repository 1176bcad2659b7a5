"""The ``case-auditor`` console command: the core's command line, plus the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from auditor import cli
from ui.shell.start_up import hold_collection


def open_window(path: Path | None) -> int:
    """Open the workstation window (Qt is imported only now, not for other commands)."""
    hold_collection()  # until the window is shown (run_window releases it)
    from ui.shell.app import run_window

    return run_window(path)


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(cli.main(argv, open_window=open_window))
