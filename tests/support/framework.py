"""Helpers for the framework tests: the bundled file's path and one-edit variants of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import (
    BUNDLED_FRAMEWORK,
    FrameworkError,
    load_framework,
)

BUNDLED_PATH = Path(__file__).resolve().parents[2] / "resources" / "frameworks" / BUNDLED_FRAMEWORK


def variant(tmp_path: Path, text: str, old: str, new: str, name: str = "edited.toml") -> Path:
    """Write the bundled framework with one exact edit (``old`` must occur exactly once)."""
    assert text.count(old) == 1, f"the bundled framework no longer contains {old!r} once"
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message
    return message
