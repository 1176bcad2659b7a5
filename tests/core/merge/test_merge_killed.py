"""Killing the process mid-merge leaves the target unchanged or fully merged, never half."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from auditor.merging.package import write_package
from auditor.samples.synthetic import fill_synthetic
from tests.support import CHILDREN, ROOT

CHILD = CHILDREN / "merge_child.py"
KILLS = 8


def _counts(path: Path) -> dict[str, int]:
    with Inspection.open(path) as insp:
        assert insp.integrity() == ["ok"]
        counts = insp.counts()
    return counts


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A lead's empty inspection and a laptop's package of 300 graded cases."""
    folder = tmp_path_factory.mktemp("killed-merge")
    lead = folder / "lead.caseaudit"
    laptop = folder / "laptop.caseaudit"
    Inspection.create(laptop, name="Synthetic inspection").close()
    shutil.copyfile(laptop, lead)  # the same inspection, before the laptop's work
    package = folder / "laptop.caseaudit-package"
    with Inspection.open(laptop) as insp:
        write_package(fill_synthetic(insp, 300, events_per_case=10, graded=True), package)
    return lead, package


def _merge(target: Path, package: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(target), str(package)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_a_merge_killed_at_random_moments_is_all_or_nothing(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    lead, package = files
    before = _counts(lead)
    # One merge left to finish: what "fully merged" is, and how long the merge itself takes.
    whole = tmp_path / "whole.caseaudit"
    shutil.copyfile(lead, whole)
    child = _merge(whole, package)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "merging"
    started = time.perf_counter()
    assert child.stdout.readline().strip() == "merged"
    merge_seconds = time.perf_counter() - started
    assert child.wait(timeout=120) == 0
    after = _counts(whole)
    assert after["cases"] == before["cases"] + 300

    outcomes = []
    rng = random.Random(20181)
    for attempt in range(KILLS):
        target = tmp_path / f"target-{attempt}.caseaudit"
        shutil.copyfile(lead, target)
        child = _merge(target, package)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "merging"
        time.sleep(rng.uniform(0, merge_seconds * 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        counts = _counts(target)  # opening recovers the WAL; the integrity check passes
        assert counts in (before, after), f"kill {attempt}: half merged: {counts}"
        outcomes.append("unchanged" if counts == before else "merged")
    # The kills landed inside the merge, not all after it (else the test proves nothing).
    assert "unchanged" in outcomes, outcomes
    print(f"merge {merge_seconds:.2f} s; after each kill: {outcomes}")
