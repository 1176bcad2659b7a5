"""The bundle's entry point: the ``case-auditor`` console command (``ui.shell.launcher:main``)."""

from __future__ import annotations

import os
import sys


def _give_windowed_launcher_streams() -> None:
    """The Windows launcher without a console has no standard streams (None): the command line
    flushes standard output when the window closes, so they go to the null device instead."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _give_windowed_launcher_streams()
    from ui.shell.launcher import main

    main()
