"""Killing the program at random moments never loses a committed grade or corrupts the file.

A child process commits grades and notes through the grading core and reports each save once
it has returned; the test kills it with SIGKILL at random moments, many times. After every
kill, each save reported is in the file, the tables agree with the audit log (every grade row
and its audit row are both present or both absent) and the integrity check says ok.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from auditor.audit.rebuild import audit_discrepancies
from auditor.inspection import Inspection
from tests.support import CHILDREN

CHILD = CHILDREN / "crash_child.py"
KILLS = 50
SAVES_PER_RUN = 50  # the child is killed part-way through most runs


def run_and_kill(path: Path, run: int, rng: random.Random) -> list[str]:
    """Start the child, let it save for a random moment, SIGKILL it; the saves it reported."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(run), str(SAVES_PER_RUN)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    reported: list[str] = []
    target = rng.randint(1, SAVES_PER_RUN + 5)  # beyond the count: the run ends on its own
    deadline = time.monotonic() + rng.uniform(0.0, 0.02)
    while len(reported) < target:
        line = child.stdout.readline()
        if not line:
            break
        reported.append(line.split()[1])
    while time.monotonic() < deadline:
        pass  # a random moment more, possibly in the middle of the next save
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    for line in child.stdout:  # lines already written before the kill
        if line.startswith("saved "):
            reported.append(line.split()[1])
    child.stdout.close()
    if child.stderr:
        child.stderr.close()
    return reported


def test_sigkill_at_random_moments_loses_no_committed_save(demo_path: Path) -> None:
    rng = random.Random(8)
    total = 0
    for run in range(KILLS):
        reported = run_and_kill(demo_path, run, rng)
        total += len(reported)
        with Inspection.open(demo_path) as inspection:
            assert inspection.integrity() == ["ok"], f"run {run}"
            logged = {
                row[0]
                for row in inspection.db.execute(
                    "SELECT new_value FROM audit_log WHERE new_value LIKE ?", [f"r{run}-s%"]
                )
            }
            missing = [save for save in reported if save not in logged]
            assert missing == [], f"run {run}: saves reported but lost: {missing}"
            assert audit_discrepancies(inspection) == [], f"run {run}"
    assert total >= 1000, f"only {total} saves were made across {KILLS} kills"
