"""What the tests share: helpers and fixtures by feature, child programs, the window's set-up."""

from __future__ import annotations

from pathlib import Path

#: The checkout (README.md, scripts/, resources/ are under it).
ROOT = Path(__file__).resolve().parents[2]
#: Child programs the crash and kill tests start.
CHILDREN = Path(__file__).resolve().parent
