"""A second writer waits a bounded time for the first, says so, then goes on or is refused."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor import cli
from tests.support import ROOT

HOLDER = """
import sys, time
from auditor.inspection import Inspection
inspection = Inspection.open(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
inspection.close()
"""


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "holding"
    return child


def test_an_export_waits_for_a_writer_that_finishes(
    capsys, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASE_AUDITOR_LOCK_WAIT", "20")
    child = _hold(demo_path, 1.5)
    started = time.monotonic()
    code = cli.main(["export", "--db", str(demo_path), str(tmp_path / "out.xlsx")])
    waited = time.monotonic() - started
    child.wait(timeout=30)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "waiting up to 20 s" in err and str(demo_path) in err
    assert 0.5 < waited < 20


def test_a_writer_that_does_not_finish_in_time_refuses_it(
    capsys, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASE_AUDITOR_LOCK_WAIT", "1")
    child = _hold(demo_path, 6)
    try:
        code = cli.main(["export", "--db", str(demo_path), str(tmp_path / "out.xlsx")])
    finally:
        child.kill()
        child.wait()
    err = capsys.readouterr().err
    assert code == 2 and "open for writing by" in err
    assert not (tmp_path / "out.xlsx").exists()
