"""Fixtures for the backup tests: the demo inspection open, and a backups folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The backups root (the window uses ``backups`` in the app's data folder)."""
    return tmp_path / "data" / "backups"
