"""``python -m auditor``: the command line without the window."""

from auditor.cli import run

run()
