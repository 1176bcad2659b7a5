"""Imported first by tests/conftest.py: the window is tested headless, on a 1920x1080 screen
(tests of other sizes start a child with their own). Set before Qt is imported anywhere."""

from __future__ import annotations

import os
from pathlib import Path

SCREEN = Path(__file__).with_name("offscreen-screen.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"
