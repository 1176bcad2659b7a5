"""scripts/system-deps.sh waits for another apt run holding the dpkg lock, not fails at once."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.support import ROOT

SCRIPT = ROOT / "scripts" / "system-deps.sh"
LOCK = Path("/var/lib/dpkg/lock-frontend")
HELD_S = 3.0


@pytest.mark.skipif(
    shutil.which("apt-get") is None or os.geteuid() != 0 or not LOCK.parent.is_dir(),
    reason="needs apt-get, and root to take the dpkg lock as another apt run would",
)
def test_apt_waits_for_the_dpkg_lock_held_by_another_process() -> None:
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o640)
    fcntl.lockf(fd, fcntl.LOCK_EX)  # as apt and dpkg take it
    released = threading.Timer(HELD_S, lambda: os.close(fd))  # closing the file releases it
    started = time.monotonic()
    released.start()
    try:
        result = subprocess.run(
            ["bash", "-c", f'. "{SCRIPT}" --define-only && apt_get check -qq'],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        released.join()
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert took >= HELD_S - 0.5  # it waited for the lock to be released, then ran
