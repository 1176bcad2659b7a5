"""Which modules the workstation loads at start-up, found in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
#: What starting the window and the command line imports (the parser built, as ``main`` does).
START_UP = (
    "import auditor.inspection, auditor.cli, auditor.cli.entry, ui.shell.launcher\n"
    "from auditor.cli.commands import build_parser\n"
    "build_parser()\n"
)


def loaded_at_start_up(package: str) -> list[str]:
    """The modules of ``package`` (it or its submodules) loaded by start-up alone."""
    code = (
        f"import sys\n{START_UP}"
        f"print('\\n'.join(sorted(m for m in sys.modules "
        f"if m == {package!r} or m.startswith({package + '.'!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout.split()
