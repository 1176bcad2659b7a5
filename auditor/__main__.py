"""``python -m auditor``: the command line without the window."""

from auditor.cli.entry import run

run()
