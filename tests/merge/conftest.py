"""Fixtures for the merge tests: one base inspection, copied to each laptop."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.merge.merge_support import copy_of, make_base


@pytest.fixture(scope="session")
def merge_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lead's inspection before it goes out to the laptops (written once per run)."""
    return make_base(tmp_path_factory.mktemp("merge") / "base.caseaudit")


@pytest.fixture
def laptop_a(merge_base: Path, tmp_path: Path) -> Path:
    return copy_of(merge_base, tmp_path / "laptop-a.caseaudit")


@pytest.fixture
def laptop_b(merge_base: Path, tmp_path: Path) -> Path:
    return copy_of(merge_base, tmp_path / "laptop-b.caseaudit")


@pytest.fixture
def lead(merge_base: Path, tmp_path: Path) -> Path:
    return copy_of(merge_base, tmp_path / "lead.caseaudit")
